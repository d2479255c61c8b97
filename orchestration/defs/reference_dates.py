"""Articles without a publication date: the reference date their text gives (dateline, or a date
written in the text) -> raw.article_reference_dates, which dbt uses to date their claims."""

import dagster as dg
import pandas as pd

from orchestration import warehouse
from orchestration.defs.resources import SkyledgerWarehouse
from orchestration.reference_date import infer_reference_date

COLUMNS = ["article_id", "content_hash", "reference_date", "basis", "evidence_text"]


def reference_dates(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for article_id, content_hash, text in frame.itertuples(index=False):
        found = infer_reference_date(text)
        rows.append(
            (article_id, content_hash, found.reference_date if found else None, found.basis if found else None,
             found.evidence_text if found else None)
        )  # fmt: skip
    result = pd.DataFrame(rows, columns=COLUMNS)
    result["reference_date"] = pd.to_datetime(result["reference_date"]).dt.date
    return result


@dg.asset(
    group_name="ingest",
    deps=["raw_articles"],
    description="For each article without a publication date: the date its dateline or text gives "
    "(basis and the words it was read from), or none; dbt dates such articles' claims with it.",
    kinds={"python", "duckdb"},
)
def raw_reference_dates(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    with skyledger.connect() as con:
        undated = con.execute(
            "select article_id, content_hash, text from raw.articles where published_date is null order by article_id"
        ).df()
        result = reference_dates(undated) if len(undated) else pd.DataFrame(columns=COLUMNS)
        if not len(result):
            con.execute(
                "create or replace table raw.article_reference_dates (article_id varchar, content_hash varchar, "
                "reference_date date, basis varchar, evidence_text varchar)"
            )
        else:
            warehouse.replace_table(con, "raw.article_reference_dates", result)
    dated = int(result["reference_date"].notna().sum()) if len(result) else 0
    return dg.MaterializeResult(
        metadata={
            "articles_without_publication_date": dg.MetadataValue.int(len(result)),
            "dated_from_text": dg.MetadataValue.int(dated),
            "still_undated": dg.MetadataValue.int(len(result) - dated),
        }
    )
