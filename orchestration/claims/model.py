"""The claim model (see ../shared/claims-spec.md): normalised fields beside their surface text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

CLAIMANT_KINDS = (
    "defence_ministry",
    "military",
    "head_of_state",
    "regional_authority",
    "local_authority",
    "government",
    "media",
    "monitoring_group",
    "unattributed",
)
OUTCOMES = ("intercepted", "launched", "hit", "injured", "killed", "damaged")
WEAPONS = (
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
)
COUNT_QUALIFIERS = ("exact", "at_least", "more_than", "approximately", "up_to", "unspecified")
SCOPES = ("region", "country", "sea", "unknown")


@dataclass(frozen=True)
class Article:
    """One input record, as loaded: the text the evidence offsets point into."""

    article_id: str
    text: str
    published_date: date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass
class Claim:
    """One statement: a claimant says a number of things had an outcome at a place in a window."""

    claim_id: str
    article_id: str
    claimant: str | None
    claimant_id: str | None
    claimant_kind: str
    claimant_country: str | None
    outcome: str
    weapon: str
    weapon_model: str | None
    weapon_origin: str | None
    count: int | None
    count_qualifier: str
    country: str | None
    region_code: str | None
    scope: str
    place: str | None
    time_text: str | None
    period_start: date | None
    period_end: date | None
    parent_claim_id: str | None
    evidence_start: int
    evidence_end: int
    evidence_text: str
    # Surface text of the normalised values, for tracing a number back to its words.
    count_text: str | None = None
    outcome_text: str | None = None
    weapon_text: str | None = None
    place_text: str | None = None
    is_place_resolved: bool = True
    is_hedged: bool = False
    # Position of the claim inside its sentence, to order claims and break ties.
    mention_start: int = 0
    extras: dict = field(default_factory=dict, repr=False)

    def as_row(self) -> dict:
        row = dataclasses.asdict(self)
        row.pop("extras")
        return row


CLAIM_COLUMNS = tuple(f.name for f in dataclasses.fields(Claim) if f.name != "extras")
