"""Extraction on every core: pending articles in chunks through a process pool, one writer.

Plain Python, no Dagster: the `raw_claims` asset calls `extract_pending`. The main process reads
the pending articles from DuckDB in chunks, hands each chunk to a worker process, and writes each
finished chunk itself (`warehouse.store_claims`, one transaction per chunk): DuckDB keeps one
writer, the workers never open the file. At most two chunks per worker are in flight, so memory
stays bounded whatever the number of pending articles.

An article the extractor fails on stays that article's error (`extract_batch` catches per
article). A chunk whose worker died (a broken pool, an unpicklable result) is extracted again in
this process, so its articles still get their own claims or errors.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from orchestration import warehouse
from orchestration.claims import Article, extract_claims

# The largest chunk read, extracted and written as one unit (one transaction).
MAX_CHUNK = 2000
# The smallest chunk worth sending to a worker: below this, pickling and the write dominate.
MIN_CHUNK = 50
# Chunks per worker for a small run, so that one slow chunk does not leave the other cores idle.
CHUNKS_PER_WORKER = 4


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


def chunk_size(pending: int, workers: int) -> int:
    """Chunks small enough to keep every worker busy to the end, large enough to amortise a write."""
    if workers <= 1:
        return MAX_CHUNK
    return max(MIN_CHUNK, min(MAX_CHUNK, math.ceil(pending / (workers * CHUNKS_PER_WORKER))))


@dataclass
class ExtractionTotals:
    articles: int = 0
    claims: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    workers: int = 1


def extract_pending(
    con: duckdb.DuckDBPyConnection,
    version: str,
    workers: int = 1,
    on_chunk: Callable[[ExtractionTotals, dict[str, str]], None] | None = None,
) -> ExtractionTotals:
    """Extract every article not yet read by `version`, writing each chunk as it finishes.

    `workers` 1 extracts in this process; more starts a pool of that many processes.
    `on_chunk(totals, chunk_errors)` is called after each write (progress, warnings).
    """
    pending = warehouse.count_pending(con, version)
    workers = max(1, min(workers, math.ceil(pending / MIN_CHUNK))) if pending else 1
    totals = ExtractionTotals(workers=workers)
    chunks = warehouse.pending_batches(con, version, chunk_size(pending, workers))

    def write(frame: pd.DataFrame, claims: list, errors: dict[str, str]) -> None:
        warehouse.store_claims(con, frame, claims, version, errors)
        totals.articles += len(frame)
        totals.claims += len(claims)
        totals.errors.update(errors)
        if on_chunk is not None:
            on_chunk(totals, errors)

    if workers == 1:
        for frame in chunks:
            write(frame, *extract_batch(frame))
        return totals

    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=warm_up) as pool:
        in_flight: dict[Future, pd.DataFrame] = {}
        exhausted = False
        while in_flight or not exhausted:
            # Reading the next chunk and writing a finished one share the connection, in turn.
            while not exhausted and len(in_flight) < 2 * workers:
                frame = next(chunks, None)
                if frame is None:
                    exhausted = True
                else:
                    in_flight[_submit(pool, frame)] = frame
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                frame = in_flight.pop(future)
                try:
                    claims, errors = future.result()
                except Exception:
                    # The worker, not an article, failed: read the chunk here, article by article.
                    claims, errors = extract_batch(frame)
                write(frame, claims, errors)
    return totals


def _submit(pool: ProcessPoolExecutor, frame: pd.DataFrame) -> Future:
    try:
        return pool.submit(extract_batch, frame)
    except (BrokenProcessPool, RuntimeError) as error:  # a dead pool: finish this chunk here
        future: Future = Future()
        future.set_exception(BrokenProcessPool(str(error)))
        return future


def _context():
    """A fresh server process forks the workers: nothing of this (threaded) process is copied.

    The server warms the extractor up once (orchestration/extractor_warm.py), so each worker
    starts with the lexicons compiled; 'spawn' where there is no forkserver.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["orchestration.extractor_warm"])
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Compile the lexicons and patterns once per worker, before its first chunk."""
    # A warm-up failure shows again, per article, where it is recorded.
    with contextlib.suppress(Exception):
        extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region overnight."))
