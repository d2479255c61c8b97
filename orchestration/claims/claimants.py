"""Claimants: who a claim is attributed to, found through names, titles and reporting cues.

Named claimants come from data/claimants.yml (spellings merged into one id); titles and
institutions ("the governor", "Ukraine's air force") from data/attribution.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology
from orchestration.claims.places import city_region_around, find_places, regions_of_type


@dataclass(frozen=True)
class ClaimantMention:
    start: int
    end: int
    text: str
    kind: str
    country: str | None
    claimant_id: str | None
    region_code: str | None
    is_person: bool
    is_generic: bool  # "the ministry", "he": an earlier mention says who
    is_source: bool = False  # a reporting cue makes it the source of nearby claims
    is_relay: bool = False  # "Reuters, citing ...": passes on someone else's claim
    person: str | None = None  # a name found beside a title but not in the lexicon


@dataclass(frozen=True)
class _Known:
    claimant_id: str
    name: str
    kind: str
    country: str | None
    region: str | None
    is_person: bool


_INSTITUTION_WORDS = re.compile(
    r"\b(?:ministry|force|forces|staff|command|service|committee|office|police|government|administration|"
    r"navy|army|guard|council|agency|fleet|kremlin|headquarters|directorate|company|corporation|centre|"
    r"center|group|project|institute|news|media|radio|post|times|press|channel|operator|energo|"
    r"ukrenergo|naftogaz|rosatom|rosaviatsia|ukrzaliznytsia|intelligence|security|prosecutor)\b",
    re.IGNORECASE,
)


@cache
def _aliases() -> dict[str, _Known]:
    table = {}
    for entry in lexicon.claimants():
        # People are named by two or three capitalised words; institutions carry an institution word.
        is_person = bool(re.fullmatch(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}", entry["name"])) and not (
            _INSTITUTION_WORDS.search(entry["name"]) or entry["kind"] in ("media", "monitoring_group")
        )
        known = _Known(entry["id"], entry["name"], entry["kind"], entry.get("country"), entry.get("region"), is_person)
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            table[lexicon.normalise(str(alias))] = known
    return morphology.expand(table)  # "по словам Вячеслава Гладкова"


@cache
def _alias_pattern() -> re.Pattern[str]:
    # Names are matched in the case they are written in ("Shot" the outlet, not "shot down").
    spellings = [
        form
        for e in lexicon.claimants()
        for a in [e["name"], *(e.get("aliases") or [])]
        for form in morphology.forms_of(str(a))
    ]
    return lexicon.phrase_pattern(spellings, flags=0)


@cache
def _alias_pattern_ci() -> re.Pattern[str]:
    # Case-insensitive matching is safe only for long, multi-word aliases.
    long_aliases = [a for a in _aliases() if " " in a and len(a) > 12]
    return lexicon.phrase_pattern(long_aliases)


@cache
def _titles() -> dict[str, str]:
    titles = {lexicon.normalise(t): kind for kind, ts in lexicon.attribution()["titles"].items() for t in ts}
    return morphology.expand(titles)  # "губернатора", "начальником ОВА", "Повітряних сил"


@cache
def _title_countries() -> dict[str, str]:
    countries = {lexicon.normalise(k): v for k, v in (lexicon.attribution().get("title_countries") or {}).items()}
    return morphology.expand(countries)


@cache
def _title_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_titles().keys())


@cache
def _adjectives() -> dict[str, str]:
    table = {}
    for row in lexicon.countries():
        for adjective in [*row["adjectives"].split("|"), *row["names"].split("|")]:
            if adjective and "made" not in adjective:
                table[lexicon.normalise(adjective)] = row["country_code"]
                table[lexicon.normalise(adjective) + "'s"] = row["country_code"]
    return table


_NAME = r"(?:[A-ZА-ЯІЇЄЁ][\w'’.-]+)(?:\s+[A-ZА-ЯІЇЄЁ][\w'’-]+){1,2}"
_OFFICE_PLACE = (
    r"(?:of\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:region|oblast|regional\s+military\s+administration|city)|"
    r"[А-ЯІЇЄЁ][\w'’-]+\s+(?:области|області|региона|регіону|края|краю|району|района|округа|міста|города|"
    r"республики|республіки|ОВА|МВА|ОДА|РВА|обласної\s+військової\s+адміністрації|"
    r"міської\s+військової\s+адміністрації))"
)


@cache
def pronouns() -> dict[str, bool]:
    """Each pronoun that may stand for a source, and whether it stands for a person."""
    table = lexicon.attribution()["pronouns"]
    return {word: kind == "person" for kind, words in table.items() for word in words}


@cache
def _pronoun_pattern() -> re.Pattern[str]:
    """'he said', 'він повідомив', 'по его словам', 'за їхніми даними': a pronoun as a source."""
    words = lexicon.alternatives(sorted(pronouns(), key=len, reverse=True))
    verbs = lexicon.alternatives(sorted(reporting_verbs(), key=len, reverse=True))
    sayings = "|".join(lexicon.attribution()["pronoun_sayings"])
    return re.compile(
        rf"(?<![\w])({words})(?=\s+(?:[\w'’]+\s+)?(?:{verbs})(?![\w]))|"
        rf"(?<![\w])(?:по|за)\s+({words})\s+(?:{sayings})(?![\w])|"
        # '«...», – написав він', '"...", said he': the verb first after a quote
        rf"(?<=[,–—-])\s*(?:{verbs})\s+({words})(?=\s*[.,;]|\s*$)",
        re.I,
    )


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = lexicon.attribution()["cues"]
    before = lexicon.phrase_pattern(cues["before_source"])
    after = lexicon.phrase_pattern(reporting_verbs())
    channel = lexicon.phrase_pattern(cues["channel"])
    return before, after, channel


@cache
def reporting_verbs() -> tuple[str, ...]:
    """The verbs after a source ("said", "сообщил"): a Russian or Ukrainian verb is written once,
    in any form, and every finite form and participle of it joins ("стверджує", "утверждала")."""
    verbs = lexicon.attribution()["cues"]["after_source"]
    forms = {f for v in verbs for f in (morphology.forms_of(v) if morphology.has_cyrillic(v) and " " not in v else [v])}
    return tuple(sorted(forms))


@cache
def _hedge_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.attribution()["hedges"])


def is_hedged(sentence: str) -> bool:
    return bool(lexicon.search(_hedge_pattern(), sentence))


def find_claimants(sentence: str) -> list[ClaimantMention]:
    """Claimant mentions in a sentence, marked as sources where a reporting cue governs them."""
    mentions: list[ClaimantMention] = []
    aliases = _aliases()
    for pattern in (_alias_pattern(), _alias_pattern_ci()):
        for match in lexicon.finditer(pattern, sentence):
            if any(m.start <= match.start() < m.end for m in mentions):
                continue
            known = aliases[lexicon.normalise(match.group(0))]
            mentions.append(
                ClaimantMention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    known.kind,
                    known.country,
                    known.claimant_id,
                    known.region,
                    known.is_person,
                    False,
                )
            )
    for match in lexicon.finditer(_title_pattern(), sentence):
        if any(m.start <= match.start() < m.end or match.start() <= m.start < match.end() for m in mentions):
            continue
        mentions.append(_title_mention(sentence, match, mentions))
    for match in lexicon.finditer(_head_of_named_office(), sentence):
        # "Глава Ленинского городского округа", "глава Суджанского района": a head, the place's
        # adjective, then the office; the name after it joins it as any title's does.
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        mentions.append(_office_mention(sentence, match))
    for match in lexicon.finditer(_speaking_capital(), sentence):
        # "Kyiv says 289 drones were launched", "Moscow claims to have downed 40": the government.
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        country = lexicon.attribution()["speaking_capitals"][match.group(1)]
        mentions.append(
            ClaimantMention(
                match.start(1), match.end(1), match.group(1), "government", country, None, None, False, False
            )
        )
    for match in lexicon.finditer(_HEAD_OF, sentence):
        # "the head of Energodar", "the chief of the Sumy region": an office named by its place.
        if any(m.start <= match.start() < m.end or match.start() <= m.start < match.end() for m in mentions):
            continue
        places = [p for p in find_places(sentence[match.end() : match.end() + 60]) if p.start == 0 and p.region_code]
        if not places:
            continue
        place = places[0]
        if any(match.end() <= m.start <= match.end() + place.end + 2 for m in mentions):
            continue  # "head of the Mykolaiv Regional Military Administration": the office names itself
        local = place.place_type in ("city", "town", "village", "settlement", "district")
        mentions.append(
            ClaimantMention(
                match.start(),
                match.end() + place.end,
                sentence[match.start() : match.end() + place.end],
                "local_authority" if local else "regional_authority",
                place.country,
                None,
                place.region_code,
                True,
                False,
            )
        )
    for match in lexicon.finditer(_pronoun_pattern(), sentence):
        group = next(g for g in (1, 2, 3) if match.group(g))
        if any(m.start <= match.start(group) < m.end for m in mentions):
            continue
        mentions.append(
            ClaimantMention(
                match.start(group),
                match.end(group),
                match.group(group),
                "government",
                None,
                None,
                None,
                pronouns()[match.group(group).lower()],
                True,
                is_source=group >= 2,  # "по его словам", "– написав він" are sources by themselves
            )
        )
    mentions = _merge_titles_with_names(sentence, sorted(mentions, key=lambda m: m.start))
    mentions += _surname_speakers(sentence, mentions)
    mentions = [_outlets_source(sentence, m) for m in mentions]
    return _mark_sources(sentence, sorted(mentions, key=lambda m: m.start))


# "Источник РБК в экстренных службах", "по данным источника Astra в экстренных службах", "джерело
# УП в СБУ": an outlet's anonymous source inside a body speaks, not the outlet.
_SOURCE_OF_OUTLET_BEFORE = re.compile(r"(?<![\w])(?:источник|джерел)\w*\s+[«\"“„]?$", re.I)
_INSIDE_A_BODY_AFTER = re.compile(r"[»\"”]?\s+(?:в|во|у|из|с|зі|із|з)\s+[а-яіїєё]", re.I)


def _outlets_source(sentence: str, mention: ClaimantMention) -> ClaimantMention:
    if mention.kind != "media":
        return mention
    lead = _SOURCE_OF_OUTLET_BEFORE.search(sentence, max(0, mention.start - 24), mention.start)
    body = _INSIDE_A_BODY_AFTER.match(sentence, mention.end)
    if lead is None or not body:
        return mention
    # the body is the source's ("Источник РБК в экстренных службах уточнил"): up to the verb after it
    end = mention.end
    words = list(lexicon.WORD.finditer(sentence, body.end() - 1))[:4]
    verbs = frozenset(v.lower() for v in reporting_verbs())
    for i, word in enumerate(words):
        if word.group(0).lower() in verbs:
            end = words[i - 1].end() if i else end
            break
    return replace(
        mention,
        start=lead.start(),
        end=end,
        text=sentence[lead.start() : end],
        kind="government",
        claimant_id=None,
        is_person=True,
        is_generic=True,
    )


@cache
def _surname_pattern() -> re.Pattern[str]:
    verbs = lexicon.alternatives(sorted(reporting_verbs(), key=len, reverse=True), flags=0)
    name = r"[A-ZА-ЯІЇЄЁ][a-zа-яіїєё'’-]{2,}"
    return re.compile(
        rf"(?<![\w.])(?P<before>{name})\s+(?:{verbs})(?![\w])|"  # "Fedorov said", "Федоров сообщил"
        rf"(?<![\w])(?:{verbs})\s+(?P<after>{name})(?=\s*[.,;]|\s*$)"  # '..., said Fedorov.'
    )


def _surname_speakers(sentence: str, mentions: list[ClaimantMention]) -> list[ClaimantMention]:
    """A lone capitalised name that speaks ('"...," Fedorov said'): the person of that surname named
    before with a title (resolved in the article pass; `person` holds the name)."""
    found = []
    for match in lexicon.finditer(_surname_pattern(), sentence):
        group = "before" if match.group("before") else "after"
        start, end, name = match.start(group), match.end(group), match.group(group)
        if any(m.start <= start < m.end or start <= m.start < end for m in mentions):
            continue
        if lexicon.normalise(name) in _country_names() or find_places(name):
            continue  # "Russia said", "Kyiv said": not a person
        if group == "before" and re.search(r"[A-ZА-ЯІЇЄЁ][\w'’-]*\s+$", sentence[max(0, start - 40) : start]):
            continue  # "the Krasnodar Region said": the end of a longer name, not a surname alone
        found.append(ClaimantMention(start, end, name, "government", None, None, None, True, True, person=name))
    return found


# The words before a mention are looked for in at most this many characters before it, not in the
# whole sentence so far (which, per mention, made long sentences quadratic).
LOOKBACK_CHARS = 200
_ARTICLE_BEFORE = re.compile(r"(?<![\w])(the|a|an)\s+$", re.IGNORECASE)


def _title_mention(sentence: str, match: re.Match, others: list[ClaimantMention]) -> ClaimantMention:
    kind = _titles()[lexicon.normalise(match.group(0))]
    start, end = match.start(), match.end()
    country = None
    # Look left for a country adjective and an article: "the Russian Defence Ministry".
    offset = max(0, start - 40)
    words = list(re.finditer(r"[\w'’.-]+", sentence[offset:start]))
    for i in range(max(0, len(words) - 3), len(words)):
        phrase_start = offset + words[i].start()
        key = lexicon.normalise(sentence[phrase_start:start])
        if key in _adjectives():
            country, start = _adjectives()[key], phrase_start
            break
        # "Moldova's border police", "Poland's Operational Command": the owner, then words of the office.
        owner = lexicon.normalise(words[i].group(0))
        if owner.endswith(("'s", "’s")) and owner in _adjectives() and i >= len(words) - 2:
            country, start = _adjectives()[owner], phrase_start
            break
    head = _HEAD_BEFORE.search(sentence, max(0, start - 40), start)
    if head and kind in ("regional_authority", "local_authority") and head.group(1).lower() in _heads_of_office():
        start = head.start(1)  # "начальник Вінницької ОВА": the office's head, a person
    article = _ARTICLE_BEFORE.search(sentence, max(0, start - LOOKBACK_CHARS), start)
    if article:
        start = article.start(1)
    region = None
    if kind in ("regional_authority", "local_authority"):
        near_start = max(0, start - 30)
        near = sentence[near_start : end + 40]
        places = [p for p in find_places(near) if p.region_code]
        if places:
            region, country = places[0].region_code, country or places[0].country
            if places[0].start >= end - near_start and not near[end - near_start : places[0].start].strip():
                end = near_start + places[0].end  # "мер Черкас повідомив": the place is the title's
            if (
                kind == "regional_authority"
                and places[0].vicinity_region_code
                and re.search(r"region|oblast|област|обл\.|ОВА|ОДА", near, re.IGNORECASE)
            ):
                region = places[0].vicinity_region_code  # "Kyiv regional governor": the oblast, not the city
    if country is None and kind in ("defence_ministry", "military", "government", "head_of_state"):
        # "Міністерство національної оборони Румунії", "the Ministry of National Defence of Romania":
        # the country after the office is whose office it is.
        owner = _country_after().match(sentence, end)
        if owner:
            country, end = _country_names()[lexicon.normalise(owner.group(1))], owner.end()
    text = sentence[start:end]
    is_person = kind in ("head_of_state", "regional_authority", "local_authority") and not re.search(
        r"administration|council|authorities|officials", text, re.IGNORECASE
    )
    if country is None:
        country = _title_countries().get(lexicon.normalise(match.group(0)))
    # "the ministry", "the governor" stand for someone named before; "a Belarusian outlet" is new.
    # Russian and Ukrainian have no article: a bare title ("мэр", "губернатор", "в ведомстве") with no
    # place or name of its own stands for the one named before, like "the governor".
    is_generic = country is None and (
        bool(re.match(r"the\s", text, re.IGNORECASE)) or (morphology.has_cyrillic(text) and region is None)
    )
    return ClaimantMention(start, end, text, kind, country, None, region, is_person, is_generic)


@cache
def _country_names() -> dict[str, str]:
    """Country names in every case ("Румунії", "Польши") to their codes."""
    names = {
        lexicon.normalise(name): row["country_code"]
        for row in lexicon.countries()
        for name in row["names"].split("|")
        if name
    }
    return morphology.expand(names)


@cache
def _country_after() -> re.Pattern[str]:
    names = lexicon.alternatives(sorted(_country_names(), key=len, reverse=True))
    return re.compile(rf"\s+(?:of\s+(?:the\s+)?)?({names})(?![\w])", re.I)


@cache
def _speaking_capital() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in lexicon.attribution()["speaking_capitals"])
    verbs = r"says|said|claims|claimed|insists|insisted|announced|заявил\w*|заявля\w*|заяви\w*|сообщ\w*|повідом\w*"
    return re.compile(rf"(?<![\w])({names})(?=\s+(?:{verbs})(?![\w]))")


_HEAD_OF = re.compile(r"(?<![\w])(?:the\s+)?(?:head|chief|leader)\s+of\s+(?:the\s+)?", re.I)


# The word before a title and the office's place in front of it ("начальник Вінницької ОВА").
_HEAD_BEFORE = re.compile(r"(?<![\w'’])([\w'’]+)\s+(?:[А-ЯІЇЄЁ][\w'’-]+\s+)?$")


@cache
def _head_of_named_office() -> re.Pattern[str]:
    heads = lexicon.alternatives(sorted(_heads_of_office(), key=len, reverse=True))
    offices = lexicon.alternatives(
        sorted((o for os in lexicon.attribution()["offices_after_place"].values() for o in os), key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w])(?:{heads})\s+(?-i:[А-ЯІЇЄЁ][\w'’-]+)\s+(?:{offices})(?![\w])", re.IGNORECASE)


def _office_mention(sentence: str, match: re.Match) -> ClaimantMention:
    office = lexicon.normalise(match.group(0).split()[-1])
    kinds = lexicon.attribution()["offices_after_place"]
    kind = next(
        (k for k, os in kinds.items() if any(lexicon.normalise(o).split()[-1] == office for o in os)),
        "local_authority",
    )
    places = [p for p in find_places(match.group(0)) if p.region_code]
    region = places[0].region_code if places else None
    country = places[0].country if places else None
    return ClaimantMention(match.start(), match.end(), match.group(0), kind, country, None, region, True, False)


@cache
def _heads_of_office() -> frozenset[str]:
    return frozenset(form for word in lexicon.attribution()["heads_of_office"] for form in morphology.forms_of(word))


_APPOSITION = re.compile(r"(?:\s+|,\s*|\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+(?:region|oblast|city|krai))?,\s*)")


# Matched at a position (pattern.match(text, pos)), so no copy of the rest of the sentence is made.
# "Губернатор Саратовської області Роман Бусаргін", "head of the Sumy region Ivan Ivanov": the
# office's place may stand between the title and the name.
_NAME_AFTER = re.compile(rf"(?:,\s*|\s+)(?:{_OFFICE_PLACE}\s+)?({_NAME})")


def _merge_titles_with_names(sentence: str, mentions: list[ClaimantMention]) -> list[ClaimantMention]:
    """'Governor Vasily Anokhin', 'the head of the regional administration, Oleksandr Vilkul',
    'Vasily Anokhin, the governor': one mention. The text's title decides the kind (the office
    held then); the name decides who it is."""
    merged: list[ClaimantMention] = []
    i = 0
    while i < len(mentions):
        current = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        titled = current.claimant_id is None and not _is_pronoun(current) and current.kind != "media"
        if (
            nxt
            and nxt.is_person
            and not current.is_person
            and current.kind in ("regional_authority", "local_authority")
            and re.fullmatch(r"\s+", sentence[current.end : nxt.start])
            and (head := _HEAD_BEFORE.search(sentence, max(0, current.start - 40), current.start))
            and head.group(1).lower() in _heads_of_office()
        ):
            # "начальник Вінницької ОВА Сергій Борзов": the office's head, named; one mention.
            merged.append(replace(nxt, start=head.start(1), text=sentence[head.start(1) : nxt.end], kind=current.kind))
            i += 2
            continue
        if (
            titled
            and nxt
            and nxt.claimant_id
            and _APPOSITION.fullmatch(sentence[current.end : nxt.start])
            # a body after a comma opens a clause of its own ("По данным военных, ВСУ выпустили ..."):
            # the subject of that clause, not the title's name
            and (nxt.is_person or "," not in sentence[current.end : nxt.start])
        ):
            merged.append(
                replace(_titled_name(sentence, current, nxt), country=nxt.country or current.country, is_generic=False)
            )
            i += 2
            continue
        name = _NAME_AFTER.match(sentence, current.end) if titled else None
        if (
            name
            and nxt
            and nxt.claimant_id
            and current.end < nxt.start
            and nxt.end <= name.end()
            and (nxt.is_person or "," not in sentence[current.end : nxt.start])
        ):
            # "Президент России Владимир Путин": the name is someone known; the words before it
            # (the country's name) are the office's, not the name's.
            merged.append(_titled_name(sentence, current, nxt))
            i += 2
            continue
        if name and (current.is_person or "spokes" in current.text.lower()):
            end = name.end()
            merged.append(
                replace(
                    current,
                    end=end,
                    text=sentence[current.start : end],
                    is_person=True,
                    is_generic=False,
                    person=name.group(1),
                )
            )
            i += 1
            continue
        voice = _institution_voice(sentence, current) if current.claimant_id and not current.is_person else None
        if voice is not None:
            # "Naftogaz CEO Serhii Koretskyi", "голова правління «Нафтогазу» Сергій Корецький": the
            # institution speaks through the person named
            start, end, name = voice
            while nxt is not None and nxt.start < end:  # the name's own mention, if any, is the same person
                i += 1
                nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            merged.append(replace(current, start=start, end=end, text=sentence[start:end], is_person=True, person=name))
            i += 1
            continue
        if (
            current.claimant_id
            and nxt
            and nxt.claimant_id is None
            and not _is_pronoun(nxt)
            and _APPOSED_TITLE.fullmatch(sentence[current.end : nxt.start])
            and nxt.kind != "media"
        ):
            # "Mikhail Razvozhayev, the governor of Sevastopol, said": the apposition belongs to the name,
            # so the reporting verb after it still makes the name the source.
            office = _OFFICE_OF.match(sentence, nxt.end)
            end = office.end() if office else nxt.end
            merged.append(
                replace(
                    current,
                    end=end,
                    kind=_office_kind(nxt, current),
                    region_code=_office_region(sentence, nxt) or current.region_code,
                )
            )
            i += 2
            continue
        merged.append(current)
        i += 1
    return merged


@cache
def _institution_people() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon.alternatives(sorted(lexicon.attribution()["institution_people"], key=len, reverse=True))
    quote = r"[«\"“„»”]?"
    return (
        re.compile(rf"{quote}\s+(?:{words})\s+(?-i:({_NAME}))", re.IGNORECASE),  # after the institution
        re.compile(rf"(?<![\w])(?:{words})\s+{quote}$", re.IGNORECASE),  # before it, a name after it
    )


_NAME_AFTER_QUOTE = re.compile(rf"[»”\"]?\s+({_NAME})")


def _institution_voice(sentence: str, institution: ClaimantMention) -> tuple[int, int, str] | None:
    """Where the person speaking for a named institution is named with it: (start, end, name)."""
    after, before = _institution_people()
    if (match := after.match(sentence, institution.end)) is not None:
        return institution.start, match.end(), match.group(1)
    head = lexicon.search(before, sentence, max(0, institution.start - 40), institution.start)
    name = _NAME_AFTER_QUOTE.match(sentence, institution.end) if head else None
    if head is not None and name is not None:
        return head.start(), name.end(), name.group(1)
    return None


def _titled_name(sentence: str, title: ClaimantMention, known: ClaimantMention) -> ClaimantMention:
    """A known person named after a title: one mention from the title on, of the office held then."""
    return replace(
        known,
        start=title.start,
        text=sentence[title.start : known.end],
        kind=_office_kind(title, known),
        region_code=_office_region(sentence, title) or known.region_code,
    )


def _office_region(sentence: str, title: ClaimantMention) -> str | None:
    """The region a title names in its own words ("Начальник Одесской городской военной администрации"
    before "Сергей Лысак", who headed Dnipropetrovsk region before): the office held then."""
    office = sentence[title.start : title.end]
    places = [p for p in find_places(office) if p.region_code]
    if not places:
        return None
    if _CITY_OFFICE.search(office):
        # "начальник Київської МВА": the city's office, in the city that is a region of its own
        return city_region_around(places[0].region_code) or places[0].region_code
    return places[0].region_code


_CITY_OFFICE = re.compile(r"(?<![\w])(?:МВА|ГВА|міськ\w*|городск\w*|city)(?![\w])", re.I)


def _office_kind(title: ClaimantMention, known: ClaimantMention) -> str:
    """The title decides the kind (the office held then), except that a city office of a city that is
    a region of its own ("Tkachenko, head of the city military administration" in Kyiv) is the
    region's office when the person named is known to hold it."""
    if (
        title.kind == "local_authority"
        and known.kind == "regional_authority"
        and (title.region_code or known.region_code) in regions_of_type("city", "federal_city")
    ):
        return known.kind
    return title.kind


