"""The Spark engine's side of the assets (SKYLEDGER_ENGINE=spark): same assets, same tables."""

import dagster as dg

from orchestration import settings


def extract_on_spark(context: dg.AssetExecutionContext, con, skyledger, version: str, on_chunk=None):
    """raw_claims' extraction run on the cluster (orchestration/spark/extraction.py): the totals the
    asset reports and checks, as parallel.extract_pending returns them, and the run's metadata."""
    from orchestration.spark import extraction

    result = extraction.extract_pending(
        con,
        version,
        settings.spark_data_dir(warehouse=skyledger.path()),
        settings.spark_master(),
        settings.spark_cores(),
        log=context.log.info,
        on_chunk=on_chunk,
    )
    metadata = {
        "spark_master": dg.MetadataValue.text(settings.spark_master()),
        "spark_partitions": dg.MetadataValue.int(result.partitions),
        "spark_session_seconds": dg.MetadataValue.float(round(result.session_seconds, 1)),
    }
    return result.totals, metadata


def stage_raw_tables(context: dg.AssetExecutionContext, warehouse) -> None:
    """Before dbt on the cluster: the raw tables as Parquet, registered as Spark tables raw.*."""
    from orchestration.spark import tables

    tables.stage_raw_tables(warehouse, settings.spark_data_dir(warehouse=warehouse), log=context.log.info)


def publish(warehouse, published, parquet_dir):
    """published_warehouse from the cluster's marts (orchestration/spark/publish.py)."""
    from orchestration.spark import publish as spark_publish

    return spark_publish.publish(warehouse, published, parquet_dir, settings.spark_data_dir(warehouse=warehouse))
