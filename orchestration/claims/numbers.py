"""Counts: digits with separators, number words, qualifiers ("at least"), ranges, vague amounts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology


@dataclass(frozen=True)
class CountMention:
    start: int
    end: int
    text: str
    value: int | None  # None for vague amounts ("dozens of")
    qualifier: str  # exact, at_least, more_than, approximately, up_to, unspecified
    is_article: bool = False  # "a"/"an": a count only when a singular thing follows


_DIGITS = r"\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009| )\d{3})+(?![\d])|\d+"
# A decimal fraction ("1.5", "3.14159") is one number, never two counts; it is a count only when a
# scale makes it whole ("1.5 thousand" -> 1500).
_DECIMAL = r"\d+\.\d+(?!\d)"
# Counts are whole numbers of things. MAX_COUNT (documented in docs/conventions.md) is the largest a
# single claim may carry: the extractor reports what the text says, and the warehouse keeps a
# larger figure as a rejected claim with its reason (raw.claim_rejects), never as a count.
MAX_COUNT = 10_000_000
# Longer digit strings are no count of anything (and Python refuses int() past 4,300 digits).
MAX_DIGITS = 30
# Not a count: a digit after a minus sign (ASCII, Unicode "−"), a caret ("10^9") or inside a decimal.
_NOT_BEFORE = r"(?<![\w\-\u2212^])(?<!\d\.)"
_NOT_AFTER = r"(?![\w^])(?!\.\d)"


@cache
def _word_values() -> dict[str, int]:
    """Every number word and its value; Cyrillic ones in every case (numbers.yml lists each once,
    the morphology declines it: "один" gives "одному", "двадцять" gives "двадцятьма")."""
    data = lexicon.numbers()
    values = {k.lower(): v for k, v in (*data["units"].items(), *data["tens"].items())}
    declined = {k: v for k, v in values.items() if k not in data["not_declined"]}
    return {**morphology.expand(declined, generate=morphology.numeral_forms, key=str.lower), **values}


@cache
def number_words() -> tuple[str, ...]:
    """Numbers written as words ("seven", "семью"), longest first; not the articles "a" and "an"."""
    return tuple(sorted((w for w in _word_values() if w not in ("a", "an")), key=len, reverse=True))


@cache
def _number_pattern() -> re.Pattern[str]:
    data = lexicon.numbers()
    word_alt = lexicon.alternatives(number_words())
    scale_alt = "|".join(data["scales"])
    word_number = (
        rf"(?:{word_alt})(?:[\s-]+(?:{word_alt}))*"
        rf"(?:\s+(?:{scale_alt})(?:\s+(?:and\s+)?(?:{word_alt})(?:[\s-]+(?:{word_alt}))?)?)?"
    )
    scaled = rf"(?:\s+(?:{scale_alt}))?"
    number = rf"{_DECIMAL}{scaled}|(?:{_DIGITS}){scaled}|{word_number}|(?:a|one)\s+(?:{scale_alt})"
    qualifier_phrases = [p for ps in data["qualifiers"].values() for p in ps]
    qualifier_alt = lexicon.alternatives(sorted(qualifier_phrases, key=len, reverse=True))
    range_tail = r"(?:\s*(?:-|–|—|to|or)\s*(?P<high>" + number + r"))?"
    between = rf"between\s+(?P<blow>{number})\s+and\s+(?P<bhigh>{number})"
    return lexicon.guarded(re.compile(
        rf"{_NOT_BEFORE}(?:(?P<qual>{qualifier_alt})\s+)?(?:{between}|(?P<num>{number}){range_tail}){_NOT_AFTER}",
        re.IGNORECASE,
    ))  # fmt: skip


@cache
def _article_pattern() -> re.Pattern[str]:
    words = sorted(lexicon.numbers()["article_words"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return lexicon.guarded(
        re.compile(rf"(?<![\w-])(?:(?P<qual>all|only|just)\s+)?(?P<art>{alternatives})(?![\w-])", re.IGNORECASE)
    )


@cache
def _measure_pattern() -> re.Pattern[str]:
    units = sorted(lexicon.numbers()["measure_units"], key=len, reverse=True)
    # Matched at a position (pattern.match(text, pos)), so no slice of the sentence is copied.
    return re.compile(r"\s?(?:" + "|".join(re.escape(u) for u in units) + r")(?![a-z])", re.IGNORECASE)


@cache
def _measure_before_pattern() -> re.Pattern[str]:
    words = lexicon.alternatives(sorted(lexicon.numbers()["measure_before"], key=len, reverse=True))
    # "aged 58 and 63": the later ages of the list too
    return re.compile(rf"(?<![\w])(?:{words})(?:\s+\d+(?:\s*,\s*\d+)*\s+(?:and|і|и|та))?\s+$", re.IGNORECASE)


# Part of a name: "Shahed-136/131", "Su-34". Searched in the few characters before a number only.
_NAME_PART_BEFORE = re.compile(r"[\w][/-]$")


@cache
def _vague_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.numbers()["vague"])


@cache
def _qualifier_of() -> dict[str, str]:
    return {lexicon.normalise(p): q for q, ps in lexicon.numbers()["qualifiers"].items() for p in ps}


@lru_cache(maxsize=1 << 14)  # pure in its text: the same figures and number words recur article after article
def parse_number(text: str) -> int | None:
    """'1,300' -> 1300, 'twenty-seven' -> 27, 'one hundred and twenty' -> 120, 'a dozen' -> 12,
    '1.5 thousand' -> 1500. None when the text is no whole number ('1.5', '−5', '10^9') or has more
    than MAX_DIGITS digits. The value may exceed MAX_COUNT: the caller decides what that means."""
    cleaned = lexicon.normalise(text)
    digits = re.sub(r"[,\s\u202f\u2009]", "", cleaned)
    scales = lexicon.numbers()["scales"]
    if re.fullmatch(r"\d+", digits):
        return int(digits) if len(digits) <= MAX_DIGITS else None
    match = re.fullmatch(r"(\d+)\.(\d+)\s+(" + "|".join(scales) + ")", cleaned)
    if match:
        whole, fraction, scale = match.group(1), match.group(2), scales[match.group(3)]
        if len(whole) + len(fraction) > MAX_DIGITS:
            return None
        value = int(whole + fraction) * scale
        return value // 10 ** len(fraction) if value % 10 ** len(fraction) == 0 else None
    unscaled = re.sub(r"\s+(?:" + "|".join(scales) + r")$", "", cleaned)
    if re.search(r"\d", unscaled) and not re.fullmatch(r"[\d,\s]+", unscaled):
        return None  # digits beside anything but group separators: "1.5", "−5", "10^9"
    match = re.fullmatch(r"([\d,\s]+)\s+(" + "|".join(scales) + ")", cleaned)
    if match:
        number = re.sub(r"\D", "", match.group(1))
        return int(number) * scales[match.group(2)] if len(number) <= MAX_DIGITS else None
    words = _word_values()
    if cleaned in words:
        return words[cleaned]
    total, current = 0, 0
    for token in re.split(r"[\s-]+", cleaned.replace(" and ", " ")):
        if token in ("a", "an"):
            current = max(current, 1)
        elif token in scales:
            current = max(current, 1) * scales[token]
            if scales[token] >= 1000:
                total, current = total + current, 0
        elif token in words:
            current += words[token]
        elif token:
            return None
    value = total + current
    return value or None


_YEAR = re.compile(r"(19|20)\d\d")
# A clock time's parts: the minutes after "08:", the hour before ":20".
_MINUTE_BEFORE = re.compile(r"\d:$")
_HOUR_AFTER = re.compile(r":\d\d(?!\d)")
_AGE_BEFORE = re.compile(
    r"(?<![\w])(?:(?:man|woman|men|women|boy|girl|person|resident|pensioner|child)\s+of|aged|age)\s+$", re.I
)
# Matched at a position, after a number: "one of the largest", "одна из крупнейших", "одна з наймасованіших".
_ONE_OF_SUPERLATIVE = re.compile(
    r"\s+(?:of|из|з|із)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|самых\s+|найбільш\w*\s+)?"
    r"(?:(?!west\b)\w+est|most|крупнейш\w+|масштабнейш\w+|мощнейш\w+|наймасованіш\w+|найбільш\w+|наймасштабніш\w+)\b",
    re.I,
)


_AVERAGE_BEFORE = re.compile(
    r"(?<![\w])(?:an\s+average\s+of|on\s+average(?:\s+of)?|average\s+of|averaging|в\s+среднем(?:\s+по)?|"
    r"в\s+середньому|у\s+середньому|в\s+середнем|ежесуточно|ежедневно|еженощно|щодня|щоночі|щодоби)"
    r",?\s+(?:[\w,]+\s+){0,5}$",
    re.IGNORECASE,
)


def _qualifier(match: re.Match[str]) -> str:
    """The qualifier a number's own words give it ("about", "more than"), else exact."""
    qualifier = match.group("qual")
    return _qualifier_of().get(lexicon.normalise(qualifier), "exact") if qualifier else "exact"