# "Vladimir Saldo, the Moscow-installed governor": a title set beside a name.
_APPOSED_TITLE = re.compile(r",\s*(?:the\s+)?(?:[\w'’-]+-(?:installed|appointed|backed)\s+)?")
_OFFICE_OF = re.compile(
    r"\s+(?:of|for|in)\s+(?:the\s+)?[\w'’-]+(?:\s+(?:region|oblast|city|krai|district|republic))?(?=\s*,)", re.I
)


def _is_pronoun(mention: ClaimantMention) -> bool:
    return mention.text.lower() in pronouns()


@cache
def _auxiliary() -> re.Pattern[str]:
    """What may stand between a source and its reporting verb: "has", "later", "сначала",
    "on Telegram", "в Telegram"."""
    adverbs = "|".join(re.escape(w) for w in lexicon.attribution()["between_source_and_verb"])
    report_forms = {f for w in lexicon.attribution()["report_nouns"] for f in morphology.forms_of(w)}
    reports = lexicon.alternatives(sorted(report_forms, key=len, reverse=True))
    return re.compile(
        r"^(?:['’]s)?[\s,]*(?:(?:chief|commander|head|spokes(?:man|woman|person)|press\s+(?:service|office))[\s,]+)?"
        rf"(?:(?:has|have|had|{adverbs}|on\s+\w+|"
        r"in\s+(?:a|an|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?(?:\s+on\s+\w+)?|on\s+(?:his|her|its|their)\s+\w+(?:\s+channel)?|"
        r"on\s+Telegram|via\s+Telegram|in\s+[A-ZА-Я][\w-]+|[ву]\s+Telegram|[ву]\s+телеграм[\w-]*|"
        # "в утренней сводке", "у своєму Telegram-каналі", "в видеообращении": where it was said
        rf"[ву]\s+(?:[\w'’-]+\s+){{0,2}}(?:\w+-)?(?:{reports})|"
        # "Роман Бусаргин в ночь на пятницу написал": the night it was said of
        r"[ву]\s+(?:ночь|ніч)\s+(?:на|проти|с|з)\s+(?:\d+\s+[\w'’-]+|[\w'’-]+)|"
        # "Повітряне командування «Північ» повідомило", "ГУ ДСНС у Чернігівській області повідомили":
        # the body's own name in quotes, or its region, between it and the verb.
        r"[«\"“][^»\"”]{1,30}[»\"”]|[ву]\s+[А-ЯІЇЄЁ][\w'’-]+(?:\s+(?:области|області|районе|районі|крае|краї))?|"
        # "The operational headquarters of the Krasnodar Territory said": the body's region
        r"of\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?:Region|Territory|Oblast|Krai|Republic|region|oblast))?)[\s,]+)*",
        re.IGNORECASE,
    )


