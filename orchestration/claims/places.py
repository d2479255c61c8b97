"""Places: the gazetteer (data/regions.csv, places.csv, countries.csv) and the grammar around names.

A name resolves to an ISO 3166-2 region (cities and districts through their region), a country,
or a sea. A name the gazetteer does not know, written as a region ("Foo Oblast"), stays
unresolved: it is reported as such, never guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology
from orchestration.claims.numbers import number_words
from orchestration.claims.weapons import find_things

# Prepositions that put a thing at a place. "by Belarus" (agent) or "ally of Moscow" are not.
LOCATIVE = {
    "over", "in", "near", "above", "on", "at", "across", "outside", "around", "into", "onto", "within",
    "inside", "throughout", "off", "towards", "toward", "to", "against", "upon", "under", "nearby",
    "violated", "entered", "crossed", "breached", "violating", "entering", "crossing",  # "... Polish airspace"
    "над", "в", "во", "на", "под", "у", "біля", "около", "возле", "по",
    # the target of an attack verb is where things happened: "attacked Ukraine with 19 missiles"
    "attacked", "struck", "hit", "targeted", "shelled", "bombed", "pounded", "attack", "attacking",
    # places listed after a place phrase: "in several districts, including Chertkovsky and Bokovsky"
    "including", "namely", "notably",
}  # fmt: skip
# Russian and Ukrainian attack verbs in every form: their object is the place attacked
# ("атаковали Белгород беспилотниками"; "вдарили по місту" has its own preposition).
LOCATIVE |= {
    form.lower()
    for verb in ("атаковали", "атакували", "обстреляли", "обстріляли")
    for form in morphology.forms_of(verb)
}
# English verbs that attack as "attacked" does ("pounded Kyiv", "hammered Kharkiv"): outcomes.yml marks
# them `sends_what_it_counts`.
ATTACKING_VERBS = frozenset(lexicon.normalise(cue) for cue in lexicon.marked_cues("hit", "sends_what_it_counts"))
LOCATIVE |= ATTACKING_VERBS
DIRECTIONAL = {"towards", "toward", "to", "against"}
# A region named after these is where something came from or who did it, not where it happened.
NON_LOCATIVE = {"from", "by", "with", "for", "than", "like", "about", "via", "из", "изо", "з", "із", "зі", "с", "со"}
_KNOWN_PREPOSITIONS = frozenset(LOCATIVE | NON_LOCATIVE)
VICINITY = {"near", "outside", "nearby", "около", "возле", "біля"}
# Words that may stand between a preposition and a name ("over the southern Belgorod region").
# The kind of place before its name, in every case form: "над городом Курском", "в станице
# Смоленской", "у селищі Козача Лопань", "над территорией Брянской".
_KIND_NOUNS = [*lexicon.region_words("settlement_noun"), *lexicon.region_words("place_kind_noun")]
_KIND_NOUN_FORMS = sorted(
    {form.lower() for noun in _KIND_NOUNS for form in morphology.forms_of(noun) if " " not in form},
    key=len,
    reverse=True,
)
_FILLER = (
    r"(?:least|more|than|nearly|almost|each|the|a|an|its|their|southern|northern|eastern|western|central|south-western|north-eastern|"
    r"southwestern|northeastern|south-eastern|southeastern|north-western|northwestern|border|frontline|"
    r"front-line|neighbouring|neighboring|neighbouring|occupied|Russian-occupied|Russian-controlled|"
    r"annexed|Ukrainian|Russian|Belarusian|Ukraine's|Russia's|Belarus'|Belarus's|city|town|village|"
    r"settlement|capital|regional|port|industrial|Black|Sea|Azov|Danube|Dnipro|Dnieper|river|seaside|coastal|resort|of|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"second|third|largest|second-largest|third-largest|biggest|main|"  # "Ukraine's second city Kharkiv"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|several|many|some|"
    r"самой|самом|самій|самому|самого|самих|самом|самої|" + "|".join(_KIND_NOUN_FORMS) + ")"
)
_PREP_BEFORE = re.compile(rf"(?:^|[\s(,—«\"“„-])(?P<prep>[A-Za-zА-Яа-яІіЇїЄє]+)(?:\s+{_FILLER})*\s*$", re.IGNORECASE)
_REGION_OF = re.compile(
    r"(?:regions?|oblasts?|provinces?|republics?|krai|territory|city|town|villages?|districts?|settlements?)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A part of a town before the town's name in the genitive ("по центру Сум", "на окраине Белгорода").
_PART_OF_TOWN_CYRILLIC = re.compile(
    r"(?<![\w])(?:центр|центру|центрі|центре|центром|"
    r"(?P<outskirts>околиц\w*|окраин\w*|передмісті|передмістя|пригород\w*|окрестност\w*|предмест\w*))\s+$",
    re.IGNORECASE,
)
_HOSPITAL_BEFORE = re.compile(
    r"(?<![\w])(?:hospitals?|clinics?|больниц\w*|лікарн\w*|госпитал\w*|шпитал\w*|ЦРБ)"
    r"(?:\s+(?:in|of|в|у|во|м\.|г\.|міста|города))*\s+$",
    re.IGNORECASE,
)
_PART_OF = re.compile(
    r"(?:centre|center|outskirts|suburbs|suburb|environs|territory|territories|area|vicinity|skies|airspace|part|parts|"
    r"north|south|east|west|heart|streets|edge|direction|districts|villages|settlements|waters|water area|"
    r"coast|shores?)\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village|settlement|region)\s+of\s+)?$",
    re.IGNORECASE,
)
_CAPITAL = re.compile(r"(?<![\w])(?:the\s+(?:(?P<adj>[A-Z][\w'’]+)\s+)?capital|(?i:столиц[аеиуяюіы]\w*))(?![\w-])")
_STRIKE_VERBS = {"struck", "hit", "targeted", "shelled", "attacking", "striking", *ATTACKING_VERBS}
# "the capital had been attacked by 28 drones", "the capital came under attack": the capital struck
_STRUCK_AFTER = re.compile(
    r"\s+(?:(?:had|has|have)\s+been|was|were|is|came|comes)\s+(?:attacked|struck|hit|targeted|shelled|under)\b|"
    r"\s+(?:під|под)\s+(?:атак|удар|обстріл|обстрел)|\s+(?:подверглась|зазнала|атакован|атакована)",
    re.I,
)


def struck_after(text: str, end: int) -> bool:
    """A place told as the one struck: "the capital was attacked", "Київ під атакою"."""
    return _STRUCK_AFTER.match(text, end) is not None


_BEARING_OF = re.compile(
    r"(?<!the\s)\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+$", re.I
)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    scope: str  # region, country, sea, unknown (unresolved)
    country: str | None
    region_code: str | None
    place_type: str  # region, city, district, ..., country, sea, national, own_territory, unresolved
    prep: str | None
    is_locative: bool  # a place things happened at, not an agent or a possessor
    vicinity_region_code: str | None = None

    @property
    def is_resolved(self) -> bool:
        return self.place_type not in ("unresolved", "anaphor")


@dataclass(frozen=True)
class _Name:
    kind: str  # region, place, country, sea
    code: str | None
    country: str | None
    place_type: str
    vicinity: str | None = None


@cache
def _index() -> tuple[dict[str, list[_Name]], dict[str, list[_Name]]]:
    """name -> entries, split into names that need a region word and those that stand alone."""
    regional: dict[str, list[_Name]] = {}
    standalone: dict[str, list[_Name]] = {}
    for row in lexicon.regions():
        entry = _Name("region", row["region_code"], row["country_code"], "region")
        for name in {row["name"], *row["names"].split("|")}:
            if name:
                regional.setdefault(lexicon.normalise(name), []).append(entry)
    for row in lexicon.places():
        kind = "sea" if row["place_type"] == "sea" else "place"
        entry = _Name(
            kind,
            row["region_code"] or None,
            row["country_code"] or None,
            row["place_type"],
            row.get("vicinity_region_code") or None,
        )
        standalone.setdefault(lexicon.normalise(row["name"]), []).append(entry)
    for row in lexicon.countries():
        entry = _Name("country", None, row["country_code"], "country")
        for name in row["names"].split("|"):
            if name:
                standalone.setdefault(lexicon.normalise(name), []).append(entry)
    # Russian and Ukrainian names in every case ("над Белгородской областью", "у Харкові").
    expanded = morphology.expand(standalone)
    for adjective in _country_adjectives():
        if adjective not in standalone:
            expanded.pop(adjective, None)  # "Українські дрони": the country's adjective, never Ukrainsk's case form
    return morphology.expand(regional), expanded


@cache
def _country_adjectives() -> dict[str, str]:
    table = {}
    for row in lexicon.countries():
        for adjective in row["adjectives"].split("|"):
            if adjective and "made" not in adjective:
                table[lexicon.normalise(adjective)] = row["country_code"]
    return morphology.expand(table)


def country_of_adjective(word: str) -> str | None:
    """The country an adjective or possessive names ("Ukrainian", "Ukraine's", "украинским"), if any."""
    return _country_adjectives().get(lexicon.normalise(word))


@cache
def _anaphor_pattern() -> re.Pattern[str]:
    # Not followed by a name ("области Белгородской", "місто Суми" are the named place); never a
    # plural ("над российскими регионами" are many, not the one the text is about).
    forms = {f for w in lexicon.anaphor_words() for f in morphology.forms_of(w)}
    words = lexicon.phrase_pattern(f for f in forms if morphology.grammatical_number(f) != "plur").pattern
    return re.compile(rf"{words}(?!\s+(?-i:[А-ЯІЇЄЁ]))", re.IGNORECASE)  # a capital, whatever the flag


@cache
def _region_word_pattern() -> str:
    words = sorted({f for w in lexicon.region_words() for f in morphology.forms_of(w)}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@cache
def _name_pattern() -> re.Pattern[str]:
    regional, standalone = _index()
    # Names are proper nouns: match them capitalised, as written in the data or title-cased.
    written = [row["name"] for row in lexicon.places()]
    # A name's case forms as the data writes it ("Измаильском районе", not "Измаильском Районе")
    written += [
        form
        for row in lexicon.places()
        if " " in row["name"] and morphology.has_cyrillic(row["name"])
        for form in morphology.forms_of(row["name"])
    ]
    for row in lexicon.regions():
        written += [row["name"], *row["names"].split("|")]
    for row in lexicon.countries():
        written += row["names"].split("|")
    spellings = {w for w in written if w} | {_capitalised(name) for name in {*regional, *standalone}}
    return lexicon.phrase_pattern(spellings, flags=0)


_LOWER_WORDS = {
    "of",
    "the",
    "on",
    "na",
    "nad",
    "and",
    "upon",
    "am",
    "de",
    "la",
    "на",
    "над",
    "под",
    "по",
    "де",
}


def _capitalised(name: str) -> str:
    return "".join(
        part if part in _LOWER_WORDS or not part or part.isspace() or part == "-" else part[0].upper() + part[1:]
        for part in re.split(r"(\s+|-)", name)
    )


@cache
def _national_pattern() -> re.Pattern[str]:
    """A country's own land by its adjective: "over Russian regions", "over seven Russian border
    regions", "над семью российскими регионами", "над территорией Белгородской..." is not one."""
    adjectives = sorted(_country_adjectives(), key=len, reverse=True)
    owners = [*adjectives, "its", "their", "our", "the country's", "the country’s", "the whole", "the entire"]
    forms = _region_word_forms
    count = _count_alternation()
    return re.compile(
        rf"(?<![\w])(?:(?:{count})\s+)?"  # Russian and Ukrainian put the count first: "над семью российскими"
        rf"(?P<adj>{lexicon.alternatives(owners)})\s+"
        rf"(?:(?:{forms('national_modifier')}|{count})\s+)*"
        rf"(?:{forms('national_noun')})(?![\w])",
        re.IGNORECASE,
    )


