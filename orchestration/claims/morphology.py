"""Russian and Ukrainian word forms from pymorphy3's dictionaries, so the data lists a name once.

The lexicons hold Cyrillic entries in their dictionary form ("Белгородская область", "ударний
БпЛА", "Повітряні сили"); `inflections` gives every case and number of such a phrase, with its
adjectives agreeing with the head noun ("над Белгородской областью", "збито 46 ударних БпЛА",
"Повітряними силами"). Matching then stays one compiled pattern per lexicon: the forms are
generated once at load time, never per sentence.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
_RUSSIAN_ONLY = re.compile(r"[ыэъё]", re.IGNORECASE)
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NUMBERS = ("sing", "plur")
# Parts of speech that decline; verbs, prepositions and unknown abbreviations ("БпЛА") stay as written.
_DECLINING = {"NOUN", "ADJF", "PRTF"}
_NAME_TAGS = {"Name", "Surn", "Patr"}


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@cache
def _analyzers() -> dict[str, object]:
    import pymorphy3  # loaded on first use: the English-only path never pays for the dictionaries

    return {"ru": pymorphy3.MorphAnalyzer(lang="ru"), "uk": pymorphy3.MorphAnalyzer(lang="uk")}


def _languages(phrase: str) -> tuple[str, ...]:
    if _UKRAINIAN_ONLY.search(phrase):
        return ("uk",)
    if _RUSSIAN_ONLY.search(phrase):
        return ("ru",)
    return ("ru", "uk")


def _is_dictionary(parse) -> bool:
    """A reading the dictionary holds as it is, not one guessed from a known prefix or suffix."""
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def _known_parses(analyzer, word: str) -> list:
    """Dictionary analyses of a word (never the analyser's guesses for words it does not know)."""
    parses = []
    for parse in analyzer.parse(word):
        if parse.tag.POS not in _DECLINING:
            continue
        if not _is_dictionary(parse):
            continue
        # An entry is written in the nominative; other readings would decline a wrong word. The
        # Ukrainian dictionary leaves some nominatives unmarked ("завод", "склад").
        nominative = parse.tag.case == "nomn" or (parse.tag.case is None and parse.word == parse.normal_form)
        if parse.tag.POS == "NOUN" and not nominative:
            continue
        parses.append(parse)
    return parses


def _indeclinable(word: str) -> bool:
    """Whether no dictionary knows the word in more than one form ("камикадзе", not "Сіверський")."""
    word = word.lower()
    parses = [p for language in _languages(word) for p in _analyzers()[language].parse(word) if _is_dictionary(p)]
    return bool(parses) and all("Fixd" in p.tag for p in parses)


def _readings(word: str, parts_of_speech: tuple[str, ...]) -> list:
    """The dictionary readings (tags) of a Cyrillic word with one of these parts of speech."""
    word = word.lower()
    if not has_cyrillic(word):
        return []
    head = re.fullmatch(r"(\w+)-([а-яіїєё]{3,})", word)
    if head and _indeclinable(head.group(2)):
        word = head.group(1)  # "дрон-камикадзе" is singular as "дрон" is
    return [
        parse.tag
        for language in _languages(word)
        for parse in _analyzers()[language].parse(word)
        if parse.tag.POS in parts_of_speech and _is_dictionary(parse)
    ]


@lru_cache(maxsize=1 << 12)
def noun_lemma(word: str) -> str:
    """A Russian or Ukrainian noun's dictionary form ("губернатора" -> "губернатор"), so one title in
    two cases names one source; the word itself when it is no known noun."""
    lowered = word.lower()
    if not has_cyrillic(lowered):
        return lowered
    for language in _languages(lowered):
        for parse in _analyzers()[language].parse(lowered):
            if parse.tag.POS == "NOUN" and _is_dictionary(parse):
                return parse.normal_form
    return lowered


@cache
def phrase_lemma(phrase: str) -> str:
    """A Russian or Ukrainian noun phrase in dictionary forms, word by word ("маршрутному такси" ->
    "маршрутный такси"), so one thing named in two cases is one name; an adjective's reading is
    preferred, as the word before a noun agrees with it ("жилого" and "жилой" are one word)."""
    words = []
    for word in phrase.lower().split():
        parses = (
            [
                parse
                for language in _languages(word)
                for parse in _analyzers()[language].parse(word)
                if parse.tag.POS in ("ADJF", "PRTF", "NOUN") and _is_dictionary(parse)
            ]
            if has_cyrillic(word)
            else []
        )
        parses.sort(key=lambda parse: parse.tag.POS == "NOUN")  # adjectives first, in the dictionary's order
        words.append(parses[0].normal_form if parses else word)
    return " ".join(words)


@cache
def can_be_nominative(word: str) -> bool:
    """Whether a word may be a sentence's subject: a Latin word always may; a Russian or Ukrainian
    one only in a nominative reading ("Москва" may, "Москву" may not)."""
    if not has_cyrillic(word):
        return True
    parses = [p for language in _languages(word) for p in _analyzers()[language].parse(word.lower())]
    return not parses or any(p.tag.case in (None, "nomn") for p in parses)


@cache
def is_instrumental_singular(word: str) -> bool:
    """A Russian or Ukrainian noun in the instrumental singular ("ракетою"); of a word the
    dictionaries lack, its ending ("КАБом", "дроном"): "удар КАБом" is a strike by one bomb."""
    readings = [tag for tag in _readings(word, ("NOUN",))]
    if not readings:  # a noun the dictionaries lack ("КАБом", "дроном"): its ending tells
        is_adjective = bool(_readings(word, ("ADJF", "PRTF")))
        return not is_adjective and bool(re.fullmatch(r"[а-яіїєґё]{2,}(?:ом|ем)", word, re.I))
    return all(tag.case == "ablt" and "plur" not in tag for tag in readings)


@cache
def is_instrumental(word: str) -> bool:
    """A Russian or Ukrainian noun in the instrumental, either number ("дронами", "ракетою"); of a
    word the dictionaries lack, its ending ("FPV-дронами", "КАБами")."""
    readings = [tag for tag in _readings(word, ("NOUN",))]
    if not readings:
        return not _readings(word, ("ADJF", "PRTF")) and bool(
            re.search(r"[а-яіїєґё]{2,}(?:ами|ями|ом|ем|ою|ею)$", word, re.I)
        )
    return all(tag.case == "ablt" for tag in readings)


@cache
def can_be_genitive(word: str) -> bool:
    """Whether a Russian or Ukrainian word has a genitive reading in the dictionaries ("Одеси",
    "Белгородской"); never for a Latin word."""
    if not has_cyrillic(word):
        return False
    parses = [p for language in _languages(word) for p in _analyzers()[language].parse(word.lower())]
    return any(p.tag.case in ("gent", "gen2") and _is_dictionary(p) for p in parses)


@cache
def is_adjective(word: str) -> bool:
    """A Russian or Ukrainian adjective or participle ("ворожого", "украинских", "збитих"): the
    words that stand between a numeral and its noun without changing what is counted."""
    return bool(_readings(word, ("ADJF", "PRTF")))


@cache
def is_descriptive_adjective(word: str) -> bool:
    """An adjective or participle that is no pronoun ("пологовий", "жилой"; not "ее", "этот", "свой")."""
    return any("Apro" not in tag.grammemes for tag in _readings(word, ("ADJF", "PRTF")))


@cache
def is_singular_adjective(word: str) -> bool:
    """An adjective or participle with only singular readings, no pronoun ("складське", "жилого";
    not "складські", "чиє"): the noun it agrees with is one thing even when the noun's own form is either
    number ("складське приміщення")."""
    readings = _readings(word, ("ADJF", "PRTF"))
    # a pronoun ("чиє житло", "наше приміщення") speaks of whose, not of how many
    return bool(readings) and all("plur" not in tag.grammemes and "Apro" not in tag.grammemes for tag in readings)


@cache
def is_participle(word: str) -> bool:
    """A Russian or Ukrainian full participle ("выпущенных", "збитих"): after a noun, it says what
    was done to the noun, whatever the verb's voice."""
    return bool(_readings(word, ("PRTF",)))


@cache
def is_adverb(word: str) -> bool:
    """A Russian or Ukrainian adverb or particle ("впервые", "вновь", "вже"): words that may stand
    between a sentence's subject and its verb without a role of their own."""
    return bool(_readings(word, ("ADVB", "PRCL")))


@cache
def is_noun(word: str) -> bool:
    return bool(_readings(word, ("NOUN",)))


@cache
def grammatical_number(word: str) -> str | None:
    """'sing' or 'plur' when every dictionary reading of a Cyrillic noun agrees, else None."""
    # The Ukrainian dictionary marks a singular reading by its gender alone ("області": femn,gent as
    # well as plur,nomn); a reading with neither agrees with either.
    numbers = {tag.number or ("sing" if tag.gender else None) for tag in _readings(word, ("NOUN",))} - {None}
    return numbers.pop() if len(numbers) == 1 else None


@cache
def is_singular_subject_or_object(word: str) -> bool:
    """A Russian or Ukrainian noun that can only be one thing as a subject or direct object:
    every dictionary reading singular and in the nominative or accusative ("беспилотник",
    "ракета", "будинок"), never a form that could be another case ("дрона": of a drone)."""
    readings = _readings(word, ("NOUN",))
    # The vocative (Ukrainian) is never a counted role, so it does not make a word ambiguous.
    return bool(readings) and all("plur" not in tag and tag.case in ("nomn", "accs", "voct") for tag in readings)


@cache
def is_genitive_singular(word: str) -> bool:
    """A Russian or Ukrainian noun that, read as a genitive, is one thing ("дома", "складу"),
    with no genitive plural reading ("домов" is many)."""
    readings = [tag for tag in _readings(word, ("NOUN",)) if tag.case in ("gent", "gen2")]
    return bool(readings) and all("plur" not in tag for tag in readings)


@cache
def is_singular_verb(word: str) -> bool:
    """A Russian or Ukrainian past-tense verb or short participle in the singular ("влучив",
    "атаковал", "уничтожен"): its subject is one thing, so "ворожий БпЛА влучив" counts one."""
    readings = _readings(word, ("VERB", "PRTS"))
    return bool(readings) and all("plur" not in tag and tag.gender is not None for tag in readings)


_FINITE = {"VERB", "PRTS", "PRTF"}


def _verb_forms(word: str) -> set[str]:
    """A verb's finite forms and participles ("збили" -> "збив", "збила", "збито"; "сбиты" ->
    "сбит", "сбитых"), never its infinitive or imperative: "чтобы сбить" is a purpose, not a report."""
    forms: set[str] = set()
    for language in _languages(word):
        for parse in _analyzers()[language].parse(word.lower()):
            if parse.tag.POS not in {*_FINITE, "INFN"}:
                continue
            if not _is_dictionary(parse):
                continue
            for form in parse.lexeme:
                if form.tag.POS in _FINITE and form.tag.mood != "impr":
                    forms.add(_match_case(word, form.word))
    return forms


def feminine_nominative(adjective: str) -> str | None:
    """'Рязанского', 'Саратовському' -> 'рязанская', 'саратовська': the form a region's name takes
    before "область"; None for a word that no dictionary reads as an adjective."""
    for language in _languages(adjective):
        for parse in _analyzers()[language].parse(adjective.lower()):
            if parse.tag.POS == "ADJF":
                form = parse.inflect({"femn", "nomn", "sing"})
                if form is not None:
                    return form.word
    return None


def _inflect_word(parse, case: str, number: str) -> str | None:
    grammemes = {case, number}
    if parse.tag.POS == "NOUN" and "Sgtm" in parse.tag:
        grammemes = {case}  # singular-only nouns
    if parse.tag.POS == "NOUN" and "Pltm" in parse.tag:
        grammemes = {case}  # plural-only nouns ("сили" in some readings)
    form = parse.inflect(grammemes)
    if form is None and number == "sing":
        # The Ukrainian dictionary leaves the singular unmarked ("україною" is femn,ablt).
        form = parse.inflect({case})
        if form is not None and "plur" in form.tag:
            form = None
    return form.word if form else None


def _case_variants(parse, case: str, number: str, chosen: str) -> list[str]:
    """Other forms of a noun's lexeme in the same case and number: Ukrainian masculines have two
    datives and locatives ("Дніпрові"/"Дніпру", "у Покровську"), and `inflect` returns only one."""
    out = []
    for form in parse.lexeme:
        tag = form.tag
        if tag.case != case or form.word == chosen:
            continue
        # The Ukrainian dictionary leaves the singular unmarked, never the plural.
        form_number = tag.number or "sing"
        if form_number != number and not ({"Sgtm", "Pltm"} & set(parse.tag.grammemes)):
            continue
        out.append(form.word)
    return out


def _adjective_variants(parse, case: str, number: str, chosen: str) -> list[str]:
    """An adjective's other forms in the same case, number and gender: the Ukrainian locative has two
    ("Ізмаїльському"/"Ізмаїльськім"), and `inflect` returns only one."""
    gender = parse.tag.gender
    out = []
    for form in parse.lexeme:
        tag = form.tag
        if tag.case != case or form.word == chosen or (tag.number or "sing") != number:
            continue
        if number == "sing" and tag.gender != gender:
            continue
        out.append(form.word)
    return out


def _match_case(template: str, word: str) -> str:
    if word == template.lower():
        return template  # an undeclined abbreviation keeps its letters ("БпЛА")
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@cache
def inflections(phrase: str) -> frozenset[str]:
    """Every case and number of a Cyrillic phrase in its dictionary form, the phrase included.

    The words up to and including the first noun decline together (adjectives agree with it);
    words after the head are its complements and keep their form ("Міністерство оборони" ->
    "Міністерства оборони"). Personal names decline in every word ("Вячеслав Гладков" ->
    "Вячеслава Гладкова"). A phrase with nothing the dictionaries know comes back unchanged.
    """
    if not has_cyrillic(phrase):
        return frozenset({phrase})
    compound = re.fullmatch(r"(\w+)(-[А-Яа-яІіЇїЄєЁё]{3,})", phrase)
    if compound and _indeclinable(compound.group(2)[1:]):
        # "дрон-камикадзе": the head declines, the indeclinable word after the hyphen stays.
        return frozenset({phrase} | {f + compound.group(2) for f in inflections(compound.group(1))})
    on_river = re.fullmatch(r"([а-яіїєё]\w+)(-(?:на|над|под|під)-[а-яіїєё]\w+)", phrase, re.IGNORECASE)
    if on_river and not any(_known_parses(_analyzers()[lang], phrase.lower()) for lang in _languages(phrase)):
        # "Славянск-на-Кубани", which no dictionary holds: the town declines ("в Славянске-на-Кубани"),
        # the river after it stays
        return frozenset({phrase} | {f + on_river.group(2) for f in inflections(on_river.group(1))})
    town = re.fullmatch(r"([а-яіїєё]\w+)-([а-яіїєё]\w+(?:ий|ый|ой))", phrase, re.IGNORECASE)
    if town:
        return _hyphenated_town_forms(phrase, town.group(1), town.group(2))
    words = phrase.split()
    forms = {phrase}
    if len(words) == 1:
        forms |= _verb_forms(phrase)
    for language in _languages(phrase):
        analyzer = _analyzers()[language]
        readings = [_known_parses(analyzer, w.lower()) if has_cyrillic(w) else [] for w in words]
        if len(words) == 1 and not readings[0] and _PLACE_ADJECTIVE[language].fullmatch(phrase):
            # "Кагульский", "Штефан-Водський": a place's adjective no dictionary holds declines as
            # the analyser guesses from its ending
            readings[0] = [p for p in analyzer.parse(phrase.lower()) if p.tag.POS == "ADJF"][:1]
        # The head is the first noun that cannot be an adjective: the Ukrainian dictionary also reads
        # "Біла", "Нова" as nouns, which would leave "Церква" in "Білій Церква" undeclined.
        nouns = [i for i, r in enumerate(readings) if any(p.tag.POS == "NOUN" for p in r)]
        pure_nouns = [i for i in nouns if not any(p.tag.POS == "ADJF" for p in readings[i])]
        head = (pure_nouns or nouns or [None])[0]
        # Words after the head are its complements, in their own case ("снаряд реактивной системы").
        checked = zip(words[: (head + 1) if head is not None else None], readings, strict=False)
        if any(has_cyrillic(w) and not r and w.lower() == w for w, r in checked):
            continue  # a lower-case word this language does not know: the phrase is the other language's
        is_name = all(r and any(_NAME_TAGS & set(p.tag.grammemes) for p in r) for r in readings)
        if head is None and len(words) == 1 and readings[0]:
            head = 0  # an adjective alone ("ударний", "Белгородская")
        if head is None:
            continue
        declining = range(len(words)) if is_name else range(head + 1)
        head_parse = next((p for p in readings[head] if p.tag.POS == "NOUN"), None)
        for case in _CASES:
            for number in _NUMBERS:
                new = list(words)
                ok = True
                variants: list[str] = []  # the head's other forms of this case ("Дніпру" beside "Дніпрові")
                adjective_variants: list[tuple[int, str]] = []
                for i in declining:
                    parses = readings[i]
                    if not parses:
                        if i == head:
                            ok = False
                        continue  # an undeclinable word before the head ("БпЛА" abbreviations)
                    if i == head:
                        parse = next((p for p in parses if p.tag.POS == "NOUN"), parses[0])
                    else:  # an adjective takes the head's gender ("Белгородская область", not "-ий")
                        gender = head_parse.tag.gender if head_parse is not None else None
                        parse = next((p for p in parses if gender and p.tag.gender == gender), parses[0])
                    word = _inflect_word(parse, case, number)
                    if word is None:
                        ok = False
                        break
                    new[i] = _match_case(words[i], word)
                    if i == head and not is_name and parse.tag.POS == "NOUN":
                        variants = [_match_case(words[i], w) for w in _case_variants(parse, case, number, word)]
                    elif i != head and parse.tag.POS == "ADJF":
                        adjective_variants += [
                            (i, _match_case(words[i], w)) for w in _adjective_variants(parse, case, number, word)
                        ]
                if ok:
                    forms.add(" ".join(new))
                    for variant in variants:
                        forms.add(" ".join([*new[:head], variant, *new[head + 1 :]]))
                    # "Ізмаїльському районі" beside "Ізмаїльськім районі": an adjective's other form of the case
                    for i, variant in adjective_variants:
                        for head_form in (new[head], *variants):
                            forms.add(" ".join([*new[:i], variant, *new[i + 1 : head], head_form, *new[head + 1 :]]))
    return _with_e_spellings(forms)


# An adjective of a place in the dictionary form, by language (lexicon phrases arrive lowered)
_PLACE_ADJECTIVE = {
    "ru": re.compile(r"[а-яё][а-яё-]*(?:ск|цк|зк)(?:ий|ый)", re.IGNORECASE),
    "uk": re.compile(r"[а-щьюяіїєґ'][а-щьюяіїєґ'-]*(?:ськ|цьк|зьк)ий", re.IGNORECASE),
}


def _with_e_spellings(forms: set[str]) -> frozenset[str]:
    """The dictionaries write "посёлке"; most Russian text writes "поселке": both are kept."""
    return frozenset(forms | {form.replace("ё", "е").replace("Ё", "Е") for form in forms})


def _hyphenated_town_forms(phrase: str, head: str, tail: str) -> frozenset[str]:
    """ "Белгород-Днестровский": the adjective after the hyphen declines, alone ("под
    Белгород-Днестровским") or with the noun before it ("у Новгороді-Сіверському"). Every pairing of
    the two words' forms is kept: a few wrong pairs never occur in text, and no right one is lost."""
    tails = inflections(tail)
    heads = {head}
    for language in _languages(phrase):
        for noun in (p for p in _known_parses(_analyzers()[language], head.lower()) if p.tag.POS == "NOUN"):
            for case in _CASES:
                form = _inflect_word(noun, case, "sing")
                if form:  # "Новгороду" beside "Новгородові"
                    heads |= {_match_case(head, f) for f in (form, *_case_variants(noun, case, "sing", form))}
    return _with_e_spellings({f"{h}-{_match_case(tail, t)}" for h in heads for t in tails})


def adjective_forms(word: str) -> frozenset[str]:
    """An adjective in every case, number and gender ("ракетный": "ракетная атака", "ракетне
    влучання"); `forms_of` keeps a lexicon adjective's own gender, as a place name needs."""
    forms = set(forms_of(word))
    for language in _languages(word):
        for parse in (p for p in _analyzers()[language].parse(word.lower()) if p.tag.POS == "ADJF"):
            for case in _CASES:
                for gender in ("masc", "femn", "neut"):
                    inflected = parse.inflect({case, "sing", gender}) or parse.inflect({case, gender})
                    if inflected is not None:
                        forms.add(_match_case(word, inflected.word))
    return frozenset(forms)


def numeral_forms(word: str) -> frozenset[str]:
    """A number word in every case ("один" -> "одному", "двадцять" -> "двадцятьма", "три" ->
    "трьома"): only its readings as a numeral, so "три" is never the Ukrainian verb "терти", and
    only the singular of "один" ("одни", "одні" mean "some" or "alone", not a count)."""
    forms = {word}
    for language in _languages(word):
        for parse in _analyzers()[language].parse(word.lower()):
            is_one = parse.normal_form in ("один", "одна")
            if not _is_dictionary(parse) or not (parse.tag.POS == "NUMR" or is_one and parse.tag.POS == "ADJF"):
                continue
            forms |= {form.word for form in parse.lexeme if not (is_one and form.tag.number == "plur")}
    return _with_e_spellings(forms)


def forms_of(phrase: str, generate=None) -> frozenset[str]:
    """The forms of a lexicon phrase: from the generated table, else computed now by `generate`
    (`inflections` unless told; data edited since the table was last written:
    `python -m orchestration.claims.morphology` refreshes it)."""
    from orchestration.claims.lexicon import normalise

    key = normalise(phrase)
    forms = _table().get(key)
    if forms is None:
        forms = (generate or inflections)(key)
    template = phrase.split()
    return frozenset(
        " ".join(_match_case(t, w) for t, w in zip(template, form.split(), strict=False))
        if len(form.split()) == len(template)
        else form
        for form in forms
    )


def expand(table: dict[str, object], key=lambda form: form, generate=None) -> dict[str, object]:
    """`table` with every inflected form of its Cyrillic keys added, mapping to the same value
    (forms by `generate` where the generated table lacks the key, `inflections` unless told).

    Keys already present win, so a hand-written entry always overrides a generated form."""
    expanded = dict(table)
    for phrase, value in table.items():
        if not has_cyrillic(phrase):
            continue
        for form in forms_of(phrase, generate):
            expanded.setdefault(key(form), value)
    return expanded


TABLE_FILE = Path(__file__).parent / "data" / "word_forms.tsv"


@cache
def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    if TABLE_FILE.exists():
        with TABLE_FILE.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                phrase, _, forms = line.rstrip("\n").partition("\t")
                table[phrase] = frozenset([phrase, *forms.split("|")]) if forms else frozenset([phrase])
    return table


def lexicon_phrases() -> list[str]:
    """Every Cyrillic phrase of the lexicons that is matched in text: names, titles, weapons."""
    from orchestration.claims import lexicon
    from orchestration.claims.lexicon import normalise

    phrases: list[str] = []
    for row in lexicon.regions():
        phrases += [row["name"], *row["names"].split("|")]
    phrases += [row["name"] for row in lexicon.places()]
    for row in lexicon.countries():
        phrases += [*row["names"].split("|"), *row["adjectives"].split("|")]
    phrases += lexicon.region_words() + lexicon.anaphor_words()
    phrases += lexicon.region_words("national_noun") + lexicon.region_words("national_modifier")
    phrases += lexicon.region_words("country_noun") + lexicon.region_words("country_part")
    phrases += lexicon.region_words("actor_noun")
    weapons = lexicon.weapons()
    phrases += weapons["modifiers"] + weapons["counted_targets"] + weapons["counted_units"]
    for forms in (*weapons["heads"].values(), *weapons["launcher_systems"].values()):
        phrases += forms
    for models in weapons["models"].values():
        for item in models:
            phrases += item["forms"]
    for key, forms in lexicon.objects().items():
        if key not in ("sex_of_person", "supplies"):  # a table by sex; words matched as they stand
            phrases += forms
    attribution = lexicon.attribution()
    phrases += lexicon.outcomes()["drop_verbs"]
    phrases += lexicon.outcomes()["strike_delivery_verbs"]
    for groups in lexicon.outcomes()["cues"].values():
        for group in groups:
            phrases += [cue for cue in group["cue"] if " " not in cue.strip()]
    for titles in attribution["titles"].values():
        phrases += titles
    phrases += list((attribution.get("title_countries") or {}).keys())
    for entry in lexicon.claimants():
        phrases += [str(a) for a in [entry["name"], *(entry.get("aliases") or [])]]
    return sorted({normalise(p) for p in phrases if p and has_cyrillic(p)})


def numeral_phrases() -> list[str]:
    """The Cyrillic number words of numbers.yml, declined by `numeral_forms`."""
    from orchestration.claims import lexicon
    from orchestration.claims.lexicon import normalise

    data = lexicon.numbers()
    words = (*data["units"], *data["tens"])
    return sorted({normalise(w) for w in words if has_cyrillic(w) and w not in data["not_declined"]})


def write_table(path: Path = TABLE_FILE) -> int:
    """Regenerate the word-form table from the lexicons; returns the number of phrases."""
    lines = ["# Generated by `python -m orchestration.claims.morphology` from the lexicons: do not edit.\n"]
    generated = {phrase: inflections(phrase) for phrase in lexicon_phrases()}
    for phrase in numeral_phrases():
        generated[phrase] = generated.get(phrase, frozenset()) | numeral_forms(phrase)
    for phrase in sorted(generated):
        forms = sorted(generated[phrase] - {phrase})
        lines.append(f"{phrase}\t{'|'.join(forms)}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return len(generated)


if __name__ == "__main__":
    print(f"{write_table()} phrases written to {TABLE_FILE}")
