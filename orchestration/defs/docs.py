"""After dbt: the static documentation page (lineage and columns) that analysts read."""

import dagster as dg

from orchestration import docs_site, settings
from orchestration.defs.publish import MART_KEYS
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="publish",
    deps=MART_KEYS,
    description="dbt's documentation as one self-contained page (data/published/docs/index.html): "
    "every mart and column described, and the lineage from raw tables to marts.",
    kinds={"dbt", "html"},
)
def docs_page(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    warehouse = skyledger.path()
    page = docs_site.build_docs_site(warehouse, settings.docs_path(warehouse=warehouse))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(page)),
            "bytes": dg.MetadataValue.int(page.stat().st_size),
        }
    )