@cache
def _count_alternation() -> str:
    """A count in digits or words ("7", "seven", "семью")."""
    return rf"\d+|{lexicon.alternatives(number_words())}"


@cache
def _region_word_forms(kind: str) -> str:
    """An alternation of every form of the region_words.csv words of one kind."""
    words = {f for w in lexicon.region_words(kind) for f in morphology.forms_of(w)}
    return lexicon.alternatives(sorted(words, key=len, reverse=True))


@cache
def _national_noun_before() -> re.Pattern[str]:
    """ "over the regions of Russia", "над регионами России", "над територією країни": the country's
    land as a whole, not one region of it."""
    return re.compile(
        rf"(?<![\w])(?:(?:{_count_alternation()})\s+)?(?:{_region_word_forms('national_noun')})"
        r"\s+(?:of\s+(?:the\s+)?)?$",
        re.I,
    )


# "Смоленской", "Курском", "Харківське": a name in an adjective's form, as settlements named after
# a region are ("станица Смоленская").
# Not "Курске", "Краматорську": a city's own case forms.
_ADJECTIVE_ENDING = re.compile(r"(?:[сц]к(?:ая|ой|ую|ое|ом|ий|ый|ого|ому|им)|[сц]ьк(?:а|е|ий|ого|ому|ої|ій|ою|им))$")


@cache
def _settlement_noun_before() -> re.Pattern[str]:
    """ "в станице Смоленской", "на улице Курской", "селище Харківське": a settlement or street named
    like a region, right after its kind."""
    return re.compile(rf"(?<![\w])(?:{_region_word_forms('settlement_noun')})\s+$", re.I)


@cache
def _first_name_towns() -> frozenset[str]:
    return frozenset(lexicon.normalise(w) for w in lexicon.region_words("first_name_town"))


@cache
def _street_before() -> re.Pattern[str]:
    """ "на вулиці Київській", "ул. Курчатова", "проспекте Победы": a street named after a town is in
    the town the text is about, not that town."""
    return re.compile(
        rf"(?<![\w])(?:(?:{_region_word_forms('street_noun')})|вул\.|ул\.|просп\.|пр-т|пров\.|пер\.|бул\.)\s*$", re.I
    )


# Before a source: "according to Nikolayev," is a person, however like a town the name is
_ACCORDING_TO = re.compile(r"(?:according\s+to|по\s+словам|за\s+словами)\s+$", re.IGNORECASE)
# A surname right after a town named like a first name makes it the first name ("Vladimir Leontyev")
_SURNAME_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z'’]+(?:ov|ev|yov|in|yn|sky|skiy|skyi|ski|enko|ko|uk|yuk|ich|ych|ova|eva|ina|yan|dze|shvili)"
    r"|[А-ЯЁІЇЄ][а-яёіїє'’]+(?:ов|ев|ёв|ин|ын|ский|ський|енко|ко|ук|юк|ич|ова|ева|ина|ян|дзе|швили))(?![\w-])"
)


# "on Kurchatov Street", "Kharkivske Highway": a street named after a town, not the town
_STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd|Lane|Road|Highway|Square|Embankment|Prospekt|Avenue)(?![\w])"
)


