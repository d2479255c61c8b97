"""The dbt project as Dagster assets: models as assets, dbt tests as asset checks."""

from pathlib import Path

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from orchestration import settings, tidy

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# Builds the manifest under `dagster dev`; the CLI and tests prepare it before importing this.
dbt_project.prepare_if_dev()

# Three raw tables come from the one raw_articles asset (and two from raw_claims): allow the
# sources to share an asset key, so lineage is declared once per table in the sources YAML.
translator = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
def skyledger_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    invocation = dbt.cli(["build"], context=context)
    try:
        yield from invocation.stream()
    finally:
        # dagster-dbt writes each run to target/skyledger_dbt_models-<run>: remove this run's once
        # its events are read, and any a killed run left behind, so they do not pile up.
        tidy.remove(Path(invocation.target_path))
        tidy.remove_stale(Path(dbt_project.project_dir) / "target", "skyledger_dbt_models-")
