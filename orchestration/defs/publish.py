"""After dbt: a read-only copy of the warehouse for analysts and BI tools, and the marts as Parquet."""

import dagster as dg

from orchestration import publish, publish_guard, settings
from orchestration.defs import spark
from orchestration.defs.dbt import skyledger_dbt_models
from orchestration.defs.resources import SkyledgerWarehouse

# The marts as dbt-dagster names them (["marts", "fct_claims"], ...): published once they are built.
MART_KEYS = sorted((key for key in skyledger_dbt_models.keys if key.path[0] == "marts"), key=str)


@dg.asset(
    group_name="publish",
    deps=MART_KEYS,
    description="A read-only copy of the marts, the contradictions and the article texts "
    "(data/published/warehouse.duckdb, readable by DuckDB 1.4+), and each mart as Parquet "
    "(data/published/warehouse_parquet), both replaced atomically: readers never see a half-written file.",
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),  # a lock held by a reader clears quickly
    kinds={"python", "duckdb", "parquet"},
)
def published_warehouse(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    warehouse = skyledger.path()
    target = settings.published_path(warehouse=warehouse)
    withheld = None if skyledger.allow_shrink else publish_guard.shrink_reason(warehouse, target)
    if withheld:
        context.log.warning(f"the published copy was kept: {withheld}")
        return dg.MaterializeResult(
            metadata={"path": dg.MetadataValue.path(str(target)), "withheld": dg.MetadataValue.text(withheld)}
        )
    # The Spark engine's marts live on the cluster: published from its Parquet, to the same files.
    publisher = spark.publish if settings.engine() == "spark" else publish.publish
    summary = publisher(warehouse, target, settings.parquet_dir(warehouse=warehouse))
    how = (
        f"updated in place of rewritten, {len(summary.unchanged_tables)} of {len(summary.row_counts)} tables unchanged"
        if summary.updated
        else "written whole"
    )
    context.log.info(f"published {summary.path} ({summary.bytes} bytes, {how}), Parquet in {summary.parquet_dir}")
    table = ["| table | rows |", "|---|---:|"]
    table += [f"| {name} | {rows} |" for name, rows in summary.row_counts.items()]
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(summary.path)),
            "bytes": dg.MetadataValue.int(summary.bytes),
            "parquet_dir": dg.MetadataValue.path(str(summary.parquet_dir)),
            "parquet_bytes": dg.MetadataValue.int(summary.parquet_bytes),
            "row_counts": dg.MetadataValue.json(summary.row_counts),
            "updated_from_previous_copy": dg.MetadataValue.bool(summary.updated),
            "unchanged_tables": dg.MetadataValue.json(summary.unchanged_tables),
            "tables": dg.MetadataValue.md("\n".join(table)),
        }
    )
