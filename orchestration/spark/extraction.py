"""Extraction as a Spark job: pending articles as Parquet in, claims as a Parquet table out.

The DuckDB warehouse stays the landing zone and the record of what was extracted (raw.articles,
raw.extractions): the articles whose text hash or extractor version is new are written to Parquet,
the cluster runs the extractor over them in `mapPartitions` (orchestration/spark/executor_side.py,
with orchestration/claims shipped as a zip), and the claims and extraction records it writes as
Parquet are stored back into raw.claims and raw.extractions in one transaction, exactly as the
single-process path stores them. Only the pending articles travel to the cluster.
"""

from __future__ import annotations

import os
import shutil
import site
import sys
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import warehouse
from orchestration.claims.model import CLAIM_COLUMNS

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # orchestration/
# Articles per Spark partition: small enough to spread over every core, big enough to amortise
# the per-task cost (about 40 ms of extraction per real-shaped article).
ARTICLES_PER_PARTITION = 200
# What the extractor reads of a pending article.
ARTICLE_FIELDS = "a.article_id, a.content_hash, a.text, a.published_date, a.title, a.outlet"


@dataclass
class SparkExtraction:
    articles: int
    claims: int
    errors: dict[str, str]
    seconds: float
    partitions: int
    session_seconds: float = 0.0  # of `seconds`: starting the driver and attaching to the cluster


def package_extractor(folder: Path, version: str) -> Path:
    """orchestration/claims (code and data) as a zip the executors unpack and import."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"skyledger_extractor_{version}.zip"
    if target.exists():
        return target
    staging = target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp")
    with zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.write(PACKAGE_ROOT / "__init__.py", "orchestration/__init__.py")
        for path in sorted((PACKAGE_ROOT / "claims").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                bundle.write(path, f"orchestration/{path.relative_to(PACKAGE_ROOT).as_posix()}")
    os.replace(staging, target)
    return target


def spark_session(master: str, cores: int, app_name: str = "skyledger-extraction"):
    """A driver in this process, attached to the cluster at `master`.

    Further settings (driver host, executor memory, ...) come from $SPARK_CONF_DIR/spark-defaults.conf
    as for any pyspark program.
    """
    from pyspark.sql import SparkSession

    python = os.environ.get("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.cores.max", str(cores))
        .config("spark.pyspark.python", python)
        .config("spark.pyspark.driver.python", sys.executable)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
    )
    if "127.0.0.1" in master or "localhost" in master:
        # A cluster on this machine: the executors use this environment's packages (pymorphy3, pyyaml).
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.executorEnv.PYTHONPATH", os.pathsep.join(site.getsitepackages()))
        )
    return builder.getOrCreate()


def claim_schema(con: duckdb.DuckDBPyConnection):
    """The Spark schema of one output row, the claim columns typed as raw.claims types them."""
    from pyspark.sql import types as T

    spark_types = {
        "VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "DATE": T.DateType(), "BOOLEAN": T.BooleanType(),
    }  # fmt: skip
    duck = {name: kind for name, kind, *_ in con.execute("describe raw.claims").fetchall()}
    claim = T.StructType([T.StructField(column, spark_types[duck[column]]) for column in CLAIM_COLUMNS])
    return T.StructType(
        [
            T.StructField("article_id", T.StringType()),
            T.StructField("content_hash", T.StringType()),
            T.StructField("claim_count", T.IntegerType()),
            T.StructField("error", T.StringType()),
            T.StructField("claims", T.ArrayType(claim)),
        ]
    )


def extract_pending(
    con: duckdb.DuckDBPyConnection,
    version: str,
    data_dir: Path,
    master: str,
    cores: int,
    log=print,
) -> SparkExtraction:
    """Extract every pending article on the cluster and store the results in the raw tables."""
    from pyspark import cloudpickle

    from orchestration.spark import executor_side

    pending = warehouse.count_pending(con, version)
    if not pending:
        return SparkExtraction(0, 0, {}, 0.0, 0)
    run_dir = data_dir / "extraction" / f"{time.strftime('%Y%m%dT%H%M%S')}.{uuid.uuid4().hex[:8]}"
    run_dir.mkdir(parents=True)
    try:
        articles_path = run_dir / "articles.parquet"
        selected = warehouse._PENDING_SQL.format(columns=ARTICLE_FIELDS)
        con.execute(f"copy ({selected} order by a.article_id) to '{articles_path}' (format parquet)", [version])
        package = package_extractor(data_dir / "packages", version)
        schema = claim_schema(con)
        cloudpickle.register_pickle_by_value(executor_side)
        started = time.monotonic()
        spark = spark_session(master, cores)
        session_seconds = time.monotonic() - started
        try:
            spark.sparkContext.addFile(str(package))
            partitions = max(cores, -(-pending // ARTICLES_PER_PARTITION))
            articles = spark.read.parquet(str(articles_path)).repartition(partitions)
            zip_name, columns = package.name, CLAIM_COLUMNS
            results = articles.rdd.mapPartitions(lambda rows: executor_side.extract_partition(rows, zip_name, columns))
            out = spark.createDataFrame(results, schema)
            # The claims table of this run, written by the executors; the extraction records beside it.
            out.write.parquet(str(run_dir / "results"))
        finally:
            spark.stop()
        seconds = time.monotonic() - started
        log(f"spark extracted {pending} article(s) in {seconds:.1f} s over {partitions} partition(s)")
        results = f"read_parquet('{run_dir / 'results'}/*.parquet')"
        failed, example = con.execute(f"select count(error), min(error) from {results}").fetchone()
        if failed == pending:
            # Every article failed: the executors' environment is broken, not the articles. Nothing
            # is stored, so the next run extracts them again.
            raise RuntimeError(f"extraction failed on every article on the cluster, e.g. {example}")
        errors = _store_results(con, run_dir / "results", version)
        claims = con.execute(f"select coalesce(sum(claim_count), 0) from {results}").fetchone()[0]
        return SparkExtraction(pending, int(claims), errors, seconds, partitions, session_seconds)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def _store_results(con: duckdb.DuckDBPyConnection, results: Path, version: str) -> dict[str, str]:
    """Replace the claims of the extracted articles and record the extraction: one transaction."""
    source = f"read_parquet('{results}/*.parquet')"
    extracted_at = warehouse.now()
    columns = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
    fields = ", ".join(f"struct_extract(claim, '{c}')" for c in CLAIM_COLUMNS)
    con.execute("begin transaction")
    try:
        con.execute(f"create temp table spark_batch as select * from {source}")
        con.execute("delete from raw.claims where article_id in (select article_id from spark_batch)")
        con.execute("delete from raw.extractions where article_id in (select article_id from spark_batch)")
        con.execute(
            f"insert into raw.claims ({columns}, content_hash, extractor_version, extracted_at) "
            f"select {fields}, content_hash, ?, ? "
            "from (select content_hash, unnest(claims) as claim from spark_batch)",
            [version, extracted_at],
        )
        con.execute(
            "insert into raw.extractions "
            "(article_id, content_hash, extractor_version, claim_count, extracted_at, error) "
            "select article_id, content_hash, ?, claim_count, ?, error from spark_batch",
            [version, extracted_at],
        )
        errors = dict(con.execute("select article_id, error from spark_batch where error is not null").fetchall())
        con.execute("drop table spark_batch")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return errors
