"""The extractor against a naive regex count extractor: characters per CPU-second, same corpus, same run.

The corpus is real-shaped (bench/corpus.py: the real_dev articles, numbers redrawn). Both
extractors run on one core (`sched_setaffinity`) after a warm-up pass, timed in CPU seconds of
this process (`time.process_time`), so other work on the machine does not count. The naive peer
is the kind GDELT-style count pipelines use: split sentences, one regular expression for "a number
near a weapon word", a keyword list for the outcome, and the first gazetteer name in the sentence
(the project's places.csv and regions.csv as one case-insensitive alternation) as the place; no
claimant, time, total or parts.

Run: `.venv/bin/python bench/extraction_vs_naive.py [--articles 600] [--rounds 3]`.
Prints one JSON object; `ratio_extractor_to_naive` is extractor / naive characters per CPU-second.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import statistics
import time

from corpus import ROOT, generate

from orchestration.claims import Article, extract_claims

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WEAPON = r"(?:drones?|UAVs?|missiles?|rockets?|shaheds?|беспилотник\w*|дрон\w*|ракет\w*|БПЛА|безпілотник\w*)"
_COUNT = re.compile(rf"\b(\d{{1,5}})\s+(?:\w+\s+){{0,2}}?({_WEAPON})", re.IGNORECASE)
_OUTCOMES = {
    "intercepted": re.compile(
        r"shot down|intercept\w*|destroy\w*|сбит\w*|уничтож\w*|перехвач\w*|збит\w*|знищ\w*", re.I
    ),
    "launched": re.compile(r"launch\w*|fired|запущ\w*|выпущ\w*|запуст\w*|випущ\w*", re.I),
}


def _gazetteer() -> re.Pattern:
    data = ROOT / "orchestration" / "claims" / "data"
    names = set()
    with (data / "places.csv").open(encoding="utf-8") as places:
        names.update(row["name"] for row in csv.DictReader(places))
    with (data / "regions.csv").open(encoding="utf-8") as regions:
        for row in csv.DictReader(regions):
            names.update(row["names"].split("|"))
    names = sorted((n for n in names if n), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


_PLACE = _gazetteer()


def naive_extract(text: str) -> list[tuple[int, str, str, str | None]]:
    """(count, weapon, outcome, place) for each number beside a weapon word in a sentence with an outcome verb."""
    found = []
    for sentence in _SENTENCE.split(text):
        outcome = next((name for name, pattern in _OUTCOMES.items() if pattern.search(sentence)), None)
        if outcome is None:
            continue
        place = _PLACE.search(sentence)
        for match in _COUNT.finditer(sentence):
            found.append((int(match.group(1)), match.group(2).lower(), outcome, place and place.group()))
    return found


def cpu_seconds(function, items) -> tuple[float, int]:
    started = time.process_time()
    produced = sum(len(function(item)) for item in items)
    return time.process_time() - started, produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each; the median is reported")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    records = list(generate(args.articles))
    articles = [Article(r["id"], r["text"], None, r["title"], r["outlet"]) for r in records]
    texts = [a.text for a in articles]
    characters = sum(len(t) for t in texts)

    for article in articles[:100]:  # warm-up: lexicons and patterns compiled once
        extract_claims(article)
    naive_extract(texts[0])
    ours, naive = [], []
    for _ in range(args.rounds):  # interleaved, so a slower stretch of the machine hits both
        seconds, claims = cpu_seconds(extract_claims, articles)
        ours.append(seconds)
        seconds, counts = cpu_seconds(naive_extract, texts)
        naive.append(seconds)
    ours_rate = characters / statistics.median(ours)
    naive_rate = characters / statistics.median(naive)
    print(
        json.dumps(
            {
                "articles": len(articles),
                "mean_chars_per_article": round(characters / len(articles)),
                "extractor_claims": claims,
                "naive_counts": counts,
                "extractor_chars_per_cpu_second": round(ours_rate),
                "naive_chars_per_cpu_second": round(naive_rate),
                "extractor_articles_per_cpu_second": round(len(articles) / statistics.median(ours), 1),
                "naive_articles_per_cpu_second": round(len(articles) / statistics.median(naive), 1),
                "ratio_extractor_to_naive": round(ours_rate / naive_rate, 3),
                "cpu_seconds_extractor": [round(s, 2) for s in ours],
                "cpu_seconds_naive": [round(s, 2) for s in naive],
                "python": platform.python_version(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
