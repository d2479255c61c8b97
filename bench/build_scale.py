"""`skyledger build` at scale: a full build, 1,000 new articles over it, and a build with nothing new.

Generates a real-shaped corpus (bench/corpus.py) of `--articles` records as JSONL files, then
runs the command line three times as a whole process under `/usr/bin/time -v`:

1. full: every article is new;
2. incremental: a new file of `--new` records is added, the rest is unchanged;
3. no change: the same folder again.

For each it reports wall seconds, peak memory (the largest single process, dbt included), and
the stages read from the build's log: start-up (imports and dbt preparation, before the job),
reference + loading, extraction, dbt, publishing + docs page. Prints one JSON object with the
ratios incremental / full and no-change / full, measured in the same run.

Run: `.venv/bin/python bench/build_scale.py --articles 10000 [--new 1000] [--workers N] [--keep DIR]`.
`make bench-build` runs the 10k case; the 100k case is recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from corpus import write

ROOT = Path(__file__).resolve().parent.parent
SKYLEDGER = Path(sys.executable).with_name("skyledger")
_LOG = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+0000 - dagster - \w+ - build_warehouse - [0-9a-f-]+ - (?:\d+ - )?(\w+) - "
)
_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def build(articles: Path, warehouse: Path, workers: int | None, log: Path) -> dict:
    command = ["/usr/bin/time", "-v", str(SKYLEDGER), "build", "--articles", str(articles)]
    command += ["--warehouse", str(warehouse), "--json"]
    if workers:
        command += ["--workers", str(workers)]
    started = time.time()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    finished = time.time()
    log.write_text(completed.stdout + "\n" + completed.stderr)
    # The summary is the last thing printed: a JSON object whose braces open and close a line.
    opening = [m.start() for m in re.finditer(r"^\{$", completed.stdout, re.MULTILINE)]
    if completed.returncode and not opening:
        raise SystemExit(f"skyledger build failed (exit {completed.returncode}); see {log}")
    summary = json.loads(completed.stdout[opening[-1] :])
    rss = _MAX_RSS.search(completed.stderr)
    return {
        "success": summary["success"],
        "wall_seconds": round(finished - started, 1),
        "peak_memory_mb": round(int(rss.group(1)) / 1024) if rss else None,
        "articles_total": summary.get("articles"),
        "claims_total": summary.get("claims"),
        "stages_seconds": stages(
            completed.stdout + completed.stderr, started, finished, summary["seconds"], warehouse.parent
        ),
    }


def stages(output: str, started: float, finished: float, job_seconds: float, work: Path) -> dict:
    """Stage lengths (one-second resolution) from the log's timestamps and dbt's run_results.json.

    Loading ends when `raw_claims` logs its first line, extraction at its last; dbt ends when it
    writes run_results.json; publishing and the docs page take the rest.
    """
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for line in output.splitlines():
        match = _LOG.match(line)
        if match:
            moment = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
            first.setdefault(match.group(2), moment)
            last[match.group(2)] = moment
    job_started = finished - job_seconds
    loaded = first.get("raw_claims", job_started)
    extracted = last.get("raw_claims", loaded)
    results = _dbt_results(work, started, finished)
    dbt_done = results["finished"] if results else extracted
    report = {
        "start_up": round(job_started - started, 1),
        "reference_and_loading": round(max(loaded - job_started, 0), 1),
        "extraction": round(extracted - loaded, 1),
        "dbt": round(dbt_done - extracted, 1),
        "publish_and_docs": round(finished - dbt_done, 1),
    }
    if results:
        report["dbt_own_elapsed"] = results["elapsed"]
    return report


def _dbt_results(work: Path, started: float, finished: float) -> dict | None:
    """The run_results.json this build's `dbt build` wrote (the project's target or one beside the warehouse)."""
    candidates = [*work.rglob("run_results.json"), *(ROOT / "dbt_project" / "target").rglob("run_results.json")]
    written = [p for p in candidates if started <= p.stat().st_mtime <= finished]
    for path in sorted(written, key=lambda p: p.stat().st_mtime, reverse=True):
        results = json.loads(path.read_text())
        if results.get("args", {}).get("which") == "build":
            return {"finished": path.stat().st_mtime, "elapsed": round(results.get("elapsed_time", 0), 1)}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=1000, help="records added for the incremental build")
    parser.add_argument("--workers", type=int, help="extraction processes (default: the build's, one per core)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skyledger-scale-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        articles, warehouse = work / "articles", work / "warehouse.duckdb"
        write(articles, args.articles)
        runs = {"full": build(articles, warehouse, args.workers, work / "full.log")}
        write(articles, args.new, start=args.articles, prefix="new")
        runs["incremental"] = build(articles, warehouse, args.workers, work / "incremental.log")
        runs["no_change"] = build(articles, warehouse, args.workers, work / "no_change.log")
    full = runs["full"]["wall_seconds"]
    report = {
        "records": args.articles,
        "new_records": args.new,
        "workers": args.workers or "one per core",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "runs": runs,
        "ratio_incremental_to_full": round(runs["incremental"]["wall_seconds"] / full, 3),
        "ratio_no_change_to_full": round(runs["no_change"]["wall_seconds"] / full, 3),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
