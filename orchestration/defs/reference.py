"""Reference tables from the extractor's data files: the gazetteer and the known claimants."""

import dagster as dg
import pandas as pd

from orchestration import warehouse
from orchestration.claims import lexicon
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="reference",
    description="raw.regions and raw.countries from orchestration/claims/data (regions.csv, countries.csv).",
    kinds={"python", "duckdb"},
)
def reference_places(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    regions = pd.DataFrame(lexicon.regions())[["region_code", "country_code", "name", "subdivision_type"]]
    countries = pd.DataFrame(lexicon.countries())[["country_code", "name"]]
    with skyledger.connect() as con:
        warehouse.replace_table(con, "raw.regions", regions)
        warehouse.replace_table(con, "raw.countries", countries)
    return dg.MaterializeResult(
        metadata={
            "regions": dg.MetadataValue.int(len(regions)),
            "countries": dg.MetadataValue.int(len(countries)),
            "regions_per_country": dg.MetadataValue.json(regions["country_code"].value_counts().to_dict()),
        }
    )


@dg.asset(
    group_name="reference",
    description="raw.claimants from orchestration/claims/data/claimants.yml: one row per known claimant.",
    kinds={"python", "duckdb"},
)
def reference_claimants(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    rows = [
        {
            "claimant_id": entry["id"],
            "name": entry["name"],
            "kind": entry["kind"],
            "country": entry.get("country"),
            "aliases": "|".join(str(a) for a in entry.get("aliases") or []),
        }
        for entry in lexicon.claimants()
    ]
    frame = pd.DataFrame(rows, columns=["claimant_id", "name", "kind", "country", "aliases"])
    with skyledger.connect() as con:
        warehouse.replace_table(con, "raw.claimants", frame)
    return dg.MaterializeResult(metadata={"claimants": dg.MetadataValue.int(len(frame))})
