"""A build with nothing to do against a full build: wall time of `skyledger build`, start-up included.

Copies the demo articles (optionally repeated to `--articles N` distinct articles in one JSONL
feed) to a scratch folder, runs `skyledger build` into a scratch warehouse (the full build),
then again with nothing changed (`--repeat` times), each as its own process, and prints one
JSON object: the full build's seconds, the no-op builds' seconds, and their ratio.

    .venv/bin/python bench/noop_build.py                    # the demo corpus
    .venv/bin/python bench/noop_build.py --articles 100000  # a large warehouse (slow: a full build first)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKYLEDGER = Path(sys.executable).with_name("skyledger")


def make_corpus(target: Path, articles: int | None) -> None:
    if not articles:
        shutil.copytree(ROOT / "data" / "articles", target)
        return
    from orchestration.loading import read_folder

    records = read_folder(ROOT / "data" / "articles").records
    target.mkdir(parents=True)
    with (target / "feed.jsonl").open("w", encoding="utf-8") as feed:
        for i in range(articles):
            record = records[i % len(records)]
            # A distinct text per copy (the loader keeps one article per distinct text).
            text = f"{record.text}\n\n(Copy {i}.)"
            published = record.published_at.isoformat() if record.published_at else None
            feed.write(json.dumps({"id": f"bench-{i}", "text": text, "published_at": published}) + "\n")


def timed_build(articles: Path, warehouse: Path) -> tuple[float, str]:
    started = time.monotonic()
    completed = subprocess.run(
        [str(SKYLEDGER), "build", "--articles", str(articles), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env={**os.environ, "SKYLEDGER_PUBLISHED": "", "SKYLEDGER_PARQUET": "", "SKYLEDGER_DOCS": ""},
    )
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        raise SystemExit(f"build failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return seconds, completed.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="distinct articles (default: the demo corpus as it is)")
    parser.add_argument("--repeat", type=int, default=3, help="no-op builds to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skyledger-bench-") as scratch:
        folder, warehouse = Path(scratch) / "articles", Path(scratch) / "warehouse.duckdb"
        make_corpus(folder, args.articles)
        full, _ = timed_build(folder, warehouse)
        noops = []
        for _ in range(args.repeat):
            seconds, out = timed_build(folder, warehouse)
            if "nothing to do" not in out:
                raise SystemExit(f"the second build was not a no-op:\n{out[-3000:]}")
            noops.append(seconds)
    print(
        json.dumps(
            {
                "benchmark": "noop_build",
                "articles": args.articles or "demo corpus",
                "full_build_seconds": round(full, 2),
                "noop_build_seconds": [round(s, 2) for s in noops],
                "noop_median_seconds": round(statistics.median(noops), 2),
                "ratio_full_to_noop": round(full / statistics.median(noops), 1),
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg()[0],
                "python": platform.python_version(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
