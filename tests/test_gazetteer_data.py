"""Validates the place gazetteer data files in orchestration/claims/data/.

Plain csv-module checks, no project imports: headers, ISO code sets, referential integrity, and
that no spelling resolves to two different codes.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "orchestration" / "claims" / "data"

HEADERS = {
    "countries.csv": ["country_code", "name", "names", "adjectives", "capital_region"],
    "regions.csv": ["region_code", "country_code", "name", "subdivision_type", "names"],
    "places.csv": ["name", "region_code", "country_code", "place_type", "vicinity_region_code"],
    "region_words.csv": ["word", "kind"],
}

COUNTRIES = {
    "RU", "UA", "BY", "PL", "RO", "MD", "LT", "LV", "EE", "FI", "HU", "SK", "GE", "KZ", "IR", "KP",
    "US", "GB", "FR", "DE", "TR", "CN", "IL", "SY", "AZ", "AM", "NO", "SE", "DK", "CZ", "BG",
}  # fmt: skip

# ISO 3166-2 first-level subdivisions (current codes). ISO lists Crimea and Sevastopol, and the
# oblasts Russia claims to have annexed, only under UA.
RU_CODES = {
    "AD", "AL", "ALT", "AMU", "ARK", "AST", "BA", "BEL", "BRY", "BU", "CE", "CHE", "CHU", "CU", "DA",
    "IN", "IRK", "IVA", "KAM", "KB", "KC", "KDA", "KEM", "KGD", "KGN", "KHA", "KHM", "KIR", "KK", "KL",
    "KLU", "KO", "KOS", "KR", "KRS", "KYA", "LEN", "LIP", "MAG", "ME", "MO", "MOS", "MOW", "MUR", "NEN",
    "NGR", "NIZ", "NVS", "OMS", "ORE", "ORL", "PER", "PNZ", "PRI", "PSK", "ROS", "RYA", "SA", "SAK",
    "SAM", "SAR", "SE", "SMO", "SPE", "STA", "SVE", "TA", "TAM", "TOM", "TUL", "TVE", "TY", "TYU", "UD",
    "ULY", "VGG", "VLA", "VLG", "VOR", "YAN", "YAR", "YEV", "ZAB",
}  # fmt: skip
UA_CODES = {
    "05", "07", "09", "12", "14", "18", "21", "23", "26", "30", "32", "35", "40", "43", "46", "48",
    "51", "53", "56", "59", "61", "63", "65", "68", "71", "74", "77",
}  # fmt: skip
BY_CODES = {"BR", "HM", "HO", "HR", "MA", "MI", "VI"}
EXPECTED_COUNTS = {
    "RU": 83, "UA": 27, "BY": 7, "PL": 16, "RO": 42, "MD": 37, "LT": 10, "LV": 43, "EE": 15, "FI": 19,
}  # fmt: skip

PLACE_TYPES = {"city", "town", "village", "district", "settlement", "base", "facility", "sea", "other"}

# Cities with their own ISO code, and the region that "near/outside X" means.
VICINITY = {"UA-30": "UA-32", "RU-MOW": "RU-MOS", "RU-SPE": "RU-LEN", "BY-HM": "BY-MI"}

# Spellings shared by regions of two different countries, allowed in regions.csv because both
# countries really have a first-level unit of that name: Călărași is a Romanian county (RO-CL) and
# a Moldovan district (MD-CL). Within one country a spelling never maps to two regions.
CROSS_COUNTRY_REGION_EXEMPTIONS = {"călărași", "călăraşi", "calarasi"}


def normalise(text: str) -> str:
    """Same key as the extractor: lower case, typographic quotes and dashes folded, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def split(value: str) -> list[str]:
    return [v for v in value.split("|")]


def region_rows():
    return read("regions.csv")[1]


def place_rows():
    return read("places.csv")[1]


def country_rows():
    return read("countries.csv")[1]


def region_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for row in region_rows():
        for name in [row["name"], *split(row["names"])]:
            index[normalise(name)].add(row["region_code"])
    return index


def place_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for row in place_rows():
        index[normalise(row["name"])].add(row["region_code"])
    return index


# ---------------------------------------------------------------- headers and formats


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_headers_exact(name):
    header, rows = read(name)
    assert header == HEADERS[name]
    assert rows, f"{name} is empty"
    for row in rows:
        assert None not in row, f"{name}: extra fields in {row}"
        assert all(v is not None for v in row.values()), f"{name}: missing fields in {row}"
        for value in row.values():
            assert value == value.strip(), f"{name}: stray whitespace in {value!r}"


