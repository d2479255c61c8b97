"""Load articles from the articles folder into raw.articles, raw.article_rejects, raw.article_duplicates."""

import dagster as dg

from orchestration import warehouse
from orchestration.defs.resources import SkyledgerWarehouse

# The `article_rejects` check warns on any reject and fails when more than this share of the
# folder's records (articles, duplicates and rejects together) is rejected: a wrong folder, an
# encoding gone wrong, a feed replaced by an error page.
REJECT_SHARE_LIMIT = 0.5


@dg.asset(
    group_name="ingest",
    description="Every readable article below the articles folder, stored once per distinct text; "
    "unreadable records go to raw.article_rejects with file, line and reason.",
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),  # a lock held by a reader clears quickly
    kinds={"python", "duckdb"},
    check_specs=[
        dg.AssetCheckSpec(
            "article_rejects",
            asset="raw_articles",
            description="Warns when records of the articles folder were rejected (reasons in the metadata); "
            f"fails when more than {REJECT_SHARE_LIMIT:.0%} of its records are.",
        )
    ],
)
def raw_articles(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    folder = skyledger.articles()
    with skyledger.connect() as con:
        summary = warehouse.load_articles(con, folder)
        rejects = con.execute(
            "select source_path, source_line, reason, detail from raw.article_rejects "
            "order by rejected_at desc, source_path limit 10"
        ).df()
        by_reason = con.execute(
            "select reason, count(*) from raw.article_rejects group by reason order by count(*) desc, reason"
        ).fetchall()
        stored = con.execute(
            "select (select count(*) from raw.articles) + (select count(*) from raw.article_duplicates)"
        ).fetchone()[0]
    context.log.info(f"articles from {folder}: {dict(summary)}")
    rejected = sum(n for _, n in by_reason)
    share = rejected / (rejected + stored) if rejected + stored else 0.0
    check = dg.AssetCheckResult(
        check_name="article_rejects",
        passed=rejected == 0,
        severity=dg.AssetCheckSeverity.ERROR if share > REJECT_SHARE_LIMIT else dg.AssetCheckSeverity.WARN,
        metadata={
            "rejects": dg.MetadataValue.int(rejected),
            "reject_share": dg.MetadataValue.float(round(share, 4)),
            "limit": dg.MetadataValue.float(REJECT_SHARE_LIMIT),
            "by_reason": dg.MetadataValue.json(dict(by_reason)),
        },
    )
    return dg.MaterializeResult(
        check_results=[check],
        metadata={
            **{k: dg.MetadataValue.int(v) for k, v in summary.items()},
            "articles_folder": dg.MetadataValue.path(str(folder)),
            "latest_rejects": dg.MetadataValue.md(rejects.to_markdown(index=False) if len(rejects) else "none"),
        },
    )
