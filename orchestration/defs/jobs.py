"""The job that builds everything, its daily schedule, and a sensor on the articles folder."""

import dagster as dg
import duckdb

from orchestration import build_state, settings
from orchestration.claims import extractor_version

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Load new articles, extract their claims, rebuild the dbt models and run their tests.",
    # DuckDB has one writer: the job's steps run one after another in one process, and the tag
    # lets dagster.yaml's run queue allow one such run at a time.
    executor_def=dg.in_process_executor,
    tags={"skyledger/warehouse": "write"},
)

daily_build = dg.ScheduleDefinition(
    name="daily_build",
    job=build_warehouse,
    cron_schedule="15 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild every morning, after the overnight tallies are published.",
)


def folder_fingerprint() -> str:
    """Changes when a file below the articles folder is added, removed or modified."""
    folder = settings.articles_dir()
    return build_state.files_fingerprint(build_state.folder_files(folder)) if folder.is_dir() else ""


def _warehouse_is_current(files: dict) -> bool | None:
    """The warehouse has read every file in its current state and extracted every article with
    this extractor; None when the warehouse is busy (another process writes it)."""
    path = settings.warehouse_path()
    if not path.exists():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException:
        return None
    try:
        if build_state.unread_files(con, files):
            return False
        pending = con.execute(
            "select count(*) from raw.articles a left join raw.extractions e on e.article_id = a.article_id "
            "and e.content_hash = a.content_hash and e.extractor_version = ? where e.article_id is null",
            [extractor_version()],
        ).fetchone()[0]
        return pending == 0
    except duckdb.CatalogException:  # a warehouse from before raw.source_files, or half-made
        return False
    finally:
        con.close()


@dg.sensor(
    job=build_warehouse,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a build when files in the articles folder are added or changed, "
    "unless the warehouse has already read them (its raw.source_files holds each file's state).",
)
def new_articles_sensor(context: dg.SensorEvaluationContext):
    folder = settings.articles_dir()
    files = build_state.folder_files(folder) if folder.is_dir() else {}
    fingerprint = build_state.files_fingerprint(files)
    if fingerprint == context.cursor:
        return dg.SkipReason("no new or changed files in the articles folder")
    if not files:
        context.update_cursor(fingerprint)
        return dg.SkipReason(f"the articles folder {folder} holds no article files")
    current = _warehouse_is_current(files)
    if current is None:
        return dg.SkipReason("the warehouse is open in another process; looking again at the next tick")
    context.update_cursor(fingerprint)
    if current:
        return dg.SkipReason("the warehouse has already read every file in the articles folder")
    # The run key is the folder's state: the same state never triggers two builds.
    return dg.RunRequest(run_key=fingerprint)
