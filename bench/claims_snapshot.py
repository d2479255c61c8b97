"""Every claim the extractor finds in every corpus, as sorted JSON: diff two runs to prove a change
to the extractor changed its speed and nothing else.

Reads every article of every folder below `data/`, `tests/corpus/` and `../shared/seeds` (each
record, no deduplication), adds a fixed set of generated texts (`bench/fuzz_extractor.py`'s
generator with a fixed seed, and phrases repeated to 20,000 characters: the shapes where repeats
merge and parts link), and writes one JSON line per article: its id and its claims as rows, in the extractor's order
(keys sorted), so that even a change of order shows.

Run before and after a change, then compare:

    .venv/bin/python bench/claims_snapshot.py > /tmp/before.jsonl
    ... change the extractor ...
    .venv/bin/python bench/claims_snapshot.py > /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl && echo identical
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

FOLDERS = [
    ROOT / "data" / "articles",
    *sorted(p for p in (ROOT / "tests" / "corpus").glob("**/articles") if p.is_dir()),
    ROOT.parent / "shared" / "seeds",
]


def articles(fuzz_texts: int):
    from fuzz_extractor import PHRASES, make_text, vocabulary

    from orchestration.claims import Article
    from orchestration.loading import read_folder

    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        name = folder.relative_to(ROOT if folder.is_relative_to(ROOT) else ROOT.parent)
        for record in read_folder(folder).records:
            yield Article(
                article_id=f"{name}/{record.source_path}:{record.source_line or 0}:{record.article_id}",
                text=record.text,
                published_date=record.published_date,
                title=record.title,
                outlet=record.outlet,
            )
    words = vocabulary()
    rnd = random.Random(9)
    for i in range(fuzz_texts):
        yield Article(f"fuzz/{i}", make_text(rnd, words))
    for i, phrase in enumerate(PHRASES):
        yield Article(f"repeated/{i}", (phrase * (20_000 // len(phrase) + 1))[:20_000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzz-texts", type=int, default=300)
    args = parser.parse_args()
    from orchestration.claims import extract_claims

    for article in articles(args.fuzz_texts):
        try:
            rows = [claim.as_row() for claim in extract_claims(article)]
        except Exception as error:  # an exception is an output too: it must not change either
            rows = [{"exception": type(error).__name__}]
        line = {"article": article.article_id, "claims": rows}
        print(json.dumps(line, sort_keys=True, default=str, ensure_ascii=False))


if __name__ == "__main__":
    main()
