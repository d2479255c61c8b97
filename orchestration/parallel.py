"""Extraction on every core: pending articles in chunks through a process pool, one writer.

Plain Python, no Dagster: the `raw_claims` asset calls `extract_pending`. The main process reads
the pending articles from DuckDB in chunks, hands each chunk to a worker process, and writes each
finished chunk itself (`store_batch`, one transaction per chunk): DuckDB keeps one writer, the
workers never open the file. At most two chunks per worker are in flight, so memory stays bounded
whatever the number of pending articles.

One article never costs the others: an exception, a claim whose evidence does not slice the text,
or a run over the time budget is that article's extraction error (raw.extractions.error, with the
article id), wherever it runs (`extract_batch`, in a worker or in this process, calls
orchestration/article_extraction.py for each article). A chunk whose
worker died (a broken pool, an unpicklable result) is extracted again in this process, so its
articles still get their own claims or errors. A chunk the database refuses is stored article by
article, so only the article at fault is lost.
"""

from __future__ import annotations

import math
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from orchestration import article_extraction, extraction_server, warehouse
from orchestration.article_extraction import warm_up

# The largest chunk read, extracted and written as one unit (one transaction).
MAX_CHUNK = 2000
# The smallest chunk worth sending to a worker: below this, pickling and the write dominate.
MIN_CHUNK = 50
# Chunks per worker for a small run, so that one slow chunk does not leave the other cores idle.
CHUNKS_PER_WORKER = 4


def extract_batch(frame: pd.DataFrame, seconds: float | None = -1.0) -> tuple[list, dict[str, str]]:
    """Claims of every article in the batch, and the articles the extractor failed on.

    `seconds`: each article's time budget (default article_extraction.ARTICLE_SECONDS, None for
    no limit)."""
    seconds = article_extraction.ARTICLE_SECONDS if seconds == -1.0 else seconds
    claims, errors = [], {}
    for row in frame.itertuples(index=False):
        published = row.published_date
        article = article_extraction.make_article(
            row.article_id,
            row.text,
            # DuckDB dates arrive in pandas as Timestamps (NaT when missing).
            None if pd.isna(published) else pd.Timestamp(published).date(),
            None if pd.isna(row.title) else row.title,
            None if pd.isna(row.outlet) else row.outlet,
        )
        found, error = article_extraction.extract_article(article, seconds)
        if error is not None:
            errors[row.article_id] = error
        claims.extend(found)
    return claims, errors


