"""Publishing from Spark: the marts and contradictions written by the cluster as Parquet, and the
published DuckDB copy and Parquet files built from them, the same files and columns as a DuckDB build.

The cluster writes each table of `marts` and `contradictions` to `data_dir/publish/<schema>/<table>/`
(`insert overwrite directory ... using parquet`); DuckDB gathers them, with raw.articles from the
working warehouse, into a staging database, and orchestration/publish.py publishes that database
exactly as it publishes a DuckDB-built warehouse (atomic swaps, storage version, Parquet per mart).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from orchestration import publish as duckdb_publish
from orchestration.spark import thrift

SCHEMAS = duckdb_publish.PUBLISHED_SCHEMAS  # marts, contradictions

# Spark's column types as DuckDB's, for a table the cluster wrote no file for (no rows).
_TYPES = {
    "string": "varchar", "int": "integer", "bigint": "bigint", "smallint": "smallint", "double": "double",
    "float": "float", "boolean": "boolean", "date": "date", "timestamp": "timestamp", "timestamp_ntz": "timestamp",
}  # fmt: skip


def _duckdb_type(spark_type: str) -> str:
    spark_type = spark_type.strip().lower()
    if spark_type.startswith("array<") and spark_type.endswith(">"):
        return _duckdb_type(spark_type[6:-1]) + "[]"
    if spark_type.startswith("decimal"):
        return spark_type
    return _TYPES[spark_type]


def export_tables(data_dir: Path, log=print) -> dict[str, Path]:
    """Have the cluster write every table of the published schemas as Parquet; returns name -> folder."""
    root = data_dir / "publish"
    shutil.rmtree(root, ignore_errors=True)
    folders, columns = {}, {}
    with thrift.cursor() as sql:
        for schema in SCHEMAS:
            sql.execute(f"show tables in {schema}")
            for row in sql.fetchall():
                table = row[1]
                folder = root / schema / table
                sql.execute(
                    f"insert overwrite directory {thrift.literal(folder.as_uri())} using parquet "
                    f"select * from {schema}.{table}"
                )
                sql.execute(f"describe {schema}.{table}")
                columns[f"{schema}.{table}"] = [
                    (name, kind) for name, kind, *_ in sql.fetchall() if name and not name.startswith("#")
                ]
                folders[f"{schema}.{table}"] = folder
    log(f"the cluster wrote {len(folders)} table(s) as Parquet under {root}")
    return {name: (folder, columns[name]) for name, folder in folders.items()}


def build_staging(warehouse: Path, tables: dict, staging: Path) -> Path:
    """A DuckDB file holding the cluster's tables and raw.articles: what publish.publish copies."""
    staging.unlink(missing_ok=True)
    Path(f"{staging}.wal").unlink(missing_ok=True)
    con = duckdb.connect(str(staging))
    try:
        con.execute(f"attach '{warehouse}' as working (read_only)")
        for schema in ("raw", *SCHEMAS):
            con.execute(f"create schema {schema}")
        con.execute("create table raw.articles as select * from working.raw.articles")
        for name, (folder, columns) in tables.items():
            files = sorted(folder.glob("*.parquet"))
            if files:
                listed = ", ".join(f'"{column}"' for column, _ in columns)
                con.execute(f"create table {name} as select {listed} from read_parquet('{folder}/*.parquet')")
            else:
                body = ", ".join(f'"{column}" {_duckdb_type(kind)}' for column, kind in columns)
                con.execute(f"create table {name} ({body})")
        con.execute("detach working")
    finally:
        con.close()
    return staging


def publish(warehouse: Path, published: Path, parquet_dir: Path, data_dir: Path) -> duckdb_publish.PublishSummary:
    """The Spark build's marts published like a DuckDB build's (see orchestration/publish.py)."""
    tables = export_tables(data_dir)
    staging = build_staging(warehouse, tables, data_dir / "publish" / "staging.duckdb")
    return duckdb_publish.publish(staging, published, parquet_dir)
