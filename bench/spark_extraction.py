"""Extraction on a local Spark cluster against the single-process run, on the same machine.

Builds a scratch warehouse holding the project's own corpora (data/articles, tests/corpus/dev)
repeated to `--articles` distinct texts, then extracts every article twice, from scratch each time:
  1. single process: orchestration/defs/claims.py's batches (`extract_batch`), as `skyledger build` does;
  2. Spark: orchestration/spark/extraction.py on a standalone cluster (master + one worker) started
     here with orchestration/spark/cluster.py, or the one at `--master`.
Both are timed wall-clock from pending articles to claims stored in raw.claims, start-up included
(the Spark session's JVM, shipping the extractor, each Python worker loading the lexicons).
Prints one JSON object: articles, seconds and articles/s for each, and the ratio spark/single.

Run: `.venv/bin/python bench/spark_extraction.py --articles 2000`
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from orchestration import parallel, warehouse
from orchestration.claims import extractor_version
from orchestration.spark import extraction
from orchestration.spark.cluster import LocalCluster

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "data" / "articles", ROOT / "tests" / "corpus" / "dev" / "articles"]


def scratch_warehouse(path: Path, articles: int) -> int:
    con = warehouse.connect(path)
    for number, folder in enumerate(CORPORA):
        staging = path.parent / f"corpus{number}"
        staging.symlink_to(folder)
        warehouse.load_articles(con, staging)
    base = con.execute("select count(*) from raw.articles").fetchone()[0]
    copies = -(-articles // base)
    # Each copy a distinct text (a reference line appended), so none is a duplicate of another.
    con.execute(
        "create temp table copies as select a.* replace ("
        "  a.article_id || '~' || i as article_id, md5(a.text || i) as content_hash,"
        "  a.text || chr(10) || 'Ref. ' || i as text) "
        "from raw.articles a, range(1, ?) r(i)",
        [copies],
    )
    con.execute("insert into raw.articles select * from copies")
    con.execute(
        "delete from raw.articles where article_id not in "
        "(select article_id from raw.articles order by article_id limit ?)",
        [articles],
    )
    total = con.execute("select count(*) from raw.articles").fetchone()[0]
    con.close()
    return total


def single_process(path: Path, version: str) -> float:
    con = warehouse.connect(path)
    started = time.monotonic()
    parallel.extract_pending(con, version, workers=1)
    seconds = time.monotonic() - started
    con.close()
    return seconds


def on_spark(path: Path, version: str, master: str, cores: int) -> tuple[float, float]:
    """Seconds in all, and of those the driver's start (JVM, attaching to the master)."""
    con = warehouse.connect(path)
    started = time.monotonic()
    result = extraction.extract_pending(con, version, path.parent / "spark", master, cores, log=lambda message: None)
    seconds = time.monotonic() - started
    con.close()
    return seconds, result.session_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--master", help="an existing cluster's master URL; default: start a local one")
    args = parser.parse_args()
    cores = os.cpu_count() or 2
    version = extractor_version()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        total = scratch_warehouse(scratch / "w.duckdb", args.articles)
        claims_sql = "select count(*) from raw.claims"
        single = single_process(scratch / "w.duckdb", version)
        con = warehouse.connect(scratch / "w.duckdb")
        single_claims = con.execute(claims_sql).fetchone()[0]
        con.execute("delete from raw.claims; delete from raw.claim_rejects; delete from raw.extractions")
        con.close()
        if args.master:
            spark, session = on_spark(scratch / "w.duckdb", version, args.master, cores)
        else:
            with LocalCluster(scratch / "cluster", thrift=False) as cluster:
                spark, session = on_spark(scratch / "w.duckdb", version, cluster.master_url, cores)
        con = warehouse.connect(scratch / "w.duckdb")
        spark_claims = con.execute(claims_sql).fetchone()[0]
        con.close()
    print(
        json.dumps(
            {
                "articles": total,
                "claims_single": single_claims,
                "claims_spark": spark_claims,
                "single_seconds": round(single, 1),
                "single_articles_per_s": round(total / single, 1),
                "spark_seconds": round(spark, 1),
                "spark_articles_per_s": round(total / spark, 1),
                "ratio_spark_over_single": round(single / spark, 2),
                "spark_session_start_seconds": round(session, 1),
                # The same with the driver already running (a long-lived session amortises its start).
                "ratio_without_session_start": round(single / (spark - session), 2),
                "load_average_1m": round(os.getloadavg()[0], 1),
                "cores": cores,
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