# "This was reported on Telegram by Oleksandr Prokudin": the agent of a passive verb of saying is its
# source ("images released by emergency services" are no statement).
_PASSIVE_OF_SAYING = r"(?:reported|announced|stated|confirmed|claimed|said)"


@cache
def _inverted_pattern() -> re.Pattern[str]:
    """'..., said the ministry', '..., сообщило Минобороны', 'reported on Telegram by the governor': a reporting
    verb right before the source."""
    alternatives = lexicon.alternatives(sorted(reporting_verbs(), key=len, reverse=True))
    # "написал в своем телеграм-канале губернатор ...": the channel may stand between verb and source.
    channel = _cue_patterns()[2].pattern
    # "сообщил краевой оперативный штаб", "повідомив обласний штаб": adjectives before the source.
    adjectives = r"(?:[а-яёіїєґ'-]+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ых|их|на|ня|не|ні|ої)\s+){0,2}"
    return re.compile(
        rf"(?<!\w)(?:(?:{alternatives}|according\s+to)\s+(?:(?:{channel})[\s,]+)?|{_PASSIVE_OF_SAYING}\s+"
        rf"(?:(?:{channel})[\s,]+)?by\s+)(?:the\s+)?{adjectives}"
        # "said the head of the Kharkiv Regional Military Administration", "said Kharkiv governor ...":
        # the head of a body, or the place of a title, between the verb and the source
        r"(?:(?:head|chief|leader)\s+of\s+(?:the\s+)?)?(?:(?-i:[A-Z])[\w'’-]+\s+){0,2}$",
        re.IGNORECASE,
    )


