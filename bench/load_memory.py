"""Peak memory of loading one large JSONL feed into a fresh warehouse (`warehouse.load_articles`).

Writes a feed of `--megabytes` MB (records of about 3 KB, distinct texts) into a scratch folder,
then loads it in a child process and prints the child's peak resident memory (ru_maxrss) with
the rows loaded. The loader streams records in batches, so the peak should not grow with the
feed. Run: `.venv/bin/python bench/load_memory.py --megabytes 1024` (the issue's 1 GB figure);
`--megabytes 100` for a quick look.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "Air defence forces shot down {n} Ukrainian drones over the Kursk region overnight, the Russian "
    "Defence Ministry said on Telegram. Debris fell on the roof of a house in the village of {n}; "
    "nobody was hurt, the governor wrote. "
)

CHILD = """
import json, sys, time
from pathlib import Path
from orchestration import warehouse
started = time.perf_counter()
con = warehouse.connect(Path(sys.argv[2]))
summary = warehouse.load_articles(con, Path(sys.argv[1]))
con.close()
print(json.dumps({**summary, "load_seconds": round(time.perf_counter() - started, 1)}))
"""


def write_feed(path: Path, megabytes: int) -> int:
    target = megabytes * 1024 * 1024
    written = records = 0
    with path.open("w", encoding="utf-8") as feed:
        while written < target:
            text = "".join(PARAGRAPH.format(n=records * 20 + k) for k in range(12))
            line = json.dumps({"id": f"feed-{records}", "text": text, "published_at": "2025-10-25"}) + "\n"
            feed.write(line)
            written += len(line.encode("utf-8"))
            records += 1
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skyledger-load-bench-") as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        records = write_feed(folder / "feed.jsonl", args.megabytes)
        feed_bytes = (folder / "feed.jsonl").stat().st_size
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder), str(Path(scratch) / "w.duckdb")],
            capture_output=True,
            text=True,
            check=True,
        )
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            json.dumps(
                {
                    "feed_bytes": feed_bytes,
                    "records_written": records,
                    "load": json.loads(completed.stdout.strip().splitlines()[-1]),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                    "wall_seconds": round(time.perf_counter() - started, 1),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
