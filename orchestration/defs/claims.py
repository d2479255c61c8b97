"""Run the extractor over articles it has not read yet (in batches) -> raw.claims, raw.extractions."""

import time

import dagster as dg
import pandas as pd

from orchestration import settings, warehouse
from orchestration.claims import Article, extract_claims, extractor_version
from orchestration.defs import spark
from orchestration.defs.resources import SkyledgerWarehouse

BATCH_SIZE = 2000


def extract_batch(frame: pd.DataFrame) -> tuple[list, dict[str, str]]:
    """Claims of every article in the batch, and the articles the extractor failed on."""
    claims, errors = [], {}
    for row in frame.itertuples(index=False):
        published = row.published_date
        article = Article(
            article_id=row.article_id,
            text=row.text,
            # DuckDB dates arrive in pandas as Timestamps (NaT when missing).
            published_date=None if pd.isna(published) else pd.Timestamp(published).date(),
            title=None if pd.isna(row.title) else row.title,
            outlet=None if pd.isna(row.outlet) else row.outlet,
        )
        try:
            claims.extend(extract_claims(article))
        except Exception as error:  # one odd article must not stop the other hundred thousand
            errors[row.article_id] = f"{type(error).__name__}: {error}"[:500]
    return claims, errors


@dg.asset(
    group_name="ingest",
    deps=["raw_articles"],
    description="Claims extracted from each article version not yet read by this extractor version.",
    kinds={"python", "duckdb"},
)
def raw_claims(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    if settings.engine() == "spark":  # the same asset, the extractor run on the cluster
        return spark.raw_claims_on_spark(context, skyledger)
    version = extractor_version()
    with skyledger.connect() as con:
        pending = warehouse.count_pending(con, version)
        context.log.info(f"{pending} article(s) to extract with extractor {version}")
        done, claims_written, failed, started = 0, 0, 0, time.monotonic()
        for frame in warehouse.pending_batches(con, version, BATCH_SIZE):
            claims, errors = extract_batch(frame)
            warehouse.store_claims(con, frame, claims, version, errors)
            done += len(frame)
            claims_written += len(claims)
            failed += len(errors)
            for article_id, error in errors.items():
                context.log.warning(f"extraction failed for {article_id}: {error}")
            context.log.info(f"extracted {done}/{pending} articles, {claims_written} claims")
        per_day = con.execute(
            "select coalesce(period_end, a.published_date) as day, count(*) as claims from raw.claims c "
            "join raw.articles a using (article_id) where day is not null group by day order by day"
        ).df()
        totals = con.execute(
            "select count(*), count(distinct article_id), count(*) filter (where not is_place_resolved) from raw.claims"
        ).fetchone()
    seconds = time.monotonic() - started
    return dg.MaterializeResult(
        metadata={
            "articles_extracted": dg.MetadataValue.int(done),
            "claims_written": dg.MetadataValue.int(claims_written),
            "extraction_errors": dg.MetadataValue.int(failed),
            "claims_total": dg.MetadataValue.int(totals[0]),
            "articles_with_claims": dg.MetadataValue.int(totals[1]),
            "unresolved_places": dg.MetadataValue.int(totals[2]),
            "extractor_version": dg.MetadataValue.text(version),
            "articles_per_second": dg.MetadataValue.float(round(done / seconds, 1) if seconds else 0.0),
            "claims_per_day": dg.MetadataValue.md(_bar_chart(per_day)),
        }
    )


def _bar_chart(per_day) -> str:
    """A small text chart of claims per day, readable in the asset's metadata panel."""
    if per_day.empty:
        return "no dated claims"
    tail = per_day.tail(30)
    top = max(int(tail["claims"].max()), 1)
    lines = ["| day | claims | |", "|---|---:|---|"]
    for day, claims in tail.itertuples(index=False):
        lines.append(f"| {day} | {claims} | {'█' * max(1, round(20 * claims / top))} |")
    return "\n".join(lines)
