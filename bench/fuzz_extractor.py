"""Fuzz the extractor at volume: exceptions, offsets, counts and time per 10,000 characters.

Generates `--texts` random texts (word salad from the corpora and the lexicons, odd numbers,
long sentences without a break, runs of dots, 10,000 numbers in a sentence, random Unicode),
extracts each, and checks that it returns, that every claim's evidence is the slice of the text
its offsets name, and that every count is None or a non-negative integer (above 10,000,000 it
would be a rejected claim in the warehouse). Then times the long articles of issue 9 (400,000
characters of repeated phrases; `--long-sizes 100000,200000,400000` for their growth, where 1.0
is linear). Prints one JSON object.

Run: `.venv/bin/python bench/fuzz_extractor.py --texts 100000 --workers 2` (the issue's figure);
`--texts 2000` for a quick look. Times are CPU seconds of the extracting process (a shared
machine's wall clock says more about its neighbours), per 10,000 characters, a text under 1,000
characters counted as 1,000 (the fixed cost of a call is not a rate).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ODD = [
    "1.5", "3.14159", "10^9", "−5", "-5", "3,000,000,000", "99999999999999999999", "1 000 000 000",
    "٣,٠٠٠,٠٠٠,٠٠٠", "9" * 60, "0", "007", "1e9", "½", "²", "Su-34", "Shahed-136/131", "12.30",
    "…", "...", "—", "–", "«", "»", "“", "”", "(", ")", "[", "]", ":", ";", ",", ".", "!", "?", "\n", "\n\n",
    "\u200b", "\u00a0", "\u202f", "\t", "🚀", "the", "the region", "the city", "he said", "they said",
    "according to", "said the ministry", "Mr.", "Gov.", "U.S.", "e.g.", "between", "and", "or", "to",
]  # fmt: skip
PHRASES = [
    "the governor of Belgorod said that ",
    "drones shot down over Kursk, ",
    "Air defence forces shot down 12 Ukrainian drones over the Kursk region overnight, the ministry said. ",
    "in the Bryansk, Oryol and Kursk regions ",
    "12 13 14 ",
    "Governor Vasily Anokhin said ",
    ". ",
    "over the southern border Belgorod region of the ",
]


def vocabulary() -> list[str]:
    from orchestration.loading import read_folder

    words: set[str] = set()
    for folder in (ROOT / "data" / "articles", ROOT / "tests" / "corpus" / "dev" / "articles"):
        for record in read_folder(folder).records:
            words.update(re.findall(r"\S+", record.text))
    return sorted(words)


def make_text(rnd: random.Random, words: list[str]) -> str:
    """Mostly short texts (the volume), a few long ones (the worst cases): about 1,000 characters
    on average, up to 20,000."""
    mode = rnd.random()
    if mode < 0.70:  # word salad, sentences of any length
        n = rnd.choice([5, 20, 60, 200, 200, 800]) if rnd.random() < 0.97 else 3000
        tokens = [rnd.choice(words) if rnd.random() < 0.75 else rnd.choice(ODD) for _ in range(rnd.randint(1, n))]
        sep = rnd.choice([" ", " ", " ", "", "\n"])
        return sep.join(tokens)
    if mode < 0.78:  # a phrase repeated: one sentence with no break
        phrase = rnd.choice(PHRASES)
        return phrase * rnd.randint(1, rnd.choice([2_000, 20_000]) // len(phrase))
    if mode < 0.84:  # numbers in a sentence
        return "Drones " + " ".join(str(rnd.randint(0, 10 ** rnd.randint(1, 25))) for _ in range(rnd.randint(1, 3000)))
    if mode < 0.90:  # punctuation runs
        return rnd.choice([".", "!", "?", "…", ". ", "Mr. ", "a."]) * rnd.randint(1, 16_000) + " Drones were shot down."
    # random Unicode (no surrogates: the loader rejects them before the extractor)
    chars = []
    for _ in range(rnd.randint(1, 2000)):
        code = rnd.choice([rnd.randint(32, 126), rnd.randint(0x400, 0x4FF), rnd.randint(0xA0, 0x2FFF)])
        chars.append(chr(code))
    return "".join(chars)


_WORDS: list[str] = []


def _init() -> None:
    global _WORDS
    from orchestration.claims import Article, extract_claims

    _WORDS = vocabulary()
    extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region."))


def run_chunk(args: tuple[int, int]) -> dict:
    from orchestration.claims import Article, extract_claims

    seed, count = args
    rnd = random.Random(seed)
    result = {"texts": 0, "chars": 0, "claims": 0, "exceptions": Counter(), "examples": {}, "bad_offsets": 0}
    result.update({"bad_counts": 0, "counts_over_max": 0, "slowest": (0.0, 0, "")})
    for i in range(count):
        text = make_text(rnd, _WORDS)
        started = time.process_time()
        try:
            claims = extract_claims(Article(f"fuzz-{seed}-{i}", text))
        except Exception as error:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            key = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"
            result["exceptions"][key] += 1
            result["examples"].setdefault(key, text[:300])
            claims = []
        seconds = time.process_time() - started
        per_10k = seconds * 10_000 / max(len(text), 1000)
        if per_10k > result["slowest"][0]:
            result["slowest"] = (per_10k, len(text), text[:80])
        result["texts"] += 1
        result["chars"] += len(text)
        result["claims"] += len(claims)
        for claim in claims:
            if not (0 <= claim.evidence_start <= claim.evidence_end <= len(text)) or (
                text[claim.evidence_start : claim.evidence_end] != claim.evidence_text
            ):
                result["bad_offsets"] += 1
            if claim.count is not None and (not isinstance(claim.count, int) or claim.count < 0):
                result["bad_counts"] += 1
            elif claim.count is not None and claim.count > 10_000_000:
                result["counts_over_max"] += 1
    return result


LONG_PHRASES = (
    "drones shot down over Kursk, ",  # the case: one claim told thousands of times
    "the governor of Belgorod said that ",
    "12 13 14 ",
    "the drones were shot down over Kursk, ",  # no number: may only retell an earlier counted claim
    "Russia fired missiles at Kyiv, the missiles were launched, ",
    "<counted>",  # "1 drones were shot down over the Kursk region, 2 drones ...": claims that stay apart
)


def long_text(phrase: str, length: int) -> str:
    if phrase == "<counted>":
        parts, total, k = [], 0, 0
        while total < length:
            k += 1
            parts.append(f"{k} drones were shot down over the Kursk region, ")
            total += len(parts[-1])
        return "".join(parts)[:length]
    return (phrase * (length // len(phrase) + 1))[:length]


def long_articles(sizes: list[int]) -> dict:
    """CPU seconds per article of each phrase repeated to each size, and the growth from the
    smallest to the largest size against the growth of the length (1.0 is linear)."""
    from orchestration.claims import Article, extract_claims

    timings = {}
    for phrase in LONG_PHRASES:
        row = {}
        for size in sizes:
            started = time.process_time()
            claims = extract_claims(Article("long", long_text(phrase, size)))
            row[f"{size // 1000}k"] = {"cpu_seconds": round(time.process_time() - started, 2), "claims": len(claims)}
        first, last = row[f"{sizes[0] // 1000}k"]["cpu_seconds"], row[f"{sizes[-1] // 1000}k"]["cpu_seconds"]
        if len(sizes) > 1 and first > 0:
            row["growth_vs_length"] = round((last / first) / (sizes[-1] / sizes[0]), 2)
        timings[phrase.strip()] = row
        print(json.dumps({phrase.strip(): row}), file=sys.stderr, flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--skip-long", action="store_true", help="leave out the 400,000-character articles")
    parser.add_argument(
        "--long-sizes",
        default="400000",
        help="comma-separated lengths of the repeated-phrase articles, e.g. 100000,200000,400000 for the growth",
    )
    args = parser.parse_args()
    chunk = 100
    jobs = [
        (args.seed * 1_000_003 + k, min(chunk, args.texts - k * chunk))
        for k in range((args.texts + chunk - 1) // chunk)
    ]
    started = time.perf_counter()
    total = {"texts": 0, "chars": 0, "claims": 0, "bad_offsets": 0, "bad_counts": 0, "counts_over_max": 0}
    exceptions: Counter = Counter()
    examples: dict[str, str] = {}
    slowest = (0.0, 0, "")
    with Pool(args.workers, initializer=_init) as pool:
        for part in pool.imap_unordered(run_chunk, jobs):
            for key in total:
                total[key] += part[key]
            exceptions.update(part["exceptions"])
            for key, text in part["examples"].items():
                examples.setdefault(key, text)
            slowest = max(slowest, part["slowest"])
            progress = {**total, "exceptions": dict(exceptions), "slowest_s_per_10k": round(slowest[0], 3)}
            progress["slowest_chars"] = slowest[1]
            print(json.dumps(progress, ensure_ascii=False), file=sys.stderr, flush=True)
    report = {
        **total,
        "exceptions": sum(exceptions.values()),
        "exceptions_by_place": dict(exceptions.most_common()),
        "exception_examples": {k: examples[k][:160] for k in list(exceptions)[:10]},
        "slowest_seconds_per_10k_chars": round(slowest[0], 3),
        "slowest_text_chars": slowest[1],
        "slowest_text_start": slowest[2],
        "wall_seconds": round(time.perf_counter() - started, 1),
        "workers": args.workers,
    }
    if args.texts == 0:
        report = {}
    if not args.skip_long:
        _init()
        report["long_articles"] = long_articles([int(size) for size in args.long_sizes.split(",")])
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
