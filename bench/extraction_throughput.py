"""Extraction throughput on one core: articles per second through `extract_claims`.

Reads the project's own corpora (data/articles and tests/corpus/dev), repeats them to the
requested volume, and times extraction only (no database), after one warm-up pass that loads
the lexicons. Run: `.venv/bin/python bench/extraction_throughput.py [--articles 5000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from orchestration.claims import Article, extract_claims
from orchestration.loading import read_folder

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "data" / "articles", ROOT / "tests" / "corpus" / "dev" / "articles"]


def corpus() -> list[Article]:
    articles = []
    for folder in CORPORA:
        for record in read_folder(folder).records:
            articles.append(Article(record.article_id, record.text, record.published_date, record.title, record.outlet))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000, help="how many articles to extract")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the issue asks
    base = corpus()
    for article in base:  # warm-up: lexicons and regular expressions compiled once
        extract_claims(article)
    batch = [base[i % len(base)] for i in range(args.articles)]
    characters = sum(len(a.text) for a in batch)
    started = time.perf_counter()
    claims = sum(len(extract_claims(a)) for a in batch)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "articles": len(batch),
                "distinct_articles": len(base),
                "mean_chars_per_article": round(characters / len(batch)),
                "claims": claims,
                "seconds": round(seconds, 2),
                "articles_per_second": round(len(batch) / seconds, 1),
                "python": platform.python_version(),
                "cpu": platform.processor() or platform.machine(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
