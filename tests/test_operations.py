"""Everyday operation of `skyledger build`: errors in one line, one build per warehouse, a build
with nothing to do that does nothing, publishing that never loses what readers have, and output
for people (stage lines, a log file).

The error cases run the real command (they stop before the pipeline starts, in about a second);
one seeds build, then a second one with nothing new, serve the rest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration import paths, preflight, publish_guard
from orchestration.preflight import BuildError, BuildLock

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SKYLEDGER = [sys.executable, "-m", "orchestration.cli"]


def skyledger(*args: str, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*SKYLEDGER, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(completed: subprocess.CompletedProcess, *fragments: str) -> str:
    assert completed.returncode == 2, (completed.returncode, completed.stdout[-2000:], completed.stderr[-2000:])
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("skyledger: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in completed.stdout + completed.stderr
    return lines[0]


# --- errors in one line ----------------------------------------------------------------------


def test_a_missing_articles_folder_is_one_line_and_nothing_is_written(tmp_path: Path):
    completed = skyledger("build", "--articles", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert_one_line_error(completed, "does not exist", "--articles")
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "published").exists()


def test_a_file_given_as_the_articles_folder_says_so(tmp_path: Path):
    article = tmp_path / "one.txt"
    article.write_text("Two drones were shot down over the Kursk region.", "utf-8")
    completed = skyledger("build", "--articles", str(article), "--warehouse", str(tmp_path / "w.duckdb"))
    assert_one_line_error(completed, "names a file, not a folder", f"--articles {tmp_path}")


def test_a_bad_workers_setting_is_one_line(tmp_path: Path, monkeypatch):
    (tmp_path / "a").mkdir()
    monkeypatch.setenv("SKYLEDGER_WORKERS", "zero")
    completed = skyledger("build", "--articles", str(tmp_path / "a"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert_one_line_error(completed, "SKYLEDGER_WORKERS is 'zero'", "unset it")
    assert not (tmp_path / "w.duckdb").exists()


def test_an_unreadable_articles_folder_is_one_line(tmp_path: Path, monkeypatch):
    # Tests run as root, whom permissions do not stop: the check is driven through os.access.
    monkeypatch.setattr(preflight.os, "access", lambda path, mode: False)
    with pytest.raises(BuildError, match="cannot be read"):
        preflight.check_articles(tmp_path)


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda tmp: tmp / "a-file" / "w.duckdb", id="below-a-file"),
        pytest.param(lambda tmp: Path("/sys/skyledger-test/w.duckdb"), id="read-only-system-folder"),
    ],
)
def test_an_unwritable_warehouse_location_is_one_line(tmp_path: Path, where):
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "articles").mkdir()
    warehouse = where(tmp_path)
    completed = skyledger("build", "--articles", str(tmp_path / "articles"), "--warehouse", str(warehouse))
    assert_one_line_error(completed, f"cannot write the warehouse {warehouse}", "--warehouse")


def test_a_warehouse_held_by_another_process_names_it(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    (tmp_path / "articles").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); print(1, flush=True); "
         "time.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "1"
        completed = skyledger("build", "--articles", str(tmp_path / "articles"), "--warehouse", str(warehouse))
        assert_one_line_error(completed, "is held by process", str(holder.pid), "published copy")
    finally:
        holder.kill()
        holder.wait()


def test_a_second_build_on_the_same_warehouse_fails_at_once_with_no_wait(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    (tmp_path / "articles").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from orchestration.preflight import "
         f"BuildLock; BuildLock(Path({str(paths.lock_path(warehouse))!r})).acquire(); print(1, flush=True); "
         "time.sleep(60)"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "1"
        started = time.monotonic()
        completed = skyledger(
            "build", "--no-wait", "--articles", str(tmp_path / "articles"), "--warehouse", str(warehouse)
        )
        assert_one_line_error(completed, "a build is already running on this warehouse", f"process {holder.pid}")
        assert time.monotonic() - started < 60  # it did not wait for the holder
    finally:
        holder.kill()
        holder.wait()


def test_a_build_waits_for_the_one_running_and_says_so(tmp_path: Path):
    lock_file = tmp_path / "w.skyledger" / "build.lock"
    first, second = BuildLock(lock_file), BuildLock(lock_file)
    first.acquire()
    told: list[str] = []
    waiter = threading.Thread(target=lambda: second.acquire(wait=True, notify=told.append, poll=0.05))
    waiter.start()
    time.sleep(0.5)
    assert waiter.is_alive() and told and "waiting for the build already running" in told[0]
    first.release()
    waiter.join(timeout=10)
    assert not waiter.is_alive()
    second.release()


def test_an_unwritable_location_inside_dagster_is_not_retried(tmp_path: Path):
    from orchestration.defs.resources import SkyledgerWarehouse

    (tmp_path / "a-file").write_text("not a folder")
    resource = SkyledgerWarehouse(warehouse_path=str(tmp_path / "a-file" / "w.duckdb"))
    with pytest.raises(dg.Failure) as failure, resource.connect():
        pass
    assert failure.value.allow_retries is False
    assert "cannot write the warehouse" in failure.value.description


# --- every warehouse its own files ----------------------------------------------------------------


def test_two_warehouses_in_one_folder_share_no_file():
    a, b = Path("/tmp/x/a.duckdb"), Path("/tmp/x/b.duckdb")
    of = lambda w: {  # noqa: E731
        paths.published_path(warehouse=w), paths.parquet_dir(warehouse=w), paths.docs_path(warehouse=w),
        paths.dbt_target_dir(w), paths.dbt_log_dir(w), paths.log_dir(w), paths.lock_path(w),
    }  # fmt: skip
    assert not of(a) & of(b)
    assert paths.published_path(warehouse=Path("/p/data/warehouse.duckdb")) == Path(
        "/p/data/published/warehouse.duckdb"
    )


# --- a seeds build, then one with nothing to do -----------------------------------------------


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("operations")
    articles = scratch / "articles"
    shutil.copytree(SEEDS, articles)
    warehouse = scratch / "w.duckdb"
    env = {"SKYLEDGER_PUBLISHED": "", "SKYLEDGER_PARQUET": "", "SKYLEDGER_DOCS": ""}
    first = skyledger("build", "--articles", str(articles), "--warehouse", str(warehouse), env=env)
    published = paths.published_path(warehouse=warehouse)
    docs = paths.docs_path(warehouse=warehouse)
    before = (published.stat().st_ino, docs.stat().st_mtime_ns) if published.exists() else None
    second = skyledger("build", "--articles", str(articles), "--warehouse", str(warehouse), env=env)
    after = (published.stat().st_ino, docs.stat().st_mtime_ns) if published.exists() else None
    as_json = skyledger("build", "--json", "--articles", str(articles), "--warehouse", str(warehouse), env=env)
    return {
        "scratch": scratch, "articles": articles, "warehouse": warehouse, "first": first, "second": second,
        "json": as_json, "published": published, "before": before, "after": after,
    }  # fmt: skip


def test_the_first_build_prints_one_line_per_stage_and_logs_everything_to_a_file(two_builds):
    first = two_builds["first"]
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    out = first.stdout
    for stage in ("articles ", "reference ", "extraction ", "dbt ", "docs ", "publish "):
        assert any(line.startswith(stage) for line in out.splitlines()), (stage, out)
    assert "START test" not in out and "PASS=" not in out and "STEP_START" not in out
    assert len(out.splitlines()) < 45, out
    log_line = next(line for line in out.splitlines() if line.strip().startswith("log "))
    log = Path(log_line.split()[-1])
    assert log.parent == paths.log_dir(two_builds["warehouse"])
    text = log.read_text()
    assert "STEP_START" in text and "PASS=" in text  # Dagster's events and dbt's own lines


def test_tests_and_checks_are_counted_in_one_vocabulary(two_builds):
    out = two_builds["first"].stdout
    dbt_line = next(line for line in out.splitlines() if line.startswith("dbt "))
    tests_line = next(line for line in out.splitlines() if line.strip().startswith("tests "))
    summary = json.loads(two_builds["json"].stdout)
    total = summary["tests_passed"] + summary["tests_warned"] + summary["tests_failed"]
    assert f"{total} tests: {summary['tests_passed']} passed" in dbt_line
    assert f"{summary['tests_passed']} passed, {summary['tests_warned']} warned" in tests_line


def test_a_build_with_nothing_new_does_nothing_and_says_so(two_builds):
    second = two_builds["second"]
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "nothing to do" in second.stdout
    assert not any(line.startswith(("dbt ", "extraction ")) for line in second.stdout.splitlines())  # no stage ran
    # the published copy and the docs page were not rewritten
    assert two_builds["before"] is not None and two_builds["after"] == two_builds["before"]
    con = duckdb.connect(str(two_builds["warehouse"]), read_only=True)
    try:
        outcomes = [r[0] for r in con.execute("select outcome from ops.builds order by finished_at").fetchall()]
    finally:
        con.close()
    assert outcomes == ["built", "nothing to do", "nothing to do"]


def test_the_summary_time_is_the_commands_wall_time(two_builds):
    summary = json.loads(two_builds["json"].stdout)
    assert summary["nothing_to_do"] is True
    # the reported time includes start-up: it is never zero for a process that imported Python
    assert summary["seconds"] > 0


def test_the_sensors_first_tick_leaves_a_current_warehouse_alone(two_builds, monkeypatch):
    monkeypatch.setenv("SKYLEDGER_WAREHOUSE", str(two_builds["warehouse"]))
    monkeypatch.setenv("SKYLEDGER_ARTICLES", str(two_builds["articles"]))
    from orchestration.defs.jobs import new_articles_sensor

    with dg.instance_for_test() as instance:
        tick = new_articles_sensor(dg.build_sensor_context(instance=instance, cursor=None))
        assert isinstance(tick, dg.SkipReason), tick
        assert "already read every file" in tick.skip_message
        (two_builds["articles"] / "late.txt").write_text("Two drones were shot down over the Bryansk region.")
        try:
            again = new_articles_sensor(dg.build_sensor_context(instance=instance, cursor=None))
        finally:
            (two_builds["articles"] / "late.txt").unlink()
        assert isinstance(again, dg.RunRequest)


def test_an_empty_folder_does_not_replace_the_published_copy(two_builds):
    """A new warehouse built from an empty folder, publishing where the seeds build published."""
    empty = two_builds["scratch"] / "empty"
    empty.mkdir()
    published = two_builds["published"]
    inode = published.stat().st_ino
    env = {"SKYLEDGER_PUBLISHED": str(published), "SKYLEDGER_PARQUET": "", "SKYLEDGER_DOCS": ""}
    completed = skyledger(
        "build", "--articles", str(empty), "--warehouse", str(two_builds["scratch"] / "other.duckdb"), env=env
    )
    assert completed.returncode == 1, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "NOT replaced" in completed.stdout and "--allow-shrink" in completed.stdout
    assert published.stat().st_ino == inode
    assert publish_guard.article_count(published) == 5


def test_the_shrink_guard_allows_growth_and_a_first_copy(tmp_path: Path):
    def warehouse(path: Path, articles: int) -> Path:
        con = duckdb.connect(str(path))
        con.execute("create schema raw")
        con.execute(f"create table raw.articles as select range as article_id from range({articles})")
        con.close()
        return path

    small, big = warehouse(tmp_path / "small.duckdb", 2), warehouse(tmp_path / "big.duckdb", 5)
    assert publish_guard.shrink_reason(big, tmp_path / "none.duckdb") is None
    assert publish_guard.shrink_reason(big, small) is None
    reason = publish_guard.shrink_reason(small, big)
    assert reason and "2 articles" in reason and "has 5" in reason and "--allow-shrink" in reason


def test_the_folder_state_lists_what_the_loader_lists(tmp_path: Path):
    from orchestration import build_state
    from orchestration.loading import list_article_files

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("one.txt", "a/two.json", "a/b/three.jsonl", ".hidden/four.txt", "a/.five.txt"):
        (tmp_path / name).write_text(name)
    listed = [p.relative_to(tmp_path).as_posix() for p in list_article_files(tmp_path)]
    assert list(build_state.folder_files(tmp_path)) == listed == ["a/b/three.jsonl", "a/two.json", "one.txt"]
