"""Extraction in a process pool writes exactly what one process writes, through the one writer."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import duckdb
import pytest

from orchestration import article_extraction, parallel, settings, warehouse

DEV_ARTICLES = Path(__file__).parent / "corpus" / "dev" / "articles"
CLAIM_KEY = "select * exclude (extracted_at) from raw.claims order by claim_id"
EXTRACTION_KEY = "select * exclude (extracted_at) from raw.extractions order by article_id"


def _extract(tmp_path: Path, workers: int, name: str) -> tuple[list, list, parallel.ExtractionTotals]:
    con = warehouse.connect(tmp_path / f"{name}.duckdb")
    try:
        warehouse.load_articles(con, DEV_ARTICLES)
        totals = parallel.extract_pending(con, "v-test", workers)
        assert warehouse.count_pending(con, "v-test") == 0
        return con.execute(CLAIM_KEY).fetchall(), con.execute(EXTRACTION_KEY).fetchall(), totals
    finally:
        con.close()


def test_two_workers_write_the_same_claims_and_extractions_as_one(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_CHUNK", 10)  # the dev corpus in several chunks, not one
    one_claims, one_extractions, one = _extract(tmp_path, 1, "one")
    two_claims, two_extractions, two = _extract(tmp_path, 2, "two")
    assert two.workers == 2 and one.workers == 1
    assert len(one_claims) > 100
    assert two_claims == one_claims
    assert two_extractions == one_extractions
    assert (two.articles, two.claims, two.errors) == (one.articles, one.claims, one.errors)


def test_an_article_over_its_time_budget_in_a_worker_is_its_error_and_the_rest_go_on(tmp_path: Path, monkeypatch):
    # The budget set in this process reaches the workers; one far below any article's time stops
    # every article there, each recorded with its own error, none lost, nothing raised.
    monkeypatch.setattr(parallel, "MIN_CHUNK", 10)
    monkeypatch.setattr(article_extraction, "ARTICLE_SECONDS", 1e-6)
    con = warehouse.connect(tmp_path / "budget.duckdb")
    try:
        warehouse.load_articles(con, DEV_ARTICLES)
        totals = parallel.extract_pending(con, "v-test", 2)
        rows = con.execute("select error from raw.extractions").fetchall()
        claims = con.execute("select count(*) from raw.claims").fetchone()[0]
    finally:
        con.close()
    assert totals.workers == 2
    assert len(rows) == totals.articles == len(totals.errors) > 0
    assert all(error and error.startswith("ArticleTimeout: stopped after 1e-06 s") for (error,) in rows)
    assert claims == 0


def test_a_chunk_whose_worker_died_is_extracted_here(tmp_path: Path, monkeypatch):
    one_claims, one_extractions, _ = _extract(tmp_path, 1, "one")

    def dead_pool(pool, frame, seconds):
        future = parallel.Future()
        future.set_exception(parallel.BrokenProcessPool("a worker died"))
        return future

    monkeypatch.setattr(parallel, "MIN_CHUNK", 10)
    monkeypatch.setattr(parallel, "_submit", dead_pool)
    claims, extractions, totals = _extract(tmp_path, 2, "dead")
    assert totals.workers == 2
    assert (claims, extractions) == (one_claims, one_extractions)


def test_a_pool_is_not_started_for_fewer_articles_than_a_chunk(tmp_path: Path):
    *_, totals = _extract(tmp_path, 8, "few")  # 84 articles, chunks of at least 50: two workers at most
    assert totals.workers == 2


@pytest.mark.parametrize(
    ("pending", "workers", "expected"),
    [(100_000, 1, 2000), (100_000, 2, 2000), (1000, 2, 125), (120, 16, 50)],
    ids=["one-worker-largest", "many-pending-largest", "few-pending-shared", "never-below-minimum"],
)
def test_chunks_keep_every_worker_busy_but_stay_worth_a_write(pending, workers, expected):
    assert parallel.chunk_size(pending, workers) == expected


def test_workers_default_to_the_cores_and_follow_the_setting(monkeypatch):
    monkeypatch.delenv("SKYLEDGER_WORKERS", raising=False)
    assert settings.extraction_workers() >= 1
    monkeypatch.setenv("SKYLEDGER_WORKERS", "3")
    assert settings.extraction_workers() == 3
    assert settings.extraction_workers(5) == 5
    monkeypatch.setenv("SKYLEDGER_WORKERS", "0")
    with pytest.raises(ValueError, match="1 or more"):
        settings.extraction_workers()


def test_a_build_starts_the_warm_server_in_a_folder_named_after_it_and_removes_a_killed_ones(tmp_path: Path):
    # orchestration/extraction_server.py: started at the top of a build (before its imports), in
    # multiprocessing's temporary folder named after the process, gone when the process exits; a
    # killed build's folder (its process gone) is removed by the next one.
    import os
    import subprocess
    import sys
    import tempfile

    # A short folder: the server's socket lies in it, and pytest's own folders can be too long.
    temp = Path(tempfile.mkdtemp(prefix="skytest-", dir="/tmp"))
    dead = temp / "sky-999999999.abcdefgh"
    dead.mkdir()
    script = (
        "import os; from multiprocessing import util; from orchestration import extraction_server as server; "
        "print(server.start(None), server.started(), os.getpid(), util.get_temp_dir())"
    )
    env = {**os.environ, "TMPDIR": str(temp), "SKYLEDGER_ENGINE": "duckdb", "SKYLEDGER_WORKERS": "2"}
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    started, started_again, pid, folder = completed.stdout.split()
    assert (started, started_again) == ("True", "True")
    assert Path(folder).parent == temp and Path(folder).name.startswith(f"sky-{pid}.")
    assert list(temp.iterdir()) == []  # the killed build's folder and its own

    # One worker: extraction in this process, no server.
    env["SKYLEDGER_WORKERS"] = "1"
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert completed.stdout.split()[:2] == ["False", "False"]
    shutil.rmtree(temp)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interruption_the_write_swallowed_still_stops_extraction_and_leaves_the_rest_pending(
    tmp_path: Path, monkeypatch, workers: int
):
    # Dagster's handler raises on SIGTERM, but the exception can land inside DuckDB or Arrow converting
    # a frame and come out as their own error, which the per-article fallback used to catch: the build
    # then went on to the end, or marked articles failed. Here the handler in place swallows the signal
    # outright; extraction must still stop after the chunk in hand, every pool worker must be gone,
    # and no article may be recorded as failed.
    monkeypatch.setattr(parallel, "MIN_CHUNK", 10)
    monkeypatch.setattr(parallel, "MAX_CHUNK", 20)  # one process reads the dev corpus in several chunks too
    previous = signal.signal(signal.SIGTERM, lambda signo, frame: None)
    sent = []

    def interrupt_once(totals, errors):
        if not sent:
            sent.append(totals.articles)
            os.kill(os.getpid(), signal.SIGTERM)

    con = warehouse.connect(tmp_path / "stopped.duckdb")
    try:
        warehouse.load_articles(con, DEV_ARTICLES)
        pending = warehouse.count_pending(con, "v-test")
        with pytest.raises(KeyboardInterrupt, match="signal 15"):
            parallel.extract_pending(con, "v-test", workers, on_chunk=interrupt_once)
        written, failed = con.execute("select count(*), count(error) from raw.extractions").fetchone()
        left = warehouse.count_pending(con, "v-test")
    finally:
        con.close()
        signal.signal(signal.SIGTERM, previous)
    assert sent and 0 < written < pending and written + left == pending
    assert failed == 0
    assert signal.getsignal(signal.SIGTERM) is previous  # the note is taken down again
    assert multiprocessing.active_children() == []  # no pool worker left behind


def test_a_refused_write_while_interrupted_is_raised_not_recorded_against_the_articles(tmp_path: Path, monkeypatch):
    con = warehouse.connect(tmp_path / "refused.duckdb")
    try:
        warehouse.load_articles(con, DEV_ARTICLES)
        frame = next(warehouse.pending_batches(con, "v-test", 5))

        def refuse(*args, **kwargs):
            raise duckdb.InvalidInputException("Python exception occurred while converting")

        monkeypatch.setattr(warehouse, "store_claims", refuse)
        errors: dict[str, str] = {}
        with pytest.raises(duckdb.InvalidInputException):
            parallel.store_batch(con, frame, [], "v-test", errors, interrupted=[signal.SIGTERM])
        assert errors == {}
    finally:
        con.close()