def find_counts(sentence: str) -> list[CountMention]:
    """Every count expression in the sentence, left to right, not overlapping."""
    found: list[CountMention] = []
    taken: list[tuple[int, int]] = []
    for match in lexicon.finditer(_number_pattern(), sentence):
        low_text = match.group("num") or match.group("blow")
        value = parse_number(low_text)
        if value is None:
            continue
        # A four-digit year is not a count ("in 2024"), nor is a measure ("a 58-year-old man").
        if _YEAR.fullmatch(low_text) and not match.group("qual"):
            continue
        if _measure_pattern().match(sentence, match.end()):
            continue
        if lexicon.search(_measure_before_pattern(), sentence, max(0, match.start() - 24), match.start()):
            continue  # "cuts power to 30,000": people supplied, not things counted
        if _NAME_PART_BEFORE.search(sentence, max(0, match.start() - 3), match.start()):
            continue  # part of a name: "Shahed-136/131", "Su-34"
        if _MINUTE_BEFORE.search(sentence, max(0, match.start() - 3), match.start()) or _HOUR_AFTER.match(
            sentence, match.end()
        ):
            continue  # "08:20 На Житомирщині ...": a clock time, not a count
        if _AGE_BEFORE.search(sentence, max(0, match.start() - 30), match.start()):
            continue  # "the driver, a man of 46", "aged 63": an age
        if _ONE_OF_SUPERLATIVE.match(sentence, match.end()):
            continue  # "one of its largest drone raids": a ranking, not a number of things
        if _AVERAGE_BEFORE.search(sentence, max(0, match.start() - 60), match.start()):
            continue  # "an average of 180 drones per night": a rate, not things of one event
        qualifier = _qualifier(match)
        if match.group("high") or match.group("bhigh"):
            qualifier = "at_least"  # a range reports at least its lower bound
        found.append(CountMention(match.start(), match.end(), match.group(0), value, qualifier))
        taken.append((match.start(), match.end()))
    for match in lexicon.finditer(_vague_pattern(), sentence):
        if _overlaps(match.start(), match.end(), taken):
            continue
        found.append(CountMention(match.start(), match.end(), match.group(0), None, "unspecified"))
        taken.append((match.start(), match.end()))
    for match in lexicon.finditer(_article_pattern(), sentence):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if any(0 < start - match.end() <= 2 for start, _ in taken):
            continue  # "another 34 were injured": the number after it is the count
        qualifier = "exact"
        found.append(CountMention(match.start(), match.end(), match.group(0), 1, qualifier, is_article=True))
    found.sort(key=lambda c: c.start)
    return found