@cache
def _country_noun_pattern() -> re.Pattern[str]:
    """A Russian or Ukrainian "the country" where things happened: after a preposition of place
    ("по стране", "над всей страной", "по всій країні", "по нашій країні") or a national noun ("над
    территорией страны")."""
    noun = _region_word_forms("country_noun")
    # "на півночі, півдні, сході та в центрі країни", "на юге страны": parts that make the whole country
    part = _region_word_forms("country_part")
    parts = rf"(?:на|в|у|во|над)\s+(?:{part})(?:(?:\s*,\s*|\s+(?:та|і|и|й)\s+)(?:(?:на|в|у|во|над)\s+)?(?:{part}))*\s+"
    return re.compile(
        rf"(?<![\w])(?:(?P<prep>по|над|в|во|у|на|через)\s+(?:(?:всей|всю|всій|нашей|нашу|нашій|нашої|нашем)\s+)?"
        rf"|(?P<parts>{parts})|(?:{_region_word_forms('national_noun')})\s+)(?P<noun>{noun})(?![\w])",
        re.IGNORECASE,
    )


@cache
def _several_places_pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)(?:in|across|over|throughout|at|on|struck|hit|targeted|attacked|в|у|во|на|над|по)\s+"
        + _unnamed_places(),
        re.IGNORECASE,
    )


@cache
def _unnamed_places() -> str:
    """ "nine regions", "семи областях", "кількох громадах": a number of places, none named."""
    nouns = {f for w in lexicon.region_words("several_places_noun") for f in morphology.forms_of(w)}
    noun_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(nouns, key=len, reverse=True))
    vague = "|".join(re.escape(w) for w in sorted(lexicon.numbers()["vague"], key=len, reverse=True))
    qualifiers = "|".join(re.escape(q) for qs in lexicon.numbers()["qualifiers"].values() for q in qs)
    return (
        rf"(?:(?:{qualifiers})\s+)?(?:\d+|{lexicon.alternatives(number_words())}|{vague}|ряде|низці|многих|багатьох)\s+"
        rf"(?:\w+\s+)?(?:{noun_alt})(?!\w)"
    )


@cache
def _listed_with_unnamed() -> tuple[re.Pattern[str], re.Pattern[str]]:
    joint = r"\s*(?:,|and|и|і|та|й)\s+(?:(?:over|in|the|waters\s+of|над|в|у|на|акватори\w*)\s+)*"
    return (
        re.compile(rf"{joint}{_unnamed_places()}", re.IGNORECASE),  # "the Black Sea and five regions"
        re.compile(rf"(?<!\w){_unnamed_places()}{joint}$", re.IGNORECASE),  # "nine regions and the Sea of Azov"
    )


def listed_with_unnamed_places(text: str, place: PlaceMention) -> bool:
    """Whether a place is one item of a list whose others are counted, not named ("over nine regions
    and the Sea of Azov", "над Черным морем и пятью регионами"): the list is several places."""
    after, before = _listed_with_unnamed()
    return (
        after.match(text, place.end) is not None
        or lexicon.search(before, text, max(0, place.start - 80), place.start) is not None
    )


def counts_places(text: str, count_end: int) -> bool:
    """Whether the figure ending at `count_end` counts places ("у трьох районах", "in five
    regions", "на 9 локаціях"), not people or things."""
    return _places_after_count().match(text, count_end) is not None


@cache
def _places_after_count() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:\w+\s+)?(?:{_region_word_forms('several_places_noun')})(?![\w])", re.IGNORECASE)


@cache
def _several_places_noun() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_region_word_forms('several_places_noun')})(?![\w])", re.IGNORECASE)


def spans_regions(mention: PlaceMention, sentence: str) -> bool:
    """Whether a country mention is the country's regions, all of them ("над российскими регионами",
    "над регионами России", "over Russian regions"), not just its name or its territory."""
    return mention.place_type == "national" and (
        _several_places_noun().search(sentence, max(0, mention.start - 40), mention.end) is not None
    )


def names_several_places(text: str) -> bool:
    """Whether the text puts what it tells in several places it does not name: "in eight regions",
    "over seven regions", "на девяти локациях", "у кількох громадах"."""
    return lexicon.search(_several_places_pattern(), text) is not None


@cache
def _unknown_region_pattern() -> re.Pattern[str]:
    name = r"[A-ZА-ЯІЇЄ][\w'’-]+(?:\s+[A-ZА-ЯІЇЄ][\w'’-]+)?"
    words = _region_word_pattern() + r"|district|raion|rayon|village|settlement|hromada|community|громад[аиуі]|район\w*"
    # "Ніжинська міська територіальна громада", "Бучанский городской округ"
    kind = r"(?:\s+(?:міськ|селищн|сільськ|територіальн|городск|сельск|поселков|муниципальн)\w*){0,2}"
    return re.compile(
        rf"(?<![\w-])(?P<name>{name}){kind}\s+(?:{words})(?![\w])|"
        rf"(?<![\w-])(?:village|settlement|town|hromada|district) of (?P<after>{name})(?![\w])",
    )


# "с.", "м.", "смт", "г.", "пгт" before a settlement's name (grammar.py reads a line opening with one)
SETTLEMENT_PREFIX = r"(?:(?:с|м|сел|пос|г|д|х|п|с-ще)\.\s?|(?:смт|пгт)\.?\s)"
_SETTLEMENT_ABBREVIATION = re.compile(
    rf"(?<![\w.]){SETTLEMENT_PREFIX}(?P<name>[А-ЯІЇЄЁ][\w'’]+(?:-[А-ЯІЇЄЁа-яіїєё][\w'’]+)*)"
)


@cache
def _locality_noun_name() -> re.Pattern[str]:
    """ "селе Ивановка", "станиці Ільській": a settlement's noun, then its capitalised name."""
    return re.compile(
        rf"(?<![\w])(?i:{_region_word_forms('locality_noun')})\s+(?P<name>[А-ЯІЇЄЁ][\w'’]+(?:-[А-ЯІЇЄЁа-яіїєё][\w'’]+)*)"
    )


# A sentence opening with a locative and a capitalised name the gazetteer lacks ("In Gora-Podol, ...",
# "У Носівці, ..."): the name of a place, unresolved.
_FRONTED_UNKNOWN = re.compile(
    r"\s*(?:In|Near|В|У|Во|Під|Под)\s+(?P<name>[A-ZА-ЯІЇЄ][\w'’]+(?:-[A-ZА-ЯІЇЄа-яіїє][\w'’]+)*),\s"
)


# The words before a mention are looked for in at most this many characters before it: far more
# than any "over the southern border regions of the" phrase, and a bound on the work per mention
# (a search over the whole sentence so far, per mention, made long sentences quadratic).
LOOKBACK_CHARS = 200


def _before(pattern: re.Pattern[str], sentence: str, end: int) -> re.Match[str] | None:
    """`pattern` (anchored with $) searched in the LOOKBACK_CHARS before `end`, in sentence offsets."""
    return lexicon.search(pattern, sentence, max(0, end - LOOKBACK_CHARS), end)


@cache
def _region_word_after() -> re.Pattern[str]:
    return re.compile(rf"(?:['’]s)?\s*(?:{_region_word_pattern()})(?![\w])", re.IGNORECASE)


@cache
def regions_of_type(*subdivision_types: str) -> frozenset[str]:
    """The codes of regions.csv's regions of these subdivision types ("krai", "city")."""
    return frozenset(row["region_code"] for row in lexicon.regions() if row["subdivision_type"] in subdivision_types)


# A Ukrainian community after a name ("Липецкої громади", "Lyptsi hromada"): only Ukraine has them.
_COMMUNITY_AFTER = re.compile(r"\s+(?:громад\w*|hromada|hromadas|community|ОТГ|ТГ)(?![\w])", re.I)
_DISTRICT_WORD_AFTER = re.compile(r"(?:['’]s)?\s*(?:district|raion|rayon|hromada|community)(?![\w])", re.I)


