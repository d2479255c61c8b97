"""The job that builds everything, its daily schedule, and a sensor on the articles folder."""

import hashlib

import dagster as dg

from orchestration import settings
from orchestration.loading import list_article_files

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
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in list_article_files(folder):
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    job=build_warehouse,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a build when files in the articles folder are added or changed.",
)
def new_articles_sensor(context: dg.SensorEvaluationContext):
    fingerprint = folder_fingerprint()
    if fingerprint == context.cursor:
        return dg.SkipReason("no new or changed files in the articles folder")
    context.update_cursor(fingerprint)
    # The run key is the folder's state: the same state never triggers two builds.
    return dg.RunRequest(run_key=fingerprint)
