"""Time words: the table of examples in fixtures/time_expressions.yml, plus the invariants."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from orchestration.claims.timewords import DATA_FILE, TimeMention, find_time_mentions, resolve_period

FIXTURE = Path(__file__).parent / "fixtures" / "time_expressions.yml"
ROWS = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
SENTENCES = list(dict.fromkeys(row["sentence"] for row in ROWS))


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _row_id(row: dict) -> str:
    sentence = row["sentence"] if len(row["sentence"]) <= 48 else row["sentence"][:47] + "…"
    return f"{sentence} [{row['text']}]"


def _param(row: dict):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
    return pytest.param(row, id=_row_id(row), marks=marks)


def test_fixture_table_is_consistent():
    assert len(ROWS) >= 60
    for row in ROWS:
        if row["text"] is not None:
            assert row["sentence"][row["start"] : row["end"]] == row["text"], row


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_time_expression(row):
    published = _date(row["published"])
    mentions = find_time_mentions(row["sentence"], published)
    if row["text"] is None:
        assert mentions == []
        return
    expected = TimeMention(row["text"], row["start"], row["end"], _date(row["period_start"]), _date(row["period_end"]))
    assert expected in mentions, f"found {mentions}"


def test_mentions_are_ordered_non_overlapping_and_slice_the_sentence():
    for sentence in SENTENCES:
        mentions = find_time_mentions(sentence, date(2024, 10, 25))
        for m in mentions:
            assert sentence[m.start : m.end] == m.text
            assert m.text == m.text.strip() and m.text
        for a, b in zip(mentions, mentions[1:], strict=False):
            assert a.end <= b.start, (a, b)


def test_longest_mention_wins_over_the_words_inside_it():
    sentence = "Air defences downed 121 drones during the night of October 24, the ministry said."
    assert [m.text for m in find_time_mentions(sentence, date(2024, 10, 25))] == ["during the night of October 24"]


def test_unknown_published_date_finds_mentions_but_no_periods():
    for sentence in SENTENCES:
        with_date = find_time_mentions(sentence, date(2024, 10, 25))
        without = find_time_mentions(sentence, None)
        assert [(m.text, m.start, m.end) for m in without] == [(m.text, m.start, m.end) for m in with_date]
        assert all(m.period_start is None and m.period_end is None for m in without)
        for m in with_date:
            assert resolve_period(m.text, None) == (None, None)


def test_periods_never_end_after_publication_nor_start_after_they_end():
    published = date(2023, 12, 20)
    days = [published + timedelta(days=i) for i in range(0, 800, 3)] + [date(2024, 2, 29), date(2024, 1, 1)]
    for p in days:
        for sentence in SENTENCES:
            for m in find_time_mentions(sentence, p):
                assert (m.period_start is None) == (m.period_end is None), (p, m)
                if m.period_start is not None:
                    assert m.period_start <= m.period_end <= p, (p, m)


def test_resolve_period_of_a_mention_text_gives_the_mention_period():
    p = date(2024, 10, 25)
    for sentence in SENTENCES:
        for m in find_time_mentions(sentence, p):
            assert resolve_period(m.text, p) == (m.period_start, m.period_end), m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday", (date(2024, 10, 21), date(2024, 10, 21))),
        ("the night of October 24", (date(2024, 10, 24), date(2024, 10, 25))),
        ("no time words here", (None, None)),
        ("", (None, None)),
        ("October 26, 2024", (None, None)),  # an explicit date after P is not a claim period
        ("31 November", (None, None)),
    ],
)
def test_resolve_period(text, expected):
    assert resolve_period(text, date(2024, 10, 25)) == expected


def test_lower_case_may_is_not_a_month():
    sentence = "Officials said the toll may 10 times exceed estimates."
    assert find_time_mentions(sentence, date(2024, 10, 25)) == []


def _simplest_form(phrase: str) -> str:
    """'[in|over] [the] {past|last} week' -> 'past week': optional words out, first alternative."""
    tokens = re.findall(r"\[[^\]]*\]|\{[^}]*\}|\S+", phrase)
    return " ".join(t[1:-1].split("|")[0] if t[0] == "{" else t for t in tokens if t[0] != "[")


RELATIVE = [
    (rule, phrase)
    for rule, phrases in yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["relative"].items()
    for phrase in phrases
]


@pytest.mark.parametrize(("rule", "phrase"), RELATIVE, ids=[f"{r}: {p}" for r, p in RELATIVE])
def test_every_relative_phrase_in_the_data_file_is_found_whole(rule, phrase):
    text = _simplest_form(phrase)
    sentence = f"Drones attacked {text}, officials said."
    mentions = find_time_mentions(sentence, date(2024, 10, 25))
    assert [m.text for m in mentions] == [text]
    if rule in ("none", "future"):
        assert (mentions[0].period_start, mentions[0].period_end) == (None, None)
    else:
        assert mentions[0].period_start is not None