# "14 times", "11 раз", "23 рази", "38 разів": how often something happened, not how many things.
_REPETITION_AFTER = re.compile(r"[\s\u00a0]+(?:times|раз|раза|рази|разів)(?![\w])", re.IGNORECASE)


@cache
def _repetition_word() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.numbers()["repetition_words"])


def find_repetitions(sentence: str) -> list[CountMention]:
    """Counts of times ("attacked the district with drones 14 times", "11 раз атаковал"), which
    `find_counts` leaves out as measures."""
    found: list[CountMention] = []
    for match in lexicon.finditer(_repetition_word(), sentence):
        value = lexicon.numbers()["repetition_words"][match.group(0).lower()]
        found.append(CountMention(match.start(), match.end(), match.group(0), value, "exact"))
    if not _REPETITION_AFTER.search(sentence):
        return found  # most sentences tell no times: skip the number pattern
    for match in lexicon.finditer(_number_pattern(), sentence):
        if match.group("high") or match.group("bhigh") or not _REPETITION_AFTER.match(sentence, match.end()):
            continue
        value = parse_number(match.group("num"))
        if value is None:
            continue
        found.append(CountMention(match.start(), match.end(), match.group(0), value, _qualifier(match)))
    return sorted(found, key=lambda c: c.start)  # "twice" and "14 times" in the order written


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
