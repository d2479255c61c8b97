"""Run the extractor over articles it has not read yet (in batches, on every core) -> raw.claims, raw.extractions."""

import time

import dagster as dg

from orchestration import parallel, settings, warehouse
from orchestration.claims import extractor_version
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="ingest",
    deps=["raw_articles"],
    description="Claims extracted from each article version not yet read by this extractor version.",
    kinds={"python", "duckdb"},
)
def raw_claims(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    version = extractor_version()
    workers = settings.extraction_workers()
    with skyledger.connect() as con:
        pending = warehouse.count_pending(con, version)
        context.log.info(f"{pending} article(s) to extract with extractor {version}, at most {workers} worker(s)")
        started = time.monotonic()

        def progress(totals: parallel.ExtractionTotals, errors: dict[str, str]) -> None:
            for article_id, error in errors.items():
                context.log.warning(f"extraction failed for {article_id}: {error}")
            context.log.info(f"extracted {totals.articles}/{pending} articles, {totals.claims} claims")

        extraction = parallel.extract_pending(con, version, workers, on_chunk=progress)
        done, claims_written, failed = extraction.articles, extraction.claims, len(extraction.errors)
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
            "workers": dg.MetadataValue.int(extraction.workers),
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