# Compiled once here, not at every call (re's cache lookup per sentence showed in profiles).
_NATIONWIDE = re.compile(r"(?<![\w])(?:nationwide|countrywide)(?![\w])", re.I)
_THE_COUNTRY = re.compile(r"(?<![\w])(?:the\s+)?(?:country|nation)(?![\w'’-])", re.I)
_THE_REGION = re.compile(
    r"(?<![\w])(?:the|this|that)\s+(?:region|oblast|city|town|district|area|community|settlement|village)"
    r"(?:['’]s)?(?![\w'’-])(?!\s+of\b)",
    re.I,
)


# An auxiliary between a subject and its verb ("the region had come under attack").
_AUXILIARY_BEFORE = re.compile(r"\s+(?:(?:had|has|have)\s+)?$", re.I)


def anaphor_ends_at(text: str, end: int) -> bool:
    """Whether "the region" / "the city" / a bare "область" (the place the text is about) ends right
    before `end`, maybe with an auxiliary between: the subject of the verb at `end`."""
    start = max(0, end - 60)
    for pattern in (_THE_REGION, _anaphor_pattern()):
        for match in lexicon.finditer_slice(pattern, text, start, end):
            if _AUXILIARY_BEFORE.fullmatch(text, start + match.end(), end):
                return True
    return False


