"""Check a corpus of articles against its gold claims (stdlib only).

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
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

CLAIMANT_KINDS = {
    "defence_ministry",
    "military",
    "head_of_state",
    "regional_authority",
    "local_authority",
    "government",
    "media",
    "monitoring_group",
    "unattributed",
}
OUTCOMES = {"intercepted", "launched", "hit", "injured", "killed", "damaged"}
WEAPONS = {
    "drone",
    "missile",
    "guided_bomb",
    "rocket",
    "aircraft",
    "person",
    "building",
    "vehicle",
    "infrastructure",
    "other",
}
COUNT_QUALIFIERS = {"exact", "at_least", "more_than", "approximately", "up_to", "unspecified"}
SCOPES = {"region", "country", "sea", "unknown"}
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


_SKIPPED = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td"}
_DATE_META = ("article:published_time", "datepublished", "pubdate", "date", "dc.date", "og:published_time")


class _PageText(HTMLParser):
    """Visible block text of a page: <article> if any, else <main>, else the body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.depth = {"article": 0, "main": 0}
        self.blocks: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.current: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.time_attr: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in self.depth:
            self.depth[tag] += 1
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"])
        elif tag == "time" and attributes.get("datetime") and self.time_attr is None:
            self.time_attr = attributes["datetime"]
        if tag in _BLOCKS and not self.skip:
            self._flush()
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self.skip:
            self.skip -= 1
        elif tag in self.depth and self.depth[tag]:
            self.depth[tag] -= 1
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current.append(data)

    def _flush(self):
        if self.current is None:
            return
        block = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = None
        if block:
            self.blocks["body"].append(block)
            for name in ("main", "article"):
                if self.depth[name]:
                    self.blocks[name].append(block)


def _published(value, where: str, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        errors.append(f"{where}: published_at is not a string")
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        errors.append(f"{where}: published_at is not ISO 8601: {value!r}")
        return None


def _record(obj, stem: str, where: str, errors: list[str]) -> Doc | None:
    if not isinstance(obj, dict):
        errors.append(f"{where}: not a JSON object")
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        errors.append(f"{where}: missing or empty text")
        return None
    article_id = obj.get("id") or stem
    if not isinstance(article_id, str):
        errors.append(f"{where}: id is not a string")
        return None
    return Doc(article_id, text, _published(obj.get("published_at"), where, errors), where)


def load_articles(root: Path, errors: list[str]) -> dict[str, Doc]:
    docs: dict[str, Doc] = {}
    files = sorted(p for p in root.rglob("*") if p.is_file())
    if not files:
        errors.append(f"{root}: no article files")
    for path in files:
        where = str(path.relative_to(root))
        suffix = path.suffix.lower()
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(f"{where}: not UTF-8")
            continue
        found: list[Doc | None] = []
        if suffix == ".txt":
            found.append(Doc(path.stem, raw, None, where) if raw.strip() else None)
            if not raw.strip():
                errors.append(f"{where}: empty")
        elif suffix == ".json":
            try:
                found.append(_record(json.loads(raw), path.stem, where, errors))
            except json.JSONDecodeError as error:
                errors.append(f"{where}: malformed JSON: {error}")
        elif suffix == ".jsonl":
            for number, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    found.append(_record(json.loads(line), path.stem, f"{where}:{number}", errors))
                except json.JSONDecodeError as error:
                    errors.append(f"{where}:{number}: malformed JSON: {error}")
        elif suffix in (".html", ".htm"):
            parser = _PageText()
            parser.feed(raw)
            parser.close()
            parser._flush()
            blocks = parser.blocks["article"] or parser.blocks["main"] or parser.blocks["body"]
            if not blocks:
                errors.append(f"{where}: no visible paragraph text")
                continue
            stamp = next((parser.meta[k] for k in _DATE_META if parser.meta.get(k)), parser.time_attr)
            found.append(Doc(path.stem, "\n\n".join(blocks), _published(stamp, where, errors), where))
        else:
            print(f"note: {where}: unsupported format, skipped")
            continue
        for doc in found:
            if doc is None:
                continue
            if doc.article_id in docs:
                errors.append(
                    f"{where}: duplicate article id {doc.article_id!r} (also in {docs[doc.article_id].source})"
                )
                continue
            docs[doc.article_id] = doc
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
