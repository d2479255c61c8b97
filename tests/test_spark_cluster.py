"""The Spark engine for real: a local standalone cluster (master, one worker, Thrift server) builds
the demo corpus through the whole asset graph, and every mart equals the DuckDB build row for row.

The cluster is started here (so `make test` and CI's .ci/run start it) and stopped when the module
ends, also when a test fails. `make test-fast` leaves this module out (marker spark_cluster).
Needs a JVM: `make test` installs Debian's openjdk when `java` is missing.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from orchestration.spark.cluster import LocalCluster, java_available

pytestmark = pytest.mark.spark_cluster

ROOT = Path(__file__).resolve().parent.parent
SKYLEDGER = [sys.executable, "-m", "orchestration.cli"]
# Columns that record when this build loaded or extracted a row: two builds of the same articles
# differ there by the seconds between them, and only there.
LOAD_TIME_COLUMNS = {"loaded_at", "first_loaded_at", "extracted_at", "source_changed_at"}


def run_build(warehouse: Path, engine: str, env: dict[str, str]) -> subprocess.Popen:
    command = [*SKYLEDGER, "build", "--engine", engine, "--articles", str(ROOT / "data" / "articles")]
    command += ["--warehouse", str(warehouse), "--json"]
    log = open(warehouse.parent / f"{engine}.log", "w")  # noqa: SIM115 -- closed with the process
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True)


def summary_of(process: subprocess.Popen, timeout: float) -> dict:
    out, _ = process.communicate(timeout=timeout)
    start = out.index("{\n")
    return json.loads(out[start:])


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(DuckDB build, Spark build): the DuckDB one runs while the cluster starts."""
    assert java_available(), "no java on PATH: `make test` installs openjdk-17-jre-headless"
    root = tmp_path_factory.mktemp("engines")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKYLEDGER_")}
    (root / "duckdb").mkdir()
    (root / "spark").mkdir()
    started = time.monotonic()
    duckdb_build = run_build(root / "duckdb" / "warehouse.duckdb", "duckdb", env)
    try:
        with LocalCluster(root / "cluster") as cluster:
            cluster_up = time.monotonic() - started
            spark_env = {**env, **cluster.environment()}
            spark = summary_of(run_build(root / "spark" / "warehouse.duckdb", "spark", spark_env), timeout=1500)
        duck = summary_of(duckdb_build, timeout=900)
    finally:
        if duckdb_build.poll() is None:
            duckdb_build.kill()
    print(f"cluster up in {cluster_up:.0f} s; both builds and the cluster's stop in {time.monotonic() - started:.0f} s")
    return duck, spark


def test_both_engines_build_the_demo_corpus(builds):
    duck, spark = builds
    assert duck["success"], duck.get("failures")
    assert spark["success"], spark.get("failures")
    assert spark["tests_failed"] == 0
    assert spark["claims"] == duck["claims"] > 0
    assert spark["articles"] == duck["articles"]


def _tables(con, catalog: str, schema: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_catalog = ? and table_schema = ? "
            "order by table_name",
            [catalog, schema],
        ).fetchall()
    ]


def _columns(con, catalog: str, schema: str, table: str) -> list[tuple[str, str]]:
    return [
        tuple(row)
        for row in con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
            [catalog, schema, table],
        ).fetchall()
    ]


@pytest.mark.parametrize("schema", ["marts", "contradictions"])
def test_every_spark_table_equals_the_duckdb_build_row_for_row(builds, schema):
    """The published copy of the Spark build against the DuckDB build: same tables, same columns
    of the same types in the same order, and the same multiset of rows (load times aside)."""
    duck, spark = builds
    con = duckdb.connect()
    con.execute(f"attach '{duck['published']}' as d (read_only)")
    con.execute(f"attach '{spark['published']}' as s (read_only)")
    tables = _tables(con, "d", schema)
    assert tables and tables == _tables(con, "s", schema)
    for table in tables:
        columns = _columns(con, "d", schema, table)
        assert _columns(con, "s", schema, table) == columns, table
        compared = ", ".join(f'"{c}"' for c, _ in columns if c not in LOAD_TIME_COLUMNS)
        for left, right in (("d", "s"), ("s", "d")):
            extra = con.execute(
                f"select count(*) from (select {compared} from {left}.{schema}.{table} "
                f"except all select {compared} from {right}.{schema}.{table})"
            ).fetchone()[0]
            assert extra == 0, f"{schema}.{table}: {extra} row(s) of the {left} build not in the other"
        d_rows = con.execute(f"select count(*) from d.{schema}.{table}").fetchone()[0]
        assert d_rows == con.execute(f"select count(*) from s.{schema}.{table}").fetchone()[0], table


def test_spark_publishes_the_same_parquet_files_and_columns(builds):
    duck, spark = builds
    duck_files = sorted(p.name for p in Path(duck["parquet"]).glob("*.parquet"))
    assert duck_files and duck_files == sorted(p.name for p in Path(spark["parquet"]).glob("*.parquet"))
    con = duckdb.connect()
    for name in duck_files:
        left = con.execute(f"describe select * from '{Path(duck['parquet']) / name}'").fetchall()
        right = con.execute(f"describe select * from '{Path(spark['parquet']) / name}'").fetchall()
        assert [c[0] for c in left] == [c[0] for c in right], name