def find_places(sentence: str) -> list[PlaceMention]:
    regional, standalone = _index()
    found: list[PlaceMention] = []
    for match in _name_pattern().finditer(sentence):
        key = lexicon.normalise(match.group(0))
        # Matched at the name's end (pattern.match(text, pos)): no copy of the rest of the sentence.
        word_match = _region_word_after().match(sentence, match.end())
        district_match = _DISTRICT_WORD_AFTER.match(sentence, match.end())
        after_of = _after_of_or_the(sentence, match.start())
        region_of = _before(_REGION_OF, sentence, match.start()) if after_of else None
        end = word_match.end() if word_match else match.end()
        has_region_word = bool(word_match) or bool(
            region_of and re.match(r"region|oblast|province|republic|krai|territory", region_of.group(0), re.I)
        )
        prep = _preposition_at(sentence, region_of.start() if region_of else match.start())
        if prep not in _KNOWN_PREPOSITIONS and (territory := _before(_TERRITORY_OF, sentence, match.start())):
            prep = _preposition_at(sentence, territory.start())  # "на території сусідньої Молдови"
        listed_after = _listed_after(sentence, found, match.start())
        if listed_after is not None and (prep is None or prep in _CONJUNCTIONS):
            prep = listed_after.prep  # "над Ростовской (19) и Курской (3)", "from Bryansk, Kursk": one preposition
        part_of = _before(_PART_OF, sentence, match.start()) if after_of else None
        if part_of and not region_of:
            # "in the centre of Belgorod", "the outskirts of Taganrog": the place is where it happened;
            # "the suburbs of Moscow" are around the city, so in its region (Moscow Oblast).
            prep = _preposition_at(sentence, part_of.start()) or "in"
            prep = prep if prep in LOCATIVE or prep in NON_LOCATIVE else "in"  # "з району": from there
            if re.match(r"(?:outskirts|suburbs?|vicinity|environs)\b", part_of.group(0), re.I):
                prep = "near"
        part_of_town = _before(_PART_OF_TOWN_CYRILLIC, sentence, match.start()) if not part_of else None
        if part_of_town:
            # "по центру Сум", "на окраине Белгорода": the town, in its genitive, is where it happened
            prep = _preposition_at(sentence, part_of_town.start()) or "in"
            prep = prep if prep in LOCATIVE or prep in NON_LOCATIVE else "in"
            if part_of_town.group("outskirts"):
                prep = "біля"
        if after_of and _before(_BEARING_OF, sentence, match.start()):
            prep = "near"  # "Vidnoye, south of Moscow": near the city, not in it
        text = sentence[match.start() : end]
        if word_match and not regional.get(key):
            # "the Rezekne municipality": the region's own name holds its word, the town's does not
            with_word = lexicon.normalise(f"{match.group(0)} {word_match.group(0).strip()}")
            key = with_word if regional.get(with_word) else key
        candidates = (
            (regional.get(key, []) if has_region_word else [])
            or standalone.get(key, [])
            or (regional.get(key, []) if not has_region_word else [])
        )
        if has_region_word and not regional.get(key):
            place_hits = [c for c in standalone.get(key, []) if c.kind == "place"]
            country_hits = [c for c in standalone.get(key, []) if c.kind == "country"]
            if place_hits and district_match is None and word_match:
                candidates = place_hits  # "Kryvyi Rih district": a city's district is in its region
            elif country_hits and region_of and not word_match:
                candidates = country_hits  # "over the territory of Russia": the country's land
            elif not place_hits:
                found.append(_unresolved(match.start(), end, text, prep))
                continue
        if not candidates:
            continue
        settlement_named_like_region = not has_region_word and (
            (key in regional and key not in standalone) or _ADJECTIVE_ENDING.search(key) is not None
        )
        if settlement_named_like_region and _before(_settlement_noun_before(), sentence, match.start()):
            found.append(_unresolved(match.start(), end, text, prep))
            continue
        if _STREET_AFTER.match(sentence, end) or _before(_street_before(), sentence, match.start()):
            continue  # a street, inside whatever town the text is about
        if not has_region_word and key in _first_name_towns() and _SURNAME_AFTER.match(sentence, end):
            continue  # "Vladimir Leontyev": a first name, not the city
        if (
            not has_region_word
            and _ACCORDING_TO.search(sentence, max(0, match.start() - 16), match.start())
            and re.match(r"\s*,", sentence[end:])  # not "according to Kharkiv's mayor"
            and match.group(0) not in lexicon.attribution()["speaking_capitals"]
        ):
            continue  # "According to Nikolayev, debris damaged ...": a person named like a town speaks
        entry = candidates[0]
        if entry.kind == "region" and entry.country != "UA" and _COMMUNITY_AFTER.match(sentence, match.end()):
            continue  # "Липецкой громады" is Lyptsi's community in Kharkiv Oblast, not Lipetsk Oblast (below)
        is_krai = entry.code in regions_of_type("krai")
        if entry.kind == "region" and is_krai and _DISTRICT_AFTER.match(sentence, match.end()):
            # "в Приморском районе" (of Odesa, Zaporizhzhia, St Petersburg): a district named like a krai
            # is seldom in it; the district of the text's own region
            found.append(_unresolved(match.start(), end, text, prep))
            continue
        if district_match:
            end = district_match.end()
            text = sentence[match.start() : end]
        # A name only a region has ("Bryansk Oblast", "Kuban") marks a place whatever precedes it.
        only_regional = key in regional and key not in standalone
        mention = _mention(match.start(), end, text, entry, prep, bool(word_match or region_of or only_regional))
        national = mention.place_type == "country" and _before(_national_noun_before(), sentence, match.start())
        if national:
            # "над шестью регионами России": the preposition is the one before the regions
            prep = _preposition_at(sentence, national.start())
            mention = replace(mention, place_type="national", prep=prep, is_locative=prep in LOCATIVE)
        found.append(mention)
    for match in lexicon.finditer(_national_pattern(), sentence):
        adjective = lexicon.normalise(match.group("adj"))
        prep = _preposition_at(sentence, match.start())
        country = _country_adjectives().get(adjective)
        place_type = "national" if country else "own_territory"
        found.append(
            PlaceMention(
                match.start(),
                match.end(),
                match.group(0),
                "country",
                country,
                None,
                place_type,
                prep,
                prep in LOCATIVE,
            )
        )
    for match in _ADJECTIVE_REGION.finditer(sentence):
        # "над территорией Московского региона", "в Брянском регионе": a region's adjective in any
        # gender before "регион", which the gazetteer holds only in the feminine of "область"
        if any(p.start <= match.start() < p.end for p in found):
            continue
        feminine = morphology.feminine_nominative(match.group("adj"))
        entries = [e for e in regional.get(lexicon.normalise(feminine), []) if e.kind == "region"] if feminine else []
        if entries:
            prep = _preposition_at(sentence, match.start())
            if prep is None and _before(_TERRITORY_OF, sentence, match.start()):
                prep = _preposition_at(sentence, _before(_TERRITORY_OF, sentence, match.start()).start())
            mention = _mention(match.start(), match.end(), match.group(0), entries[0], prep, True)
            # "снабжает топливом Московский регион": with no preposition of place, not where it happened
            found.append(replace(mention, is_locative=prep in LOCATIVE))
    for match in lexicon.finditer(_NATIONWIDE, sentence):
        found.append(
            PlaceMention(match.start(), match.end(), match.group(0), "country", None, None, "own_territory", "in", True)
        )
    for match in lexicon.finditer(_THE_COUNTRY, sentence):
        before = _before(_COUNTRY_PREP_BEFORE, sentence, match.start())
        prep = before.group(1).lower() if before else None
        if prep:
            found.append(
                PlaceMention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    "country",
                    None,
                    None,
                    "own_territory",
                    prep,
                    True,
                )
            )
    for match in lexicon.finditer(_country_noun_pattern(), sentence):
        # "по стране", "над всей страной", "над регионами страны": the country the text is about.
        if match.group("parts") and (
            len(re.findall(r",|\s(?:та|і|и|й)\s", match.group("parts"))) < 2
            or any(p.scope == "region" and p.start > match.end() for p in found)
        ):
            # two directions are a part of the country; "на півночі, сході та півдні країни – у Київській,
            # Житомирській ... областях": the regions named after them are the places
            continue
        if not any(p.start <= match.start("noun") < p.end for p in found):
            prep = (match.group("prep") or "над").lower()
            found.append(
                PlaceMention(
                    match.start(), match.end(), match.group(0), "country", None, None, "own_territory", prep, True
                )
            )
    for match in lexicon.finditer(_bare_sea_pattern(), sentence):
        before = _before(_SEA_PREP_BEFORE, sentence, match.start())
        if before and not any(p.start <= match.start() < p.end for p in found):
            found.append(
                PlaceMention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    "sea",
                    None,
                    None,
                    "sea",
                    before.group(1).lower(),
                    True,
                )
            )
    for match in lexicon.finditer(_THE_REGION, sentence):
        prep = _preposition_at(sentence, match.start())
        if prep in LOCATIVE and not any(p.start <= match.start() < p.end for p in found):
            # "launched at the region": the region the text is about; the extractor resolves it.
            found.append(
                PlaceMention(match.start(), match.end(), match.group(0), "unknown", None, None, "anaphor", prep, True)
            )
    for match in lexicon.finditer(_anaphor_pattern(), sentence):
        prep = _preposition_at(sentence, match.start())
        if prep in LOCATIVE and not any(p.start <= match.start() < p.end for p in found):
            # "над территорией области", "у місті": Russian and Ukrainian say "the region" with a bare noun.
            found.append(
                PlaceMention(match.start(), match.end(), match.group(0), "unknown", None, None, "anaphor", prep, True)
            )
    for match in lexicon.finditer(_CAPITAL, sentence):
        if any(p.start <= match.start() < p.end or 0 <= p.start - match.end() <= 1 for p in found):
            continue  # "the Chechen capital Grozny": the name after it says which
        prep = _preposition_at(sentence, match.start())
        country = _country_adjectives().get(lexicon.normalise(match.group("adj") or ""))
        # "влучили у дві ТЕЦ столиці", "жителей столицы": the capital owning the thing named just before
        # it (not "в сторону столицы", a route)
        owner = (
            morphology.has_cyrillic(match.group(0))
            and morphology.can_be_genitive(match.group(0))
            and any(re.fullmatch(r"\s+", sentence[t.end : match.start()]) for t in find_things(sentence))
        )
        if (
            (prep in LOCATIVE and prep not in VICINITY)
            or prep in _STRIKE_VERBS
            or struck_after(sentence, match.end())
            or owner
        ):
            # "28 drones attacked the capital": the capital of the country the text is about.
            found.append(
                PlaceMention(
                    match.start(), match.end(), match.group(0), "unknown", country, None, "capital", prep, True
                )
            )
    for match in lexicon.finditer(_unknown_region_pattern(), sentence):
        start = match.start()
        if any(p.start <= start < p.end or start <= p.start < match.end() for p in found):
            continue
        name = match.group("name") or match.group("after")
        if (
            lexicon.normalise(name.split()[0])
            in (
                "the",
                "a",
                "its",
                "their",
                "this",
                "that",
                "each",
                "every",
            )
            or lexicon.normalise(name.split()[0]) in LOCATIVE | NON_LOCATIVE
        ):
            continue  # "Над областю": a preposition opening the sentence, no name
        prep = _preposition_at(sentence, start)
        # a community is named for its town; a district may be a city's, named for another city
        # ("Київський район" of Odesa), so only a community's adjective is read as its town
        community = re.search(r"(?:громад|hromada|community|округ)\w*$", match.group(0), re.I) is not None
        town = _town_of_adjective(name, community)
        if town is not None:
            found.append(_mention(start, match.end(), match.group(0), town, prep, True))
        else:
            found.append(_unresolved(start, match.end(), match.group(0), prep))
    # "в селе Ивановка" with no other place: a settlement, known or not (beside a district or a
    # region named, "в Туапсинском районе, в селе Небуг", the place named with it tells where it is)
    by_noun = [] if any(p.region_code for p in found) else list(_locality_noun_name().finditer(sentence))
    for match in (*_SETTLEMENT_ABBREVIATION.finditer(sentence), *by_noun):
        # "с. Карповичі", "м. Семенівка", "смт Козелець", "г. Шебекино": a settlement, known or not
        start, end = match.start("name"), match.end("name")
        if any(p.start < end and start < p.end for p in found):
            continue
        prep = _preposition_at(sentence, match.start())
        known = _known_place(match.group("name"))
        if known is not None:
            found.append(_mention(match.start(), end, sentence[match.start() : end], known, prep, True))
        else:
            found.append(_unresolved(match.start(), end, sentence[match.start() : end], prep or "in"))
    for match in lexicon.finditer(_adjective_before_site(), sentence):
        # "поражение Новокуйбышевского НПЗ", "атаковали Рязанский НПЗ": a refinery, a depot, an
        # airfield named for its town or region is there
        first = _place_of_adjective(match.group("first")) if match.group("first") else None
        if first is not None and not any(p.start < match.end("first") and match.start("first") < p.end for p in found):
            found.append(_mention(match.start("first"), match.end("first"), match.group("first"), first, "in", True))
        start, end = match.start("adjective"), match.end("adjective")
        if any(p.start < end and start < p.end for p in found):
            continue
        entry = _place_of_adjective(match.group("adjective"))
        if entry is not None:
            found.append(_mention(start, end, match.group("adjective"), entry, "in", True))
    fronted = _FRONTED_UNKNOWN.match(sentence)
    if fronted and not any(p.start < fronted.end("name") and fronted.start("name") < p.end for p in found):
        # "In Gora-Podol, a farm building was damaged": a place the gazetteer lacks, still a place
        found.append(_unresolved(fronted.start("name"), fronted.end("name"), fronted.group("name"), "in"))
    # "taken to the regional hospital in Kursk", "доставили в больницу Харькова": where the wounded
    # were treated, not where they were hurt.
    found = [
        replace(p, prep=None, is_locative=False)
        if _HOSPITAL_BEFORE.search(sentence, max(0, p.start - 40), p.start)
        else p
        for p in found
    ]
    # A dateline ("Kyiv (AFP) - ...", "KYIV, Oct 25 (Reuters) -") says where the story was filed.
    found = [p for p in found if not (p.start <= 1 and _DATELINE.match(sentence, p.end))]
    # "at 4:20 a.m. Moscow time", "по московскому времени": a clock's zone; "on Kyiv Day": a city's
    # holiday; no place either
    found = [p for p in found if not (_TIME_ZONE_AFTER.match(sentence, p.end) or _DAY_AFTER.match(sentence, p.end))]
    # "the Black Sea port city of Odesa": a sea naming the kind of place, not where things happened.
    found = [p for p in found if not (p.scope == "sea" and _SEA_AS_MODIFIER.match(sentence, p.end))]
    found.sort(key=lambda p: p.start)
    # "over the sea near Sevastopol", "off the coast of Crimea": the sea is the place, the land a landmark.
    seas = [p for p in found if p.scope == "sea"]
    found = [p for p in found if not any(_SEA_LANDMARK.fullmatch(sentence[s.end : p.start]) for s in seas)]
    found = [
        replace(p, prep=None, is_locative=False)
        if (p.place_type == "city" and _SPEAKS_AFTER.match(sentence, p.end)) or _actor_after().match(sentence, p.end)
        else replace(p, prep="in", is_locative=True)
        if not p.is_locative
        and p.prep not in NON_LOCATIVE  # "з району Каспійського моря": where they came from
        and _PART_OF_TOWN_BEFORE.search(sentence, max(0, p.start - 16), p.start)
        else replace(p, prep="in", is_locative=True)
        if _names_a_site(sentence, p)
        else _in_named_settlement(sentence, p)
        for p in _drop_overlaps(found)
    ]  # "Kyiv says 289 drones were launched": a capital speaking for its government, not a place;
    # "по Киевскому району Донецка": the town a district belongs to is where it happened
    found = [_possessive_country(sentence, p, found) for p in found]
    return _share_coordinated(sentence, _join_compound_names(sentence, found))