_POSSESSIVE_SOURCE = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:Telegram|channel|statement|post|press service|office|report|data|figures|"
    r"message|update|briefing|spokesman|spokesperson|website)",
    re.IGNORECASE,
)


_HEADING_SOURCE = re.compile(r"\W*(?:\d{1,2}[:.]\d{2}\W*)?")
_COLON_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,3}\s*:")


# (and the opening quote of a name: "по данным мониторинговой группы «Гаюн»")
_FEW_WORDS = re.compile(r"[\s,]*(?:[\w'’-]+\s+){0,4}[«\"“„]?")
_CITING = re.compile(r"^,?\s+(?:citing|quoting|cited)\b", re.IGNORECASE)
_TOLD_BEFORE = re.compile(r"\btold\s+(?:the\s+)?$", re.IGNORECASE)


# A digest's dash and "about" after a name stand for its verb ("Гладков — о 29 раненых").
_DASH_ABOUT = re.compile(r"\s*[—–]\s*(?:о|об|обо|про)\s", re.I)
# A name after a dash at the end of a sentence signs it (", – голова ОВА Микола Калашник.").
_DASH_BEFORE = re.compile(r"[,.]?\s+[–—]\s*$")
_SENTENCE_END = re.compile(r"\s*[.!]?\s*")


