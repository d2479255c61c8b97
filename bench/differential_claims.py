"""Claims of shuffled and perturbed corpus texts, as JSON lines: diff two packages' output to prove
a change of speed (a triage, a skip, a cache) changed no claim on texts the corpora do not hold.

Each text is 1 to 14 sentences drawn from every corpus (`data/articles`, `tests/corpus/**`), some
lowered, upper-cased, stripped of a comma or with their words shuffled, joined by spaces or line
breaks, with a publication date, title and outlet or none. The same seed gives the same texts, so
run it once on the package before the change (an export of it first on `PYTHONPATH`) and once
after, then compare:

    git archive main orchestration | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base .venv/bin/python bench/differential_claims.py --texts 1500 > /tmp/base.jsonl
    .venv/bin/python bench/differential_claims.py --texts 1500 > /tmp/new.jsonl
    cmp /tmp/base.jsonl /tmp/new.jsonl && echo identical
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    ROOT / "data" / "articles",
    *sorted(p for p in (ROOT / "tests" / "corpus").glob("**/articles") if p.is_dir()),
]
DATES = [None, date(2025, 3, 14), date(2024, 11, 2)]
OUTLETS = [None, "Reuters", "Ukrainska Pravda", "TASS"]


def corpus_sentences() -> list[str]:
    from orchestration.claims.sentences import split_sentences
    from orchestration.loading import read_folder

    return [s.text for folder in FOLDERS for r in read_folder(folder).records for s in split_sentences(r.text)]


def perturbed(rnd: random.Random, sentence: str) -> str:
    roll = rnd.random()
    if roll < 0.15:
        return sentence.lower()
    if roll < 0.25:
        return sentence.upper()
    if roll < 0.40:
        return sentence.replace(",", "", 1)
    if roll < 0.50:
        words = sentence.split()
        rnd.shuffle(words)
        return " ".join(words)
    return sentence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from orchestration.claims import Article, extract_claims

    sentences = corpus_sentences()
    rnd = random.Random(args.seed)
    for i in range(args.texts):
        parts = [perturbed(rnd, rnd.choice(sentences)) for _ in range(rnd.randint(1, 14))]
        text = rnd.choice([" ", "\n", "\n\n", " "]).join(parts)
        article = Article(f"d{i}", text, rnd.choice(DATES), rnd.choice([None, parts[0][:60]]), rnd.choice(OUTLETS))
        claims = [dataclasses.asdict(claim) for claim in extract_claims(article)]
        sys.stdout.write(json.dumps(claims, default=str, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