_TIME_ZONE_AFTER = re.compile(r"\s+(?:time|времени|часом|часу)(?![\w])", re.I)
_DAY_AFTER = re.compile(r"\s+Day(?![\w])")
_SITE_CLASSES = ("infrastructure", "building")


def _names_a_site(sentence: str, place: PlaceMention) -> bool:
    """A town not yet read as where things happened, named before a site's noun ("The Tuapse refinery")."""
    return (
        not place.is_locative
        and place.scope == "region"
        and place.prep not in NON_LOCATIVE
        and site_named_after(sentence, place.end) is not None
    )


def site_named_after(sentence: str, end: int) -> int | None:
    """Where the site a name ending at `end` names ends ("The Tuapse refinery was struck",
    "Новокуйбышевский НПЗ подвергся атаке"): its noun right after the name; None if no site follows."""
    if not sentence[end : end + 1].isspace():
        return None
    things = find_things(sentence[end : end + 48])
    if not things or things[0].weapon not in _SITE_CLASSES or sentence[end : end + things[0].start].strip():
        return None
    return end + things[0].end


_OWNER_BEFORE_PLACE = re.compile(rf"['’]s(?:\s+{_FILLER})*\s+", re.IGNORECASE)


def _possessive_country(sentence: str, place: PlaceMention, found: list[PlaceMention]) -> PlaceMention:
    """ "Ukraine's second city Kharkiv", "Russia's Belgorod region": the country owns the place named
    after it, which is where it happened."""
    if place.scope != "country" or not place.is_locative:
        return place
    if any(q.start > place.end and _OWNER_BEFORE_PLACE.fullmatch(sentence, place.end, q.start) for q in found):
        return replace(place, prep=None, is_locative=False)
    return place


_DISTRICT_WORDS = r"(?:район\w*|мікрорайон\w*|микрорайон\w*|округ\w*)"


def _in_named_settlement(sentence: str, place: PlaceMention) -> PlaceMention:
    """ "в поселке Октябрьский Белгородского района": a settlement the gazetteer lacks, named with its
    district; the district takes the settlement's preposition, so the claim is placed there."""
    named_with_district = _DISTRICT_AFTER.match(sentence, place.end) or _DISTRICT_AT_END.search(place.text)
    if place.is_locative or place.prep in NON_LOCATIVE or not named_with_district:
        return place
    before = _named_settlement_before().search(sentence, max(0, place.start - 80), place.start)
    if before is None:
        return place
    prep = before.group("prep").lower()
    return replace(place, prep=prep, is_locative=prep in LOCATIVE)


_DISTRICT_AFTER = re.compile(r"\s+(?:район\w*|округ\w*|област\w*|громад\w*|р-н\w*|обл\.)", re.I)


@cache
def _named_settlement_before() -> re.Pattern:
    return re.compile(
        r"(?:^|[\s(,—-])(?P<prep>(?i:в|во|у|на|под|під|біля|около|возле|по))\s+"
        rf"(?i:(?:{_region_word_forms('settlement_noun')})\s+|{SETTLEMENT_PREFIX}\s*|н\.\s?п\.\s*)"
        r"[«\"„]?[А-ЯЁІЇЄ][\w'’-]*(?:[\s-][А-ЯЁІЇЄ0-9][\w'’-]*)?[»\"“]?\s+$"  # the name, capitalised
    )


_PART_OF_TOWN_BEFORE = re.compile(rf"{_DISTRICT_WORDS}\s+$", re.I)


# Matched at a position: a reporting verb right after a city's name.
@cache
def _actor_after() -> re.Pattern[str]:
    """Matched at a place's end: a noun for those who act ("Kiev militants", "Kyiv's forces",
    "Киевские боевики", "the Kyiv regime's troops"): the place names the actor, not where it happened."""
    nouns = _region_word_forms("actor_noun")
    return re.compile(rf"(?:['’]s)?\s+(?:regime(?:['’]s)?\s+)?(?:{nouns})(?![\w])", re.I)


_SPEAKS_AFTER = re.compile(r"\s+(?:says|said|claims|claimed|insists|insisted|announced|reported|reports)\b", re.I)


_DISTRICT_AT_END = re.compile(rf"(?:{_DISTRICT_WORDS}|кра(?:й|я|ю|ем|е)|повіт\w*|уезд\w*|district|raion)$", re.I)


def _join_compound_names(sentence: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """Two names with only a space between are one name ("the village of Cherkaska Lozova", not
    Cherkasy and Lozova): an unresolved place with the first one's preposition."""
    joined: list[PlaceMention] = []
    for place in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.place_type == "unresolved"
            and _DISTRICT_AT_END.search(previous.text)
            and sentence[previous.end : place.start] == " "
            and place.is_resolved
            and place.scope in ("region", "country")
        ):
            # "в Киевском районе Донецка": a district of the known place after it, which is where it was
            # ("в Резекненском крае Латвии": a district of a country the gazetteer does not name, that country).
            joined[-1] = replace(place, prep=previous.prep, is_locative=previous.is_locative)
            continue
        if (
            previous is not None
            and sentence[previous.end : place.start] == " "
            and previous.place_type not in ("country", "sea", "anaphor", "capital", "national", "own_territory")
            # "Лозовая Харьковской области": a town and its region, not one name
            and place.place_type
            not in ("country", "sea", "anaphor", "capital", "national", "own_territory", "region", "district")
            and previous.region_code != place.region_code
            and previous.text[:1].isupper()
            and place.text[:1].isupper()
        ):
            joined[-1] = _unresolved(previous.start, place.end, sentence[previous.start : place.end], previous.prep)
            continue
        joined.append(place)
    return joined