def _mark_sources(sentence: str, mentions: list[ClaimantMention]) -> list[ClaimantMention]:
    before, after, channel = _cue_patterns()
    marked = []
    for m in mentions:
        left = sentence[max(0, m.start - 60) : m.start]
        right = sentence[m.end : m.end + 80]
        cue_before = None
        for cue in lexicon.finditer_slice(before, sentence, max(0, m.start - 60), m.start):
            cue_before = cue
        governed_by_cue = bool(cue_before and _FEW_WORDS.fullmatch(left[cue_before.end() :]))
        followed_by_verb = bool(after.match(right[_auxiliary().match(right).end() :]))
        is_source = (
            m.is_source
            or governed_by_cue
            or followed_by_verb
            or bool(lexicon.search_slice(_inverted_pattern(), sentence, max(0, m.start - 60), m.start))
            or bool(_POSSESSIVE_SOURCE.match(right))
            # "14:30 Міськрада Краматорська: вранці ворог атакував місто": a live entry's source, then
            # what it said (at the start of the sentence, the name and a colon).
            or bool(_HEADING_SOURCE.fullmatch(left) and _COLON_AFTER.match(right))
            # "..., поранено чоловіка, – голова ОВА Микола Калашник.": a live entry signed after a dash
            # (not a dateline's agency: "ЛУГАНСК, 26 ноя — РИА Новости.")
            or bool(m.kind != "media" and _DASH_BEFORE.search(left) and _SENTENCE_END.fullmatch(right))
            # "Белгородский губернатор Вячеслав Гладков — о 29 раненых": a digest's dash stands for the verb
            # (not after another source's verb: "Губернатор сообщил о погибших, Генштаб — о ...", whose
            # figures before the dash are the first source's)
            or bool(_DASH_ABOUT.match(right) and not lexicon.search(after, left))
        )
        is_relay = bool(_CITING.match(right))
        if _TOLD_BEFORE.search(left):
            is_source = False  # "a source told the Kyiv Independent": the outlet heard it, the source said it
        is_source = is_source or is_relay
        if is_source == m.is_source and is_relay == m.is_relay:
            marked.append(m)  # unchanged: no copy (dataclasses.replace is slow)
        else:
            marked.append(replace(m, is_source=is_source, is_relay=is_relay))
    return marked
