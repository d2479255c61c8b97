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
