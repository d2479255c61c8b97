"""Paths the pipeline reads and writes, one setting each, shared by Dagster, dbt and the CLI.

The paths themselves live in orchestration/paths.py (no Dagster import, so the command line
starts fast); this module adds the Dagster `EnvVar`s that name the same settings. Values are read
when a run needs them (never at import): an explicit value, else the environment variable, else
the default beside the project.
"""

from __future__ import annotations

import os

import dagster as dg

from orchestration.paths import (  # noqa: F401  (re-exported: the settings' one home for Dagster code)
    DBT_PROJECT_DIR,
    DEFAULT_ARTICLES,
    DEFAULT_WAREHOUSE,
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