_COUNTRY_PREP_BEFORE = re.compile(r"(across|over|throughout|of|in|around|inside|within|at|against)\s+$", re.I)
_SEA_PREP_BEFORE = re.compile(r"(over|above|in|into|on|над|в|у|на)\s+$", re.IGNORECASE)


@cache
def _bare_sea_pattern() -> re.Pattern[str]:
    """ "Over the sea", "над морем": a sea not named, still the sea (`sea_noun` in region_words.csv)."""
    words = {f for w in lexicon.region_words("sea_noun") for f in morphology.forms_of(w)}
    nouns = lexicon.alternatives(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:the\s+)?(?:open\s+)?{nouns}(?![\w])(?!\s+of\b)", re.IGNORECASE)


# Matched at a position (pattern.match(text, pos)), so without "^".
_SEA_AS_MODIFIER = re.compile(
    r"\s+(?:port|ports|coast|coastal|fleet|city|town|resort|region|peninsula|shipping|grain|corridor)\b", re.I
)
_SEA_LANDMARK = re.compile(
    r"\s+(?:near|off|off\s+the\s+coast\s+of|close\s+to|south\s+of|west\s+of|"
    r"у|біля|возле|около|поблизу|недалеко\s+от|у\s+берегов|у\s+побережья|біля\s+узбережжя)\s+",
    re.I,
)
_DATELINE = re.compile(r"\s*(?:/[\w\s]+)?(?:,\s*[A-Za-z]+\.?\s+\d{1,2}\.?\s*)?(?:\(|/)")


_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|other|occupied)\s+)?$"
)
# Matched at a position: a country's name followed by a verb of attack names the attacker.
_AGENT_VERB_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|also\s+|then\s+|again\s+)?"
    r"(?:launched|fired|attacked|struck|sent|used|targeted|shelled|bombed|pounded|hit)\b",
    re.I,
)
_PLURAL_REGION_WORD = re.compile(
    r"\s*(?:regions|oblasts|provinces|krais|republics|областей|областях|областями)\b", re.I
)


