"""How well a saved page's main text is found, on real news pages with a known article body.

Uses the pages and ground truth of scrapinghub/article-extraction-benchmark (181 real news pages,
gzipped HTML plus `ground-truth.json` with each page's `articleBody`), which CI cannot download:
clone it anywhere and pass its folder. Both texts are cut into shingles of four word tokens; a
page's precision is the share of the text's shingles that are in its body, recall the share of the
body's shingles that are in the text, each page weighing the same (the benchmark's own measure).

    .venv/bin/python bench/html_main_text.py --benchmark ../article-extraction-benchmark

Compares the loader (`parse_html`: trafilatura, then the block parser when it finds nothing) with
the block parser alone, and prints the CPU time of each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orchestration import loading  # noqa: E402

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 4


def shingles(text: str) -> Counter:
    words = _WORD.findall(text or "")
    return Counter(tuple(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))


def page_scores(body: str, text: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the text or the body is empty."""
    truth, found = shingles(body), shingles(text)
    shared = sum((truth & found).values())
    precision = shared / sum(found.values()) if text.strip() else None
    recall = shared / sum(truth.values()) if body.strip() else None
    return precision, recall


def block_parser_only(raw: str) -> str:
    original = loading._main_text
    loading._main_text = lambda *arguments: None
    try:
        return loading.parse_html(raw).text
    finally:
        loading._main_text = original


def measure(pages: dict[str, str], bodies: dict[str, str], read) -> dict:
    precisions, recalls, empty = [], [], 0
    started = time.process_time()
    for key, raw in pages.items():
        try:
            text = read(raw)
        except Exception:  # a page the reader refuses counts as empty, as the loader would reject it
            text = ""
        empty += not text.strip()
        precision, recall = page_scores(bodies[key], text)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    cpu = time.process_time() - started
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3),
        "empty_texts": empty,
        "cpu_ms_per_page": round(cpu / len(pages) * 1000, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, required=True, help="a checkout of article-extraction-benchmark")
    parser.add_argument("--output", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    truth_file = args.benchmark / "ground-truth.json"
    if not truth_file.is_file():
        parser.error(f"{truth_file} not found: pass a checkout of scrapinghub/article-extraction-benchmark")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    bodies = {key: value.get("articleBody", "") for key, value in truth.items()}
    pages = {
        key: gzip.decompress((args.benchmark / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        for key in truth
    }
    loading.parse_html(next(iter(pages.values())))  # imports and first-call costs out of the timing
    results = {
        "pages": len(pages),
        "loader (trafilatura, block parser fallback)": measure(pages, bodies, lambda raw: loading.parse_html(raw).text),
        "block parser alone": measure(pages, bodies, block_parser_only),
    }
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.output:
        args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
