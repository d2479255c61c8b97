"""`skyledger build` at scale: a full build, 1,000 new articles over it, and a build with nothing new.

Generates a real-shaped corpus (bench/corpus.py) of `--articles` records as JSONL files, then
runs the command line three times as a whole process under `/usr/bin/time -v`:

1. full: every article is new;
2. incremental: a new file of `--new` records is added, the rest is unchanged;
3. no change: the same folder again.

For each it reports wall seconds, CPU seconds, peak memory (the largest single process, dbt
included), the 1-minute load average before and after, and the stages read from the build's log
file: start-up (imports and dbt preparation, before the job), reference + loading, extraction,
dbt, docs page, publishing, report page, and the wrap-up after the job. Prints one JSON object
with the ratios incremental / full and no-change / full, measured in the same run.

The full build's extraction is also reported chunk by chunk (`extraction_progress`: seconds since
its first chunk and articles done, from the log's "extracted N/M articles" lines) with the rate
of each half of the run: equal rates mean extraction time grows linearly with the articles.

`--reuse DIR` skips the corpus and the full build: it adds `--new` records (a new file) to the
folder a previous `--keep DIR` run left and runs the incremental and no-change builds on its
warehouse, e.g. to measure a change of the build over the same 100,000 articles.

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
from datetime import datetime
from pathlib import Path

from corpus import write

ROOT = Path(__file__).resolve().parent.parent
SKYLEDGER = Path(sys.executable).with_name("skyledger")
_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


def _cpu_seconds(time_output: str) -> float | None:
    """User + system CPU seconds of the build and its children (dbt, extraction workers)."""
    found = [float(value) for value in _CPU.findall(time_output)]
    return round(sum(found), 1) if found else None


def build(articles: Path, warehouse: Path, workers: int | None, log: Path) -> dict:
    command = ["/usr/bin/time", "-v", str(SKYLEDGER), "build", "--articles", str(articles)]
    command += ["--warehouse", str(warehouse), "--json"]
    if workers:
        command += ["--workers", str(workers)]
    load_before = os.getloadavg()[0]
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
        "cpu_seconds": _cpu_seconds(completed.stderr),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "articles_total": summary.get("articles"),
        "claims_total": summary.get("claims"),
        "nothing_to_do": bool(summary.get("nothing_to_do")),
        "stages_seconds": stages(None if summary.get("nothing_to_do") else summary.get("log"), started, finished),
        "extraction_progress": extraction_progress(None if summary.get("nothing_to_do") else summary.get("log")),
    }


# The build's log file (summary["log"]): a timestamped line per Dagster event.
_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ")
_EXTRACTED = re.compile(r" raw_claims LOG extracted (\d+)/(\d+) articles")
_STEP_DONE = re.compile(r" (\w+) STEP_SUCCESS Finished execution of step \"\w+\" in (?:(\d+)m)?([\d.]+)(ms|s)\.")
# Steps per stage, in the job's order.
STAGES = {
    "reference_and_loading": ("raw_articles", "reference_claimants", "reference_places"),
    "extraction": ("raw_claims", "raw_reference_dates"),
    "dbt": ("skyledger_dbt_models",),
    "docs": ("docs_page",),
    "publish": ("published_warehouse",),
    "report": ("report_page",),
}


def stages(log_file: Path | None, started: float, finished: float) -> dict:
    """Seconds per stage: each step's own duration from the log's STEP_SUCCESS lines; start-up
    from the process's start to the job's first line (imports, dbt preparation); wrap-up from the
    job's last line to the process's end (summary, ops.builds). One-second resolution for those two."""
    if log_file is None or not Path(log_file).exists():
        return {"start_up": round(finished - started, 1)}  # nothing to do: no job ran
    steps: dict[str, float] = {}
    moments = []
    for line in Path(log_file).read_text(encoding="utf-8").splitlines():
        stamp = _LINE.match(line)
        if stamp:
            moments.append(datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S").timestamp())
        done = _STEP_DONE.search(line)
        if done:
            step, minutes, value, unit = done.groups()
            steps[step] = int(minutes or 0) * 60 + float(value) / (1000 if unit == "ms" else 1)
    report = {"start_up": round(moments[0] - started, 1) if moments else None}
    for stage, names in STAGES.items():
        report[stage] = round(sum(steps.get(name, 0.0) for name in names), 1)
    report["wrap_up"] = round(finished - moments[-1], 1) if moments else None
    return report


def extraction_progress(log_file: Path | None) -> dict | None:
    """[seconds since the first stored chunk, articles done] per chunk, and the articles per second
    of the first and second half of the articles (from the first chunk on: the pool's start-up and
    the first chunk's extraction are not in either)."""
    if log_file is None or not Path(log_file).exists():
        return None
    points = []
    for line in Path(log_file).read_text(encoding="utf-8").splitlines():
        stamp, done = _LINE.match(line), _EXTRACTED.search(line)
        if stamp and done:
            moment = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S").timestamp()
            points.append((moment, int(done.group(1)), int(done.group(2))))
    if len(points) < 3:
        return None
    first, last = points[0], points[-1]
    middle = min(points, key=lambda p: abs(p[1] - (first[1] + last[1]) / 2))

    def rate(a, b) -> float | None:
        return round((b[1] - a[1]) / (b[0] - a[0]), 1) if b[0] > a[0] else None

    return {
        "chunks": [[round(p[0] - first[0]), p[1]] for p in points],
        "articles_per_second_first_half": rate(first, middle),
        "articles_per_second_second_half": rate(middle, last),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=1000, help="records added for the incremental build")
    parser.add_argument("--workers", type=int, help="extraction processes (default: the build's, one per core)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--reuse", type=Path, help="a --keep run's folder: only the incremental and no-change builds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skyledger-scale-") as scratch:
        work = args.reuse or args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        articles, warehouse = work / "articles", work / "warehouse.duckdb"
        runs = {}
        if args.reuse:
            start = sum(1 for path in articles.iterdir() for _ in path.open(encoding="utf-8"))
            prefix = f"new{start}"
        else:
            start, prefix = args.articles, "new"
            write(articles, args.articles)
            runs["full"] = build(articles, warehouse, args.workers, work / "full.log")
        write(articles, args.new, start=start, prefix=prefix)
        runs["incremental"] = build(articles, warehouse, args.workers, work / f"incremental-{start}.log")
        runs["no_change"] = build(articles, warehouse, args.workers, work / f"no_change-{start}.log")
    full = runs["full"]["wall_seconds"] if "full" in runs else None
    report = {
        "records": start,
        "new_records": args.new,
        "workers": args.workers or "one per core",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "runs": runs,
        "ratio_incremental_to_full": round(runs["incremental"]["wall_seconds"] / full, 3) if full else None,
        "ratio_no_change_to_full": round(runs["no_change"]["wall_seconds"] / full, 3) if full else None,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