def _share_coordinated(sentence: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """'over the Kursk, Oryol and Lipetsk regions': every name takes the first one's preposition,
    and the plural region word makes each a region."""
    groups: list[list[int]] = []
    for i, place in enumerate(found):
        if place.scope == "country" and _AGENT_VERB_AFTER.match(sentence, place.end):
            # "Nationwide, Russia launched 352 drones": the side that attacked, not a place listed.
            found[i] = replace(place, prep=None, is_locative=False)
            groups.append([i])
            continue
        if groups and _COORDINATION.match(sentence[found[groups[-1][-1]].end : place.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    shared = list(found)
    for group in groups:
        if len(group) < 2:
            continue
        last = shared[group[-1]]
        plural = _PLURAL_REGION_WORD.match(sentence, last.end)
        if plural:
            # "the Ryazan, Moscow and Smolensk regions": each name read as a region, not a city.
            for i in group:
                regional_entries = _index()[0].get(lexicon.normalise(shared[i].text))
                if regional_entries and shared[i].place_type != "region":
                    entry = regional_entries[0]
                    shared[i] = replace(
                        shared[i], scope="region", country=entry.country, region_code=entry.code,
                        place_type="region", vicinity_region_code=None,
                    )  # fmt: skip
        first = shared[group[0]]
        for i in group[1:]:
            place = shared[i]
            place_type = "region" if plural and place.scope == "region" else place.place_type
            shared[i] = replace(place, place_type=place_type, prep=first.prep, is_locative=first.is_locative)
        if plural:
            place_type = "region" if first.scope == "region" else first.place_type
            shared[group[0]] = replace(first, place_type=place_type, is_locative=True, vicinity_region_code=None)
    return shared


def _drop_overlaps(found: list[PlaceMention]) -> list[PlaceMention]:
    kept: list[PlaceMention] = []
    for place in found:
        if kept and place.start < kept[-1].end:
            if place.end - place.start > kept[-1].end - kept[-1].start:
                kept[-1] = place
            continue
        kept.append(place)
    return kept


_CONJUNCTIONS = {"and", "or", "и", "или", "і", "й", "та", "або", "чи"}
# Between two items of one list: a bracketed count of the first ("Rostov (19), Voronezh"), then a
# comma or a conjunction.
_LIST_GAP = re.compile(rf"(?:\s*\([^()]{{0,40}}\))?\s*(?:,|,?\s*(?:{'|'.join(sorted(_CONJUNCTIONS))}))\s*", re.I)


def _listed_after(sentence: str, found: list[PlaceMention], start: int) -> PlaceMention | None:
    """The place this one is listed after, in one list with one preposition."""
    if not found or found[-1].end > start or found[-1].scope not in ("region", "unknown"):
        return None
    previous = found[-1]
    return previous if _LIST_GAP.fullmatch(sentence, previous.end, start) else None


def _preposition_at(sentence: str, end: int) -> str | None:
    """The preposition governing what starts at `end`, looked for in the LOOKBACK_CHARS before it."""
    match = _PREP_BEFORE.search(sentence, _prep_search_start(sentence, end), end)
    if match is None or match.group("prep").lower() not in _KNOWN_PREPOSITIONS:
        # "атаковали FPV-дронами поселок Климово": the weapons in the instrumental between the verb
        # of attack and its object
        attacked = _ATTACKED_WITH_BEFORE.search(sentence, max(0, end - LOOKBACK_CHARS), end)
        if attacked and all(
            _INSTRUMENTAL_ENDING.search(word) or _FILLER_WORD.fullmatch(word) for word in attacked.group("with").split()
        ):
            return attacked.group("verb").lower()
    if match is None:
        return None
    if match.group("prep").lower() in _subject_adverbs():
        return None  # "Вночі Харків зазнав удару": an adverb, then the sentence's subject
    return match.group("prep").lower()


_ATTACKED_WITH_BEFORE = re.compile(
    r"(?<![\w])(?P<verb>атаковал[аио]?|атакувал[аио]?|атакував|обстреляли|обстріляли)\s+(?P<with>(?:[\w'’-]+\s+){1,4})$",
    re.I,
)
_INSTRUMENTAL_ENDING = re.compile(r"[а-яіїєґё](?:ами|ями|ими|ыми|ом|ем|ою|ею|им|ым)$", re.I)


@cache
def _subject_adverbs() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.load_yaml("time_words.yml")["subject_adverbs"])


def _prep_search_start(sentence: str, end: int) -> int:
    """Where a search for _PREP_BEFORE ending at `end` may start and find the same match as from
    LOOKBACK_CHARS back, found sooner. A match is one separator, the preposition, then only filler
    words, each a whole word between spaces: it starts at most one character before the last word
    that is no filler, and after the last character that cannot stand in it."""
    floor = max(0, end - LOOKBACK_CHARS)
    position = end
    word_end = None  # the end of the word being walked back over
    while position > floor:
        char = sentence[position - 1]
        if not _in_prep_run(char):
            return position - 1
        if char.isspace():
            if word_end is not None:
                if not _FILLER_WORD.fullmatch(sentence, position, word_end):
                    return position - 1
                word_end = None
        elif word_end is None:
            word_end = position
        position -= 1
    return floor


# A filler standing alone; none has a space in it, so each is one word between spaces.
_FILLER_WORD = re.compile(_FILLER, re.IGNORECASE)
assert not re.search(r"\s|\\s", _FILLER)


def _in_prep_run(char: str) -> bool:
    """Whether `char` may stand after the first character of a _PREP_BEFORE match (a superset)."""
    return char.isalnum() or char.isspace() or char in "-'’"


def _after_of_or_the(sentence: str, end: int) -> bool:
    """Whether 'of' or 'the' and a space end the text before `end`, as every match of _REGION_OF,
    _PART_OF and _BEARING_OF does: a glance at a few characters spares three searches."""
    if end == 0 or not sentence[end - 1].isspace():
        return False
    tail = sentence[max(0, end - LOOKBACK_CHARS) : end].rstrip()[-3:].lower()
    return tail.endswith("of") or tail == "the"


# "Ніжинська" of Ніжин, "Носівській" of Носівка, "Сумський" of Суми, "Прилуцька" of Прилуки: the
# adjective of a community or district is made from its town's name.
_TOWN_ADJECTIVE = re.compile(r"(?P<stem>\w+?)(?P<suffix>[сцз])ь?к(?:а|ий|ої|ій|у|ою|ого|ому|им|ая|ой|ую|ом|е)$", re.I)


@cache
def _adjective_before_site() -> re.Pattern[str]:
    forms = {f for w in lexicon.region_words("site_noun") for f in morphology.forms_of(w)}
    forms = sorted(forms, key=len, reverse=True)
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in forms)
    adjective = r"[А-ЯЁІЇЄ][\w'’-]*(?:ск|ськ|цк|цьк|зьк)(?:ий|ый|ой|ого|ому|им|ом|ім|ая|ої|ій|ую|а|у|их|ых|і|ие|ые)"
    # "Саратовского и Новокуйбышевского НПЗ": two sites, each named for its town, one noun after both
    return re.compile(
        rf"(?<![\w-])(?:(?P<first>{adjective})\s*(?:,|\s(?:и|і|та|й))\s+)?(?P<adjective>{adjective})"
        rf"\s+(?:{nouns})(?![\w])"
    )


def names_site(sentence: str, place: str) -> bool:
    """Whether `place` is the adjective of a site in `sentence` ("Саратовський" in "уразили
    Саратовський НПЗ")."""
    return any(m.group("adjective") == place for m in lexicon.finditer(_adjective_before_site(), sentence))


@cache
def _place_of_adjective(adjective: str) -> _Name | None:
    """The town or region an adjective is made from ("Саратовского": Saratov; "Рязанский": Ryazan
    Oblast's name, whose town the gazetteer also holds)."""
    town = _town_of_adjective(adjective, community=True)
    if town is not None:
        return town
    feminine = morphology.feminine_nominative(adjective)
    entries = _index()[0].get(lexicon.normalise(feminine)) if feminine else None
    if not entries:
        return None
    # "Московский НПЗ", "Київська ТЕЦ": a site named for a city that is a region of its own, set in
    # the region named like it, is the city's
    stem = lexicon.normalise(adjective)[:4]
    city = next((e for name, e in _cities_in_vicinity().get(entries[0].code, []) if name.startswith(stem)), None)
    return city or entries[0]


def city_region_around(region_code: str) -> str | None:
    """The city that is a region of its own inside `region_code` (Kyiv in Kyiv Oblast), if one is."""
    codes = {entry.code for _, entry in _cities_in_vicinity().get(region_code, [])}
    return codes.pop() if len(codes) == 1 else None


@cache
def _cities_in_vicinity() -> dict[str, list[tuple[str, _Name]]]:
    """Cities that are regions of their own, by the region around them (Moscow by Moscow Oblast)."""
    table: dict[str, list[tuple[str, _Name]]] = {}
    for name, entries in _index()[1].items():
        for entry in entries:
            if entry.vicinity:
                table.setdefault(entry.vicinity, []).append((name, entry))
    return table


def _town_of_adjective(name: str, community: bool) -> _Name | None:
    """The town a community or district adjective is made from. A district may be a city's own,
    named for another, large city ("Київський район" of Odesa, "Московский район"): districts
    named for a region's capital are left unresolved."""
    match = _TOWN_ADJECTIVE.fullmatch(name.split()[0])
    if match is None or not morphology.has_cyrillic(name):
        return None
    stem = match.group("stem")
    if match.group("suffix") == "ц":
        stem += "к"  # "Прилуцька": Прилуки
    stems = [stem + ending for ending in ("", "а", "ка", "и", "е", "о", "я")]
    if stem.endswith(("ан", "ин", "ян")):
        stems += [stem[:-2] + "а", stem[:-2] + "и"]  # "Бучанський": Буча, "Шосткинська": Шостка
    for candidate in stems:
        town = _known_place(candidate)
        if town is None:
            continue
        heads = {lexicon.normalise(stem), lexicon.normalise(candidate[:-1])}
        if not community and any(len(h) >= 4 and _begins_a_regional_name(h) for h in heads):
            return None
        return town
    return None


def same_town(a: str, b: str) -> bool:
    """'Київ' and 'Києві', 'Белгород' and 'Белгороде': one name in two case forms."""
    return morphology.has_cyrillic(a) and (_forms_include(a, b) or _forms_include(b, a))


def _forms_include(name: str, other: str) -> bool:
    return lexicon.normalise(other) in {lexicon.normalise(f) for f in morphology.forms_of(name)}


@cache
def _regional_names() -> list[str]:
    """The regional index's names, sorted: the names a text begins lie together from its place."""
    return sorted(_index()[0])


def _begins_a_regional_name(head: str) -> bool:
    """Whether a name of the regional index starts with `head` (a bisection, not a walk over all
    the index's names per district adjective)."""
    names = _regional_names()
    at = bisect_left(names, head)
    return at < len(names) and names[at].startswith(head)


def _known_place(name: str) -> _Name | None:
    """The gazetteer's town, city or district of that name (any case form), with its region."""
    _, standalone = _index()
    return next((e for e in standalone.get(lexicon.normalise(name), []) if e.kind == "place" and e.code), None)


def _unresolved(start: int, end: int, text: str, prep: str | None) -> PlaceMention:
    return PlaceMention(start, end, text, "unknown", None, None, "unresolved", prep, True)


_ADJECTIVE_REGION = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁІЇЄ][\w'’-]+(?:ого|ом|ому|им|ий|ый|ій|ім))\s+(?:регион|регіон)\w*"
)
# "на территории Брянской", "на території сусідньої Молдови": the territory's own adjectives may stand between
_TERRITORY_OF = re.compile(
    r"(?:территори(?:и|ей|ю|я)|території|територією|небом|небе|небі)(?:\s+[а-яіїєґё'’-]+(?:ой|ей|ої|ього|ого|ых|их))?\s+$",
    re.I,
)


def _mention(start: int, end: int, text: str, entry: _Name, prep: str | None, has_region_word: bool) -> PlaceMention:
    if entry.kind == "sea":
        # "з району Каспійського моря", "from the Caspian Sea": where missiles came from, not went.
        return PlaceMention(start, end, text, "sea", None, None, "sea", prep, prep not in NON_LOCATIVE)
    if entry.kind == "country":
        return PlaceMention(start, end, text, "country", entry.country, None, "country", prep, prep in LOCATIVE)
    vicinity = entry.vicinity if prep in VICINITY else None
    code = vicinity or entry.code
    locative = prep not in NON_LOCATIVE and (has_region_word or prep in LOCATIVE or prep is None)
    return PlaceMention(
        start, end, text, "region", entry.country, code, entry.place_type, prep, locative, entry.vicinity
    )
