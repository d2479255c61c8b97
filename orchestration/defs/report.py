"""After dbt: the report page (charts of the national series, claims per region, disagreements)."""

import dagster as dg

from orchestration import report, settings
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="publish",
    # Drawn from the published copy, so the page shows what readers have, even when a
    # shrinking build was not published.
    deps=["published_warehouse"],
    description="A static report page beside the docs page (published/<warehouse>_docs/report.html): "
    "launched against intercepted per day, claims per region per day, and where the ministry and "
    "the governor disagree, with charts drawn offline.",
    kinds={"python", "html"},
)
def report_page(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    warehouse = skyledger.path()
    page = report.build_report(settings.published_path(warehouse=warehouse), settings.report_path(warehouse=warehouse))
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(page)), "bytes": dg.MetadataValue.int(page.stat().st_size)}
    )
