"""dbt alone at a larger scale, without extracting: a built warehouse's raw rows copied N times.

Copies `--warehouse` (one `skyledger build` has filled it, e.g. bench/build_scale.py --keep DIR),
then inserts `--copies` - 1 more copies of its raw articles, claims and extractions, each with
its ids, content hashes and dates shifted so that no copy merges with another, and runs, each as
one `dbt build` process under `/usr/bin/time -v`:

1. whole: `dbt build --full-refresh`;
2. incremental: the whole rebuild recorded as a finished build (ops.builds), `--new` more articles
   (copies of existing ones, loaded and extracted now), then `dbt build --exclude-resource-type
   unit_test`, as a build with nothing changed in the project runs it.

Prints one JSON object: dbt's elapsed time (run_results.json), CPU seconds, peak memory of the dbt
process, the slowest nodes, and the ratio incremental / whole, measured in the same run. A build
that fails is reported with the nodes that failed and their messages (`success`, `failed`), and
the script goes on to the incremental build.

    .venv/bin/python bench/dbt_scale.py --warehouse DIR/warehouse.duckdb --copies 10 --new 1000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from orchestration import build_state  # noqa: E402  (the project's, not an installed copy)

DBT = Path(sys.executable).with_name("dbt")
INCREMENTAL = ("int_claims_resolved", "int_claims_deduplicated", "fct_claims", "fct_claims_deduplicated")
# Per copy: these columns get a suffix (ids, hashes) or a shift in days (dates).
SUFFIXED = {
    "articles": ("article_id", "content_hash", "source_path"),
    "claims": ("claim_id", "article_id", "parent_claim_id", "content_hash"),
    "extractions": ("article_id", "content_hash"),
}
SHIFTED = {
    "articles": ("published_at", "published_date"),
    "claims": ("period_start", "period_end"),
    "extractions": (),
}
NOW = {"articles": "loaded_at", "claims": "extracted_at", "extractions": "extracted_at"}


def _copy_rows(con, suffix: str, days: int, where: str = "", now: bool = False) -> None:
    for table in SUFFIXED:
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' "
                f"and table_name = '{table}' order by ordinal_position"
            ).fetchall()
        ]
        select = []
        for column in columns:
            if column in SUFFIXED[table]:
                select.append(f"{column} || '{suffix}'")
            elif column in SHIFTED[table]:
                select.append(f"{column} + interval {days} day")
            elif now and column == NOW[table]:
                select.append("cast(now() as timestamp)")
            else:
                select.append(column)
        con.execute(f"insert into raw.{table} select {', '.join(select)} from base_{table} {where}")


def grow(warehouse: Path, copies: int, shift_days: int = 800, tag: str = "x") -> dict:
    con = duckdb.connect(str(warehouse))
    for table in SUFFIXED:
        con.execute(f"create temp table base_{table} as select * from raw.{table}")
    for copy in range(1, copies):
        _copy_rows(con, f"-{tag}{copy}", copy * shift_days)
    counts = dict(zip(("articles", "claims"), con.execute(
        "select (select count(*) from raw.articles), (select count(*) from raw.claims)"
    ).fetchone(), strict=True))  # fmt: skip
    con.close()
    return counts


def record_finished_build(warehouse: Path) -> None:
    """Record the whole rebuild (whose every test passed) as a finished build in ops.builds, as
    `skyledger build` does: the next build's row-local tests read the rows changed since its start
    (dbt_project/macros/checked_rows.sql), not every row."""
    con = duckdb.connect(str(warehouse))
    con.execute(build_state.OPS_DDL)
    con.execute(
        "insert into ops.builds (started_at, finished_at, seconds, outcome, articles_folder, files_fingerprint, "
        "extractor_version, dbt_project_hash, reference_hash) values (cast(now() as timestamp), "
        "cast(now() as timestamp), 0, 'built', 'bench/dbt_scale.py', '', '', '', '')"
    )
    con.close()


def add_new(warehouse: Path, new: int, copies: int, shift_days: int = 800) -> None:
    con = duckdb.connect(str(warehouse))
    for table in SUFFIXED:
        con.execute(f"create temp table base_{table} as select * from raw.{table} where article_id not like '%-x%'")
    con.execute(f"create temp table picked as select article_id from base_articles order by article_id limit {new}")
    _copy_rows(con, "-new", (copies + 1) * shift_days, "where article_id in (select article_id from picked)", now=True)
    con.close()


def dbt_build(warehouse: Path, arguments: list[str], work: Path) -> dict:
    target = work / "target"
    shutil.rmtree(target, ignore_errors=True)
    command = ["/usr/bin/time", "-v", str(DBT), "build", *arguments, "--target-path", str(target)]
    command += ["--log-path", str(work / "logs"), "--quiet"]
    env = {**os.environ, "SKYLEDGER_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    load = os.getloadavg()[0]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT / "dbt_project", env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    results_file = target / "run_results.json"
    if completed.returncode and not results_file.exists():
        raise SystemExit(f"dbt build failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    results = json.loads(results_file.read_text())
    nodes = sorted(results["results"], key=lambda r: -r["execution_time"])
    cpu = sum(float(v) for v in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", completed.stderr))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", completed.stderr)
    return {
        "success": completed.returncode == 0,
        # every node that did not pass (a model's error, a test's failure or its own error), with
        # dbt's message: a failed build is reported, not thrown away
        "failed": {
            r["unique_id"].split(".", 2)[-1]: (r.get("message") or "")[:300]
            for r in results["results"]
            if r["status"] in ("error", "fail", "runtime error")
        },
        "skipped": sorted(r["unique_id"].split(".", 2)[-1] for r in results["results"] if r["status"] == "skipped"),
        "wall_seconds": round(wall, 1),
        "dbt_elapsed_seconds": round(results["elapsed_time"], 1),
        "cpu_seconds": round(cpu, 1),
        "peak_memory_mb": round(int(rss.group(1)) / 1024) if rss else None,
        "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
        "incremental_models_seconds": round(
            sum(r["execution_time"] for r in nodes if r["unique_id"].split(".")[-1] in INCREMENTAL), 1
        ),
        "data_tests_seconds": round(sum(r["execution_time"] for r in nodes if r["unique_id"].startswith("test.")), 1),
        "slowest": {r["unique_id"].split(".", 2)[-1]: round(r["execution_time"], 2) for r in nodes[:6]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True, help="a built warehouse (left unchanged)")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--threads", type=int, help="dbt's threads (default: the profile's)")
    parser.add_argument(
        "--shift-days",
        type=int,
        default=800,
        help="days between copies; 8000 when --warehouse is itself a copied one (its copies 800 apart)",
    )
    parser.add_argument("--tag", default="x", help="copies' id suffix -<tag>N; another letter for a copied warehouse")
    parser.add_argument("--scratch", type=Path, help="the folder for the copy (default: the temporary folder)")
    args = parser.parse_args()
    threads = ["--threads", str(args.threads)] if args.threads else []
    with tempfile.TemporaryDirectory(prefix="skyledger-dbt-scale-", dir=args.scratch) as scratch:
        work = Path(scratch)
        warehouse = work / "warehouse.duckdb"
        shutil.copyfile(args.warehouse, warehouse)
        counts = grow(warehouse, args.copies, args.shift_days, args.tag)
        whole = dbt_build(warehouse, ["--full-refresh", *threads], work)
        record_finished_build(warehouse)
        add_new(warehouse, args.new, args.copies, args.shift_days)
        incremental = dbt_build(warehouse, ["--exclude-resource-type", "unit_test", *threads], work)
    report = {
        "benchmark": "dbt_scale",
        "copies": args.copies,
        **counts,
        "new_articles": args.new,
        "threads": args.threads or "profile default",
        "memory_limit": os.environ.get("SKYLEDGER_DUCKDB_MEMORY_LIMIT", "profile default"),
        "whole": whole,
        "incremental": incremental,
        "ratio_incremental_to_whole": round(incremental["dbt_elapsed_seconds"] / whole["dbt_elapsed_seconds"], 3),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
