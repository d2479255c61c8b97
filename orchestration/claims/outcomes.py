"""Outcome cues: the verbs and nouns that say what happened to the things counted."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology
from orchestration.claims.numbers import number_words
from orchestration.claims.weapons import OBJECT_CLASSES, find_things


@dataclass(frozen=True)
class OutcomeCue:
    start: int
    end: int
    text: str
    outcome: str
    voice: str  # active, passive, either, noun
    applies_to: tuple[str, ...] | None
    is_negated: bool
    is_non_event: bool  # purpose or future: "to shoot down", "will launch"


@cache
def _cues() -> dict[str, list[tuple[str, str, tuple[str, ...] | None]]]:
    table: dict[str, list[tuple[str, str, tuple[str, ...] | None]]] = {}
    for outcome, groups in lexicon.outcomes()["cues"].items():
        for group in groups:
            applies = tuple(group["applies_to"]) if group.get("applies_to") else None
            for cue in group["cue"]:
                table.setdefault(lexicon.normalise(cue), []).append((outcome, group["voice"], applies))
    # Russian and Ukrainian verbs in every tense, gender and number, and their participles.
    return morphology.expand(table)


@cache
def _pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_cues().keys())


@cache
def _negation_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon.outcomes()["negations"])
    return re.compile(rf"(?<!\w)(?:{words})(?:\s+\w+){{0,3}}\s*$", re.IGNORECASE)


@cache
def _non_event_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon.outcomes()["non_events"], key=len, reverse=True))
    # "might have been fired", "to help intercept", "could soon be able to launch", "may conduct strikes":
    # the auxiliaries and adverbs between the word and the cue
    between = r"be|have|been|try|help|soon|eventually|still|even|also|able\s+to|conduct|carry\s+out|stage|mount"
    return re.compile(rf"(?<!\w)(?:{words})(?:\s+(?:{between})){{0,3}}\s*$", re.IGNORECASE)


# "could soon be able to launch": an ability still to come, not one a report says was used
_ABLE_TO_COME = re.compile(r"\b(?:could|would|will|may|might|can)\s+(?:\w+\s+)?be\s+able\s+to\s*$", re.I)


# "managed to intercept", "are reported to have downed": the "to" of a report, not of a purpose.
_ACHIEVED = re.compile(
    r"(?:managed|able|succeeded|continued|continue|continues|began|started|reported|said|believed|claimed|claims|claim|says|"
    r"understood|known|thought|alleged)\s+to(?:\s+have)?\s*$",
    re.I,
)


_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?<![\w'’])(?:a|an|the|this|that|its|their|his|her)\s+(?:(?:badly|partially|heavily|severely|completely)\s+)?$",
    re.I,
)
# Words after which "fire" is the noun: determiners, sizes, and verbs that take fire as their object
# ("sets fire to a refinery", "caught fire", "opened fire").
_DETERMINED = re.compile(
    r"(?<![\w'’])(?:a|the|large|big|major|massive|huge|small|several|two|three|"
    r"set|sets|setting|caught|catch|catches|catching|opened|open|opening|under)\s+$",
    re.I,
)
_ATTRIBUTIVE_AFTER = re.compile(r"[\s\u00a0]+(?!(?:by|in|on|at|as|after|during|when|over|from|and|or|to|with)\b)[a-z]")


_NONE_AFTER = re.compile(
    r"(?:\s+(?:и|і|та|й)\s+\w+)?\s+"
    r"(?:нет|немає|не было|не було|не выявлено|не виявлено|не зафиксировано|не зафіксовано)\b",
    re.I,
)
# "Пострадавших среди жителей, по предварительной информации, тоже нет": the "none" closes the clause
# of a casualty noun in the genitive plural, with no figure or other casualty word between.
_NONE_CLOSING = re.compile(
    r"(?:(?!погиб|пострада|ранен|загин|постражд|поранен)[^.;:!?\d]){0,70}?\s(?:тоже\s+|также\s+|теж\s+|також\s+)?"
    r"(?:нет|немає|не было|не було|не выявлено|не виявлено)(?![\w])",
    re.I,
)
_CASUALTY_GENITIVE = re.compile(r"(?:пострадавш|погибш|ранен|постраждал|загибл|поранен)\w*(?:их|ых)$", re.I)
# A verb of suffering, which people and property alike do ("постраждали", "пострадало").
_SUFFERED = re.compile(r"(?:постраждал|пострадал)[аио]?", re.I)


def _property_follows(text: str, end: int, between: re.Pattern[str], reach: int) -> bool:
    """Whether the thing named right after `end` (with only `between` before it) is property, not
    people."""
    following = find_things(text[end : end + reach])
    if not following or following[0].weapon not in OBJECT_CLASSES:
        return False
    return between.fullmatch(text[end : end + following[0].start]) is not None


_NOTHING = re.compile(r"\s*")
# What suffered may come after a figure or a qualifier ("постраждало понад 10 багатоповерхівок").
_QUALIFIED_FIGURE = re.compile(
    r"\s*(?:(?:понад|більше|більш\s+ніж|щонайменше|более|свыше|не\s+менее|около|близько)\s+)?(?:\d+|\w+)?\s*", re.I
)
_ATTEMPTED = re.compile(r"(?:attempted|tried|attempting|trying|attempts|tries)\s+to\s*$", re.I)


_QUOTES = re.compile(r"[\"“”«»„]")
# A Russian or Ukrainian participle of damage in an oblique case describes a thing damaged before
# ("жителей поврежденного дома", "з пошкодженим житлом", "мешканців зруйнованого будинку").
_RUSSIAN_DAMAGE_STEMS = r"поврежденн|повреждённ|разрушенн"
_DAMAGE_STEMS = rf"{_RUSSIAN_DAMAGE_STEMS}|пошкоджен|зруйнован"
_OBLIQUE_PARTICIPLE = re.compile(
    rf"(?:{_DAMAGE_STEMS}|уничтоженн|знищен)"
    r"(?:ого|ому|ым|ыми|ой|ою|ую|ом|им|ім|ими|ої|ій)",  # not the genitive plural: "число поврежденных домов"
    re.I,
)
# Inside a prepositional phrase any case form of it does the same ("из поврежденных домов отселены",
# "про пошкоджене житло повідомляйте"); a preposition of amount ("до", "понад") leaves a count.
_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?:из|с|со|у|в|во|на|для|от|возле|около|о|об|про|з|із|зі|від|біля|поблизу|по)\s+$", re.I
)
_DAMAGE_PARTICIPLE = re.compile(rf"(?:{_DAMAGE_STEMS})\w*", re.I)
_RUSSIAN_FULL_PARTICIPLE = re.compile(rf"(?:{_RUSSIAN_DAMAGE_STEMS})(?:ый|ая|ое|ые|ых|ого|ому|ой|ую|ым|ыми|ом)", re.I)


@cache
def _counted_before() -> re.Pattern[str]:
    tally = lexicon.outcome_phrases("tally_heads").pattern
    return re.compile(rf"(?:\d|(?<![\w])(?:{lexicon.alternatives(number_words())})|{tally})\s*$", re.I)


# Determiners that refer back to a thing told before ("the missile", "this house"); before a
# participle of casualty and a person ("the injured child") they tell of someone counted before.
REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_REFERRING_BEFORE = re.compile(rf"(?<![\w'’])(?:{'|'.join(sorted(REFERRING_DETERMINERS))})\s+$", re.I)


def _person_named_before(sentence: str, match: re.Match[str]) -> bool:
    if not re.fullmatch(r"[a-z]+(?:ed|en)", match.group(0), re.I):
        return False
    if not _REFERRING_BEFORE.search(sentence, max(0, match.start() - 8), match.start()):
        return False
    following = find_things(sentence[match.end() : match.end() + 30])
    return (
        bool(following)
        and following[0].weapon == "person"
        and not sentence[match.end() : match.end() + following[0].start].strip()
    )


# "did not say whether any drones had hit": a question, not a report.
_WHETHER_BEFORE = re.compile(r"\b(?:whether|if)\b[^,.;:]{0,40}$", re.I)


def find_outcomes(sentence: str) -> list[OutcomeCue]:
    found = []
    # 'were "lost" due to electronic warfare': quotation marks around a cue do not change it.
    unquoted = _QUOTES.sub(" ", sentence)
    for match in _pattern().finditer(unquoted):
        lead = max(0, match.start() - 40)
        before = sentence[lead : match.start()]
        negated = bool(lexicon.search_slice(_negation_pattern(), sentence, lead, match.start())) and not re.search(
            r"no\s+sooner", before, re.I
        )
        # "погибших и пострадавших нет": in Russian and Ukrainian the "none" may follow the noun.
        negated = negated or bool(_NONE_AFTER.match(unquoted, match.end()))
        if _CASUALTY_GENITIVE.search(match.group(0)):
            negated = negated or bool(_NONE_CLOSING.match(unquoted, match.end()))
            # "пострадавших домовладений": a participle describing property, no person hurt
            if _property_follows(unquoted, match.end(), _NOTHING, 40):
                continue
        non_event = bool(lexicon.search_slice(_non_event_pattern(), sentence, lead, match.start())) and (
            not _ACHIEVED.search(before) or bool(_ABLE_TO_COME.search(before))
        )
        non_event = non_event or bool(lexicon.search_slice(_WHETHER_BEFORE, sentence, lead, match.start()))
        # "at a damaged apartment block": a participle of damage used as an adjective
        # presupposes what happened (a caption, a later mention); it tells nothing new.
        attributive = (
            bool(re.fullmatch(r"[a-z]+(?:ed|en)", match.group(0), re.I))
            and bool(_ATTRIBUTIVE_BEFORE.search(before))
            and bool(_ATTRIBUTIVE_AFTER.match(unquoted, match.end()))
        ) or bool(_OBLIQUE_PARTICIPLE.fullmatch(match.group(0)))
        attributive = attributive or (
            bool(_DAMAGE_PARTICIPLE.fullmatch(match.group(0))) and bool(_PREPOSITION_BEFORE.search(before))
        )
        # A Russian full participle is an adjective, never the predicate ("обследуют поврежденное
        # жилье"; the report says "повреждено жилье"). Ukrainian uses full forms as predicates.
        # A figure or a tally before it counts the things damaged ("12 поврежденных домов", "число
        # разрушенных квартир").
        attributive = attributive or (
            bool(_RUSSIAN_FULL_PARTICIPLE.fullmatch(match.group(0))) and not _counted_before().search(before)
        )
        if match.group(0).lower() in lexicon.outcomes()["noun_homographs"] and _DETERMINED.search(before):
            continue  # "a fire", "the fires": the noun, not the verb "fire"
        # "attempted to attack Kursk with 12 drones": the attack was stopped, the drones were sent.
        attempted_strike = bool(_ATTEMPTED.search(before)) and bool(re.match(r"attack|strike", match.group(0), re.I))
        readings = _cues()[lexicon.normalise(match.group(0))]
        if _SUFFERED.fullmatch(match.group(0)) and _property_follows(unquoted, match.end(), _QUALIFIED_FIGURE, 60):
            # "постраждало понад 10 багатоповерхівок", "пострадали два дома": property suffered, damaged
            readings = [("damaged", "either", OBJECT_CLASSES)]
        for outcome, voice, applies in readings:
            presupposed = (attributive and outcome == "damaged") or (
                outcome in ("injured", "killed") and _person_named_before(sentence, match)
            )
            if attempted_strike and outcome in ("hit", "launched"):
                outcome, non_event = "launched", False
            found.append(
                OutcomeCue(
                    match.start(),
                    match.end(),
                    match.group(0),
                    outcome,
                    voice,
                    applies,
                    negated,
                    non_event or presupposed,
                )
            )
    for match in _injury_received().finditer(unquoted):
        if any(c.start <= match.start() < c.end or match.start() <= c.start < match.end() for c in found):
            continue  # a listed cue ("получил ранения") already tells it
        before = sentence[max(0, match.start() - 40) : match.start()]
        negated = bool(lexicon.search(_negation_pattern(), before))
        cue = OutcomeCue(match.start(), match.end(), match.group(0), "injured", "either", None, negated, False)
        found.append(cue)
    for match in _SET_ON_FIRE.finditer(sentence):
        # "debris set 11 cars on fire": the verb and its particle around the object burned
        cue = OutcomeCue(match.start(), match.end(), match.group(0), "damaged", "active", OBJECT_CLASSES, False, False)
        found.append(cue)
    return found


@cache
def _injury_received() -> re.Pattern[str]:
    """A verb of receiving and a noun of injury, up to two describing words between, either order."""
    words = lexicon.outcomes()["injury_received"]
    verbs = "|".join(re.escape(w) for w in words["verbs"])
    latin = "|".join(re.escape(w) for w in words["nouns"] if not morphology.has_cyrillic(w))
    stems = "|".join(re.escape(w) for w in words["nouns"] if morphology.has_cyrillic(w))
    noun = rf"(?:(?:{latin})(?![\w])|(?:{stems})\w*)"
    between = r"(?:\s+(?!and\b|и\b|і\b|та\b)[\w'’-]+){0,2}?\s+"
    return re.compile(rf"(?<![\w])(?:(?:{verbs}){between}{noun}|{noun}{between}(?:{verbs}))(?![\w])", re.I)


# "set 11 cars on fire", "set a warehouse ablaze": a split verb of burning, its object between
_SET_ON_FIRE = re.compile(r"\bset(?:ting)?(?=\s+(?:[\w'’-]+\s+){1,5}(?:on\s+fire|ablaze|alight)\b)", re.IGNORECASE)
