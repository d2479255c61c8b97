"""Run the extractor over articles it has not read yet (in batches, on every core) -> raw.claims, raw.extractions.

The work is orchestration/parallel.py's: one article never costs the others (an exception, a
claim whose evidence does not slice the text, or a run over the time budget is that article's
extraction error in raw.extractions.error, with the article id), and the `extraction_errors`
check fails; a batch the database refuses is stored article by article, so only the article at
fault is lost.
"""

import time

import dagster as dg

from orchestration import article_extraction, parallel, settings, warehouse
from orchestration.claims import extractor_version
from orchestration.claims.numbers import MAX_COUNT
from orchestration.defs import spark
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="ingest",
    deps=["raw_articles"],
    description="Claims extracted from each article version not yet read by this extractor version.",
    kinds={"python", "duckdb"},
    check_specs=[
        dg.AssetCheckSpec(
            "extraction_errors",
            asset="raw_claims",
            description="Fails when the extractor failed on an article (an exception or a run over the "
            f"time budget of {article_extraction.ARTICLE_SECONDS:g} s): the article ids and errors are in the "
            "metadata.",
        ),
        dg.AssetCheckSpec(
            "claim_counts_in_range",
            asset="raw_claims",
            description=f"Warns when claims were kept out of raw.claims for a count outside 0..{MAX_COUNT:,} "
            "(raw.claim_rejects).",
        ),
    ],
)
def raw_claims(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    version = extractor_version()
    engine = settings.engine()
    workers = skyledger.extraction_workers()
    with skyledger.connect() as con:
        pending = warehouse.count_pending(con, version)
        where = "on the Spark cluster" if engine == "spark" else f"at most {workers} worker(s)"
        context.log.info(f"{pending} article(s) to extract with extractor {version}, {where}")
        started = time.monotonic()

        def progress(totals: parallel.ExtractionTotals, errors: dict[str, str]) -> None:
            for article_id, error in errors.items():
                context.log.warning(f"extraction failed for {article_id}: {error}")
            context.log.info(f"extracted {totals.articles}/{pending} articles, {totals.claims} claims")

        if engine == "spark":  # the same asset, the extractor run on the cluster
            extraction, engine_metadata = spark.extract_on_spark(context, con, skyledger, version, on_chunk=progress)
        else:
            extraction = parallel.extract_pending(con, version, workers, on_chunk=progress)
            engine_metadata = {"workers": dg.MetadataValue.int(extraction.workers)}
        done, claims_written, failed = extraction.articles, extraction.claims, len(extraction.errors)
        per_day = con.execute(
            "select coalesce(period_end, a.published_date) as day, count(*) as claims from raw.claims c "
            "join raw.articles a using (article_id) where day is not null group by day order by day"
        ).df()
        totals = con.execute(
            "select count(*), count(distinct article_id), count(*) filter (where not is_place_resolved) from raw.claims"
        ).fetchone()
        # Errors of the current extractor version, over every run: an article that failed stays failed.
        error_rows = con.execute(
            "select article_id, error from raw.extractions where error is not null and extractor_version = ? "
            "order by article_id",
            [version],
        ).fetchall()
        rejected = con.execute(
            "select article_id, count_text, detail from raw.claim_rejects where extractor_version = ? "
            "order by article_id, evidence_start",
            [version],
        ).fetchall()
    seconds = time.monotonic() - started
    checks = [
        dg.AssetCheckResult(
            check_name="extraction_errors",
            passed=not error_rows,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "failed_articles": dg.MetadataValue.int(len(error_rows)),
                "errors": dg.MetadataValue.md(_table(["article_id", "error"], error_rows) if error_rows else "none"),
            },
        ),
        dg.AssetCheckResult(
            check_name="claim_counts_in_range",
            passed=not rejected,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "rejected_claims": dg.MetadataValue.int(len(rejected)),
                "rejects": dg.MetadataValue.md(
                    _table(["article_id", "count_text", "detail"], rejected) if rejected else "none"
                ),
            },
        ),
    ]
    return dg.MaterializeResult(
        check_results=checks,
        metadata={
            "articles_extracted": dg.MetadataValue.int(done),
            "claims_written": dg.MetadataValue.int(claims_written),
            "extraction_errors": dg.MetadataValue.int(failed),
            "claims_rejected": dg.MetadataValue.int(len(rejected)),
            "claims_total": dg.MetadataValue.int(totals[0]),
            "articles_with_claims": dg.MetadataValue.int(totals[1]),
            "unresolved_places": dg.MetadataValue.int(totals[2]),
            "extractor_version": dg.MetadataValue.text(version),
            "engine": dg.MetadataValue.text(engine),
            **engine_metadata,
            "articles_per_second": dg.MetadataValue.float(round(done / seconds, 1) if seconds else 0.0),
            "claims_per_day": dg.MetadataValue.md(_bar_chart(per_day)),
        },
    )


def _table(header: list[str], rows: list[tuple], limit: int = 20) -> str:
    """A markdown table of the first `limit` rows, cells cut short and pipes escaped."""

    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")[:200]

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"| ... {len(rows) - limit} more | |")
    return "\n".join(lines)


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
