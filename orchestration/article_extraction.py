"""One article through the extractor, as every engine runs it: plain Python, no DuckDB, no pandas.

The single-process path and the process pool (orchestration/parallel.py) and the Spark executors
(orchestration/spark/executor_side.py, which ship this module with orchestration/claims and
orchestration/reference_date.py) all call `extract_article`, so an article gets the same claims,
or the same error, whichever engine reads it:

- an article without a publication date is read against the date its own text gives, if any;
- the extractor runs within a time budget (ARTICLE_SECONDS);
- every claim's evidence must be the slice of the text its offsets name;
- any exception, a run over the budget or a bad slice is that article's error, never the batch's.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager, suppress
from datetime import date
from functools import cache

from orchestration.claims import Article, extract_claims
from orchestration.reference_date import infer_reference_date

# The longest one article may take. The extractor reads 400,000 characters (the loader's limit)
# in seconds; an article still running after this is stopped and recorded as an extraction error.
ARTICLE_SECONDS = 60.0


class ArticleTimeout(Exception):
    """An article ran over its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise ArticleTimeout inside the block after `seconds` (SIGALRM: only in a main thread, where
    the pool's workers, Spark's Python workers, Dagster's in-process executor and the CLI run;
    elsewhere the block runs unbounded)."""
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


@cache
def warm_up() -> None:
    """Load the lexicons and compile the patterns once per process, outside any article's budget."""
    # An extractor that fails here fails on the articles too, and each is recorded there.
    with suppress(Exception):
        extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region, the ministry said."))


def make_article(
    article_id: str, text: str, published_date: date | None, title: str | None, outlet: str | None
) -> Article:
    """The article as the extractor reads it: undated, it is dated by its own text when it can be."""
    return Article(
        article_id=article_id,
        text=text,
        published_date=published_date if published_date is not None else reference_date(text),
        title=title,
        outlet=outlet,
    )


def reference_date(text: str) -> date | None:
    """The date an article's own text gives (a dateline, a written date), if any."""
    try:
        found = infer_reference_date(text)
    except Exception:  # an odd text must not stop the batch: the article stays undated
        return None
    return found.reference_date if found else None


def extract_article(article: Article, seconds: float | None) -> tuple[list, str | None]:
    """(claims, None), or ([], the error) when the extractor failed on the article."""
    warm_up()
    try:
        with time_budget(seconds):
            claims = extract_claims(article)
        check_evidence(article, claims)
    except Exception as error:  # one odd article must not stop the other hundred thousand
        return [], f"{type(error).__name__}: {error}"[:500]
    return claims, None


def check_evidence(article: Article, claims: list) -> None:
    """Every claim's evidence must be the slice of the text its offsets name (the dbt invariant)."""
    for claim in claims:
        start, end = claim.evidence_start, claim.evidence_end
        if not (0 <= start <= end <= len(article.text)) or article.text[start:end] != claim.evidence_text:
            raise ValueError(f"claim {claim.claim_id}: evidence [{start}:{end}] does not slice the text")
