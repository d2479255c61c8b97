"""Paths the pipeline reads and writes, one setting each, shared by Dagster, dbt and the CLI.

Values are read when a run needs them (never at import): an explicit value, else the environment
variable, else the default beside the project.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import dagster as dg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

# dbt's profiles.yml reads the same variable: env_var('SKYLEDGER_WAREHOUSE', ...).
WAREHOUSE_ENV = dg.EnvVar("SKYLEDGER_WAREHOUSE")
ARTICLES_ENV = dg.EnvVar("SKYLEDGER_ARTICLES")
# The read-only copy for analysts and BI tools, and the marts as Parquet (orchestration/publish.py).
PUBLISHED_ENV = dg.EnvVar("SKYLEDGER_PUBLISHED")
PARQUET_ENV = dg.EnvVar("SKYLEDGER_PARQUET")
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse.duckdb"
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's .venv), found even when it is not on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def warehouse_path(explicit: str | None = None) -> Path:
    return Path(explicit or WAREHOUSE_ENV.get_value() or DEFAULT_WAREHOUSE).resolve()


def articles_dir(explicit: str | None = None) -> Path:
    return Path(explicit or ARTICLES_ENV.get_value() or DEFAULT_ARTICLES).resolve()


def published_path(explicit: str | None = None, warehouse: Path | None = None) -> Path:
    """The published copy; by default `published/warehouse.duckdb` beside the warehouse.

    For the default warehouse that is data/published/warehouse.duckdb; a build into a scratch
    warehouse (tests, `skyledger eval`) publishes beside it and never replaces the analysts' copy.
    Made absolute, not resolved: a link stays a link, replaced whole on each publish.
    """
    default = (warehouse or warehouse_path()).parent / "published" / "warehouse.duckdb"
    return Path(os.path.abspath(explicit or PUBLISHED_ENV.get_value() or default))


def parquet_dir(explicit: str | None = None, warehouse: Path | None = None) -> Path:
    """One Parquet file per mart; by default `published/parquet` beside the warehouse.

    The folder is a symbolic link to the current version (see publish.py): made absolute, not
    resolved, so it names the link.
    """
    default = (warehouse or warehouse_path()).parent / "published" / "parquet"
    return Path(os.path.abspath(explicit or PARQUET_ENV.get_value() or default))


# The static dbt docs site (orchestration/docs_site.py): one HTML file with the manifest inlined.
DOCS_ENV = dg.EnvVar("SKYLEDGER_DOCS")


def docs_path(explicit: str | None = None, warehouse: Path | None = None) -> Path:
    """The docs site's single page; by default `published/docs/index.html` beside the warehouse.

    For the default warehouse that is data/published/docs/index.html, next to the published copy.
    """
    default = (warehouse or warehouse_path()).parent / "published" / "docs" / "index.html"
    return Path(explicit or DOCS_ENV.get_value() or default).resolve()


# The engine that extracts and builds the marts (orchestration/spark/): one setting for Dagster, the
# CLI (`skyledger build --engine spark`) and dbt's profiles.yml, which picks its `spark` output.
ENGINE_ENV = dg.EnvVar("SKYLEDGER_ENGINE")
ENGINES = ("duckdb", "spark")
# The Spark cluster: its master (for the extraction job) and its Thrift server (for dbt); the
# profile reads the same two Thrift variables.
SPARK_MASTER_ENV = dg.EnvVar("SKYLEDGER_SPARK_MASTER")
SPARK_THRIFT_HOST_ENV = dg.EnvVar("SKYLEDGER_SPARK_THRIFT_HOST")
SPARK_THRIFT_PORT_ENV = dg.EnvVar("SKYLEDGER_SPARK_THRIFT_PORT")
# Cores one Spark application may hold (extraction's partitions); default: this machine's.
SPARK_CORES_ENV = dg.EnvVar("SKYLEDGER_SPARK_CORES")
# Where the Spark side's Parquet lives (raw tables for dbt, extraction batches, the marts): a folder
# every executor and the Thrift server can read and write. Default: `spark/` beside the warehouse.
SPARK_DATA_ENV = dg.EnvVar("SKYLEDGER_SPARK_DATA")
DEFAULT_SPARK_MASTER = "spark://127.0.0.1:7077"
DEFAULT_SPARK_THRIFT_HOST = "127.0.0.1"
DEFAULT_SPARK_THRIFT_PORT = 10000


def engine(explicit: str | None = None) -> str:
    value = (explicit or ENGINE_ENV.get_value() or "duckdb").strip().lower()
    if value not in ENGINES:
        raise ValueError(f"SKYLEDGER_ENGINE must be one of {', '.join(ENGINES)}, not {value!r}")
    return value


def spark_master(explicit: str | None = None) -> str:
    return explicit or SPARK_MASTER_ENV.get_value() or DEFAULT_SPARK_MASTER


def spark_thrift() -> tuple[str, int]:
    host = SPARK_THRIFT_HOST_ENV.get_value() or DEFAULT_SPARK_THRIFT_HOST
    return host, int(SPARK_THRIFT_PORT_ENV.get_value() or DEFAULT_SPARK_THRIFT_PORT)


def spark_cores() -> int:
    return int(SPARK_CORES_ENV.get_value() or os.cpu_count() or 2)


def spark_data_dir(explicit: str | None = None, warehouse: Path | None = None) -> Path:
    default = (warehouse or warehouse_path()).parent / "spark"
    return Path(explicit or SPARK_DATA_ENV.get_value() or default).resolve()
