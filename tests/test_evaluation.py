"""The scoring behind `skyledger eval`: matching keys and the parent links of a breakdown."""

from __future__ import annotations

from orchestration import evaluation


def _claim(article, claim_id, count, region, parent=None, **extra):
    return {
        "article": article,
        "id": claim_id,
        "outcome": "intercepted",
        "weapon": "drone",
        "count": count,
        "scope": "region" if region else "unknown",
        "region_code": region,
        "country": "RU" if region else None,
        "parent": parent,
        **extra,
    }


def _predicted(gold, claim_id, parent_claim_id=None):
    return {**gold, "claim_id": claim_id, "parent_claim_id": parent_claim_id}


def test_parent_links_are_scored_within_their_own_article():
    # Both articles use the ids "t" and "a": a parent is the claim of its own article.
    gold = [
        _claim("one", "t", 40, None),
        _claim("one", "a", 25, "RU-BRY", parent="t"),
        _claim("two", "t", 9, None),
        _claim("two", "a", 4, "RU-KRS", parent="t"),
    ]
    predicted = [
        _predicted(gold[0], "p1"),
        _predicted(gold[1], "p2", parent_claim_id="p1"),
        _predicted(gold[2], "p3"),
        _predicted(gold[3], "p4", parent_claim_id="p3"),
    ]
    result = evaluation.score(gold, predicted)
    assert result.attributes["parent"] == (2, 2)


def test_a_wrong_parent_link_is_counted_wrong():
    gold = [_claim("one", "t", 40, None), _claim("one", "a", 25, "RU-BRY", parent="t"), _claim("one", "b", 3, None)]
    predicted = [
        _predicted(gold[0], "p1"),
        _predicted(gold[1], "p2", parent_claim_id="p3"),
        _predicted(gold[2], "p3"),
    ]
    result = evaluation.score(gold, predicted)
    assert result.attributes["parent"] == (0, 1)
