"""Where each warehouse keeps its files: plain Python, no Dagster, cheap to import.

Every path is derived from the warehouse's own name, so two warehouses, even in one folder,
never share a published copy, a dbt target folder, a log or a lock. For `data/warehouse.duckdb`:

    data/warehouse.duckdb                    the working warehouse (one writer)
    data/warehouse.skyledger/                its operating files
        build.lock                           held by the build writing the warehouse
        logs/build-<time>.log                the whole log of each `skyledger build`
        dbt/target/  dbt/logs/               dbt's manifest, run artefacts and logs
    data/published/warehouse.duckdb          the read-only copy for readers
    data/published/warehouse_parquet/        one Parquet file per mart (a link, swapped whole)
    data/published/warehouse_docs/           dbt's docs page and the report page

Settings are read when called (never at import): an explicit value, else the environment
variable, else the default.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse.duckdb"
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
# The engines that can extract and build the marts (SKYLEDGER_ENGINE; orchestration/spark/).
ENGINES = ("duckdb", "spark")


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's .venv), found even when it is not on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def warehouse_path(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("SKYLEDGER_WAREHOUSE") or DEFAULT_WAREHOUSE).resolve()


def articles_dir(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("SKYLEDGER_ARTICLES") or DEFAULT_ARTICLES).resolve()


def state_dir(warehouse: Path | None = None) -> Path:
    """The warehouse's operating files: lock, logs, dbt's target folder."""
    warehouse = warehouse or warehouse_path()
    return warehouse.with_name(f"{warehouse.stem}.skyledger")


def dbt_target_dir(warehouse: Path | None = None) -> Path:
    return state_dir(warehouse) / "dbt" / "target"


def dbt_log_dir(warehouse: Path | None = None) -> Path:
    return state_dir(warehouse) / "dbt" / "logs"


def log_dir(warehouse: Path | None = None) -> Path:
    return state_dir(warehouse) / "logs"


def lock_path(warehouse: Path | None = None) -> Path:
    return state_dir(warehouse) / "build.lock"


def _published_folder(warehouse: Path | None) -> tuple[Path, str]:
    warehouse = warehouse or warehouse_path()
    return warehouse.parent / "published", warehouse.stem


def published_path(explicit: str | Path | None = None, warehouse: Path | None = None) -> Path:
    """The published copy; by default `published/<warehouse name>.duckdb` beside the warehouse.

    For the default warehouse that is data/published/warehouse.duckdb; a build into a scratch
    warehouse (tests, `skyledger eval`) publishes beside it and never replaces the analysts' copy.
    Made absolute, not resolved: a link stays a link, replaced whole on each publish.
    """
    folder, name = _published_folder(warehouse)
    default = folder / f"{name}.duckdb"
    return Path(os.path.abspath(explicit or os.environ.get("SKYLEDGER_PUBLISHED") or default))


def parquet_dir(explicit: str | Path | None = None, warehouse: Path | None = None) -> Path:
    """One Parquet file per mart; by default `published/<warehouse name>_parquet` beside the warehouse.

    The folder is a symbolic link to the current version (see publish.py): made absolute, not
    resolved, so it names the link.
    """
    folder, name = _published_folder(warehouse)
    default = folder / f"{name}_parquet"
    return Path(os.path.abspath(explicit or os.environ.get("SKYLEDGER_PARQUET") or default))


def docs_path(explicit: str | Path | None = None, warehouse: Path | None = None) -> Path:
    """The docs site's single page; by default `published/<warehouse name>_docs/index.html`."""
    folder, name = _published_folder(warehouse)
    default = folder / f"{name}_docs" / "index.html"
    return Path(explicit or os.environ.get("SKYLEDGER_DOCS") or default).resolve()


def report_path(warehouse: Path | None = None) -> Path:
    """The report page (charts), beside the docs page."""
    return docs_path(warehouse=warehouse).with_name("report.html")