def test_lists_have_no_empty_or_padded_items():
    for row in region_rows():
        for name in split(row["names"]):
            assert name and name == name.strip(), (row["region_code"], name)
    for row in country_rows():
        for col in ("names", "adjectives"):
            for name in split(row[col]):
                assert name and name == name.strip(), (row["country_code"], col, name)


# ---------------------------------------------------------------- countries


def test_countries():
    rows = country_rows()
    codes = [r["country_code"] for r in rows]
    regions = {r["region_code"]: r["country_code"] for r in region_rows()}
    for row in rows:
        if row["capital_region"]:  # "the capital" resolves to this subdivision
            assert regions.get(row["capital_region"]) == row["country_code"], row["country_code"]
    assert len(codes) == len(set(codes))
    assert set(codes) == COUNTRIES
    for col in ("names", "adjectives"):
        owner: dict[str, str] = {}
        for row in rows:
            for name in split(row[col]):
                key = normalise(name)
                assert owner.setdefault(key, row["country_code"]) == row["country_code"], (col, name)


# ---------------------------------------------------------------- regions


def test_region_codes_unique_and_prefixed():
    rows = region_rows()
    codes = Counter(r["region_code"] for r in rows)
    assert not [c for c, n in codes.items() if n > 1]
    for row in rows:
        assert row["region_code"].split("-")[0] == row["country_code"], row["region_code"]
        assert row["country_code"] in COUNTRIES
        assert row["name"] and row["subdivision_type"] and row["names"]


def test_region_code_sets():
    by_country = defaultdict(set)
    for row in region_rows():
        by_country[row["country_code"]].add(row["region_code"].split("-", 1)[1])
    assert by_country["RU"] == RU_CODES
    assert by_country["UA"] == UA_CODES
    assert by_country["BY"] == BY_CODES
    for country, count in EXPECTED_COUNTS.items():
        assert len(by_country[country]) == count, country


def test_no_russian_codes_for_ukrainian_territory():
    # ISO lists no RU code for Crimea, Sevastopol or the occupied oblasts.
    assert not RU_CODES & {"CR", "SEV", "DON", "LUG", "ZAP", "KHE", "DPR", "LPR"}


def test_region_spelling_unique_within_country():
    owner: dict[tuple[str, str], str] = {}
    for row in region_rows():
        for name in [row["name"], *split(row["names"])]:
            key = (row["country_code"], normalise(name))
            assert owner.setdefault(key, row["region_code"]) == row["region_code"], (
                name,
                owner[key],
                row["region_code"],
            )


def test_region_spelling_unique_across_countries():
    for name, codes in region_index().items():
        if len(codes) > 1:
            assert name in CROSS_COUNTRY_REGION_EXEMPTIONS, (name, codes)


def test_city_rows_keep_bare_names_out_of_regions():
    # The bare city names resolve through places.csv; regions.csv holds only unambiguous forms.
    index = region_index()
    for bare, code in [("kyiv", "UA-32"), ("kiev", "UA-32"), ("moscow", "RU-MOS"), ("minsk", "BY-MI")]:
        assert index[bare] == {code}
    for bare in ("sevastopol", "st petersburg", "saint petersburg"):
        assert bare not in index


# ---------------------------------------------------------------- places


def test_places_reference_regions():
    regions = {r["region_code"]: r["country_code"] for r in region_rows()}
    for row in place_rows():
        assert row["place_type"] in PLACE_TYPES, row
        assert "|" not in row["name"] and row["name"], row
        if row["place_type"] == "sea":
            assert row["region_code"] == "" and row["country_code"] == "", row
            continue
        assert row["region_code"] in regions, row
        assert regions[row["region_code"]] == row["country_code"], row
        assert row["region_code"].split("-")[0] == row["country_code"], row


def test_vicinity_only_for_cities_with_own_code():
    regions = {r["region_code"] for r in region_rows()}
    for row in place_rows():
        vicinity = row["vicinity_region_code"]
        if vicinity:
            assert VICINITY.get(row["region_code"]) == vicinity, row
            assert vicinity in regions
    for city, vicinity in VICINITY.items():
        assert any(r["region_code"] == city and r["vicinity_region_code"] == vicinity for r in place_rows()), city


