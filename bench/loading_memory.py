"""Peak memory of loading articles, for two corpus sizes: flat when records stream in batches.

For each size, generates a real-shaped corpus (bench/corpus.py, JSONL files of 10,000 records),
then loads it into a fresh warehouse in a separate process (`warehouse.load_articles`, what the
`raw_articles` asset runs) under `/usr/bin/time -v`, and reports that process's peak resident
memory and wall time. Prints one JSON object with the ratio of the peaks, measured in the same run.

Run: `.venv/bin/python bench/loading_memory.py [--articles 10000,100000]`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write

_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_LOAD = (
    "import sys; from pathlib import Path; from orchestration import warehouse; "
    "con = warehouse.connect(Path(sys.argv[2])); print(dict(warehouse.load_articles(con, Path(sys.argv[1])))); "
    "con.close()"
)


def load(folder: Path, database: Path) -> dict:
    started = time.perf_counter()
    completed = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-c", _LOAD, str(folder), str(database)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    return {
        "peak_memory_mb": round(int(_MAX_RSS.search(completed.stderr).group(1)) / 1024),
        "wall_seconds": round(wall, 1),
        "summary": completed.stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="10000,100000", help="two comma-separated corpus sizes")
    args = parser.parse_args()
    sizes = [int(n) for n in args.articles.split(",")]
    runs = {}
    with tempfile.TemporaryDirectory(prefix="skyledger-loading-") as scratch:
        for size in sizes:
            folder = Path(scratch) / f"articles-{size}"
            write(folder, size)
            corpus_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            runs[size] = {"corpus_mb": round(corpus_mb), **load(folder, Path(scratch) / f"w-{size}.duckdb")}
    small, large = sizes[0], sizes[-1]
    report = {
        "runs": runs,
        f"ratio_peak_{large}_to_{small}": round(runs[large]["peak_memory_mb"] / runs[small]["peak_memory_mb"], 2),
        "ratio_records": round(large / small, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
