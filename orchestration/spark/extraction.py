"""Extraction as a Spark job: pending articles as Parquet in, claims as a Parquet table out.

The DuckDB warehouse stays the landing zone and the record of what was extracted (raw.articles,
raw.extractions): the articles whose text hash or extractor version is new are written to Parquet,
the cluster runs the extractor over them in `mapPartitions` (orchestration/spark/executor_side.py,
with orchestration/claims, article_extraction.py and reference_date.py shipped as a zip), and the
claims and errors it writes as Parquet are stored back chunk by chunk through the single-process
path's own writer (`parallel.store_batch`): counts out of range go to raw.claim_rejects, a chunk the
database refuses is stored article by article, exactly as a DuckDB build stores them. Only the
pending articles travel to the cluster.
"""

from __future__ import annotations

import hashlib
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
import pandas as pd

from orchestration import article_extraction, parallel, warehouse
from orchestration.claims.model import CLAIM_COLUMNS, Claim

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # orchestration/
# Articles per Spark partition: small enough to spread over every core, big enough to amortise
# the per-task cost (about 40 ms of extraction per real-shaped article).
ARTICLES_PER_PARTITION = 200
# What the extractor reads of a pending article.
ARTICLE_FIELDS = "a.article_id, a.content_hash, a.text, a.published_date, a.title, a.outlet"
# The modules the executors import, besides orchestration/claims (plain Python, no DuckDB, no pandas).
SHIPPED_MODULES = ("__init__.py", "article_extraction.py", "reference_date.py")
# Articles stored per transaction when the cluster's results come back (as parallel.MAX_CHUNK).
STORE_CHUNK = parallel.MAX_CHUNK


@dataclass
class SparkExtraction:
    totals: parallel.ExtractionTotals
    seconds: float
    partitions: int
    session_seconds: float = 0.0  # of `seconds`: starting the driver and attaching to the cluster


def _shipped_files() -> list[Path]:
    files = [PACKAGE_ROOT / name for name in SHIPPED_MODULES]
    files += [p for p in sorted((PACKAGE_ROOT / "claims").rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    return files


def package_extractor(folder: Path) -> Path:
    """orchestration/claims (code and data) and the per-article modules as a zip the executors unpack
    and import; named by the hash of what it holds, so a changed file ships a new zip."""
    files = _shipped_files()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"skyledger_extractor_{digest.hexdigest()[:16]}.zip"
    if target.exists():
        return target
    staging = target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp")
    with zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
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
        "VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "BIGINT": T.LongType(), "DATE": T.DateType(),
        "BOOLEAN": T.BooleanType(),
    }  # fmt: skip
    duck = {name: kind for name, kind, *_ in con.execute("describe raw.claims").fetchall()}
    # The count as text: any integer the extractor read travels whole (executor_side.extract_partition).
    duck["count"] = "VARCHAR"
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
    on_chunk=None,
) -> SparkExtraction:
    """Extract every pending article on the cluster and store the results in the raw tables.

    `on_chunk(totals, chunk_errors)` is called after each stored chunk, as in parallel.extract_pending.
    """
    from pyspark import cloudpickle

    from orchestration.spark import executor_side

    pending = warehouse.count_pending(con, version)
    if not pending:
        return SparkExtraction(parallel.ExtractionTotals(), 0.0, 0)
    run_dir = data_dir / "extraction" / f"{time.strftime('%Y%m%dT%H%M%S')}.{uuid.uuid4().hex[:8]}"
    run_dir.mkdir(parents=True)
    try:
        articles_path = run_dir / "articles.parquet"
        selected = warehouse._PENDING_SQL.format(columns=ARTICLE_FIELDS)
        con.execute(f"copy ({selected} order by a.article_id) to '{articles_path}' (format parquet)", [version])
        package = package_extractor(data_dir / "packages")
        schema = claim_schema(con)
        cloudpickle.register_pickle_by_value(executor_side)
        started = time.monotonic()
        spark = spark_session(master, cores)
        session_seconds = time.monotonic() - started
        try:
            spark.sparkContext.addFile(str(package))
            partitions = max(cores, -(-pending // ARTICLES_PER_PARTITION))
            articles = spark.read.parquet(str(articles_path)).repartition(partitions)
            zip_name, columns, seconds = package.name, CLAIM_COLUMNS, article_extraction.ARTICLE_SECONDS
            results = articles.rdd.mapPartitions(
                lambda rows: executor_side.extract_partition(rows, zip_name, columns, seconds)
            )
            out = spark.createDataFrame(results, schema)
            # The claims of this run, written by the executors, one row per article.
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
        totals = _store_results(con, run_dir / "results", version, on_chunk)
        return SparkExtraction(totals, seconds, partitions, session_seconds)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def _store_results(con: duckdb.DuckDBPyConnection, results: Path, version: str, on_chunk=None):
    """Store the cluster's claims and errors, STORE_CHUNK articles per transaction, through the
    single-process path's writer (parallel.store_batch)."""
    source = f"read_parquet('{results}/*.parquet')"
    totals = parallel.ExtractionTotals(workers=0)
    con.execute(f"create or replace temp table spark_results as select * from {source} order by article_id")
    try:
        count = con.execute("select count(*) from spark_results").fetchone()[0]
        for offset in range(0, count, STORE_CHUNK):
            rows = con.execute(
                "select article_id, content_hash, error, claims from spark_results "
                "order by article_id limit ? offset ?",
                [STORE_CHUNK, offset],
            ).fetchall()
            frame = pd.DataFrame({"article_id": [r[0] for r in rows], "content_hash": [r[1] for r in rows]})
            errors = {article_id: error for article_id, _, error, _ in rows if error is not None}
            claims = [_claim(fields) for *_, listed in rows for fields in (listed or [])]
            parallel.store_batch(con, frame, claims, version, errors)
            totals.articles += len(frame)
            totals.claims += len(claims)
            totals.errors.update(errors)
            if on_chunk is not None:
                on_chunk(totals, errors)
    finally:
        con.execute("drop table if exists spark_results")
    return totals


def _claim(fields: dict) -> Claim:
    values = {column: fields[column] for column in CLAIM_COLUMNS}
    values["count"] = None if values["count"] is None else int(values["count"])
    return Claim(**values)
