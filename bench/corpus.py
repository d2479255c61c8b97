"""A real-shaped corpus of any size, generated from the project's own real-shaped articles.

The seeds are tests/corpus/real_dev/{en,ru,uk}/articles (news pages of about 1,000 to 5,000
characters, as outlets write them). Article i is seed i mod n with its small numbers redrawn
(counts of drones and missiles stay counts, years stay years) and its date moved over two
years, so the texts are distinct, the claims vary and the marts get many days; a share of the
records are verbatim relays of an earlier one (another outlet, the same text), as in a real feed.

Used by the benchmarks; also a command:
`.venv/bin/python bench/corpus.py --articles 10000 --out /tmp/articles10k` writes JSONL files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from orchestration.loading import read_folder

ROOT = Path(__file__).resolve().parent.parent
SEED_FOLDERS = sorted((ROOT / "tests" / "corpus" / "real_dev").glob("*/articles"))
RECORDS_PER_FILE = 10_000
_SMALL_NUMBER = re.compile(r"(?<![\d.,:/-])\d{1,3}(?![\d.,:/-]\d)")
# A day of the month stays a day: numbers next to a month's name (en, ru, uk) are kept.
_MONTH = re.compile(
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек"
    r"|січ|лют|берез|квіт|травн|червн|липн|серп|верес|жовт|листоп|груд",
    re.IGNORECASE,
)


def seeds() -> list[dict]:
    """The real-shaped articles, as JSON-ready records."""
    records = []
    for folder in SEED_FOLDERS:
        for record in read_folder(folder).records:
            records.append(
                {
                    "id": record.article_id,
                    "text": record.text,
                    "title": record.title,
                    "outlet": record.outlet,
                    "language": record.language,
                }
            )
    return records


def generate(count: int, start: int = 0, duplicate_share: float = 0.05, seed: int = 11) -> Iterator[dict]:
    """Records `start` .. `start + count - 1` of the endless corpus (the same i, the same record)."""
    base = seeds()
    for i in range(start, start + count):
        rng = random.Random(f"{seed}-{i}")
        if i > 0 and rng.random() < duplicate_share:
            original = _variant(base, rng.randrange(i), seed)
            yield {**original, "id": f"bench-{i:07d}", "outlet": f"{original['outlet'] or 'Relay'} (relay)"}
            continue
        yield _variant(base, i, seed)


def _variant(base: list[dict], i: int, seed: int) -> dict:
    rng = random.Random(f"{seed}-text-{i}")
    article = base[i % len(base)]
    source = article["text"]

    def redraw(match: re.Match) -> str:
        if _MONTH.search(source, max(0, match.start() - 12), match.end() + 12):
            return match.group()
        return str(_redraw(int(match.group()), rng))

    text = _SMALL_NUMBER.sub(redraw, source)
    if i >= len(base):  # a seed with no small number would repeat verbatim: give it its own dateline
        text = f"{text}\n\n({article['outlet'] or 'Staff'} desk, report {i})"
    day = date(2024, 1, 1) + timedelta(days=(i * 7919) % 730)
    return {
        "id": f"bench-{i:07d}",
        "text": text,
        "title": article["title"],
        "outlet": article["outlet"],
        "language": article["language"],
        "url": f"https://bench.example/{i}",
        "published_at": day.isoformat(),
    }


def _redraw(value: int, rng: random.Random) -> int:
    """A number of the same size: 7 stays a single digit, 120 stays in the hundreds."""
    if value == 0:
        return 0
    low = 10 ** (len(str(value)) - 1)
    return rng.randrange(max(1, low), low * 10)


def write(folder: Path, count: int, start: int = 0, prefix: str = "feed") -> list[Path]:
    """Write records `start` .. `start + count - 1` as JSONL files of up to 10,000 records."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, handle = [], None
    for written, record in enumerate(generate(count, start)):
        if written % RECORDS_PER_FILE == 0:
            if handle:
                handle.close()
            path = folder / f"{prefix}-{start + written:07d}.jsonl"
            paths.append(path)
            handle = path.open("w", encoding="utf-8")
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0, help="first record number (for a batch of new ones)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = write(args.out, args.articles, args.start)
    print(f"{args.articles} records in {len(paths)} file(s) below {args.out}")


if __name__ == "__main__":
    main()