def test_place_spelling_unique():
    # No exemptions: a spelling that could mean two places is left out of the gazetteer.
    for name, codes in place_index().items():
        assert len(codes) == 1, (name, codes)
    counts = Counter(normalise(r["name"]) for r in place_rows())
    assert not [n for n, c in counts.items() if c > 1]


def test_places_agree_with_regions():
    # A spelling in both files names the same region, or the place is a city with its own code
    # whose surrounding region carries that name (Kyiv: UA-30 city, UA-32 "Kyiv Oblast").
    regions = region_index()
    for row in place_rows():
        key = normalise(row["name"])
        if key in regions:
            allowed = {row["region_code"], row["vicinity_region_code"]}
            assert regions[key] <= allowed, (row["name"], regions[key], row["region_code"])


def test_place_volume():
    rows = place_rows()
    assert len(rows) >= 900
    types = Counter(r["place_type"] for r in rows)
    assert types["sea"] >= 5 and types["district"] >= 50 and types["base"] >= 10


# ---------------------------------------------------------------- region words


def test_region_words():
    _, rows = read("region_words.csv")
    kinds = {
        "region_word",
        "national_noun",
        "national_modifier",
        "several_places_noun",
        "sea_noun",
        "country_noun",
        "country_part",
        "settlement_noun",
        "place_kind_noun",
        "actor_noun",
        "site_noun",
        "locality_noun",
        "street_noun",
        "first_name_town",
    }
    assert {r["kind"] for r in rows} == kinds
    for kind in kinds:  # one word may serve two lists ("regions"), never twice in one
        words = [r["word"] for r in rows if r["kind"] == kind]
        assert len(words) == len(set(words)), kind
    words = [r["word"] for r in rows if r["kind"] == "region_word"]
    for word in ("Oblast", "Region", "region", "Krai", "Republic", "область", "области", "край"):
        assert word in words
    assert not {"district", "District", "raion"} & set(words)
    assert {"regions", "регион"} <= {r["word"] for r in rows if r["kind"] == "national_noun"}
    assert {"страна", "країна"} <= {r["word"] for r in rows if r["kind"] == "country_noun"}


# ---------------------------------------------------------------- spot checks

REGION_CHECKS = [
    ("Kyiv", "UA-32"), ("Київщина", "UA-32"), ("Брянской", "RU-BRY"), ("Bryansk", "RU-BRY"),
    ("Gomel", "BY-HO"), ("Homel", "BY-HO"), ("Mogilev", "BY-MA"), ("Belgorod", "RU-BEL"),
    ("Белгородской", "RU-BEL"), ("Харківщині", "UA-63"), ("Харьковской", "UA-63"), ("Zaporozhye", "UA-23"),
    ("Dnipropetrovsk", "UA-12"),
    ("Crimea", "UA-43"), ("Крыму", "UA-43"), ("Tatarstan", "RU-TA"), ("Kuban", "RU-KDA"),
    ("Краснодарском", "RU-KDA"), ("Moscow", "RU-MOS"), ("Подмосковье", "RU-MOS"), ("Leningrad", "RU-LEN"),
    ("Minsk", "BY-MI"), ("Kyiv City", "UA-30"), ("Transnistria", "MD-SN"), ("Podkarpackie", "PL-18"),
    ("Tulcea", "RO-TL"), ("Ida-Virumaa", "EE-45"), ("Lapland", "FI-10"), ("Luhansk", "UA-09"),
    ("LNR", "UA-09"), ("Донецкой", "UA-14"),
    ("Odessa", "UA-51"), ("Nikolaev", "UA-48"), ("Chernigov", "UA-74"),
]  # fmt: skip

