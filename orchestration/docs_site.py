"""The dbt docs site as one static HTML page: models, columns, lineage and the overview, no server.

`dbt docs generate --static` writes `static_index.html` into the target path with the manifest
and the catalog inlined, so the page opens from disk (file://) or any static host. Plain Python:
the Dagster asset that publishes it calls `build_docs_site` with the paths from settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from orchestration import tidy

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
# The file dbt 1.11 writes for --static (dbt/task/docs/generate.py).
STATIC_INDEX = "static_index.html"


class DocsSiteError(RuntimeError):
    """`dbt docs generate` failed; the message carries the end of its output."""


def _dbt() -> str:
    # The dbt beside this Python (the project's .venv), as settings.dbt_executable() finds it;
    # repeated here so that this module does not import dagster.
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def build_docs_site(warehouse_path: Path | str, target_path: Path | str) -> Path:
    """Generate the static docs page for `warehouse_path` and write it to `target_path`.

    The catalog (column types, row counts) is read from the warehouse, so the tables should be
    built first; dbt opens the file, so do not run this while another process writes to it.
    dbt works in a scratch target and log folder, leaving dbt_project/target (the manifest
    Dagster reads) untouched. The page is replaced atomically. Returns the page's path.
    """
    warehouse_path = Path(warehouse_path).resolve()
    target_path = Path(target_path).resolve()
    if not warehouse_path.exists():
        raise FileNotFoundError(f"warehouse not found: {warehouse_path}")

    # A build killed while dbt wrote the docs left its scratch folder and partial page: remove them.
    scratch_prefix = "skyledger-docs-"
    tidy.remove_dead(Path(tempfile.gettempdir()), scratch_prefix)
    tidy.remove_dead(target_path.parent, f".{target_path.name}.", ".partial")
    with tempfile.TemporaryDirectory(prefix=f"{scratch_prefix}{os.getpid()}.") as scratch:
        dbt_target = Path(scratch) / "target"
        command = [
            _dbt(),
            "docs",
            "generate",
            "--static",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(dbt_target),
            "--log-path",
            str(Path(scratch) / "logs"),
        ]
        # One setting for the warehouse path: profiles.yml reads SKYLEDGER_WAREHOUSE.
        env = {
            **os.environ,
            "SKYLEDGER_WAREHOUSE": str(warehouse_path),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        completed = subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
        page = dbt_target / STATIC_INDEX
        if completed.returncode != 0 or not page.exists():
            output = (completed.stdout + completed.stderr).strip().splitlines()
            raise DocsSiteError(f"dbt docs generate failed (exit {completed.returncode}):\n" + "\n".join(output[-30:]))

        target_path.parent.mkdir(parents=True, exist_ok=True)
        partial = target_path.with_name(f".{target_path.name}.{os.getpid()}.partial")
        shutil.copyfile(page, partial)
        os.chmod(partial, 0o644)  # readable by every reader, writable by the pipeline's user only
        os.replace(partial, target_path)
    return target_path
