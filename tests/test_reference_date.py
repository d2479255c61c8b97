"""An article without a publication date is dated from its dateline or a date in its text."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from orchestration.parallel import extract_batch
from orchestration.reference_date import infer_reference_date

CASES = [
    ("KYIV, Nov 7 (Reuters) - the air force said ... since 2022 ... in 2024.", date(2024, 11, 7), "dateline"),
    ("Drones over Belgorod\n\nMOSCOW, 7 November - The ministry said. Data for 2025.", date(2025, 11, 7), "dateline"),
    ("The ministry said on 5 November 2024 that 30 drones were shot down.", date(2024, 11, 5), "date in text"),
    ("Министерство обороны 7 ноября 2024 года сообщило о 20 беспилотниках.", date(2024, 11, 7), "date in text"),
    ("Повітряні сили 12 березня 2025 року повідомили про 40 дронів.", date(2025, 3, 12), "date in text"),
    ("Figures as of 2024-11-03 and March 4, 2025.", date(2025, 3, 4), "date in text"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "basis"), CASES, ids=[c[0][:30] for c in CASES])
def test_a_dateline_or_a_written_date_gives_the_reference_date(text, expected, basis):
    found = infer_reference_date(text)
    assert found is not None and (found.reference_date, found.basis) == (expected, basis)
    assert found.evidence_text in text


@pytest.mark.parametrize(
    "text",
    [
        "VOLGOGRAD. Governor Andrei Bocharov said a drone attack was repelled overnight.",
        "KYIV, Nov 7 (Reuters) - a dateline, but no year anywhere in the text.",
        "Russia has launched thousands of drones since 2022.",  # a year alone names no day
    ],
)
def test_no_reference_date_without_a_day_in_the_text(text):
    assert infer_reference_date(text) is None


def test_claims_of_an_undated_article_are_dated_from_its_dateline():
    text = (
        "KYIV, Nov 7 (Reuters) - Ukraine's air force said on Thursday it had shot down 30 of 45 drones "
        "launched by Russia overnight. The attacks have continued through 2024."
    )
    frame = pd.DataFrame(
        {"article_id": ["a"], "content_hash": ["h"], "text": [text], "published_date": [pd.NaT], "title": [None],
         "outlet": [None]}
    )  # fmt: skip
    claims, errors = extract_batch(frame)
    assert not errors and claims
    assert all(c.period_end and c.period_end <= date(2024, 11, 7) for c in claims), claims
