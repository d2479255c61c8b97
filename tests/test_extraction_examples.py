"""The extractor against the table of examples in fixtures/extraction_examples.yml, plus the
invariants every extraction must keep (evidence offsets, stable and unique ids, periods)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from orchestration.claims import Article, Claim, extract_claims
from orchestration.claims.model import CLAIMANT_KINDS, COUNT_QUALIFIERS, OUTCOMES, SCOPES, WEAPONS

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("extraction_examples*.yml"))
ROWS = [row for fixture in FIXTURES for row in yaml.safe_load(fixture.read_text(encoding="utf-8"))]

CLAIM_FIELDS = {f.name for f in dataclasses.fields(Claim)}
DATE_FIELDS = {"period_start", "period_end"}
VOCABULARIES = {
    "outcome": OUTCOMES,
    "weapon": WEAPONS,
    "count_qualifier": COUNT_QUALIFIERS,
    "scope": SCOPES,
    "claimant_kind": CLAIMANT_KINDS,
}
# Cyrillic to Latin, only to make readable test ids.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "-",
    "ы": "y",
    "ь": "-",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "i",
    "є": "ye",
    "ґ": "g",
}


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _slug(text: str) -> str:
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    return re.sub(r"[^0-9a-z]+", "-", latin[:50]).strip("-")


def _ids(rows: list[dict]) -> list[str]:
    ids: list[str] = []
    for row in rows:
        base = _slug(row["text"])
        ids.append(base if base not in ids else f"{base}-{sum(i.startswith(base) for i in ids) + 1}")
    return ids


IDS = _ids(ROWS)


def _article(row: dict, row_id: str, published: date | None = None) -> Article:
    published = published or _date(row.get("published"))
    return Article(row_id, row["text"], published, title=row.get("title"), outlet=row.get("outlet"))


def _param(row: dict, row_id: str):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
    return pytest.param(row, row_id, id=row_id, marks=marks)


# --- matching expected claims to predicted ones ----------------------------------------------


def _fields_match(expected: dict, claim: Claim) -> bool:
    for name, want in expected.items():
        if name == "parent":
            continue
        got = getattr(claim, name)
        if name in DATE_FIELDS:
            want = _date(want)
        if got != want:
            return False
    return True


def _assignment(expected: list[dict], predicted: list[Claim]) -> list[int] | None:
    """An injective map expected -> predicted on every listed field, parents included."""
    candidates = [[j for j, c in enumerate(predicted) if _fields_match(e, c)] for e in expected]

    def parents_hold(chosen: list[int]) -> bool:
        for i, e in enumerate(expected):
            if "parent" not in e:
                continue
            got = predicted[chosen[i]].parent_claim_id
            want = None if e["parent"] is None else predicted[chosen[e["parent"]]].claim_id
            if got != want:
                return False
        return True

    def search(i: int, chosen: list[int]) -> list[int] | None:
        if i == len(expected):
            return list(chosen) if parents_hold(chosen) else None
        for j in candidates[i]:
            if j not in chosen:
                found = search(i + 1, [*chosen, j])
                if found is not None:
                    return found
        return None

    return search(0, [])


def _show(claim: Claim, fields) -> str:
    shown = {name: getattr(claim, name) for name in ("outcome", "weapon", "count", *fields)}
    shown["parent_claim_id"] = claim.parent_claim_id
    shown["claim_id"] = claim.claim_id
    return str(shown)


def _explain(expected: list[dict], predicted: list[Claim]) -> str:
    fields = sorted({k for e in expected for k in e if k != "parent"} - {"outcome", "weapon", "count"})
    lines = ["expected:"] + [f"  [{i}] {e}" for i, e in enumerate(expected)]
    lines += ["predicted:"] + [f"  {_show(c, fields)}" for c in predicted]
    for i, e in enumerate(expected):
        near = [c for c in predicted if (c.outcome, c.weapon) == (e["outcome"], e["weapon"])]
        for c in near:
            diff = {
                k: getattr(c, k)
                for k, v in e.items()
                if k != "parent" and getattr(c, k) != (_date(v) if k in DATE_FIELDS else v)
            }
            differs = diff or "nothing listed but parent"
            lines.append(f"  expected [{i}] vs predicted {c.claim_id}: differs on {differs}")
    return "\n".join(lines)


# --- the table ---------------------------------------------------------------------------------


def test_fixture_table_is_well_formed():
    assert len(ROWS) >= 70
    assert len(set(IDS)) == len(IDS)
    assert len({row["text"] for row in ROWS}) == len(ROWS), "a text appears twice"
    for row in ROWS:
        assert set(row) <= {"text", "published", "title", "outlet", "claims", "xfail"}, row
        _date(row.get("published"))
        for i, expected in enumerate(row["claims"]):
            assert {"outcome", "weapon", "count"} <= set(expected), expected
            assert set(expected) - {"parent"} <= CLAIM_FIELDS, expected
            for name, vocabulary in VOCABULARIES.items():
                assert expected.get(name, vocabulary[0]) in vocabulary, (name, expected)
            parent = expected.get("parent")
            assert parent is None or (0 <= parent < len(row["claims"]) and parent != i), expected


@pytest.mark.parametrize(("row", "row_id"), [_param(r, i) for r, i in zip(ROWS, IDS, strict=True)])
def test_extracts_the_claims_a_reader_expects(row, row_id):
    expected = row["claims"]
    predicted = extract_claims(_article(row, row_id))
    explanation = _explain(expected, predicted)
    assert len(predicted) == len(expected), f"{len(predicted)} claims, expected {len(expected)}\n{explanation}"
    assert _assignment(expected, predicted) is not None, f"claims differ\n{explanation}"


# --- invariants that hold for every text -------------------------------------------------------

# The fixture's own dates, plus dates that push month and year arithmetic to its edges.
EXTRA_DATES = (date(2024, 1, 1), date(2024, 3, 1), date(2023, 12, 31))


def _every_extraction():
    for row, row_id in zip(ROWS, IDS, strict=True):
        for published in (_date(row.get("published")), *EXTRA_DATES):
            yield row, published, extract_claims(_article(row, row_id, published))


def test_evidence_text_is_the_slice_of_the_article_text_it_points_at():
    for row, _, claims in _every_extraction():
        for claim in claims:
            assert 0 <= claim.evidence_start < claim.evidence_end <= len(row["text"]), claim
            assert claim.evidence_text == row["text"][claim.evidence_start : claim.evidence_end], claim


def test_the_same_text_yields_the_same_claim_ids():
    for row, row_id in zip(ROWS, IDS, strict=True):
        first = [c.claim_id for c in extract_claims(_article(row, row_id))]
        second = [c.claim_id for c in extract_claims(_article(row, row_id))]
        assert first == second, row["text"]


def test_claim_ids_are_unique_within_an_article_and_parents_point_inside_it():
    for row, _, claims in _every_extraction():
        ids = [c.claim_id for c in claims]
        assert len(set(ids)) == len(ids), row["text"]
        for claim in claims:
            assert claim.parent_claim_id is None or claim.parent_claim_id in set(ids) - {claim.claim_id}, claim


def test_periods_start_before_they_end_and_never_after_publication():
    for row, published, claims in _every_extraction():
        for claim in claims:
            start, end = claim.period_start, claim.period_end
            assert (start is None) == (end is None), (row["text"], claim)
            if published is None:
                assert start is None, (row["text"], claim)
            elif start is not None:
                assert start <= end <= published, (row["text"], published, claim)
