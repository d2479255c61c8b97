"""The Dagster code location: assembles definitions only."""

import dagster as dg

from orchestration import settings
from orchestration.defs.articles import raw_articles
from orchestration.defs.claims import raw_claims
from orchestration.defs.dbt import SkyledgerDbtResource, dbt_project, skyledger_dbt_models
from orchestration.defs.docs import docs_page
from orchestration.defs.jobs import build_warehouse, daily_build, new_articles_sensor
from orchestration.defs.publish import published_warehouse
from orchestration.defs.reference import reference_claimants, reference_places
from orchestration.defs.resources import SkyledgerWarehouse

defs = dg.Definitions(
    assets=[
        reference_places,
        reference_claimants,
        raw_articles,
        raw_claims,
        skyledger_dbt_models,
        published_warehouse,
        docs_page,
    ],
    jobs=[build_warehouse],
    schedules=[daily_build],
    sensors=[new_articles_sensor],
    resources={
        "skyledger": SkyledgerWarehouse(),
        "dbt": SkyledgerDbtResource(project_dir=dbt_project, dbt_executable=settings.dbt_executable()),
    },
)
