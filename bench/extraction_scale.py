"""Extraction at scale without running it whole: does a chunk cost the same early and late?

The extraction step (`parallel.extract_pending`) is chunks of articles, each extracted on its own
(no article's claims depend on another's) and written by the one writer (`store_batch`: delete
the chunk's old rows, insert its claims, one transaction). So its time at N articles is N times
the extraction per article, plus the writes, which are the only part that could grow with the
warehouse (its deletes look the chunk's ids up in raw.claims).

This measures both in CPU seconds (`time.process_time`, one process, so another session's load
moves them little): `--chunks` chunks of `--chunk` articles read from a built warehouse (a copy of
`--warehouse`, whose articles are pending for this extractor version or made so), extracted in
this process, then each chunk written twice: into that large warehouse and into a fresh one that
holds nothing else. Prints per-chunk CPU seconds and the projection to `--project` articles.

    .venv/bin/python bench/extraction_scale.py --warehouse DIR/warehouse.duckdb --chunks 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from orchestration import parallel, warehouse  # noqa: E402
from orchestration.claims.extract import extractor_version  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True, help="a built warehouse (left unchanged)")
    parser.add_argument("--chunks", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=parallel.MAX_CHUNK)
    parser.add_argument("--project", type=int, default=1_000_000, help="articles to project the step to")
    parser.add_argument("--scratch", type=Path, help="the folder for the copies (default: the temporary folder)")
    args = parser.parse_args()
    version = extractor_version()
    with tempfile.TemporaryDirectory(prefix="skyledger-extraction-scale-", dir=args.scratch) as scratch:
        large_path, small_path = Path(scratch) / "large.duckdb", Path(scratch) / "small.duckdb"
        shutil.copyfile(args.warehouse, large_path)
        large, small = warehouse.connect(large_path), warehouse.connect(small_path)
        sizes = large.execute(
            "select (select count(*) from raw.articles), (select count(*) from raw.claims)"
        ).fetchone()
        # The chunks: spread over the warehouse (by hash), read as warehouse.pending_batches reads them.
        picked = large.execute(
            f"select article_id from raw.articles order by hash(article_id) limit {args.chunks * args.chunk}"
        ).fetchall()
        chunks = []
        for start in range(0, len(picked), args.chunk):
            ids = [row[0] for row in picked[start : start + args.chunk]]
            chunks.append(
                large.execute(
                    "select article_id, content_hash, text, published_date, title, outlet from raw.articles "
                    "where article_id in (select unnest(?)) order by article_id",
                    [ids],
                ).df()
            )
        rows = []
        for frame in chunks:
            started = time.process_time()
            claims, errors = parallel.extract_batch(frame)
            extract = time.process_time() - started
            started = time.process_time()
            parallel.store_batch(large, frame, claims, version, errors)
            store_large = time.process_time() - started
            started = time.process_time()
            parallel.store_batch(small, frame, claims, version, errors)
            store_small = time.process_time() - started
            rows.append(
                {
                    "articles": len(frame),
                    "characters": int(frame["text"].str.len().sum()),
                    "claims": len(claims),
                    "extract_cpu_seconds": round(extract, 2),
                    "write_cpu_seconds_large_warehouse": round(store_large, 3),
                    "write_cpu_seconds_empty_warehouse": round(store_small, 3),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        large.close()
        small.close()
    articles = sum(r["articles"] for r in rows)
    per_article = sum(r["extract_cpu_seconds"] for r in rows) / articles
    write_large = sum(r["write_cpu_seconds_large_warehouse"] for r in rows) / articles
    write_small = sum(r["write_cpu_seconds_empty_warehouse"] for r in rows) / articles
    report = {
        "benchmark": "extraction_scale",
        "large_warehouse": {"articles": sizes[0], "claims": sizes[1]},
        "chunks": rows,
        "extract_cpu_seconds_per_article": round(per_article, 5),
        "write_cpu_seconds_per_article_large": round(write_large, 5),
        "write_cpu_seconds_per_article_empty": round(write_small, 5),
        "ratio_write_large_to_empty": round(write_large / write_small, 2) if write_small else None,
        # Writes modelled as growing linearly with the warehouse (their deletes scan raw.claims):
        # per article w(s) = empty + (large - empty) * s / S at s articles stored, summed to N.
        "projected_cpu_hours": {
            "articles": args.project,
            "extraction": round(per_article * args.project / 3600, 2),
            "writes": round(
                (write_small * args.project + (write_large - write_small) / sizes[0] * args.project**2 / 2) / 3600, 3
            ),
        },
        "load_average": [round(v, 2) for v in os.getloadavg()],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
