"""dbt's fixed start-up, paid once: the manifest parsed only when the project changed, no `dbt --version`.

Kept apart from orchestration/defs/dbt.py, whose `@dbt_assets` need the manifest when they are
imported: the CLI (and `dagster dev`) prepare the manifest with `prepare_dbt_project` first.

- `prepare_dbt_project` parses the project only when a file of it (models, tests, macros, YAML,
  profiles) or the dbt version changed since the last parse, or the manifest is missing; the
  fingerprint of the last parse is kept beside the manifest (PARSED_STAMP).
- `SkyledgerDbtResource` knows the version of the dbt beside this Python without starting it.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.compat import DBT_PYTHON_VERSION
from dagster_dbt.dbt_project import DagsterDbtProjectPreparer

from orchestration import paths

# dbt's own output below the project: not part of what a parse reads.
_NOT_PROJECT = {"target", "logs", "dbt_packages", ".user.yml"}
PARSED_STAMP = "skyledger-parsed.sha256"


class SkyledgerDbtResource(DbtCliResource):
    """dagster-dbt's dbt resource, minus a `dbt --version` process per resource.

    dagster-dbt runs `dbt --version` (a whole dbt start-up, 5 CPU-seconds here) to learn the CLI's
    version. The dbt beside this Python (paths.dbt_executable) is the dbt-core this Python
    imports, whose version is known without a process; any other executable is still asked.
    """

    @cached_property
    def _cli_version(self):
        executable = shutil.which(self.dbt_executable) or self.dbt_executable
        if DBT_PYTHON_VERSION is not None and Path(executable).absolute().parent == Path(sys.executable).parent:
            return DBT_PYTHON_VERSION
        return DbtCliResource._cli_version.func(self)


class _FingerprintPreparer(DagsterDbtProjectPreparer):
    """Parses with the resource above, and only when the project's fingerprint changed."""

    def prepare(self, project: DbtProject) -> None:
        stamp = project.manifest_path.with_name(PARSED_STAMP)
        fingerprint = dbt_project_fingerprint(project.project_dir)
        if project.manifest_path.exists() and stamp.exists() and stamp.read_text() == fingerprint:
            return
        super().prepare(project)
        stamp.write_text(fingerprint)

    def _prepare_manifest(self, project: DbtProject) -> None:
        SkyledgerDbtResource(project_dir=project, dbt_executable=paths.dbt_executable()).cli(
            self._prepare_project_cli_args, target_path=project.target_path
        ).wait()
        self._invalidate_seeds_in_partial_parse(project)


def dbt_project_fingerprint(project_dir: Path) -> str:
    """Changes when a file of the dbt project (models, tests, macros, YAML, profiles) or dbt changes."""
    digest = hashlib.sha256(f"dbt-core {DBT_PYTHON_VERSION}\n".encode())
    root = Path(project_dir)
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in _NOT_PROJECT or not path.is_file():
            continue
        digest.update(f"{relative.as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def prepare_dbt_project(project: DbtProject) -> None:
    """Make the manifest current: parse only when the project changed since the last parse."""
    _FingerprintPreparer().prepare(project)