def store_batch(
    con, frame: pd.DataFrame, claims: list, version: str, errors: dict[str, str], interrupted: list[int] | None = None
) -> None:
    """One transaction for the batch; if the database refuses it, one per article, so that only
    the article at fault is lost (recorded with its error and no claims). A noted interruption
    (`interrupted`) is no article's fault: it is raised, and the chunk stays pending."""
    try:
        warehouse.store_claims(con, frame, claims, version, errors)
        return
    except Exception:  # duckdb refuses a value: find the article, keep the rest
        if interrupted:  # an interruption DuckDB turned into its own error: no article's fault
            raise
    for index in range(len(frame)):
        one = frame.iloc[index : index + 1]
        article_id = one["article_id"].iloc[0]
        mine = [c for c in claims if c.article_id == article_id]
        try:
            warehouse.store_claims(con, one, mine, version, errors)
        except Exception as error:
            if interrupted:
                raise
            errors[article_id] = f"storing its claims failed: {type(error).__name__}: {error}"[:500]
            warehouse.store_claims(con, one, [], version, errors)


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

    `workers` 1 extracts in this process; more starts a pool of at most that many processes
    (fewer when there are fewer chunks' worth of articles: one worker forked from the warm server
    when the build started it, extraction_server.started()). `on_chunk(totals, chunk_errors)` is
    called after each write (progress, warnings).
    """
    pending = warehouse.count_pending(con, version)
    # Asked for a pool, but too few articles for two workers: one worker forked from the warm
    # server, if the build started it, rather than warming the extractor up here.
    one_in_pool = workers >= 2 and bool(pending) and extraction_server.started()
    workers = max(1, min(workers, math.ceil(pending / MIN_CHUNK))) if pending else 1
    totals = ExtractionTotals(workers=workers)
    chunks = warehouse.pending_batches(con, version, chunk_size(pending, workers))
    # Read when the run starts, so the budget set here reaches the workers too.
    seconds = article_extraction.ARTICLE_SECONDS

    with _noting_interrupts() as interrupted:

        def write(frame: pd.DataFrame, claims: list, errors: dict[str, str]) -> None:
            store_batch(con, frame, claims, version, errors, interrupted)
            totals.articles += len(frame)
            totals.claims += len(claims)
            totals.errors.update(errors)
            if on_chunk is not None:
                on_chunk(totals, errors)

        if workers == 1 and not one_in_pool:
            for frame in chunks:
                write(frame, *extract_batch(frame, seconds))
                _stop_if(interrupted)
            return totals
        return _extract_in_pool(chunks, workers, seconds, write, interrupted, totals)


def _extract_in_pool(
    chunks: Iterator[pd.DataFrame],
    workers: int,
    seconds: float | None,
    write: Callable[[pd.DataFrame, list, dict[str, str]], None],
    interrupted: list[int],
    totals: ExtractionTotals,
) -> ExtractionTotals:
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=warm_up)
    try:
        in_flight: dict[Future, pd.DataFrame] = {}
        exhausted = False
        while in_flight or not exhausted:
            # Reading the next chunk and writing a finished one share the connection, in turn.
            while not exhausted and len(in_flight) < 2 * workers:
                frame = next(chunks, None)
                if frame is None:
                    exhausted = True
                else:
                    in_flight[_submit(pool, frame, seconds)] = frame
            # Woken twice a second, so a noted interrupt stops the run without waiting for a chunk.
            done, _ = wait(in_flight, timeout=0.5, return_when=FIRST_COMPLETED)
            _stop_if(interrupted)
            for future in done:
                frame = in_flight.pop(future)
                try:
                    claims, errors = future.result()
                except Exception:
                    # The worker, not an article, failed: read the chunk here, article by article.
                    claims, errors = extract_batch(frame, seconds)
                write(frame, claims, errors)
                _stop_if(interrupted)
        pool.shutdown()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, a write that failed): the chunks in flight are lost anyway and
        # the next build reads them again. Waiting for them instead, a second signal cut the shutdown
        # short and left idle workers that the interpreter's exit then waited for forever.
        _end_workers(pool)
        raise
    return totals


@contextmanager
def _noting_interrupts() -> Iterator[list[int]]:
    """Notes SIGINT and SIGTERM, then hands them to the handler in place (Dagster's raises an
    interruption). That exception can land inside C code converting a frame (DuckDB, Arrow), which
    turns it into an ordinary error that the per-article fallbacks catch: the note still stops the
    run after the chunk being written."""
    noted: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield noted
        return
    previous = {signo: signal.getsignal(signo) for signo in (signal.SIGINT, signal.SIGTERM)}

    def note(signo: int, frame) -> None:
        noted.append(signo)
        handler = previous[signo]
        if callable(handler):
            handler(signo, frame)
        elif handler == signal.SIG_DFL:
            signal.signal(signo, signal.SIG_DFL)
            os.kill(os.getpid(), signo)

    for signo, handler in previous.items():
        if handler != signal.SIG_IGN:
            signal.signal(signo, note)
    try:
        yield noted
    finally:
        for signo, handler in previous.items():
            if signal.getsignal(signo) is note:
                signal.signal(signo, handler)


def _stop_if(interrupted: list[int]) -> None:
    if interrupted:
        raise KeyboardInterrupt(f"extraction stopped by signal {interrupted[0]}")


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, whatever they are doing (no public way before Python 3.14)."""
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


def _submit(pool: ProcessPoolExecutor, frame: pd.DataFrame, seconds: float | None) -> Future:
    try:
        return pool.submit(extract_batch, frame, seconds)
    except (BrokenProcessPool, RuntimeError) as error:  # a dead pool: finish this chunk here
        future: Future = Future()
        future.set_exception(BrokenProcessPool(str(error)))
        return future


def _context():
    """A fresh server process forks the workers: nothing of this (threaded) process is copied.

    The server warms the extractor up once (orchestration/extractor_warm.py), so each worker
    starts with the lexicons compiled; 'spawn' where there is no forkserver. `skyledger build`
    starts the server before its own imports (orchestration/extraction_server.py).
    """
    return extraction_server.context()
