"""Property tests (hypothesis) of the loader and the extractor on input no outlet would send.

Example counts are kept modest so the suite stays fast on two cores; the 100,000-text run and
the 400,000-character timings are `bench/fuzz_extractor.py`, the 1 GB load `bench/load_memory.py`.
Runs are derandomised: the same examples every time, so CI does not flake on a new one.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.claims import Article, extract_claims
from orchestration.claims.numbers import MAX_DIGITS, find_counts, parse_number
from orchestration.claims.sentences import MAX_SENTENCE_CHARS, split_sentences
from orchestration.loading import SUPPORTED_SUFFIXES, Reject, read_folder
from orchestration.parallel import extract_batch

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

WORDS = [
    "Air", "defence", "forces", "shot", "down", "destroyed", "intercepted", "launched", "hit", "drones", "drone",
    "missiles", "Shahed", "Kinzhal", "Iskander-M", "Su-34", "over", "the", "Kursk", "Belgorod", "Bryansk",
    "region", "oblast", "Kyiv", "Kharkiv", "city", "of", "governor", "Vasily", "Anokhin", "ministry", "said",
    "Ukraine's", "Air", "Force", "Russian", "Defence", "Ministry", "he", "they", "according", "to", "overnight",
    "on", "Monday", "last", "night", "at", "least", "more", "than", "about", "dozens", "of", "a", "an", "another",
    "all", "and", "or", "between", "12", "3,000,000,000", "1.5", "3.14159", "10^9", "−5", "-5", "1 000 000",
    "٣,٠٠٠", "99999999999999999999", "twenty-seven", "hundred", "thousand", "сбиты", "беспилотники", "над",
    "Брянской", "областью", "збито", ".", ",", ";", ":", "—", "(", ")", '"', "«", "»", "...", "…", "Mr.", "U.S.",
    "\n", "\n\n", "\u200b", "\u00a0", "🚀",
]  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ", ", ". "])
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))

# Texts: word salad from the extractor's own vocabulary, a phrase repeated into one long sentence,
# and arbitrary Unicode (no lone surrogates: the loader rejects those before the extractor).
salad = st.builds(
    lambda words, sep: sep.join(words), st.lists(st.sampled_from(WORDS), min_size=1, max_size=300), SEPARATORS
)
repeated = st.builds(
    lambda phrase, n: phrase * n,
    st.sampled_from(["the governor of Belgorod said that ", "drones shot down over Kursk, ", "12 13 ", "."]),
    st.integers(1, 400),
)
unicode_text = st.text(alphabet=NO_SURROGATES, max_size=500)
TEXTS = st.one_of(salad, salad, repeated, unicode_text)


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    """Lexicons loaded and patterns compiled before any example is timed."""
    extract_claims(Article("warm-up", "Two drones were shot down over the Kursk region, the ministry said."))


def assert_claims_valid(text: str, claims: list) -> None:
    for claim in claims:
        assert 0 <= claim.evidence_start <= claim.evidence_end <= len(text)
        assert text[claim.evidence_start : claim.evidence_end] == claim.evidence_text
        assert claim.count is None or (isinstance(claim.count, int) and claim.count >= 0)


@FUZZ
@given(TEXTS)
def test_the_extractor_returns_claims_whose_evidence_slices_the_text(text):
    started = time.perf_counter()
    claims = extract_claims(Article("fuzz", text))
    seconds = time.perf_counter() - started
    assert_claims_valid(text, claims)
    # A bound with room for a slow CI machine; the measured figures are in bench/fuzz_extractor.py.
    assert seconds * 10_000 / max(len(text), 1_000) < 5.0, f"{seconds:.2f} s for {len(text)} characters"


@FEW
@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_a_batch_returns_every_article_as_claims_or_an_error_never_raises(texts):
    frame = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "content_hash": [f"h{i}" for i in range(len(texts))],
            "text": texts,
            "published_date": [pd.NaT] * len(texts),
            "title": [None] * len(texts),
            "outlet": [None] * len(texts),
        }
    )
    claims, errors = extract_batch(frame)
    for claim in claims:
        assert claim.article_id not in errors
        assert_claims_valid(texts[int(claim.article_id[1:])], [claim])


@FUZZ
@given(TEXTS)
def test_sentences_slice_the_text_in_order_and_stay_under_the_limit(text):
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert previous_end <= sentence.start < sentence.end
        assert sentence.end - sentence.start <= MAX_SENTENCE_CHARS
        previous_end = sentence.end


@FUZZ
@given(st.integers(0, 10**15), st.sampled_from([",", "\u202f", "\u00a0", " "]))
def test_digit_groups_parse_to_the_number_written(value, separator):
    grouped = f"{value:,}".replace(",", separator)
    assert parse_number(grouped) == value
    assert parse_number(str(value)) == value


@FUZZ
@given(st.integers(0, 10**6), st.integers(1, 10**6).map(str))
def test_a_decimal_is_one_number_or_none_never_its_parts(whole, fraction):
    decimal = f"{whole}.{fraction}"
    assert parse_number(decimal) is None
    values = [c.value for c in find_counts(f"Air defence shot down {decimal} drones")]
    assert values == [], values
    scaled = parse_number(f"{decimal} thousand")
    exact = whole * 1000 + int(fraction) * 1000 / 10 ** len(fraction)
    assert scaled is None or scaled == exact


@FUZZ
@given(st.integers(1, 10**9), st.sampled_from(["\u2212", "-", "^"]))
def test_a_number_after_a_minus_or_a_caret_is_no_count(value, sign):
    assert [c.value for c in find_counts(f"shot down {sign}{value} drones")] == []


@FEW
@given(st.integers(MAX_DIGITS + 1, 20_000))
def test_thousands_of_digits_are_no_number_and_no_exception(digits):
    text = "9" * digits
    assert parse_number(text) is None
    assert [c.value for c in find_counts(f"shot down {text} drones")] == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(["../../etc/passwd", "a/b", ".."])),
        "text": st.one_of(st.text(max_size=300), json_values),
        "published_at": st.one_of(st.text(max_size=30), st.sampled_from(["2025-10-25", "2025-10-25T03:00:00Z"])),
        "title": json_values,
        "outlet": json_values,
    },
)


def raw_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


file_bodies = st.one_of(
    st.binary(max_size=600),
    records.map(raw_json),
    st.lists(st.one_of(records.map(raw_json), st.binary(max_size=80)), max_size=6).map(b"\n".join),
    st.sampled_from(
        [
            b'{"id": "s", "text": "12 drones \\ud800"}',
            b'{"id": "n", "text": "12 drones \\u0000"}',
            b'{"id": "d", "text": "x", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}",
            b'{"id": "b", "text": "x", "n": ' + b"7" * 5000 + b"}",
            "Twelve drones".encode("utf-16"),
            b"\xef\xbb\xbf" + b"BOM then text",
            b"<html><body><article><p>12 drones</p></article></body></html>",
        ]
    ),
)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(sorted(SUPPORTED_SUFFIXES) + [".bin"]), file_bodies), max_size=4))
def test_the_loader_turns_any_file_into_records_or_rejects_with_reasons(files):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for i, (suffix, body) in enumerate(files):
            (folder / f"f{i}{suffix}").write_bytes(body)
        read = read_folder(folder)
    assert len(read.files_read) == len(files)
    for reject in read.rejects:
        assert isinstance(reject, Reject) and reject.reason and reject.detail
    for record in read.records:
        assert record.text.strip() and "\x00" not in record.text
        record.text.encode("utf-8")  # no lone surrogate: the content hash and DuckDB need valid UTF-8
        record.article_id.encode("utf-8")
        assert "/" not in record.article_id and "\\" not in record.article_id
        assert record.article_id not in (".", "..")
        assert all(ch.isprintable() or ch == " " for ch in record.article_id)
    # Every file is accounted for: at least one record or one reject each (a feed of blank lines is empty).
    named = {r.source_path for r in read.records} | {r.source_path for r in read.rejects}
    empty_feeds = {f"f{i}{suffix}" for i, (suffix, body) in enumerate(files) if suffix == ".jsonl" and not body.strip()}
    assert named == set(read.files_read) - empty_feeds


@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_a_file_the_process_may_not_read_is_an_unreadable_reject(tmp_path, monkeypatch, suffix):
    import orchestration.loading as loading

    (tmp_path / f"locked{suffix}").write_text('{"id": "x", "text": "12 drones"}')
    (tmp_path / "fine.txt").write_text("Two drones were shot down over the Kursk region.")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    real = loading._open
    monkeypatch.setattr(loading, "_open", lambda p: refuse(p) if p.name.startswith("locked") else real(p))
    read = read_folder(tmp_path)
    assert [(r.source_path, r.reason) for r in read.rejects] == [(f"locked{suffix}", "unreadable")]
    assert "Permission denied" in read.rejects[0].detail and str(tmp_path) not in read.rejects[0].detail
    assert [r.article_id for r in read.records] == ["fine"]


# Letters a case-insensitive pattern takes for others ("ᲂ" U+1C82 for "о", the Kelvin sign for "K",
# "ſ" for "s"): the lookup after the match must fold them the same way (it raised KeyError).
@pytest.mark.parametrize(
    "text, claimant_kind",
    [
        ("По данным минᲂбᲂрᲂны рᲂссии, над Курской областью сбиты 5 беспилотников.", "defence_ministry"),
        ("ПО ДАННЫМ МИНОБОРОНЫ РОССИИ, НАД КУРСКОЙ ОБЛАСТЬЮ СБИТЫ 5 БЕСПИЛОТНИКОВ.", "defence_ministry"),
        ("Two drones were shot down over the \u212aursk region, the Ruſſian Defence Miniſtry said.", None),
        ("Гᲀубернатор Бᲁлгородской области сообщил, что сбиты 3 дрона.", None),
    ],
)
def test_letters_that_fold_to_others_extract_without_error(text, claimant_kind):
    claims = extract_claims(Article("folded", text))
    assert all(text[c.evidence_start : c.evidence_end] == c.evidence_text for c in claims)
    if claimant_kind:
        assert [c.claimant_kind for c in claims] == [claimant_kind]
