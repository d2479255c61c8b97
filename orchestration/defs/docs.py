"""After dbt: the static documentation page (lineage and columns) that analysts read."""

import dagster as dg

from orchestration import build_state, docs_site, settings
from orchestration.defs.publish import MART_KEYS
from orchestration.defs.resources import SkyledgerWarehouse


@dg.asset(
    group_name="publish",
    deps=MART_KEYS,
    description="dbt's documentation as one self-contained page (data/published/warehouse_docs/index.html): "
    "every mart and column described, and the lineage from raw tables to marts; rebuilt only when "
    "the dbt project changed.",
    kinds={"dbt", "html"},
)
def docs_page(skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    warehouse = skyledger.path()
    target = settings.docs_path(warehouse=warehouse)
    # The page describes the dbt project: rebuilt only when the project's files changed.
    stamp = settings.state_dir(warehouse) / "docs-page.hash"
    fingerprint = f"{build_state.dbt_project_hash()} {target}"
    rebuilt = not (target.exists() and stamp.exists() and stamp.read_text() == fingerprint)
    if rebuilt:
        docs_site.build_docs_site(warehouse, target)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "bytes": dg.MetadataValue.int(target.stat().st_size),
            "rebuilt": dg.MetadataValue.bool(rebuilt),
        }
    )
