"""Extraction wall time with 1 and with N worker processes, the same pending articles, the same run.

Loads a real-shaped corpus (bench/corpus.py) into a scratch warehouse once, then, for each
round and each worker count in turn, copies that warehouse and runs `parallel.extract_pending`
on it: the whole extraction step as the `raw_claims` asset runs it (read the pending articles,
extract in the pool, write every chunk through the one DuckDB connection). Wall seconds include
the pool's start-up; a first round of each count, not counted, compiles the lexicons (in this
process for 1 worker, in the pool's fork server for more). The main process's own CPU seconds
(reading, unpickling, writing) are the part that does not spread over workers; with them the run
projects the time on 16 cores (Amdahl).

Run: `.venv/bin/python bench/parallel_extraction.py [--articles 1000] [--workers 1,2] [--rounds 2]`.
Prints one JSON object; `ratio_N_to_1` is the median wall time with N workers over that with 1.
`--template PATH` keeps the loaded warehouse between calls (to time whole processes from outside).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from corpus import write

from orchestration import parallel, warehouse
from orchestration.claims import extractor_version


def prepare(scratch: Path, articles: int, template: Path | None = None) -> Path:
    template = template or scratch / "template.duckdb"
    if template.exists():
        return template
    folder = scratch / "articles"
    write(folder, articles)
    con = warehouse.connect(template)
    try:
        warehouse.load_articles(con, folder)
    finally:
        con.close()
    return template


def run_once(template: Path, scratch: Path, workers: int) -> dict:
    copy = scratch / f"run-{workers}.duckdb"
    shutil.copyfile(template, copy)
    con = warehouse.connect(copy)
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        totals = parallel.extract_pending(con, extractor_version(), workers)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        con.close()
        copy.unlink()
    return {"wall": wall, "main_cpu": cpu, "articles": totals.articles, "claims": totals.claims, "workers": workers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts, run in turn")
    parser.add_argument("--rounds", type=int, default=2, help="counted rounds, after one warm-up round")
    parser.add_argument("--warmup", type=int, default=1, help="rounds not counted, first")
    parser.add_argument("--template", type=Path, help="the loaded warehouse to reuse (created when missing)")
    parser.add_argument("--project", type=int, default=16, help="the core count to project the time for")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="skyledger-bench-") as scratch:
        template = prepare(Path(scratch), args.articles, args.template)
        runs = {w: [] for w in counts}
        for round_number in range(args.warmup + args.rounds):
            for workers in counts:
                run = run_once(template, Path(scratch), workers)
                if round_number >= args.warmup:
                    runs[workers].append(run)
    wall = {w: statistics.median(r["wall"] for r in rs) for w, rs in runs.items()}
    claims = {w: {r["claims"] for r in rs} for w, rs in runs.items()}
    report = {
        "articles": next(r["articles"] for rs in runs.values() for r in rs),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "same_claims_for_every_worker_count": len({c for cs in claims.values() for c in cs}) == 1,
        "wall_seconds": {w: [round(r["wall"], 2) for r in rs] for w, rs in runs.items()},
        "articles_per_second": {w: round(args.articles / s, 1) for w, s in wall.items()},
    }
    base = min(counts)
    for workers in counts:
        if workers != base:
            report[f"ratio_{workers}_to_{base}"] = round(wall[workers] / wall[base], 3)
    if 1 in runs:
        # Amdahl: the main process's reading and writing stays serial; the extraction divides.
        serial = statistics.median(r["main_cpu"] for r in runs[max(counts)])
        parallel_part = max(wall[1] - serial, 0.0)
        projected = serial + parallel_part / args.project
        report["main_process_cpu_seconds"] = round(serial, 2)
        report[f"projected_wall_seconds_{args.project}_workers"] = round(projected, 2)
        report[f"projected_speedup_{args.project}_workers"] = round(wall[1] / projected, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
