"""One query under a DuckDB memory_limit: does it finish or run out of memory, in what time and peak.

Runs the SQL in `--sql` (e.g. a model's compiled full-refresh SQL from dbt's target/compiled folder)
as `create or replace table diag.<file name> as <sql>` on `--warehouse`, with `memory_limit`,
`threads` and a spill folder set, in this process alone, and prints one JSON object: finished or
the error, wall and CPU seconds, the process's peak resident memory and the rows written. Used to
find which part of a model holds memory that DuckDB cannot spill (bench/README.md, "dbt within a
memory limit"): cut the SQL into its CTEs and run each under the same limit.

    .venv/bin/python bench/query_memory.py --warehouse W.duckdb --sql int_claims_deduplicated.sql --limit 350MB
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import duckdb


def run(warehouse: Path, sql_file: Path, limit: str, threads: int, spill: Path) -> dict:
    sql = sql_file.read_text()
    name = sql_file.stem
    con = duckdb.connect(str(warehouse))
    con.execute(f"set memory_limit = '{limit}'")
    con.execute(f"set threads = {threads}")
    con.execute(f"set temp_directory = '{spill}'")
    con.execute("create schema if not exists diag")
    load = os.getloadavg()[0]
    started, cpu = time.monotonic(), time.process_time()
    try:
        con.execute(f"create or replace table diag.{name} as {sql}")
        outcome, rows = "finished", con.execute(f"select count(*) from diag.{name}").fetchone()[0]
    except duckdb.OutOfMemoryException as error:
        outcome, rows = f"out of memory: {str(error).splitlines()[0]}", None
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    con.close()
    return {
        "sql": str(sql_file),
        "memory_limit": limit,
        "threads": threads,
        "outcome": outcome,
        "rows": rows,
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True, help="a warehouse (gets a diag schema)")
    parser.add_argument("--sql", type=Path, required=True, help="a file holding one select")
    parser.add_argument("--limit", default="1GB", help="DuckDB's memory_limit")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skyledger-query-memory-", dir=args.warehouse.parent) as spill:
        print(json.dumps(run(args.warehouse, args.sql, args.limit, args.threads, Path(spill)), indent=2))


if __name__ == "__main__":
    main()
