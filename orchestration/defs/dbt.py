"""The dbt project as Dagster assets: models as assets grouped by layer, dbt tests as described checks.

dbt's manifest, run artefacts and logs live beside the warehouse (paths.dbt_target_dir), so two
builds into two warehouses from one checkout never share a target folder or its lock. The
manifest's place is read when the code location loads, from the same SKYLEDGER_WAREHOUSE
setting as the rest: the one setting read at import, because `@dbt_assets` needs the manifest then.

A build pays for one dbt process, `dbt build`: the manifest is parsed again only when the dbt
project (or dbt) changed, and the resource knows the version of the dbt beside this Python
without running `dbt --version` (orchestration/dbt_prepare.py).
"""

import os
import shutil
from pathlib import Path

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)
from dagster_dbt.dbt_project import using_dagster_dev

from orchestration import build_state, settings, tidy
from orchestration.dbt_checks import describe_test
from orchestration.dbt_prepare import prepare_dbt_project
from orchestration.defs import spark
from orchestration.defs.resources import SkyledgerWarehouse

dbt_project = DbtProject(
    project_dir=settings.DBT_PROJECT_DIR,
    profiles_dir=settings.DBT_PROJECT_DIR,
    target_path=settings.dbt_target_dir(),
)
# Builds the manifest under `dagster dev` (when the project changed); the CLI and tests prepare it
# before importing this.
if using_dagster_dev():
    prepare_dbt_project(dbt_project)

# The folders under models/ are the layers a reader of the asset graph looks for.
LAYERS = ("staging", "intermediate", "marts")


class SkyledgerTranslator(DagsterDbtTranslator):
    """dbt models grouped by layer (staging, intermediate, marts); every test check described."""

    def get_group_name(self, dbt_resource_props):
        fqn = dbt_resource_props.get("fqn") or []
        if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2 and fqn[1] in LAYERS:
            return fqn[1]
        return super().get_group_name(dbt_resource_props)

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return dg.AssetCheckSpec(
            name=spec.name,
            asset=spec.asset_key,
            description=describe_test(manifest["nodes"][unique_id]),
            additional_deps=spec.additional_deps,
            metadata=spec.metadata,
            blocking=spec.blocking,
        )


# Three raw tables come from the one raw_articles asset (and two from raw_claims): allow the
# sources to share an asset key, so lineage is declared once per table in the sources YAML.
translator = SkyledgerTranslator(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
def skyledger_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, skyledger: SkyledgerWarehouse):
    if settings.engine() == "spark":  # dbt's sources on the cluster: the raw tables as Parquet
        spark.stage_raw_tables(context, skyledger.path())
    # Each invocation writes its artefacts and log below this warehouse's own dbt folder, in a
    # folder named with this process's id: the next run removes the one a killed run left at once.
    target = settings.dbt_target_dir(skyledger.path()) / f"build-{os.getpid()}.{context.run.run_id[:8]}"
    _seed_partial_parse(Path(dbt_project.target_path), target)
    # Incremental models rewrite only what changed in the raw tables; what they cannot see (their
    # SQL, the reference data they join, how undated articles are dated) rebuilds them whole.
    stamp = settings.state_dir(skyledger.path()) / build_state.INCREMENTAL_STAMP
    fingerprint = build_state.incremental_fingerprint()
    full_refresh = not (stamp.exists() and stamp.read_text() == fingerprint)
    if full_refresh:
        context.log.info("incremental models rebuilt whole: the dbt project or the reference data changed")
    # dbt's unit tests run the models' SQL on fixture rows, not on the warehouse: their outcome
    # changes only with the project (or dbt), so they run with the whole rebuild that a changed
    # project brings, not at every build. A failure keeps the stamp old: they run again next time.
    arguments = ["build", "--full-refresh"] if full_refresh else ["build", "--exclude-resource-type", "unit_test"]
    invocation = dbt.cli(arguments, context=context, target_path=target)
    try:
        yield from invocation.stream()
        if full_refresh and invocation.is_successful():
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(fingerprint)
    finally:
        # Remove this run's artefacts once its events are read, and any a killed run left behind
        # (its process ended, or an hour old), so they do not pile up.
        tidy.remove(Path(invocation.target_path))
        tidy.remove_dead(settings.dbt_target_dir(skyledger.path()), "build-")


def _seed_partial_parse(prepared: Path, target: Path) -> None:
    """Give the run's fresh target folder the parse that prepare_dbt_project made.

    dbt reads `partial_parse.msgpack` from its target path; a run folder of its own starts empty,
    so without it every `dbt build` parsed the whole project again (4 s of a 10k build on a quiet
    machine, tens of seconds on a busy one). dbt checks the file against the project's files,
    profile and variables itself and parses in full when it does not match.
    """
    saved = prepared / "partial_parse.msgpack"
    if saved.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, target / "partial_parse.msgpack")
