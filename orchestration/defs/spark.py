"""The Spark engine's side of the assets (SKYLEDGER_ENGINE=spark): same assets, same tables."""

import dagster as dg

from orchestration import settings
from orchestration.claims import extractor_version
from orchestration.defs.resources import SkyledgerWarehouse


def raw_claims_on_spark(context: dg.AssetExecutionContext, skyledger: SkyledgerWarehouse) -> dg.MaterializeResult:
    """raw_claims with the extractor run on the cluster (orchestration/spark/extraction.py)."""
    from orchestration.spark import extraction

    version = extractor_version()
    data_dir = settings.spark_data_dir(warehouse=skyledger.path())
    with skyledger.connect() as con:
        result = extraction.extract_pending(
            con, version, data_dir, settings.spark_master(), settings.spark_cores(), log=context.log.info
        )
        totals = con.execute("select count(*), count(distinct article_id) from raw.claims").fetchone()
    for article_id, error in result.errors.items():
        context.log.warning(f"extraction failed for {article_id}: {error}")
    return dg.MaterializeResult(
        metadata={
            "engine": dg.MetadataValue.text("spark"),
            "spark_master": dg.MetadataValue.text(settings.spark_master()),
            "articles_extracted": dg.MetadataValue.int(result.articles),
            "claims_written": dg.MetadataValue.int(result.claims),
            "extraction_errors": dg.MetadataValue.int(len(result.errors)),
            "claims_total": dg.MetadataValue.int(totals[0]),
            "articles_with_claims": dg.MetadataValue.int(totals[1]),
            "extractor_version": dg.MetadataValue.text(version),
            "spark_partitions": dg.MetadataValue.int(result.partitions),
            "articles_per_second": dg.MetadataValue.float(
                round(result.articles / result.seconds, 1) if result.seconds else 0.0
            ),
        }
    )


def stage_raw_tables(context: dg.AssetExecutionContext, warehouse) -> None:
    """Before dbt on the cluster: the raw tables as Parquet, registered as Spark tables raw.*."""
    from orchestration.spark import tables

    tables.stage_raw_tables(warehouse, settings.spark_data_dir(warehouse=warehouse), log=context.log.info)


def publish(warehouse, published, parquet_dir):
    """published_warehouse from the cluster's marts (orchestration/spark/publish.py)."""
    from orchestration.spark import publish as spark_publish

    return spark_publish.publish(warehouse, published, parquet_dir, settings.spark_data_dir(warehouse=warehouse))
