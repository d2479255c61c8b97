"""The warehouse and the articles folder as a Dagster resource."""

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from orchestration import settings, warehouse


class SkyledgerWarehouse(dg.ConfigurableResource):
    """Where articles are read from and the DuckDB file the pipeline writes.

    Leave a field empty to use SKYLEDGER_WAREHOUSE / SKYLEDGER_ARTICLES or the defaults.
    """

    warehouse_path: str | None = None
    articles_dir: str | None = None

    def path(self) -> Path:
        return settings.warehouse_path(self.warehouse_path)

    def articles(self) -> Path:
        return settings.articles_dir(self.articles_dir)

    @contextmanager
    def connect(self):
        con: duckdb.DuckDBPyConnection = warehouse.connect(self.path())
        try:
            yield con
        finally:
            con.close()
