"""Things counted: weapons (with model and operator) and people, buildings, vehicles, infrastructure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology

# Operators named by adjective: only the sides that fly things in this war. "Iranian-made" or
# "American-made" names a maker, not who operates the weapon, so it never sets the origin.
OPERATOR_COUNTRIES = ("RU", "UA", "BY")


@dataclass(frozen=True)
class ThingMention:
    start: int
    end: int
    text: str
    weapon: str  # the spec's weapon class
    model: str | None
    origin: str | None  # operator from an adjective in the phrase
    has_head: bool  # a noun was named ("drones"), not only a model ("two Iskander-M")
    determiner: str | None  # "the", "these", "those" right before: a thing mentioned before
    is_singular_object: bool = False  # "woman", "house": one thing even without a number
    operator: str | None = None  # the side that flies the named model (data/weapons.yml)
    is_launcher: bool = False  # the launcher named for its rockets ("РСЗВ", "multiple rocket launchers")


@dataclass(frozen=True)
class _Entry:
    role: str  # head, model, modifier, operator, system (a launcher named for what it fires)
    weapon: str | None = None
    model: str | None = None
    country: str | None = None
    operator: str | None = None


@cache
def _entries() -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    data = lexicon.weapons()
    for modifier in data["modifiers"]:
        entries[lexicon.normalise(modifier)] = _Entry("modifier")
    for row in lexicon.countries():
        if row["country_code"] not in OPERATOR_COUNTRIES:
            continue
        for adjective in row["adjectives"].split("|"):
            if adjective and "made" not in adjective and not adjective.endswith("'s"):
                entries[lexicon.normalise(adjective)] = _Entry("operator", country=row["country_code"])
    for weapon, forms in data["heads"].items():
        for form in forms:
            entries[lexicon.normalise(form)] = _Entry("head", weapon)
    for weapon, forms in data["launcher_systems"].items():
        for form in forms:
            entries[lexicon.normalise(form)] = _Entry("system", weapon)
    for weapon, forms in lexicon.objects().items():
        if weapon in _NOT_CLASSES:
            continue  # lists that qualify nouns of the classes, not classes
        for form in forms:
            entries[lexicon.normalise(form)] = _Entry("head", weapon)
    for weapon, models in data["models"].items():
        for item in models:
            for form in item["forms"]:
                key = lexicon.normalise(form)
                is_head = any(key.endswith(h) for h in ("missile", "missiles", "drone", "drones", "uav", "uavs"))
                entries[key] = _Entry(
                    "model_head" if is_head else "model", weapon, item["model"], operator=item.get("operator")
                )
    # Russian and Ukrainian nouns and adjectives in every case ("ударних БпЛА", "беспилотников").
    return morphology.expand(entries)


@cache
def _mass_nouns() -> frozenset[str]:
    return frozenset(form.lower() for w in lexicon.objects().get("mass", []) for form in morphology.forms_of(w))


def is_mass_noun(word: str) -> bool:
    """Whether `word` names a mass, not one thing, in any case ("оружием", "infrastructure")."""
    return word.lower() in _mass_nouns()


def head_word(phrase: str) -> str:
    """The word a thing's number is read from: the last in English ("infrastructure facility"), the
    first noun in Russian and Ukrainian, whose complements follow it ("об'єкт інфраструктури")."""
    words = phrase.split()
    if not words:
        return ""
    if morphology.has_cyrillic(phrase):
        return next((w for w in words if morphology.is_noun(w)), words[-1])
    return words[-1]


# Lists of objects.yml that qualify nouns of the classes or name what is no object
_NOT_CLASSES = frozenset({"singular", "mass", "sex_of_person", "supplies"})


@cache
def _singular_objects() -> frozenset[str]:
    return frozenset(lexicon.normalise(w) for w in lexicon.objects().get("singular", []))


@cache
def _parts() -> frozenset[str]:
    return frozenset(form for part in lexicon.objects().get("parts", []) for form in morphology.forms_of(part))


def _after_part(sentence: str, start: int) -> bool:
    """The thing at `start` follows a part noun, with adjectives only between ("кровля жилого дома")."""
    words = re.findall(r"[\w'’-]+", sentence[max(0, start - 60) : start])[::-1]  # nearest first
    for index, word in enumerate(words[:4]):
        if word.lower() in _parts():
            return all(morphology.is_adjective(w) for w in words[:index])
    return False


@cache
def _pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_entries().keys())


# Quotation marks join a quoted model to its noun ('«Герань-2» drones', 'дронів «Shahed»').
# So does "type" between a noun and its model ("БпЛА типу Shahed", "дронов типа «Герань»").
_JOIN = re.compile(
    # a model's quotes, and another name given for it after a slash ('ракетами «Іскандер-М»/KN-23')
    r"^(?:[\s\u00a0]*[\"“”«»„]?[\s\u00a0]*(?:/[\s\u00a0]*[\"“”«»„]?[\s\u00a0]*)?|[\s\u00a0]*\([\s\u00a0]*|[\s\u00a0]*\)[\s\u00a0]*|-|"
    r"[\s\u00a0]+(?:типу|типа|тип|type)[\s\u00a0]+[\"“”«»„]?[\s\u00a0]*)$",
    re.IGNORECASE,
)


@cache
def _reported_that() -> re.Pattern[str]:
    verbs = [v for v in lexicon.attribution()["cues"]["after_source"] if v.isascii()]
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\s+that[\s\u00a0]+$", re.IGNORECASE)


_DETERMINER = re.compile(r"(?:^|\W)(the|these|those|such|this|that|its|their)[\s\u00a0]+$", re.IGNORECASE)
# The classes of things that are damaged, not fired: property.
OBJECT_CLASSES = ("building", "vehicle", "infrastructure")
# Descriptions that are a family, reported only when no named model is in the phrase.
_GENERIC_MODELS = {"ballistic", "cruise", "anti-radiation", "guided"}


def find_things(sentence: str) -> list[ThingMention]:
    entries = _entries()
    words = []
    for match in lexicon.finditer(_pattern(), sentence):
        entry = entries.get(lexicon.normalise(match.group(0)))
        if entry is not None:
            words.append((match.start(), match.end(), entry))
    runs: list[list[tuple[int, int, _Entry]]] = []
    for word in words:
        if runs and _JOIN.match(sentence[runs[-1][-1][1] : word[0]]):
            runs[-1].append(word)
        else:
            runs.append([word])
    things = []
    for run in runs:
        # A run may hold two things ("drones and missiles" is two runs; "Shahed drones" one).
        for part in _split_at_repeated_heads(run, sentence):
            thing = _thing_from_run(sentence, part)
            if thing is None or thing.weapon in ("missile", "rocket") and _SYSTEM_AFTER.match(sentence, thing.end):
                continue
            if _modifier_of_another_noun().match(sentence, thing.end):
                continue  # "a bomb shelter", "the drone industry": the weapon names another thing
            if things and _owner_of(sentence, things[-1], thing):
                # "склад підприємства", "the building of the hospital": one thing, and whose it is
                owned = things[-1]
                things[-1] = replace(owned, end=thing.end, text=sentence[owned.start : thing.end])
                continue
            things.append(thing)
    return things


# Between a thing and its owner: "of" and an article, or adjectives only in Russian and Ukrainian
_OF_OWNER = re.compile(
    r"[\s\u00a0]+of[\s\u00a0]+(?:(?:the|a|an|its|their)[\s\u00a0]+)?(?:[^\W\d]+(?:['’]s)?[\s\u00a0]+){0,3}?",
    re.IGNORECASE,
)


def _owner_of(sentence: str, thing: ThingMention, after: ThingMention) -> bool:
    """Whether `after` is the owner of `thing` right before it, not a second thing: an object after an
    object, in the genitive in Russian and Ukrainian ("адмінбудівлю підприємства", "цех завода"), after
    "of" in English ("the administrative building of the regional hospital")."""
    if thing.weapon not in OBJECT_CLASSES or after.weapon not in OBJECT_CLASSES:
        return False
    gap = sentence[thing.end : after.start]
    head = after.text.split()[-1]
    if morphology.has_cyrillic(head):
        words = gap.split()
        return (
            _WORDS_ONLY.fullmatch(gap) is not None
            and not any(w.lower() in _CONJUNCTIONS for w in words)
            and all(morphology.is_adjective(w) for w in words)
            and morphology.can_be_genitive(head)
        )
    return _OF_OWNER.fullmatch(sentence, thing.end, after.start) is not None


_WORDS_ONLY = re.compile(r"[\s\u00a0]+(?:[\w'’-]+[\s\u00a0]+)*")
_CONJUNCTIONS = frozenset({"та", "і", "й", "и", "а", "або", "или", "чи", "ни"})


@cache
def _modifier_of_another_noun() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{lexicon.alternatives(lexicon.weapons()['nouns_it_modifies'])})\b", re.IGNORECASE)


# "638 surface-to-air missile systems", "зенитный ракетный комплекс": the launchers, not their missiles.
_SYSTEM_AFTER = re.compile(r"\s+(?:systems?|launchers?|complex(?:es)?|batter(?:y|ies))\b", re.IGNORECASE)


def _names_class(head: str, model: str) -> bool:
    """A model after a noun names it when of its class; Russian and Ukrainian call rocket artillery's
    rockets "ракеты" too ("ракеты «Ольха»")."""
    return model == head or (head, model) == ("missile", "rocket")


def _split_at_repeated_heads(run, sentence: str):
    parts, current, seen_head = [], [], False
    for index, word in enumerate(run):
        entry = word[2]
        head = next((w[2] for w in reversed(current) if w[2].role in ("head", "model_head")), None)
        names_head = [entry] if entry.role == "model" else []
        if entry.role in ("modifier", "system") and index + 1 < len(run) and run[index + 1][2].role == "model":
            names_head = [run[index + 1][2]]  # "снарядов РСЗО HIMARS": a family word, then the model
        if entry.role == "system":
            names_head = names_head or [entry]  # "реактивных снарядов РСЗВ": the launcher of its noun
        if seen_head and head is not None and names_head and _names_class(head.weapon, names_head[0].weapon):
            current.append(word)  # a model after its noun names it ("ракетами Іскандер-М", "БпЛА типу Shahed")
            continue
        # "ударними дронами нафтопереробний завод": a head of another class after a head is a new thing.
        other_head = entry.role == "head" and head is not None and entry.weapon != head.weapon
        # "здание цеха": an object's owner in the genitive after it splits off, to be joined to it as its owner
        owner = (
            entry.role == "head"
            and head is not None
            and head.weapon in OBJECT_CLASSES
            and morphology.can_be_genitive(sentence[word[0] : word[1]].split()[-1])
        )
        other_head = other_head or owner
        if seen_head and (entry.role in ("modifier", "operator", "model", "system") or other_head):
            parts.append(current)
            current, seen_head = [], False
        current.append(word)
        if entry.role in ("head", "model_head"):
            seen_head = True
    if current:
        parts.append(current)
    return parts


def _thing_from_run(sentence: str, run) -> ThingMention | None:
    heads = [e for _, _, e in run if e.role in ("head", "model_head")]
    models = [e for _, _, e in run if e.role in ("model", "model_head") and e.model]
    if not heads and not models:
        # "обстріл з РСЗВ", "MLRS shelling": a launcher named alone stands for its rockets
        heads = [e for _, _, e in run if e.role == "system"][-1:]
    if not heads and not models:
        return None
    # Drop leading modifiers so the phrase starts where the thing does, but keep operators.
    while run and run[0][2].role == "modifier" and not heads and not models:
        run = run[1:]
    weapon = heads[-1].weapon if heads else models[0].weapon
    if weapon == "missile" and models and models[-1].weapon == "rocket":
        weapon = "rocket"  # "ракеты «Ольха»", "ракети «Град»": a rocket artillery's rockets
    named = [m.model for m in models if m.model not in _GENERIC_MODELS and m.weapon == weapon]
    generic = [m.model for m in models if m.model in _GENERIC_MODELS and m.weapon == weapon]
    model = (named or generic or [None])[0]
    if weapon not in ("drone", "missile", "guided_bomb", "rocket", "aircraft"):
        model = None
    origin = next((e.country for _, _, e in run if e.role == "operator"), None)
    operator = next((m.operator for m in models if m.operator and m.weapon == weapon), None)
    start, end = run[0][0], run[-1][1]
    determiner = _DETERMINER.search(sentence[max(0, start - 12) : start])
    if determiner and determiner.group(1).lower() in ("that", "this") and re.search(r"[^s]s$", sentence[start:end]):
        determiner = None  # "reports that Ukrainian drones struck": a conjunction, not "that drone"
    if determiner and determiner.group(1).lower() == "that" and lexicon.search(_reported_that(), sentence, 0, start):
        determiner = None  # "said that drone debris fell": the conjunction after a verb of saying
    # the noun, not a model named after it ("снарядами РСЗВ «Ольха»": shells, how many not said)
    head_start, head_end, _ = next((w for w in reversed(run) if w[2] in heads), run[-1])
    head_text = lexicon.normalise(sentence[head_start:head_end])
    # A mass noun ("port infrastructure", "сільгосптехніка") is no number of things, however it declines.
    # Russian and Ukrainian have no article: a singular noun as subject or object is one thing
    # ("ворожий БпЛА влучив у будинок", "пошкоджено склад").
    head = head_word(head_text)
    return ThingMention(
        is_singular_object=head.lower() not in _mass_nouns()
        and (
            head_text in _singular_objects()
            # "truck driver", "security guard": an English compound is as many as its last noun
            or (not morphology.has_cyrillic(head) and lexicon.normalise(head) in _singular_objects())
            or morphology.is_singular_subject_or_object(head)
            or morphology.is_instrumental_singular(head)  # "поцілив КАБом": struck with one
            # a damaged thing in any case ("пожар на нефтебазе", "удар по підприємству"): one thing
            or (weapon in OBJECT_CLASSES and morphology.grammatical_number(head) == "sing")
            # a noun of either number after a singular adjective ("складське приміщення"): one thing
            or (weapon in OBJECT_CLASSES and _singular_by_adjective(sentence[start:head_end], head))
            # the thing a part belongs to ("кровля жилого дома", "дах складу"): a genitive singular is one
            or (
                weapon in OBJECT_CLASSES and _after_part(sentence, run[-1][0]) and morphology.is_genitive_singular(head)
            )
        ),
        operator=operator,
        is_launcher=run[-1][2].role == "system",
        start=start,
        end=end,
        text=sentence[start:end],
        weapon=weapon,
        model=model,
        origin=origin,
        has_head=bool(heads),
        determiner=determiner.group(1).lower() if determiner else None,
    )


def _singular_by_adjective(phrase: str, head: str) -> bool:
    """A head noun of either number whose adjective right before it is singular."""
    words = phrase.split()
    return (
        len(words) >= 2 and morphology.grammatical_number(head) is None and morphology.is_singular_adjective(words[-2])
    )
