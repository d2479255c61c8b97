"""The dbt project as Dagster assets: models as assets, dbt tests as asset checks."""

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from orchestration import settings
from orchestration.defs import spark

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# Builds the manifest under `dagster dev`; the CLI and tests prepare it before importing this.
dbt_project.prepare_if_dev()

# Three raw tables come from the one raw_articles asset (and two from raw_claims): allow the
# sources to share an asset key, so lineage is declared once per table in the sources YAML.
translator = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
def skyledger_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    if settings.engine() == "spark":  # dbt's sources on the cluster: the raw tables as Parquet
        spark.stage_raw_tables(context, settings.warehouse_path())
    yield from dbt.cli(["build"], context=context).stream()
