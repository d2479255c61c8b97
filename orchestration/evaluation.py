"""Score a warehouse's claims against a gold file (the spec's matching rule), per outcome.

Two claims match when they belong to the same article and agree on outcome, weapon, count and
place key (region_code for region scope, else scope and country); each predicted claim matches
at most one gold claim. `../shared/eval/score_claims.py` stays the referee; this module adds the
per-outcome view and readable misses for development.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


def place_key(claim: dict) -> tuple:
    if claim.get("scope") == "region":
        return ("region", claim.get("region_code"))
    return (claim.get("scope"), claim.get("country"))


def match_key(claim: dict) -> tuple:
    count = claim.get("count")
    return (
        claim.get("outcome"),
        claim.get("weapon"),
        None if count is None else int(count),
        place_key(claim),
    )


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int
    by_outcome: dict[str, dict[str, int]]
    attributes: dict[str, tuple[int, int]]
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_predictions(warehouse: Path, table: str = "marts.fct_claims") -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        frame = con.execute(f"select * from {table}").df()
    finally:
        con.close()
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        row["article"] = row["article_id"]
        for key in ("period_start", "period_end"):
            if row.get(key) is not None:
                row[key] = str(row[key])[:10]
    return rows


def extract_folder(articles: Path) -> tuple[list[dict], dict[str, str]]:
    """The extractor's claims for every article below `articles`, without a warehouse or dbt.

    Articles are read and deduplicated by text as the loader does for the warehouse, so the scores
    equal a full build's (marts.fct_claims is raw.claims with names resolved). Returns the claims
    as gold-shaped rows and the articles the extractor raised on."""
    from orchestration.article_extraction import make_article
    from orchestration.claims import extract_claims
    from orchestration.loading import read_folder

    rows, errors, seen = [], {}, set()
    for record in read_folder(Path(articles)).records:
        if record.content_hash in seen:
            continue
        seen.add(record.content_hash)
        # as the build makes it: an undated article is dated by its own text when it can be
        article = make_article(record.article_id, record.text, record.published_date, record.title, record.outlet)
        try:
            claims = extract_claims(article)
        except Exception as error:  # reported, never silent: the score shows what was lost
            errors[record.article_id] = f"{type(error).__name__}: {error}"
            continue
        rows.extend(claim_rows(claims))
    return rows, errors


def claim_rows(claims) -> list[dict]:
    """Claims as gold-shaped rows: the article under `article`, periods as ISO dates."""
    rows = []
    for claim in claims:
        row = claim.as_row()
        row["article"] = row["article_id"]
        for key in ("period_start", "period_end"):
            row[key] = None if row[key] is None else row[key].isoformat()
        rows.append(row)
    return rows


def miss_cause(gold: dict, leftovers: list[dict]) -> str:
    """Why a gold claim found no match: the nearest unmatched prediction of its sentence tells.

    `not read` means nothing unmatched was extracted from the gold claim's evidence."""
    evidence = gold.get("evidence") or ""
    same_sentence = [
        p
        for p in leftovers
        if p["article"] == gold["article"]
        and evidence
        and (evidence in (p.get("evidence_text") or "") or (p.get("evidence_text") or "") in evidence)
    ]
    if not same_sentence:
        return "not read"
    g_key = match_key(gold)
    best = max(same_sentence, key=lambda p: sum(a == b for a, b in zip(match_key(p), g_key, strict=True)))
    p_key = match_key(best)
    for name, index in (("outcome", 0), ("weapon", 1), ("count", 2), ("place", 3)):
        if p_key[index] != g_key[index]:
            return name
    return "other"


def score(gold: list[dict], predicted: list[dict]) -> Score:
    articles = {g["article"] for g in gold}
    predicted = [p for p in predicted if p["article"] in articles]
    pool: dict[tuple, list[dict]] = defaultdict(list)
    for p in predicted:
        pool[(p["article"], match_key(p))].append(p)
    pairs, misses = [], []
    for g in gold:
        candidates = pool.get((g["article"], match_key(g)))
        if candidates:
            pairs.append((g, candidates.pop(0)))
        else:
            misses.append(g)
    spurious = [p for group in pool.values() for p in group]
    by_outcome: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "predicted": 0, "matched": 0})
    for key, rows in (("gold", gold), ("predicted", predicted)):
        for outcome, n in Counter(r.get("outcome") for r in rows).items():
            by_outcome[outcome][key] = n
    for g, _ in pairs:
        by_outcome[g["outcome"]]["matched"] += 1
    attributes = {}
    for name in ("claimant_kind", "claimant_country", "weapon_origin", "count_qualifier"):
        attributes[name] = (sum(g.get(name) == p.get(name) for g, p in pairs), len(pairs))
    dated = [(g, p) for g, p in pairs if g.get("period_start")]
    attributes["period"] = (
        sum((g["period_start"], g["period_end"]) == (p.get("period_start"), p.get("period_end")) for g, p in dated),
        len(dated),
    )
    # Gold ids are unique within an article ("t", "a1" recur across articles of one file), so a
    # parent is looked up in its own article.
    gold_ids = {(g["article"], g["id"]): g for g in gold if g.get("id")}
    predicted_for = {id(g): p for g, p in pairs}
    parented = [(g, p) for g, p in pairs if (g["article"], g.get("parent")) in gold_ids]
    right = sum(
        1
        for g, p in parented
        if (parent := predicted_for.get(id(gold_ids[(g["article"], g["parent"])]))) is not None
        and p.get("parent_claim_id") == parent.get("claim_id")
    )
    attributes["parent"] = (right, len(parented))
    return Score(len(gold), len(predicted), len(pairs), dict(by_outcome), attributes, misses, spurious)


def describe(claim: dict) -> str:
    place = (
        claim.get("region_code") if claim.get("scope") == "region" else f"{claim.get('scope')}/{claim.get('country')}"
    )
    evidence = (claim.get("evidence") or claim.get("evidence_text") or "").replace("\n", " ")[:100]
    return (
        f"{claim['article']}: {claim.get('outcome')} {claim.get('count')} {claim.get('weapon')} @ {place} | {evidence}"
    )


def report(result: Score, show_misses: bool = True) -> str:
    lines = [f"gold {result.gold}  predicted {result.predicted}  matched {result.matched}"]
    lines.append(f"{'outcome':14s} {'gold':>5s} {'pred':>5s} {'match':>5s} {'prec':>6s} {'recall':>6s}")
    for outcome, v in sorted(result.by_outcome.items(), key=lambda kv: str(kv[0])):
        p = v["matched"] / v["predicted"] if v["predicted"] else 0.0
        r = v["matched"] / v["gold"] if v["gold"] else 0.0
        lines.append(f"{outcome!s:14s} {v['gold']:5d} {v['predicted']:5d} {v['matched']:5d} {p:6.2f} {r:6.2f}")
    for name, (right, of) in result.attributes.items():
        lines.append(f"  {name:18s} {right}/{of}" + (f" = {right / of:.2f}" if of else ""))
    causes = Counter(miss_cause(g, result.spurious) for g in result.misses)
    if causes:
        lines.append("misses by cause: " + ", ".join(f"{cause} {n}" for cause, n in causes.most_common()))
    if show_misses:
        lines += [f"MISS     [{miss_cause(g, result.spurious)}] " + describe(g) for g in result.misses]
        lines += ["SPURIOUS " + describe(p) for p in result.spurious]
    lines.append(f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    return "\n".join(lines)
