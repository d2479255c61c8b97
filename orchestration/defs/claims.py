"""Run the extractor over articles it has not read yet (in batches) -> raw.claims, raw.extractions.

One article never costs the others: an exception, a claim whose evidence does not slice the text,
or a run over the time budget is that article's extraction error (raw.extractions.error, with the
article id), and the `extraction_errors` check fails; a batch the database refuses is stored
article by article, so only the article at fault is lost.
"""

import signal
import threading
import time
from contextlib import contextmanager, suppress
from functools import cache

import dagster as dg
import pandas as pd

from orchestration import warehouse
from orchestration.claims import Article, extract_claims, extractor_version
from orchestration.claims.numbers import MAX_COUNT
from orchestration.defs.resources import SkyledgerWarehouse
from orchestration.reference_date import infer_reference_date

BATCH_SIZE = 2000
# The longest one article may take. The extractor reads 400,000 characters (the loader's limit)
# in seconds; an article still running after this is stopped and recorded as an extraction error.
ARTICLE_SECONDS = 60.0


class ArticleTimeout(Exception):
    """An article ran over its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise ArticleTimeout inside the block after `seconds` (SIGALRM: only in the main thread,
    where Dagster's in-process executor and the CLI run; elsewhere the block runs unbounded)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    active = True

    def on_alarm(signum, frame):
        if active:
            raise ArticleTimeout(f"stopped after {seconds:g} s, the time budget of one article")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Repeats every half second: an exception raised where Python ignores it (a weakref callback,
    # a __del__) is raised again at the next tick.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_batch(frame: pd.DataFrame, seconds: float | None = -1.0) -> tuple[list, dict[str, str]]:
    """Claims of every article in the batch, and the articles the extractor failed on.

    `seconds`: each article's time budget (default ARTICLE_SECONDS, None for no limit)."""
    seconds = ARTICLE_SECONDS if seconds == -1.0 else seconds
    _warm_up()
    claims, errors = [], {}
    for row in frame.itertuples(index=False):
        published = row.published_date
        article = Article(
            article_id=row.article_id,
            text=row.text,
            # DuckDB dates arrive in pandas as Timestamps (NaT when missing).
            published_date=pd.Timestamp(published).date() if not pd.isna(published) else _reference_date(row.text),
            title=None if pd.isna(row.title) else row.title,
            outlet=None if pd.isna(row.outlet) else row.outlet,
        )
        try:
            with time_budget(seconds):
                found = extract_claims(article)
            _check_evidence(article, found)
        except Exception as error:  # one odd article must not stop the other hundred thousand
            errors[row.article_id] = f"{type(error).__name__}: {error}"[:500]
            continue
        claims.extend(found)
    return claims, errors


@cache
def _warm_up() -> None:
    """Load the lexicons and compile the patterns once, outside any article's time budget."""
    # An extractor that fails here fails on the articles too, and each is recorded there.
    with suppress(Exception):
        extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region, the ministry said."))


def _check_evidence(article: Article, claims: list) -> None:
    """Every claim's evidence must be the slice of the text its offsets name (the dbt invariant)."""
    for claim in claims:
        start, end = claim.evidence_start, claim.evidence_end
        if not (0 <= start <= end <= len(article.text)) or article.text[start:end] != claim.evidence_text:
            raise ValueError(f"claim {claim.claim_id}: evidence [{start}:{end}] does not slice the text")


def store_batch(con, frame: pd.DataFrame, claims: list, version: str, errors: dict[str, str]) -> None:
    """One transaction for the batch; if the database refuses it, one per article, so that only
    the article at fault is lost (recorded with its error and no claims)."""
    try:
        warehouse.store_claims(con, frame, claims, version, errors)
        return
    except Exception:  # duckdb refuses a value: find the article, keep the rest
        pass
    for index in range(len(frame)):
        one = frame.iloc[index : index + 1]
        article_id = one["article_id"].iloc[0]
        mine = [c for c in claims if c.article_id == article_id]
        try:
            warehouse.store_claims(con, one, mine, version, errors)
        except Exception as error:
            errors[article_id] = f"storing its claims failed: {type(error).__name__}: {error}"[:500]
            warehouse.store_claims(con, one, [], version, errors)


def _reference_date(text: str):
    """An article without a publication date is read against the date its own text gives, if any."""
    try:
        found = infer_reference_date(text)
    except Exception:  # an odd text must not stop the batch: the article stays undated
        return None
    return found.reference_date if found else None


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
            f"time budget of {ARTICLE_SECONDS:g} s): the article ids and errors are in the metadata.",
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
    with skyledger.connect() as con:
        pending = warehouse.count_pending(con, version)
        context.log.info(f"{pending} article(s) to extract with extractor {version}")
        done, claims_written, failed, started = 0, 0, 0, time.monotonic()
        for frame in warehouse.pending_batches(con, version, BATCH_SIZE):
            claims, errors = extract_batch(frame)
            store_batch(con, frame, claims, version, errors)
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
