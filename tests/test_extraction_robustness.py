"""The extractor on inputs no outlet would send on purpose: it must return, not raise."""

from __future__ import annotations

import pandas as pd
import pytest

from orchestration.claims import Article, extract_claims
from orchestration.parallel import extract_batch

ODD_TEXTS = {
    "only-whitespace-lines": "\n\n   \n",
    "numbers-only": "1 2 3 4 5 6 7 8 9 10 11 12 2024 2025 1,000,000",
    "one-very-long-sentence": ("drones shot down over Kursk, " * 400).strip(),
    "cyrillic-without-punctuation": "сбиты беспилотники над Брянской областью и Курской областью ночью",
    "unclosed-quote-and-dashes": '"Drones — 20 — fell on — "the" — region of —',
    "emoji-and-controls": "🚀 12 drones 🛩️ shot down\u200b over\u00a0Belgorod\t\x0b region",
}


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_text_returns_claims_whose_evidence_slices_the_text(name):
    text = ODD_TEXTS[name]
    claims = extract_claims(Article(name, text))
    for claim in claims:
        assert text[claim.evidence_start : claim.evidence_end] == claim.evidence_text


def test_a_failing_article_is_recorded_and_the_batch_goes_on(monkeypatch):
    import orchestration.article_extraction as article_extraction

    real = article_extraction.extract_claims

    def flaky(article):
        if article.article_id == "bad":
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(article_extraction, "extract_claims", flaky)
    frame = pd.DataFrame(
        {
            "article_id": ["good", "bad"],
            "content_hash": ["a", "b"],
            "text": ["Two Ukrainian drones were shot down over the Kursk region.", "x"],
            "published_date": [pd.NaT, pd.NaT],
            "title": [None, None],
            "outlet": [None, None],
        }
    )
    claims, errors = extract_batch(frame)
    assert [c.article_id for c in claims] == ["good"]
    assert errors == {"bad": "ValueError: boom"}
