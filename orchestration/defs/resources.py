"""The warehouse and the articles folder as a Dagster resource."""

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from orchestration import settings, warehouse
from orchestration.preflight import BuildError, check_warehouse_location


class SkyledgerWarehouse(dg.ConfigurableResource):
    """Where articles are read from and the DuckDB file the pipeline writes.

    Leave a field empty to use SKYLEDGER_WAREHOUSE / SKYLEDGER_ARTICLES or the defaults.
    `allow_shrink` lets a build with fewer articles than the published copy replace it.
    `workers`: extraction processes; 0 for SKYLEDGER_WORKERS, else one per core.
    """

    warehouse_path: str | None = None
    articles_dir: str | None = None
    allow_shrink: bool = False
    workers: int = 0

    def path(self) -> Path:
        return settings.warehouse_path(self.warehouse_path)

    def articles(self) -> Path:
        return settings.articles_dir(self.articles_dir)

    def extraction_workers(self) -> int:
        return settings.extraction_workers(self.workers or None)

    @contextmanager
    def connect(self):
        try:
            con: duckdb.DuckDBPyConnection = warehouse.connect(self.path())
        except (OSError, duckdb.IOException) as error:
            raise _unhealable(self.path(), error) from error
        try:
            yield con
        finally:
            con.close()


def _unhealable(path: Path, error: Exception) -> Exception:
    """A location that cannot be written is not retried (the step's retry policy is for locks)."""
    try:
        check_warehouse_location(path)
    except BuildError as problem:
        return dg.Failure(description=str(problem), allow_retries=False)
    return error
