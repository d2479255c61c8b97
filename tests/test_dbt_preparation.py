"""The fixed start-up of a build: dbt parses only a changed project, and no `dbt --version` runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from dagster_dbt import DbtProject
from dagster_dbt.dbt_project import DagsterDbtProjectPreparer

from orchestration import dbt_prepare, settings


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[DbtProject, list]:
    """A copy of the dbt project whose parse only records that it ran and writes a manifest."""
    copy = tmp_path / "dbt_project"
    shutil.copytree(settings.DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    parses = []

    def parse(self, project):
        parses.append(project.project_dir)
        project.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        project.manifest_path.write_text("{}")

    monkeypatch.setattr(DagsterDbtProjectPreparer, "prepare", parse)
    return DbtProject(project_dir=copy, profiles_dir=copy), parses


def test_an_unchanged_project_is_parsed_once(project):
    dbt_project, parses = project
    dbt_prepare.prepare_dbt_project(dbt_project)
    dbt_prepare.prepare_dbt_project(dbt_project)
    assert len(parses) == 1


@pytest.mark.parametrize("change", ["edit-a-model", "add-a-test", "lose-the-manifest"])
def test_a_changed_project_or_a_lost_manifest_is_parsed_again(project, change):
    dbt_project, parses = project
    dbt_prepare.prepare_dbt_project(dbt_project)
    root = Path(dbt_project.project_dir)
    if change == "edit-a-model":
        model = next(root.joinpath("models").rglob("*.sql"))
        model.write_text(model.read_text() + "\n-- edited\n")
    elif change == "add-a-test":
        root.joinpath("tests", "assert_nothing.sql").write_text("select 1 where false\n")
    else:
        dbt_project.manifest_path.unlink()
    dbt_prepare.prepare_dbt_project(dbt_project)
    assert len(parses) == 2


def test_dbt_output_folders_are_not_part_of_the_fingerprint(tmp_path: Path):
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "models" / "a.sql").write_text("select 1")
    before = dbt_prepare.dbt_project_fingerprint(root)
    (root / "target").mkdir()
    (root / "target" / "run_results.json").write_text("{}")
    (root / "logs").mkdir()
    (root / "logs" / "dbt.log").write_text("x")
    assert dbt_prepare.dbt_project_fingerprint(root) == before


def test_the_resource_knows_the_dbt_beside_this_python_without_running_it(monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError(f"ran {args}")

    monkeypatch.setattr(subprocess, "check_output", no_process)
    import dagster_dbt.core.resource as resource_module

    monkeypatch.setattr(resource_module, "check_output", no_process)
    resource = dbt_prepare.SkyledgerDbtResource(
        project_dir=str(settings.DBT_PROJECT_DIR), dbt_executable=settings.dbt_executable()
    )
    assert resource._cli_version.major == 1
