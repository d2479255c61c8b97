"""Load articles from the articles folder into raw.articles, raw.article_rejects, raw.article_duplicates."""

import dagster as dg

from orchestration import warehouse
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="ingest",
    description="Every readable article below the articles folder, stored once per distinct text; "
    "unreadable records go to raw.article_rejects with file, line and reason.",
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),  # a lock held by a reader clears quickly
    kinds={"python", "duckdb"},
)
def raw_articles(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    folder = skyledger.articles()
    with skyledger.connect() as con:
        summary = warehouse.load_articles(con, folder)
        rejects = con.execute(
            "select source_path, source_line, reason, detail from raw.article_rejects "
            "order by rejected_at desc, source_path limit 10"
        ).df()
    context.log.info(f"articles from {folder}: {dict(summary)}")
    return dg.MaterializeResult(
        metadata={
            **{k: dg.MetadataValue.int(v) for k, v in summary.items()},
            "articles_folder": dg.MetadataValue.path(str(folder)),
            "latest_rejects": dg.MetadataValue.md(rejects.to_markdown(index=False) if len(rejects) else "none"),
        }
    )