PLACE_CHECKS = [
    ("Kharkov", "UA-63"), ("Харків", "UA-63"), ("Odessa", "UA-51"), ("Одеса", "UA-51"), ("Kyiv", "UA-30"),
    ("Kiev", "UA-30"), ("Київ", "UA-30"), ("Moscow", "RU-MOW"), ("Москве", "RU-MOW"), ("Minsk", "BY-HM"),
    ("St Petersburg", "RU-SPE"), ("Sevastopol", "UA-40"), ("Dnipro", "UA-12"), ("Krivoy Rog", "UA-12"),
    ("Engels", "RU-SAR"), ("Morozovsk", "RU-ROS"), ("Millerovo", "RU-ROS"), ("Yeysk", "RU-KDA"),
    ("Tuapse", "RU-KDA"), ("Novorossiysk", "RU-KDA"), ("Ust-Luga", "RU-LEN"), ("Kirishi", "RU-LEN"),
    ("Syzran", "RU-SAM"), ("Saky", "UA-43"), ("Belbek", "UA-40"), ("Baranovichi", "BY-BR"),
    ("Machulishchy", "BY-MI"), ("Starokostiantyniv", "UA-68"), ("Myrhorod", "UA-53"), ("Rzeszów", "PL-18"),
    ("Yelsky", "BY-HO"), ("Yelsk district", "BY-HO"), ("Chertkovsky", "RU-ROS"), ("Shebekino", "RU-BEL"),
    ("Sudzha", "RU-KRS"), ("Klintsy", "RU-BRY"), ("Kupiansk", "UA-63"), ("Shostka", "UA-59"),
    ("Pokrovsk", "UA-14"), ("Melitopol", "UA-23"), ("Nova Kakhovka", "UA-65"), ("Izmail", "UA-51"),
    ("Podolsk", "RU-MOS"), ("Zelenograd", "RU-MOW"), ("Artemovsk", "UA-14"), ("Traktorozavodsky", "RU-VGG"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code"), REGION_CHECKS)
def test_region_spot_checks(name, code):
    assert region_index()[normalise(name)] == {code}


@pytest.mark.parametrize(("name", "code"), PLACE_CHECKS)
def test_place_spot_checks(name, code):
    assert place_index()[normalise(name)] == {code}


@pytest.mark.parametrize(("name", "vicinity"), [("Moscow", "RU-MOS"), ("Kyiv", "UA-32"), ("Minsk", "BY-MI"),
                                                ("St Petersburg", "RU-LEN"), ("Engels", "")])  # fmt: skip
def test_vicinity_spot_checks(name, vicinity):
    rows = [r for r in place_rows() if normalise(r["name"]) == normalise(name)]
    assert [r["vicinity_region_code"] for r in rows] == [vicinity]


@pytest.mark.parametrize(("name", "kind"), [("Black Sea", "sea"), ("Sea of Azov", "sea"), ("Azov Sea", "sea"),
                                            ("Kerch Strait", "sea"), ("Caspian Sea", "sea")])  # fmt: skip
def test_sea_spot_checks(name, kind):
    rows = [r for r in place_rows() if normalise(r["name"]) == normalise(name)]
    assert [r["place_type"] for r in rows] == [kind]


ADJECTIVE_CHECKS = [
    ("Russian", "RU"), ("Ukrainian", "UA"), ("Belarusian", "BY"), ("Iranian-made", "IR"),
    ("North Korean", "KP"), ("British", "GB"), ("российских", "RU"), ("українських", "UA"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code"), ADJECTIVE_CHECKS)
def test_country_adjective_spot_checks(name, code):
    owners = {r["country_code"] for r in country_rows() if normalise(name) in map(normalise, split(r["adjectives"]))}
    assert owners == {code}


def test_the_word_form_table_is_current_with_the_lexicons(tmp_path):
    """data/word_forms.tsv is generated from the lexicons: a lexicon edit must regenerate it
    (`python -m orchestration.claims.morphology`), or Russian and Ukrainian forms go missing."""
    from orchestration.claims import morphology

    fresh = tmp_path / "word_forms.tsv"
    morphology.write_table(fresh)
    assert fresh.read_text(encoding="utf-8") == morphology.TABLE_FILE.read_text(encoding="utf-8"), (
        "run: .venv/bin/python -m orchestration.claims.morphology"
    )


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("Белгородская область", "Белгородской областью"),
        ("Повітряні сили", "Повітряних сил"),
        ("ударний БпЛА", "ударних БпЛА"),
        ("Вячеслав Гладков", "Вячеслава Гладкова"),
        ("Україна", "Україною"),
        ("беспилотник", "беспилотников"),
        ("збили", "збито"),
        # Ukrainian masculines have two datives and locatives; both are written.
        ("Дніпро", "Дніпру"),
        ("Дніпро", "Дніпрові"),
        ("Бердичів", "Бердичеву"),
    ],
)
def test_russian_and_ukrainian_entries_match_in_their_case_forms(phrase, form):
    from orchestration.claims import morphology

    assert form in morphology.forms_of(phrase)


def test_other_case_forms_keep_the_head_nouns_gender_and_number():
    """The second dative of a noun is added, never another gender's adjective or a plural head."""
    from orchestration.claims import morphology

    forms = morphology.forms_of("Харківська область")
    assert "Харківській області" in forms
    assert not {"Харківському", "Харківських область", "Харківськими областю"} & forms
