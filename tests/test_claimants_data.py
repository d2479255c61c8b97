"""Validate the claimant lexicon, orchestration/claims/data/claimants.yml."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from orchestration.claims.model import CLAIMANT_KINDS

DATA = Path(__file__).resolve().parents[1] / "orchestration" / "claims" / "data" / "claimants.yml"

# Every claimant kind but `unattributed`, which names nobody.
KINDS = set(CLAIMANT_KINDS) - {"unattributed"}
# fmt: off
# Sides and outlet countries the lexicon may use; extend deliberately.
COUNTRIES = {
    "RU", "UA", "BY",
    "PL", "RO", "MD", "LT", "LV", "EE",
    "US", "GB", "FR", "DE", "NL", "QA",
}
KEYS = {"id", "name", "kind", "country", "region", "aliases"}
ID_RE = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
REGION_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
LOCAL_KINDS = {"regional_authority", "local_authority"}

# Titles and generic descriptions that must never be an alias on their own.
GENERIC = {
    "governor", "mayor", "president", "prime minister", "minister", "spokesman",
    "spokesperson", "head", "officials", "authorities", "the ministry", "ministry",
    "ministry of defence", "ministry of defense", "defence ministry", "defense ministry",
    "the defence ministry", "the defense ministry", "mod", "air force", "the air force",
    "general staff", "the general staff", "military", "the military", "army", "navy",
    "air defence", "air defense", "police", "national police", "emergency service",
    "prosecutor general's office", "regional military administration",
    "military administration", "city council", "monitor", "shot",
    "губернатор", "мэр", "минобороны", "міноборони", "генштаб", "пво", "ппо", "мчс",
}
# Bare first names (Latin and Cyrillic) that must not be aliases.
FIRST_NAMES = {
    "vladimir", "volodymyr", "alexander", "aleksandr", "oleksandr", "sergei", "sergey",
    "serhiy", "serhii", "andrei", "andrey", "andriy", "andrii", "dmitry", "dmytro", "igor",
    "ihor", "oleg", "oleh", "vitali", "vitaliy", "vitalii", "yuri", "yuriy", "yurii",
    "mikhail", "mykhailo", "mykola", "maxim", "maksym", "vyacheslav", "vasily", "roman",
    "ivan", "pavel", "pavlo", "denis", "denys", "yulia", "maria", "natalia", "nataliya",
    "владимир", "володимир", "александр", "олександр", "сергей", "сергій", "андрей",
    "андрій", "дмитрий", "дмитро", "игорь", "ігор", "олег", "виталий", "віталій", "юрий",
    "юрій", "михаил", "михайло", "микола", "максим", "вячеслав", "в'ячеслав", "василий",
    "роман", "иван", "іван", "денис",
}
# fmt: on


def _load() -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


ENTRIES = _load()


def _ids(entries):
    return [e.get("id", "?") for e in entries]


def test_is_a_list_of_mappings():
    assert isinstance(ENTRIES, list)
    assert all(isinstance(e, dict) for e in ENTRIES)


def test_size():
    assert 150 <= len(ENTRIES) <= 500, len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_entry_shape(entry):
    assert set(entry) == KEYS, f"keys {sorted(entry)}"
    assert isinstance(entry["id"], str) and ID_RE.match(entry["id"]), entry["id"]
    assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != ""
    assert entry["kind"] in KINDS, entry["kind"]
    assert entry["country"] in COUNTRIES, entry["country"]
    # id is <country>-<short name>
    assert entry["id"].startswith(entry["country"].lower() + "-"), entry["id"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_region(entry):
    region = entry["region"]
    if entry["kind"] in LOCAL_KINDS:
        assert isinstance(region, str) and REGION_RE.match(region), region
        prefix = region.split("-", 1)[0]
        # Russian-installed officials in occupied Ukraine carry a Ukrainian subdivision.
        allowed = {entry["country"]} | ({"UA"} if entry["country"] == "RU" else set())
        assert prefix in allowed, f"{region} does not fit country {entry['country']}"
    else:
        assert region is None, f"{entry['kind']} should have region null, got {region}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_aliases_well_formed(entry):
    aliases = entry["aliases"]
    assert isinstance(aliases, list) and aliases, "aliases must be a non-empty list"
    seen = set()
    for alias in aliases:
        assert isinstance(alias, str), repr(alias)
        assert alias == alias.strip() and alias, repr(alias)
        assert "  " not in alias, repr(alias)
        folded = alias.casefold()
        assert folded not in seen, f"duplicate alias {alias!r}"
        seen.add(folded)
        assert folded not in GENERIC, f"generic alias {alias!r}"
        assert folded not in FIRST_NAMES, f"bare first name {alias!r}"


def test_ids_unique():
    counts = defaultdict(int)
    for e in ENTRIES:
        counts[e["id"]] += 1
    assert [i for i, n in counts.items() if n > 1] == []


def test_names_unique():
    counts = defaultdict(int)
    for e in ENTRIES:
        counts[e["name"].casefold()] += 1
    assert [n for n, c in counts.items() if c > 1] == []


def test_surface_forms_belong_to_one_entry():
    """A name or alias (case-insensitive) must resolve to exactly one entry."""
    owners = defaultdict(set)
    for e in ENTRIES:
        for form in [e["name"], *e["aliases"]]:
            owners[form.casefold()].add(e["id"])
    clashes = {form: sorted(ids) for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def _lookup(form: str) -> dict:
    hits = [e for e in ENTRIES if form.casefold() in {a.casefold() for a in [e["name"], *e["aliases"]]}]
    assert len(hits) == 1, f"{form!r}: {_ids(hits)}"
    return hits[0]


@pytest.mark.parametrize(
    ("form", "kind", "country", "region"),
    [
        ("Минобороны России", "defence_ministry", "RU", None),
        ("Russian Defence Ministry", "defence_ministry", "RU", None),
        ("Konashenkov", "defence_ministry", "RU", None),
        ("Ukrainian Air Force", "military", "UA", None),
        ("Повітряні сили ЗСУ", "military", "UA", None),
        ("Yurii Ihnat", "military", "UA", None),
        ("Zelenskyy", "head_of_state", "UA", None),
        ("Зеленський", "head_of_state", "UA", None),
        ("Peskov", "government", "RU", None),
        ("Анохина", "regional_authority", "RU", "RU-SMO"),
        ("Vasiliy Anokhin", "regional_authority", "RU", "RU-SMO"),
        ("Gladkov", "regional_authority", "RU", "RU-BEL"),
        ("Sobyanin", "local_authority", "RU", "RU-MOW"),
        ("Aksyonov", "regional_authority", "RU", "UA-43"),
        ("Razvozhayev", "regional_authority", "RU", "UA-40"),
        ("Syniehubov", "regional_authority", "UA", "UA-63"),
        ("Vilkul", "local_authority", "UA", "UA-12"),
        ("Klitschko", "local_authority", "UA", "UA-30"),
        ("Tymur Tkachenko", "regional_authority", "UA", "UA-30"),
        ("Reuters", "media", "GB", None),
        ("Associated Press", "media", "US", None),
        ("Nexta", "media", "BY", None),
        ("Ukrainska Pravda", "media", "UA", None),
        ("Hajun", "monitoring_group", "BY", None),
        ("ISW", "monitoring_group", "US", None),
        ("Polish Operational Command", "military", "PL", None),
    ],
)
def test_known_claimants(form, kind, country, region):
    entry = _lookup(form)
    assert (entry["kind"], entry["country"], entry["region"]) == (kind, country, region)


@pytest.mark.parametrize(
    "form",
    # Ambiguous on their own: two people in the lexicon, or generic words.
    ["Nikitin", "Kuleba", "Fedorov", "Koval", "Kim", "Ministry of Defence", "Генштаб", "Monitor", "Shot"],
)
def test_ambiguous_forms_are_absent(form):
    folded = form.casefold()
    assert not [e["id"] for e in ENTRIES if folded in {a.casefold() for a in [e["name"], *e["aliases"]]}]
