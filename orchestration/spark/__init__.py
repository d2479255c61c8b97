"""The Spark engine (SKYLEDGER_ENGINE=spark): extraction as a Spark job, dbt through the Thrift server,
publishing from the marts' Parquet. No Dagster imports here; the assets in orchestration/defs call it."""
