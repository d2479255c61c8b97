"""`skyledger sql` queries the published copy read-only, and its shell reads statements to ';'."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration import sql

ROOT = Path(__file__).resolve().parent.parent


def published(tmp_path: Path) -> Path:
    path = tmp_path / "published" / "w.duckdb"
    path.parent.mkdir()
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.fct_claims as select * from (values ('c1', 3), ('c2', 5)) t(claim_id, count)")
    con.close()
    return path


def test_a_query_over_the_published_copy_prints_csv_and_json(tmp_path: Path):
    path = published(tmp_path)
    con = sql.connect(path)
    out = io.StringIO()
    sql.run(con, "select claim_id, count from marts.fct_claims order by claim_id", "csv", out)
    assert out.getvalue().splitlines() == ["claim_id,count", "c1,3", "c2,5"]
    out = io.StringIO()
    sql.run(con, "select sum(count) as total from marts.fct_claims", "json", out)
    assert json.loads(out.getvalue()) == {"total": 8}
    con.close()


def test_the_command_reads_the_warehouses_published_copy_and_never_writes(tmp_path: Path):
    path = published(tmp_path)
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "orchestration.cli", "sql", "--warehouse", str(tmp_path / "w.duckdb"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    done = run("--format", "csv", "select count(*) as n from marts.fct_claims")
    assert done.returncode == 0 and done.stdout.splitlines() == ["n", "2"], done.stderr
    refused = run("delete from marts.fct_claims")
    assert refused.returncode == 1 and "read-only" in refused.stderr.lower()
    shell = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "sql", "--published", str(path)],
        input="select 40 +\n2 as answer;\n.quit\n", cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shell.returncode == 0 and "42" in shell.stdout


def test_no_published_copy_is_one_line(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "sql", "--warehouse", str(tmp_path / "none.duckdb"), "select 1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "no published copy" in done.stderr
