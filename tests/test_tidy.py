"""Tidy after a crash: what a killed publish or docs build left is removed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from orchestration import tidy


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_an_ended_process_go_at_once_and_live_ones_stay(tmp_path: Path):
    dead, alive = dead_pid(), os.getppid()
    (tmp_path / f".warehouse.duckdb.{dead}.20260101T000000.abcd.tmp").write_text("half a file")
    (tmp_path / f".warehouse.duckdb.{alive}.20260101T000000.abcd.tmp").write_text("being written")
    (tmp_path / f".parquet.{dead}.20260101T000000.abcd.tmp").mkdir()
    (tmp_path / ".parquet.20260101T000000.abcd").mkdir()  # a published version: not temporary
    (tmp_path / "warehouse.duckdb").write_text("the published copy")
    removed = tidy.remove_dead(tmp_path, ".warehouse.duckdb.", ".tmp") + tidy.remove_dead(tmp_path, ".parquet.", ".tmp")
    assert sorted(p.name for p in removed) == sorted(
        [f".warehouse.duckdb.{dead}.20260101T000000.abcd.tmp", f".parquet.{dead}.20260101T000000.abcd.tmp"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f".warehouse.duckdb.{alive}.20260101T000000.abcd.tmp", ".parquet.20260101T000000.abcd", "warehouse.duckdb"]
    )


def test_an_old_temporary_file_goes_whatever_process_it_names(tmp_path: Path):
    old = tmp_path / f".warehouse.duckdb.{os.getppid()}.x.tmp"
    old.write_text("left for hours")
    legacy = tmp_path / "skyledger_dbt_models-1234567-abcdef"  # a dbt run folder of a killed run
    legacy.mkdir()
    hours_ago = time.time() - 2 * tidy.STALE_SECONDS
    os.utime(old, (hours_ago, hours_ago))
    os.utime(legacy, (hours_ago, hours_ago))
    fresh = tmp_path / "skyledger_dbt_models-7654321-fedcba"
    fresh.mkdir()
    assert tidy.remove_dead(tmp_path, ".warehouse.duckdb.", ".tmp") == [old]
    assert tidy.remove_stale(tmp_path, "skyledger_dbt_models-") == [legacy]
    assert fresh.exists()


def test_a_live_process_keeps_its_old_scratch_folder_when_age_is_not_a_reason(tmp_path: Path):
    """Dagster's scratch folder of a build that runs for hours is not removed by another build."""
    live = tmp_path / f"skyledger-dagster-{os.getppid()}.abcd"
    dead = tmp_path / f"skyledger-dagster-{dead_pid()}.efgh"
    for folder in (live, dead):
        folder.mkdir()
        hours_ago = time.time() - 2 * tidy.STALE_SECONDS
        os.utime(folder, (hours_ago, hours_ago))
    assert tidy.remove_dead(tmp_path, "skyledger-dagster-", stale=False) == [dead]
    assert live.exists()
