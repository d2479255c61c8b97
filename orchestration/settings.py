"""Paths the pipeline reads and writes, one setting each, shared by Dagster, dbt and the CLI.

The paths themselves live in orchestration/paths.py (no Dagster import, so the command line
starts fast); this module adds the Dagster `EnvVar`s that name the same settings. Values are read
when a run needs them (never at import): an explicit value, else the environment variable, else
the default beside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from orchestration.paths import (  # noqa: F401  (re-exported: the settings' one home for Dagster code)
    DBT_PROJECT_DIR,
    DEFAULT_ARTICLES,
    DEFAULT_WAREHOUSE,
    ENGINES,
    PROJECT_ROOT,
    articles_dir,
    dbt_executable,
    dbt_log_dir,
    dbt_target_dir,
    docs_path,
    lock_path,
    log_dir,
    parquet_dir,
    published_path,
    report_path,
    state_dir,
    warehouse_path,
)

# dbt's profiles.yml reads the same variable: env_var('SKYLEDGER_WAREHOUSE', ...).
WAREHOUSE_ENV = dg.EnvVar("SKYLEDGER_WAREHOUSE")
ARTICLES_ENV = dg.EnvVar("SKYLEDGER_ARTICLES")
# The read-only copy for analysts and BI tools, and the marts as Parquet (orchestration/publish.py).
PUBLISHED_ENV = dg.EnvVar("SKYLEDGER_PUBLISHED")
PARQUET_ENV = dg.EnvVar("SKYLEDGER_PARQUET")
# The static dbt docs site (orchestration/docs_site.py): one HTML file with the manifest inlined.
DOCS_ENV = dg.EnvVar("SKYLEDGER_DOCS")


# Extraction worker processes (orchestration/parallel.py); `skyledger build --workers N` sets it.
WORKERS_ENV = dg.EnvVar("SKYLEDGER_WORKERS")


def extraction_workers(explicit: int | str | None = None) -> int:
    """Processes extracting at once; by default one per core this process may run on."""
    value = explicit or WORKERS_ENV.get_value()
    if value:
        workers = int(value)
        if workers < 1:
            raise ValueError(f"SKYLEDGER_WORKERS must be 1 or more, got {value!r}")
        return workers
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# The engine that extracts and builds the marts (orchestration/spark/): one setting for Dagster, the
# CLI (`skyledger build --engine spark`) and dbt's profiles.yml, which picks its `spark` output.
ENGINE_ENV = dg.EnvVar("SKYLEDGER_ENGINE")
# The Spark cluster: its master (for the extraction job) and its Thrift server (for dbt); the
# profile reads the same two Thrift variables.
SPARK_MASTER_ENV = dg.EnvVar("SKYLEDGER_SPARK_MASTER")
SPARK_THRIFT_HOST_ENV = dg.EnvVar("SKYLEDGER_SPARK_THRIFT_HOST")
SPARK_THRIFT_PORT_ENV = dg.EnvVar("SKYLEDGER_SPARK_THRIFT_PORT")
# Cores one Spark application may hold (extraction's partitions); default: this machine's.
SPARK_CORES_ENV = dg.EnvVar("SKYLEDGER_SPARK_CORES")
# Where the Spark side's Parquet lives (raw tables for dbt, extraction batches, the marts): a folder
# every executor and the Thrift server can read and write. Default: `spark/` in the warehouse's own
# operating folder (paths.state_dir), so two warehouses never share it.
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
    default = state_dir(warehouse) / "spark"
    return Path(explicit or SPARK_DATA_ENV.get_value() or default).resolve()
