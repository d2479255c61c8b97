"""Check a corpus of articles against its gold claims.

Usage:
    python tests/corpus_check.py --gold tests/gold/demo.jsonl --articles data/articles

Checks that every article file parses (.json, .jsonl, .txt, .html/.htm, read recursively),
that every gold line has all the keys of the gold format with values from the closed
vocabularies of ../shared/claims-spec.md, that its evidence is an exact substring of its
article's text (for HTML: the visible text of the <p>/<h1>-style blocks of the page, as the
loader extracts it), that every parent names an `id` in the same article, and that periods are
consistent with the article's published date. Prints counts per outcome, weapon and
claimant_kind. Exits 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the repo root

from orchestration.claims import model  # noqa: E402
from orchestration.loading import read_folder  # noqa: E402

# The closed vocabularies and the reading of article files are the project's own, so a gold
# file is checked against exactly what the pipeline stores.
CLAIMANT_KINDS = set(model.CLAIMANT_KINDS)
OUTCOMES = set(model.OUTCOMES)
WEAPONS = set(model.WEAPONS)
COUNT_QUALIFIERS = set(model.COUNT_QUALIFIERS)
SCOPES = set(model.SCOPES)
NO_ORIGIN_WEAPONS = {"person", "building", "vehicle", "infrastructure"}
CASUALTY_OUTCOMES = {"injured", "killed"}

REQUIRED_KEYS = (
    "article",
    "claimant",
    "claimant_kind",
    "claimant_country",
    "outcome",
    "weapon",
    "weapon_model",
    "weapon_origin",
    "count",
    "count_qualifier",
    "country",
    "region_code",
    "scope",
    "place",
    "time_text",
    "period_start",
    "period_end",
    "parent",
    "evidence",
)
OPTIONAL_KEYS = {"id", "note"}

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
REGION_RE = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")


# ---------------------------------------------------------------- articles


@dataclass
class Doc:
    article_id: str
    text: str
    published: date | None
    source: str


def load_articles(root: Path, errors: list[str]) -> dict[str, Doc]:
    """Every article below `root` as the loader stores it; a corpus must load without rejects."""
    if not any(p.is_file() for p in root.rglob("*")):
        errors.append(f"{root}: no article files")
    read = read_folder(root)
    for reject in read.rejects:
        where = reject.source_path + (f":{reject.source_line}" if reject.source_line else "")
        errors.append(f"{where}: {reject.reason}: {reject.detail}")
    docs: dict[str, Doc] = {}
    for record in read.records:
        where = record.source_path + (f":{record.source_line}" if record.source_line else "")
        if record.article_id in docs:
            errors.append(
                f"{where}: duplicate article id {record.article_id!r} (also in {docs[record.article_id].source})"
            )
            continue
        docs[record.article_id] = Doc(record.article_id, record.text, record.published_date, where)
    return docs


# ---------------------------------------------------------------- gold


def _iso_date(value, key: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(f"{key} is not an ISO date: {value!r}")
        return None


def check_claim(claim: dict, docs: dict[str, Doc]) -> list[str]:
    problems: list[str] = []
    missing = [k for k in REQUIRED_KEYS if k not in claim]
    if missing:
        return [f"missing keys {missing}"]
    extra = set(claim) - set(REQUIRED_KEYS) - OPTIONAL_KEYS
    if extra:
        problems.append(f"unknown keys {sorted(extra)}")

    def vocab(key, allowed, nullable=False):
        value = claim[key]
        if value is None and nullable:
            return
        if value not in allowed:
            problems.append(f"{key}={value!r} not in the vocabulary")

    vocab("claimant_kind", CLAIMANT_KINDS)
    vocab("outcome", OUTCOMES)
    vocab("weapon", WEAPONS)
    vocab("count_qualifier", COUNT_QUALIFIERS)
    vocab("scope", SCOPES)

    for key in ("claimant", "weapon_model", "place", "time_text", "parent", "id"):
        if claim.get(key) is not None and not (isinstance(claim[key], str) and claim[key].strip()):
            problems.append(f"{key} must be a non-empty string or null")
    if not isinstance(claim["evidence"], str) or not claim["evidence"].strip():
        problems.append("evidence must be a non-empty string")
    for key in ("claimant_country", "weapon_origin", "country"):
        if claim[key] is not None and not (isinstance(claim[key], str) and COUNTRY_RE.match(claim[key])):
            problems.append(f"{key}={claim[key]!r} is not an ISO 3166-1 alpha-2 code")

    # claimant
    if claim["claimant_kind"] == "unattributed":
        if claim["claimant"] is not None or claim["claimant_country"] is not None:
            problems.append("unattributed claims have claimant and claimant_country null")
    elif claim["claimant"] is None:
        problems.append("an attributed claim needs a claimant")

    # count
    count = claim["count"]
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        problems.append(f"count={count!r} must be a non-negative integer or null")
    if (count is None) != (claim["count_qualifier"] == "unspecified"):
        problems.append("count_qualifier is 'unspecified' exactly when count is null")

    # weapon
    weapon, outcome = claim["weapon"], claim["outcome"]
    if (weapon == "person") != (outcome in CASUALTY_OUTCOMES):
        problems.append("weapon 'person' goes with outcome injured/killed and only with them")
    if weapon in NO_ORIGIN_WEAPONS and (claim["weapon_origin"] is not None or claim["weapon_model"] is not None):
        problems.append(f"weapon_origin and weapon_model are null for {weapon}")
    if outcome == "damaged" and weapon not in {"building", "vehicle", "infrastructure", "other"}:
        problems.append(f"damaged claims count buildings, vehicles or infrastructure, not {weapon}")

    # place
    scope, region, country = claim["scope"], claim["region_code"], claim["country"]
    if scope == "region":
        match = REGION_RE.match(region) if isinstance(region, str) else None
        if not match:
            problems.append(f"scope region needs an ISO 3166-2 region_code, got {region!r}")
        elif match.group(1) != country:
            problems.append(f"region_code {region} does not belong to country {country!r}")
    elif region is not None:
        problems.append(f"region_code must be null when scope is {scope}")
    if scope == "country" and country is None:
        problems.append("scope country needs a country")
    if scope == "sea" and country is not None:
        problems.append("scope sea has country null")

    # time
    start = _iso_date(claim["period_start"], "period_start", problems)
    end = _iso_date(claim["period_end"], "period_end", problems)
    if (start is None) != (end is None):
        problems.append("period_start and period_end are both set or both null")
    if start and end and start > end:
        problems.append("period_start is after period_end")
    if start and claim["time_text"] is None:
        problems.append("a period needs the time_text it was resolved from")

    # article, evidence, period against the published date
    doc = docs.get(claim["article"])
    if doc is None:
        problems.append(f"article {claim['article']!r} not found")
    else:
        if isinstance(claim["evidence"], str) and claim["evidence"] not in doc.text:
            problems.append(f"evidence not in the article text: {claim['evidence'][:80]!r}")
        if start and doc.published is None:
            problems.append("period set but the article has no published date")
        if end and doc.published and end > doc.published:
            problems.append(f"period_end {end} is after the published date {doc.published}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path, help="gold claims, one JSON object per line")
    parser.add_argument("--articles", required=True, type=Path, help="folder of articles, read recursively")
    args = parser.parse_args(argv)

    errors: list[str] = []
    docs = load_articles(args.articles, errors)

    claims: list[tuple[int, dict]] = []
    for number, line in enumerate(args.gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            claim = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"gold:{number}: malformed JSON: {error}")
            continue
        if not isinstance(claim, dict):
            errors.append(f"gold:{number}: not a JSON object")
            continue
        claims.append((number, claim))

    ids: dict[str, dict[str, int]] = {}
    for number, claim in claims:
        if claim.get("id") is not None:
            per_article = ids.setdefault(claim.get("article"), {})
            if claim["id"] in per_article:
                errors.append(f"gold:{number}: id {claim['id']!r} repeats line {per_article[claim['id']]}")
            per_article[claim["id"]] = number
    for number, claim in claims:
        for problem in check_claim(claim, docs):
            errors.append(f"gold:{number} ({claim.get('article')}): {problem}")
        parent = claim.get("parent")
        if parent is not None:
            target = ids.get(claim.get("article"), {}).get(parent)
            if target is None:
                errors.append(
                    f"gold:{number} ({claim.get('article')}): parent {parent!r} is not an id in the same article"
                )
            elif target == number:
                errors.append(f"gold:{number}: a claim cannot be its own parent")

    referenced = {c.get("parent") for _, c in claims if c.get("parent")}
    for named in ids.values():
        for name, number in named.items():
            if name not in referenced:
                print(f"note: gold:{number}: id {name!r} is not used as a parent")

    golds_per_article = Counter(c.get("article") for _, c in claims)
    without = sorted(a for a in docs if a not in golds_per_article)

    suffixes = Counter(Path(d.source.split(":")[0]).suffix for d in docs.values())
    print(f"articles: {len(docs)} ({', '.join(f'{k} {v}' for k, v in sorted(suffixes.items()))})")
    print(f"gold claims: {len(claims)} in {len(golds_per_article)} articles")
    if without:
        print(f"articles with no gold claim: {', '.join(without)}")
    for key in ("outcome", "weapon", "claimant_kind", "scope", "count_qualifier"):
        counts = Counter(str(c.get(key)) for _, c in claims)
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    dated = sum(1 for _, c in claims if c.get("period_start"))
    print(f"claims with a period: {dated}; with a parent: {sum(1 for _, c in claims if c.get('parent'))}")

    if errors:
        print(f"\n{len(errors)} problem(s):")
        for error in errors:
            print("  " + error)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
