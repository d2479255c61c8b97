"""The raw tables on the cluster: DuckDB's raw tables written as Parquet and registered with Spark.

dbt's sources (schema `raw`) are then Spark tables over those files. Each run writes a new folder
per table and points the table at it, so a query still running on the old files is not cut short;
the folders of earlier runs are removed afterwards.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import duckdb
import yaml

from orchestration import paths
from orchestration.spark import thrift

SOURCES_YAML = paths.DBT_PROJECT_DIR / "models" / "staging" / "_skyledger__sources.yml"


def raw_tables() -> list[str]:
    """Every raw table dbt reads: the tables of the `skyledger` source, read from its YAML."""
    sources = yaml.safe_load(SOURCES_YAML.read_text(encoding="utf-8"))["sources"]
    return [table["name"] for source in sources if source["name"] == "skyledger" for table in source["tables"]]


def stage_raw_tables(warehouse: Path, data_dir: Path, log=print) -> dict[str, int]:
    """Write every raw table to `data_dir/raw/<table>.<run>/` and (re)register it as raw.<table>."""
    root = data_dir / "raw"
    root.mkdir(parents=True, exist_ok=True)
    run = f"{time.strftime('%Y%m%dT%H%M%S')}.{uuid.uuid4().hex[:8]}"
    written, rows = {}, {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in raw_tables():
            folder = root / f"{table}.{run}"
            folder.mkdir()
            con.execute(f"copy raw.{table} to '{folder / 'part-0.parquet'}' (format parquet, compression zstd)")
            rows[table] = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
            written[table] = folder
    finally:
        con.close()
    with thrift.cursor() as sql:
        sql.execute("create database if not exists raw")
        for table, folder in written.items():
            sql.execute(f"drop table if exists raw.{table}")
            sql.execute(f"create table raw.{table} using parquet location {thrift.literal(folder.as_uri())}")
    for old in root.iterdir():
        if old.is_dir() and old not in written.values():
            shutil.rmtree(old, ignore_errors=True)
    log(f"raw tables on the cluster: {rows}")
    return rows
