"""The Dagster code location: assembles definitions only."""

import dagster as dg

from orchestration import settings
from orchestration.dbt_prepare import SkyledgerDbtResource
from orchestration.defs.articles import raw_articles
from orchestration.defs.claims import raw_claims
from orchestration.defs.dbt import dbt_project, skyledger_dbt_models
from orchestration.defs.docs import docs_page
from orchestration.defs.jobs import build_warehouse, daily_build, new_articles_sensor
from orchestration.defs.publish import published_warehouse
from orchestration.defs.reference import reference_claimants, reference_places
from orchestration.defs.reference_dates import raw_reference_dates
from orchestration.defs.report import report_page
from orchestration.defs.resources import SkyledgerWarehouse
from orchestration.progress import skyledger_progress

defs = dg.Definitions(
    assets=[
        reference_places,
        reference_claimants,
        raw_articles,
        raw_claims,
        raw_reference_dates,
        skyledger_dbt_models,
        published_warehouse,
        docs_page,
        report_page,
    ],
    jobs=[build_warehouse],
    schedules=[daily_build],
    sensors=[new_articles_sensor],
    # The default console logger for runs from the UI; the CLI's run config picks its own.
    loggers={"console": dg.colored_console_logger, "skyledger_progress": skyledger_progress},
    resources={
        "skyledger": SkyledgerWarehouse(),
        "dbt": SkyledgerDbtResource(project_dir=dbt_project, dbt_executable=settings.dbt_executable()),
    },
)
