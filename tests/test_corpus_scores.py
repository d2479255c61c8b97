"""The extractor against our own gold corpora, scored with the spec's matching rule.

Extraction only (no warehouse), so each corpus takes seconds. The thresholds are the floors
we have measured and hold ourselves to; raising one is how an improvement is locked in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.evaluation import extract_folder, read_gold, report, score

ROOT = Path(__file__).resolve().parent.parent


def _parts(corpus: str, floors: dict[str, float]) -> dict:
    """One entry per part (language or half) of a corpus kept as tests/corpus/<corpus>/<part>/."""
    folder = ROOT / "tests" / "corpus" / corpus
    return {
        f"{corpus}_{part}": (folder / part / "articles", [folder / part / "gold.jsonl"], floor)
        for part, floor in floors.items()
    }


CORPORA = {
    # name: (articles folder, gold files, minimum F1)
    "demo": (ROOT / "data" / "articles", [ROOT / "tests" / "gold" / "demo.jsonl"], 0.95),
    "dev": (
        ROOT / "tests" / "corpus" / "dev" / "articles",
        [
            ROOT / "tests" / "corpus" / "dev" / "gold_a.jsonl",
            ROOT / "tests" / "corpus" / "dev" / "gold_b.jsonl",
        ],
        0.97,  # issue 3 asks for at least 0.90
    ),
    # Real-shaped articles (page noise, several claimants, anaphora) written by helpers from the
    # shape of real pages, one corpus per language; tuned on, unlike tests/corpus/real_blind.
    **_parts("real_dev", {"en": 0.87, "ru": 0.86, "uk": 0.83}),
    # The second blind set, held out for one measurement (its README), then tuned on in session 6.
    **_parts("real_blind_2", {"en": 0.83, "ru_uk": 0.88}),
    # The third blind set, measured twice in session 6, tuned on in session 7.
    **_parts("real_blind_3", {"en": 0.82, "ru_uk": 0.87}),
    # The fourth blind set, written in session 7 and measured once at its end (misses unread), tuned
    # on in session 8.
    **_parts("real_blind_4", {"en": 0.82, "ru_uk": 0.84}),
    # The fifth blind set, written in session 8 and measured once at its end; tuned on in session 9.
    **_parts("real_blind_5", {"en": 0.87, "ru_uk": 0.85}),
    # The sixth blind set, written in session 9 and measured once before its misses were read
    # (English 0.808, Russian/Ukrainian 0.694); both halves tuned on in session 10.
    **_parts("real_blind_6", {"en": 0.87, "ru_uk": 0.86}),
    # The seventh blind set, written and gold-audited in session 10 by helpers who never saw the
    # extractor; measured once at the session's end, its misses unread (English 0.864, Russian/
    # Ukrainian 0.842); tuned on in session 11.
    **_parts("real_blind_7", {"en": 0.90, "ru_uk": 0.90}),
    # The eighth blind set (longer pages), written and gold-audited in session 11 by helpers who never
    # saw the extractor; measured once at the session's end, its misses unread (English 0.848,
    # Russian/Ukrainian 0.836); tuned on in session 12.
    **_parts("real_blind_8", {"en": 0.89, "ru_uk": 0.90}),
    # The ninth blind set (pages of 1,000 to 4,600 characters), written and gold-audited in session 12
    # by helpers who never saw the extractor; measured once at the session's end, its misses unread
    # (English 0.856 at the session's start, 0.875 at its end; Russian/Ukrainian 0.785, 0.808).
    **_parts("real_blind_9", {"en": 0.90, "ru_uk": 0.88}),
    # The tenth blind set, written and gold-audited in session 13 by helpers who never saw the
    # extractor; measured once at the session's end, its misses unread (English 0.819 at the
    # session's start, 0.826 at its end; Russian/Ukrainian 0.753, 0.771); tuned on in session 14.
    **_parts("real_blind_10", {"en": 0.87, "ru_uk": 0.85}),
    # The eleventh blind set (several claimants, places in other roles, repeats), written and
    # gold-audited in session 14 by helpers who never saw the extractor; measured once near the
    # session's end, its misses unread (English 0.846 at the session's start, 0.850 then;
    # Russian/Ukrainian 0.784, 0.790), then tuned on in sessions 14 to 16.
    **_parts("real_blind_11", {"en": 0.89, "ru_uk": 0.85}),
    # The twelfth blind set (how pages word outcomes: damage, fires, weapon breakdowns, quantities,
    # village posts), written and gold-audited in session 15 by helpers who never saw the extractor;
    # measured once before its misses were read (English 0.808 at the session's start, 0.810 then;
    # Russian/Ukrainian 0.777, 0.791); tuned on in sessions 15 and 16.
    **_parts("real_blind_12", {"en": 0.86, "ru_uk": 0.85}),
    # The thirteenth blind set (2022 to 2026 in each year's words, attack paths, attribution chains,
    # time), written and gold-audited in session 16 by helpers who never saw the extractor; measured
    # once before its misses were read (English 0.783 at the session's start, 0.783 then;
    # Russian/Ukrainian 0.796, 0.796), then tuned on (English 0.794, Russian/Ukrainian 0.813).
    **_parts("real_blind_13", {"en": 0.82, "ru_uk": 0.84}),
    # The fourteenth blind set (who speaks, where a quoted tally happened, damage wording), written and
    # gold-audited in session 17 by helpers who never saw the extractor; measured once before its misses
    # were read (English 0.810 at the session's start, 0.813 then; Russian/Ukrainian 0.831, 0.829),
    # then tuned on (English 0.822, Russian/Ukrainian 0.843).
    **_parts("real_blind_14", {"en": 0.84, "ru_uk": 0.87}),
    # The fifteenth blind set (how outcomes are worded, casualties, launches against interceptions),
    # written and gold-audited in session 18 by helpers who never saw the extractor; measured once
    # before its misses were read (English 0.859 at the session's start, 0.858 then; Russian/Ukrainian
    # 0.811, 0.811), then tuned on (English 0.865, Russian/Ukrainian 0.834).
    **_parts("real_blind_15", {"en": 0.88, "ru_uk": 0.86}),
    # The sixteenth blind set (strikes that landed, damage, time words, several claimants), written and
    # gold-audited in session 19 by helpers who never saw the extractor; measured once before its misses
    # were read (English 0.839 at the session's start, 0.841 then; Russian/Ukrainian 0.855, 0.855),
    # then tuned on (English 0.859, Russian/Ukrainian 0.860).
    **_parts("real_blind_16", {"en": 0.87, "ru_uk": 0.87}),
    # The seventeenth blind set (launched tallies, Ukrainian-side sources, attribution across the text,
    # places in other roles), written and gold-audited in session 20 by helpers who never saw the
    # extractor; measured once before its misses were read (English 0.888 at the session's start, 0.891
    # then; Russian/Ukrainian 0.843, 0.845), then tuned on (English 0.904, Russian/Ukrainian 0.856).
    **_parts("real_blind_17", {"en": 0.90, "ru_uk": 0.87}),
    # The eighteenth blind set (damage and hits, tolls and their revisions, long round-ups with many
    # claimants, near-misses that are no claims), written and gold-audited in session 21 by helpers who
    # never saw the extractor; measured once before its misses were read (English 0.842 at the session's
    # start, 0.841 then; Russian/Ukrainian 0.864, 0.865), then tuned on (English 0.876, Russian/Ukrainian
    # 0.876).
    **_parts("real_blind_18", {"en": 0.88, "ru_uk": 0.88}),
    # The nineteenth blind set (a representative sample rather than a stress test: 2022 to 2026, 28 and
    # 30 outlets imitated, everyday pages of every kind), written and gold-audited in session 22 by
    # helpers who never saw the extractor; measured once before its misses were read (English 0.844 at
    # the session's start, 0.846 then; Russian/Ukrainian 0.815, 0.813), then tuned on (English 0.867,
    # Russian/Ukrainian 0.827).
    **_parts("real_blind_19", {"en": 0.86, "ru_uk": 0.84}),
    # The twentieth blind set (a representative sample tilted to Ukrainian-side sources, damage told in
    # words and long pages), written and gold-audited in session 23 by helpers who never saw the
    # extractor; measured once before its misses were read (English 0.879, Russian/Ukrainian 0.786, the
    # same at the session's start), then tuned on (English 0.881, Russian/Ukrainian 0.818).
    **_parts("real_blind_20", {"en": 0.90, "ru_uk": 0.84}),
    # The twenty-first blind set (a representative sample tilted to Russian-side sources and Russian
    # text, places below the region, several tallies of one night), written and gold-audited in
    # session 24 by helpers who never saw the extractor; measured once before its misses were read
    # (English 0.884, Russian/Ukrainian 0.857 at the session's start), then tuned on (English 0.903,
    # Russian/Ukrainian 0.872).
    **_parts("real_blind_21", {"en": 0.90, "ru_uk": 0.87}),
    # The twenty-second blind set (a representative sample with casualty tolls revised during the day and
    # the other side's answer in the same page), written and gold-audited in session 25 by helpers who
    # never saw the extractor; measured once before its misses were read (English 0.884,
    # Russian/Ukrainian 0.802 at the session's start), then tuned on (English 0.887, Russian/Ukrainian 0.815).
    **_parts("real_blind_22", {"en": 0.88, "ru_uk": 0.81}),
    # The twenty-third blind set (a representative sample tilted to Ukrainian-side sources and Ukrainian
    # text, Air Force reports, hromada damage lists, the MoD's strike paragraphs), written and gold-audited
    # in session 26 by helpers who never saw the extractor; measured once before its misses were read
    # (English 0.906, Russian/Ukrainian 0.878 at the session's start; 0.906 and 0.883 after the session's
    # first changes), then tuned on (English 0.909, Russian/Ukrainian 0.890).
    **_parts("real_blind_23", {"en": 0.90, "ru_uk": 0.88}),
}


def predict(folder: Path) -> list[dict]:
    rows, errors = extract_folder(folder)
    assert not errors, errors  # an article the extractor raised on would be silently lost
    return rows


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_files_are_well_formed(name):
    folder, golds, _ = CORPORA[name]
    for gold in golds:
        completed = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "corpus_check.py"),
                "--gold",
                str(gold),
                "--articles",
                str(folder),
            ],
            capture_output=True,
            text=True,
        )
        assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_f1_stays_above_its_floor(name):
    folder, golds, floor = CORPORA[name]
    gold = [claim for path in golds for claim in read_gold(path)]
    result = score(gold, predict(folder))
    assert result.f1 >= floor, report(result, show_misses=False)
