"""Time words: find the time expressions in a sentence and resolve them to a period of dates.

`find_time_mentions(sentence, published)` returns every time expression, left to right, never
overlapping (where two candidates overlap the longer wins), with its text as written, its
offsets into the sentence, and its period resolved against the published date P.
`resolve_period(time_text, published)` resolves a phrase on its own.

Word lists (weekdays, months in English, Russian and Ukrainian, relative phrases and their
rule) live in `data/time_words.yml`; the grammar that combines them is below.

Rules (docs/conventions.md, "Time", plus the choices made where it is silent):
- No published date: every period is (None, None); mentions are still found.
- overnight, last night, tonight, during the night, early morning: P-1 .. P.
  past/last 24 hours, in less than 24 hours, over the past day, за сутки: P-1 .. P.
  "past N hours": P - ceil(N/24) .. P; "past N days": P-N .. P; "past N weeks": P-7N .. P;
  "past month/year": the same day a month/year before P .. P.
- today, this morning/evening: P .. P. yesterday, last evening, накануне: P-1 .. P-1.
- A weekday: the latest such day on or before P. "last Monday": the latest strictly before P.
  "next Monday", "tomorrow", "next week": found, period null (a claim is about the past).
- "Sunday night", "the night of Sunday", "the night of October 24": day .. day+1.
  "overnight into/on Sunday", "в ночь на 25 октября": day-1 .. day.
  "Sunday evening", "late on Saturday", "early on Monday morning",
  "the early morning hours of October 25": day .. day.
- A date without a year: P's year, or the year before if it would fall after P. A range
  ("24-25 October", "from 30 September to 2 October", "the night of 24 to 25 October") takes
  its year from its start date. A date with a year after P: period null.
- "in August", "в августе", "in early August": the whole month (P's year, or the year before
  if the month starts after P). "August 2024": that month. "in 2023": that year.
  "since August", "since October 10", "since 2022": its first day .. P.
- this week: Monday of P's week .. P. last week: the Monday .. Sunday before P's week.
  past week, past seven days: P-7 .. P. this month, since the start of the month: 1st .. P.
  last month: the previous calendar month. this year: 1 January .. P. last year: the
  previous calendar year.
- over the weekend / this weekend / last weekend: the latest Saturday on or before P .. the
  Sunday after it (clipped to P: on a Saturday, P .. P).
- Clock ranges ("between 8 p.m. and 4:20 a.m. Moscow time", "from 20:00 to 07:00"): P-1 .. P
  when they cross midnight, else P .. P; "midnight" ends a day, it does not cross it. With
  dates ("between 23:00 on October 24 and 06:00 on October 25"): the dates.
- Relative to another event ("on the same day", "earlier that day", "recently", "in recent
  days", "since the start of the war"): found, period null.
- "and" joins a range only after "between" ("between October 20 and 22": 20 .. 22);
  "on Saturday and Sunday" is two mentions. "Monday, Oct. 21" is one mention: the date.
- A bare month is not a mention ("August"); it needs a lead or a year ("in August",
  "August 2024"). Lower-case "may" and "march" are never months.
- Text: a leading "on" (or "в"/"у" before a weekday) is left out ("Monday", "October 25"), as
  in the gold files; other prepositions that belong to the phrase are kept ("in the past
  week", "over the past 24 hours", "during the night of October 24", "в ночь на 25 октября").
- Always: period_end is clipped to P, and a period that would start after P or end before it
  starts is (None, None).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon

DATA_FILE = Path(__file__).parent / "data" / "time_words.yml"

Period = tuple[date | None, date | None]
NO_PERIOD: Period = (None, None)


@dataclass(frozen=True)
class TimeMention:
    text: str  # the time words as written, e.g. "overnight", "the night of 24 to 25 October"
    start: int  # offset into the sentence string passed in
    end: int
    period_start: date | None
    period_end: date | None


# --------------------------------------------------------------------------------------------
# Phrase syntax of the data file -> regex


def _word_re(word: str) -> str:
    out = []
    for ch in word:
        if ch in "'’ʼ":
            out.append("['’ʼ]")
        elif ch == "-":
            out.append(r"[-‐–\s]?")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternatives(words: list[str]) -> str:
    return _literal_alternatives([(w, _spellings(w)) for w in sorted(words, key=len, reverse=True)])


def _spellings(word: str) -> list[str]:
    """The literal texts `_word_re(word)` matches, or [] when a hyphen or space makes them many."""
    if "-" in word or " " in word:
        return []
    spellings = [""]
    for ch in word:
        spellings = [s + c for s in spellings for c in ("'’ʼ" if ch in "'’ʼ" else ch)]
    return spellings


def _literal_alternatives(words: list[tuple[str, list[str]]], whole_words: bool = False) -> str:
    """The alternation of (word, its spellings) in order, as a trie when every word is literal."""
    end = r"(?!\w)" if whole_words else ""
    if not all(spellings for _, spellings in words):
        return "(?:" + "|".join(_word_re(w) for w, _ in words) + ")" + end
    return lexicon.alternatives([s for _, spellings in words for s in spellings], re.I, whole_words)


def _phrase_re(phrase: str) -> str:
    """'[in|over] [the] {past|last} week' -> a regex (no outer word boundaries)."""
    tokens = re.findall(r"\[[^\]]*\]|\{[^}]*\}|\S+", phrase)
    parts: list[str] = []
    seen_required = False
    for tok in tokens:
        optional = tok.startswith("[")
        body = _alternatives(tok[1:-1].split("|")) if tok[0] in "[{" else _word_re(tok)
        if optional and not seen_required:
            parts.append(rf"(?:{body}\s+)?")
        elif optional:
            parts.append(rf"(?:\s+{body})?")
        else:
            parts.append(body if not seen_required else rf"\s+{body}")
            seen_required = True
    if not seen_required:
        raise ValueError(f"time_words.yml: phrase {phrase!r} has no required word")
    return "".join(parts)


def _any_phrase(phrases: list[str]) -> str:
    return "(?:" + "|".join(_phrase_re(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("ʼ", "'")).strip().lower()


# --------------------------------------------------------------------------------------------
# Date arithmetic


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + (d.month - 1) + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _latest_weekday(p: date, weekday: int, strict: bool = False) -> date:
    back = (p.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return p - _days(back)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, p: date) -> int:
    """P's year, or the year before when the day would fall after P."""
    candidate = _safe_date(p.year, m, d)
    if candidate is None:  # 29 February: the latest leap year not after P
        y = p.year if (m, d) <= (p.month, p.day) else p.year - 1
        while not calendar.isleap(y):
            y -= 1
        return y
    return p.year if candidate <= p else p.year - 1


def _finish(start: date | None, end: date | None, p: date | None) -> Period:
    if p is None or start is None or end is None or start > p:
        return NO_PERIOD
    end = min(end, p)
    return (start, end) if start <= end else NO_PERIOD


def _rule_period(rule: str, p: date) -> Period:
    if rule in ("night", "past_day"):
        return p - _days(1), p
    if rule == "today":
        return p, p
    if rule == "yesterday":
        return p - _days(1), p - _days(1)
    if rule == "this_week":
        return p - _days(p.weekday()), p
    if rule == "last_week":
        monday = p - _days(p.weekday() + 7)
        return monday, monday + _days(6)
    if rule == "past_week":
        return p - _days(7), p
    if rule == "this_month":
        return p.replace(day=1), p
    if rule == "last_month":
        first = _shift_months(p.replace(day=1), -1)
        return first, _month_end(first.year, first.month)
    if rule == "past_month":
        return _shift_months(p, -1), p
    if rule == "this_year":
        return date(p.year, 1, 1), p
    if rule == "last_year":
        return date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)
    if rule == "past_year":
        return _shift_months(p, -12), p
    if rule == "weekend":
        saturday = _latest_weekday(p, 5)
        return saturday, saturday + _days(1)
    if rule in ("none", "future"):
        return NO_PERIOD
    raise ValueError(f"time_words.yml: unknown rule {rule!r}")


# --------------------------------------------------------------------------------------------
# The grammar


_ORD = r"(?:st|nd|rd|th)?"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)" + _ORD
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DASH = r"\s*[-‐–—]\s*"
_END = r"(?!\w)"
_START = r"(?<!\w)"
_MONTH_GROUPS = ("m1", "m2", "rm", "qm", "mm", "sm")
_DAY_GROUPS = ("day", "rs", "re", "sd")
_ON = re.compile(r"^\s*on\s+", re.I)


class _Grammar:
    def __init__(self, data: dict) -> None:
        self.data = data
        # Lexicons
        self.month_of: dict[str, int] = {}
        month_words: list[tuple[str, list[str]]] = []  # (regex, the texts it matches)
        for entry in data["months"]:
            for form in entry["forms"]:
                self.month_of[_norm(form)] = entry["month"]
                month_words.append((_word_re(form), _spellings(form)))
            for abbr in entry.get("abbreviations") or []:
                self.month_of[_norm(abbr)] = entry["month"]
                spellings = _spellings(abbr)
                month_words.append((_word_re(abbr) + r"\.?", [s + "." for s in spellings] + spellings))
        self.capitalised_only = {_norm(w) for w in data.get("capitalised_only") or []}
        self.weekday_of: dict[str, int] = {}
        for entry in data["weekdays"]:
            for form in entry["forms"]:
                self.weekday_of[_norm(form)] = entry["weekday"]
        self.day_word_back: dict[str, int] = {}
        for entry in data["day_words"]:
            for form in entry["forms"]:
                self.day_word_back[_norm(form)] = entry["days_before"]
        self.modifier_of: dict[str, str] = {}
        for kind, words in data["weekday_modifiers"].items():
            for w in words:
                self.modifier_of[_norm(w)] = kind
        self.unit_of: dict[str, str] = {}
        for unit, words in data["units"].items():
            for w in words:
                self.unit_of[_norm(w)] = unit
        self.number_of = {_norm(str(k)): int(v) for k, v in data["numbers"].items()}
        self.rolling_modifiers = [_norm(w) for w in data["rolling"]["modifiers"]]
        self.midnight = {_norm(w) for w in data["clock_words"]["midnight"]}
        self.parts_of_day = {_norm(w) for w in data["parts_of_day"]}
        self.noon = {_norm(w) for w in data["clock_words"]["noon"]}

        month_words.sort(key=lambda word: len(word[0]), reverse=True)
        if all(spellings for _, spellings in month_words):
            month = lexicon.alternatives([s for _, spellings in month_words for s in spellings], re.I, True)
        else:
            month = "(?:" + "|".join(regex for regex, _ in month_words) + r")(?!\w)"
        self.month_re = month
        year_words = "(?:" + "|".join(_word_re(w) for w in data["year_words"]) + ")"
        year_tail = rf"(?:\s+{year_words}(?!\w))?"
        weekday = _alternatives(list(self.weekday_of)) + _END
        modifier = _alternatives(list(self.modifier_of))
        day_word = _alternatives([f for e in data["day_words"] for f in e["forms"]]) + _END

        # One date, in every form (non-capturing; parsed again by _parse_date).
        self.date_forms = [
            rf"(?P<iy>{_YEAR})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d)",
            rf"(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>{_YEAR})",
            rf"(?P<m1>{month})\s*(?P<d1>{_DAYNUM})(?:,?\s+(?P<y1>{_YEAR}))?",
            rf"(?:the\s+)?(?P<d2>{_DAYNUM})\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{_YEAR}){year_tail})?",
        ]
        self.date_parse_re = re.compile("|".join(f"(?:{f})" for f in self.date_forms), re.I)
        date_nc = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", f) for f in self.date_forms) + ")"

        # A day: a date, a weekday (with its modifier) or a day word.
        day = rf"(?:(?:{weekday},?\s+)?{date_nc}|(?:{modifier}\s+)?{weekday}|{day_word})"
        self.leading_weekday = re.compile(rf"^\s*{weekday},?\s+(?=\S)", re.I)
        self.day_re = day

        def day_range(joiners: str) -> str:
            """A range of days: "24-25 October", "October 24 to 25", "30 September to 2 October"."""
            return (
                rf"(?:(?P<ra>{_DAYNUM}){joiners}(?P<rb>{_DAYNUM})\s+(?:of\s+)?(?P<rm>{month})"
                rf"(?:,?\s+(?P<ry>{_YEAR}){year_tail})?"
                rf"|(?P<qm>{month})\s*(?P<qa>{_DAYNUM}){joiners}(?P<qb>{_DAYNUM})(?:,?\s+(?P<qy>{_YEAR}))?"
                rf"|(?P<rs>{date_nc}|{weekday}){joiners}(?P<re>{date_nc}|{weekday}))"
            )

        joiners = r"(?:" + _DASH + r"|\s+" + _alternatives(data["range_joiners"]) + r"\s+)"
        between = _any_phrase(data["between"]["leads"])
        between_joiner = r"\s+" + _alternatives(data["between"]["joiners"]) + r"\s+"

        leads = data["day_leads"]
        tails = data["day_tails"]
        night_of = _any_phrase(leads["night_of"])
        night_into = _any_phrase(leads["night_into"])
        part_lead = _any_phrase(leads["part_of_day"])
        night_tail = _any_phrase(tails["night"])
        part_tail = _any_phrase(tails["part_of_day"])
        range_lead = _any_phrase(data["range_leads"])
        since = _any_phrase(data["since"])
        month_lead = _any_phrase(data["month_leads"])
        month_part = _any_phrase(data["month_parts"])

        # Clock times.
        clock_words = _alternatives(sorted(self.midnight | self.noon))
        ampm = r"[ap]\.?\s?m\.?(?!\w)"
        clock = (
            rf"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*{ampm})?(?!\d)"
            rf"|(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*{ampm}|{clock_words}{_END})"
        )
        zone = r"\(?" + _any_phrase(data["time_zones"]) + r"\)?"
        on_day = rf"(?:\s+(?:on\s+)?(?:{date_nc}))"
        clock_joiner = rf"(?:{joiners}|{between_joiner})"
        time_range = (
            rf"(?:{range_lead}\s+)?(?P<t1>{clock})(?:\s+{zone})?(?P<td1>{on_day})?"
            rf"{clock_joiner}(?P<t2>{clock})(?:\s+{zone})?(?P<td2>{on_day})?(?:\s+{zone})?"
        )

        numbers = _alternatives(list(self.number_of))
        units = _alternatives(list(self.unit_of)) + _END
        roll_lead = _any_phrase(data["rolling"]["leads"])
        roll_mod = _alternatives(data["rolling"]["modifiers"])
        less_than = _any_phrase(data["rolling"]["less_than"])
        rolling = (
            rf"(?:(?:{roll_lead})\s+)?(?P<the>the\s+)?(?P<mod>{roll_mod})\s+"
            rf"(?:(?P<n>\d{{1,3}}|{numbers})\s+)?(?P<unit>{units})"
            rf"|(?P<less>{less_than})\s+(?P<ln>\d{{1,3}}|{numbers})\s+(?P<lunit>{units})"
            rf"|за\s+(?P<rn>\d{{1,3}}|{numbers})?\s*(?P<runit>{units})"
        )

        whole_month = (
            rf"(?:{month_lead}\s+)?(?:{month_part}[-\s]+)?(?P<mm>{month})"
            rf"(?:,?\s+(?P<my>{_YEAR}){year_tail}|(?!\s*\d))"
        )
        year = rf"(?:{month_lead}\s+)(?P<yy>{_YEAR}){year_tail}"
        since_start = _any_phrase(data["since_month_starts"])
        since_re = (
            rf"{since}\s+(?:(?P<sd>{date_nc})|(?:{since_start}\s+)?(?P<sm>{month})(?:\s+(?P<smy>{_YEAR}))?"
            rf"|(?P<sy>{_YEAR}))"
        )

        relative: list[tuple[str, str]] = []
        for rule, phrases in data["relative"].items():
            _rule_period(rule, date(2024, 1, 1))  # fail early on a misspelt rule
            for phrase in phrases:
                relative.append((rule, phrase))
        relative = [(rule, _phrase_re(ph)) for rule, ph in sorted(relative, key=lambda r: -len(r[1]))]
        self.relative_rule: list[tuple[re.Pattern, str]] = [
            (re.compile(rf"^{rx}$", re.I), rule) for rule, rx in relative
        ]
        relative_re = "(?:" + "|".join(rx for _, rx in relative) + ")"

        def c(rx: str) -> re.Pattern:
            return re.compile(_START + lexicon.first_char_guard(rx) + "(?:" + rx + ")" + r"(?!\w)", re.I)

        # Order matters only for ties (same span): earlier wins.
        self.patterns: list[tuple[str, re.Pattern, Callable[[re.Match, date], Period]]] = [
            ("time_range", c(time_range), self._time_range),
            ("night_range", c(rf"{night_of}\s+{day_range(joiners)}"), self._range),
            ("range", c(rf"(?:{range_lead}\s+)?{day_range(joiners)}"), self._range),
            ("between", c(rf"{between}\s+{day_range(between_joiner)}"), self._range),
            ("night_of", c(rf"{night_of}\s+(?P<day>{day})"), self._night_of),
            ("night_into", c(rf"{night_into}\s+(?P<day>{day})"), self._night_into),
            (
                "part_of_day",
                c(rf"(?:(?P<lead>{part_lead})\s+)?(?P<day>{day})\s+(?:(?P<night>{night_tail})|{part_tail})"),
                self._day_with_tail,
            ),
            ("part_of_day_lead", c(rf"{part_lead}\s+(?P<day>{day})"), self._day),
            ("since", c(since_re), self._since),
            ("rolling", c(rolling), self._rolling),
            ("month", c(whole_month), self._month),
            ("year", c(year), self._year),
            ("relative", c(relative_re), self._relative),
            ("day", c(rf"(?P<day>{day})"), self._day),
        ]
        # Most sentences hold no time word at all: one test of the literals every pattern's match
        # holds skips the patterns that have such literals, instead of a test per pattern.
        numbered = list(enumerate(self.patterns))
        self.unfiltered = [(i, p) for i, p in numbered if lexicon.prefilter(p[1]) is None]
        self.numbered = numbered
        self.any_filtered = lexicon.union_prefilter(p[1] for _, p in numbered if lexicon.prefilter(p[1]) is not None)

    # ---------------------------------------------------------------- parsing pieces

    def _month_number(self, text: str) -> int | None:
        key = _norm(text).rstrip(".")
        if key in self.capitalised_only and text[:1].islower():
            return None
        return self.month_of.get(key) or self.month_of.get(key + ".")

    def _date_parts(self, text: str) -> tuple[int | None, int, int] | None:
        """'Oct. 25, 2024' -> (2024, 10, 25); '25 October' -> (None, 10, 25)."""
        m = self.date_parse_re.fullmatch(text.strip())
        if not m:
            return None
        g = m.groupdict()
        if g["iy"]:
            return int(g["iy"]), int(g["im"]), int(g["id"])
        if g["dd"]:
            return int(g["dy"]), int(g["dm"]), int(g["dd"])
        mon = self._month_number(g["m1"] or g["m2"])
        if mon is None:
            return None
        day = int(re.match(r"\d+", g["d1"] or g["d2"]).group())
        y = g["y1"] or g["y2"]
        return (int(y) if y else None), mon, day

    def _resolve_date(self, parts: tuple[int | None, int, int], p: date) -> date | None:
        y, m, d = parts
        return _safe_date(y if y is not None else _year_for(m, d, p), m, d)

    def _resolve_day(self, text: str, p: date) -> date | None:
        """A date, a weekday with its modifier, or a day word, as the latest such day <= P."""
        text = self.leading_weekday.sub("", text) if self._date_parts(text) is None else text
        key = _norm(text)
        if key in self.day_word_back:
            return p - _days(self.day_word_back[key])
        words = key.split(" ")
        for i in range(len(words)):
            wd = self.weekday_of.get(" ".join(words[i:]))
            if wd is not None:
                kind = self.modifier_of.get(" ".join(words[:i])) if i else "this"
                if kind == "next":
                    return None
                return _latest_weekday(p, wd, strict=kind == "last")
        parts = self._date_parts(text)
        return self._resolve_date(parts, p) if parts else None

    def _valid_day(self, text: str) -> bool:
        if self._date_parts(self.leading_weekday.sub("", text)) is not None:
            return True
        key = _norm(text)
        if key in self.day_word_back or key.split(" ")[-1] in self.weekday_of:
            return True
        return self._date_parts(text) is not None

    def valid(self, m: re.Match) -> bool:
        """Reject what the regex cannot: lower-case 'may', 31 November."""
        g = m.groupdict()
        months_ok = all(self._month_number(g[k]) is not None for k in _MONTH_GROUPS if g.get(k))
        return months_ok and all(self._valid_day(g[k]) for k in _DAY_GROUPS if g.get(k))

    # ---------------------------------------------------------------- resolvers

    def _day(self, m: re.Match, p: date) -> Period:
        d = self._resolve_day(m["day"], p)
        return d, d

    def _night_of(self, m: re.Match, p: date) -> Period:
        d = self._resolve_day(m["day"], p)
        return (d, d + _days(1)) if d else NO_PERIOD

    def _night_into(self, m: re.Match, p: date) -> Period:
        d = self._resolve_day(m["day"], p)
        return (d - _days(1), d) if d else NO_PERIOD

    def _day_with_tail(self, m: re.Match, p: date) -> Period:
        d = self._resolve_day(m["day"], p)
        if d is None:
            return NO_PERIOD
        return (d, d + _days(1)) if m["night"] else (d, d)

    def _range(self, m: re.Match, p: date) -> Period:
        g = m.groupdict()
        if g["ra"] or g["qa"]:
            a, b = (g["ra"], g["rb"]) if g["ra"] else (g["qa"], g["qb"])
            mon = self._month_number(g["rm"] or g["qm"])
            y = g["ry"] or g["qy"]
            da, db = (int(re.match(r"\d+", x).group()) for x in (a, b))
            if mon is None or da > db:
                return NO_PERIOD
            year = int(y) if y else _year_for(mon, da, p)
            return _safe_date(year, mon, da), _safe_date(year, mon, db)
        s_key, e_key = _norm(g["rs"]), _norm(g["re"])
        if s_key in self.weekday_of and e_key in self.weekday_of:
            end = _latest_weekday(p, self.weekday_of[e_key])
            back = (self.weekday_of[e_key] - self.weekday_of[s_key]) % 7
            return end - _days(back), end
        if s_key in self.weekday_of or e_key in self.weekday_of:
            return NO_PERIOD
        sp, ep = self._date_parts(g["rs"]), self._date_parts(g["re"])
        if sp is None or ep is None:
            return NO_PERIOD
        if sp[0] is None and ep[0] is not None:  # "30 December to 2 January 2024"
            year = ep[0] if (sp[1], sp[2]) <= (ep[1], ep[2]) else ep[0] - 1
            sp = (year, sp[1], sp[2])
        start = self._resolve_date(sp, p)
        if start is None:
            return NO_PERIOD
        if ep[0] is None:
            year = start.year if (ep[1], ep[2]) >= (start.month, start.day) else start.year + 1
            ep = (year, ep[1], ep[2])
        return start, self._resolve_date(ep, p)

    def _clock_minutes(self, text: str) -> int | None:
        key = _norm(text)
        if key in self.midnight:
            return None  # decided by position: 0 as a start, 24:00 as an end
        if key in self.noon:
            return 12 * 60
        m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(?:([ap])\.?\s?m\.?)?", key)
        h, mins, half = int(m[1]), int(m[2] or 0), m[3]
        if half == "p" and h < 12:
            h += 12
        elif half == "a" and h == 12:
            h = 0
        return h * 60 + mins

    def _time_range(self, m: re.Match, p: date) -> Period:
        t1 = self._clock_minutes(m["t1"])
        t2 = self._clock_minutes(m["t2"])
        t1 = 0 if t1 is None else t1
        t2 = 24 * 60 if t2 is None else t2
        crosses = t2 < t1
        d1 = self._resolve_day(_ON.sub("", m["td1"]), p) if m["td1"] else None
        d2 = self._resolve_day(_ON.sub("", m["td2"]), p) if m["td2"] else None
        if d1 and d2:
            return d1, d2
        if d2:
            return (d2 - _days(1) if crosses else d2), d2
        if d1:
            return d1, (d1 + _days(1) if crosses else d1)
        return (p - _days(1), p) if crosses else (p, p)

    def _since(self, m: re.Match, p: date) -> Period:
        if m["sd"]:
            return self._resolve_day(m["sd"], p), p
        if m["sm"]:
            mon = self._month_number(m["sm"])
            y = int(m["smy"]) if m["smy"] else (p.year if mon <= p.month else p.year - 1)
            return date(y, mon, 1), p
        return date(int(m["sy"]), 1, 1), p

    def _rolling(self, m: re.Match, p: date) -> Period:
        g = m.groupdict()
        if g["less"]:
            n_text, unit_text = g["ln"], g["lunit"]
        elif g["runit"]:
            n_text, unit_text = g["rn"], g["runit"]
        else:
            n_text, unit_text = g["n"], g["unit"]
        unit = self.unit_of[_norm(unit_text)]
        n = 1 if not n_text else (int(n_text) if n_text.isdigit() else self.number_of[_norm(n_text)])
        calendar_last = g["mod"] and _norm(g["mod"]) == "last" and not g["the"] and not g["n"]
        if calendar_last and unit in ("week", "month", "year"):
            return _rule_period(f"last_{unit}", p)
        if unit == "hour":
            return p - _days(max(1, math.ceil(n / 24))), p
        if unit == "day":
            return p - _days(n), p
        if unit == "week":
            return p - _days(7 * n), p
        if unit == "month":
            return _shift_months(p, -n), p
        return _shift_months(p, -12 * n), p

    def _month(self, m: re.Match, p: date) -> Period:
        mon = self._month_number(m["mm"])
        y = int(m["my"]) if m["my"] else (p.year if mon <= p.month else p.year - 1)
        return date(y, mon, 1), _month_end(y, mon)

    def _year(self, m: re.Match, p: date) -> Period:
        y = int(m["yy"])
        return date(y, 1, 1), date(y, 12, 31)

    def _relative(self, m: re.Match, p: date) -> Period:
        text = m.group(0)
        for rx, rule in self.relative_rule:
            if rx.match(text):
                return _rule_period(rule, p)
        return NO_PERIOD


@cache
def _grammar() -> _Grammar:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return _Grammar(yaml.safe_load(fh))


def _standalone_ok(name: str, m: re.Match) -> bool:
    """A bare month needs a lead or a year ("in August", "August 2024"), not just "August"."""
    if name == "month":
        return m.group(0) != m["mm"] or bool(m["my"])
    return True


def find_time_mentions(sentence: str, published: date | None) -> list[TimeMention]:
    """All time expressions in the sentence, left to right, non-overlapping (longest wins),
    each resolved against the published date (None -> periods None)."""
    grammar = _grammar()
    candidates: list[tuple[int, int, int, re.Match, Callable]] = []
    filtered = grammar.any_filtered
    patterns = grammar.numbered if filtered is None or filtered.may_match(sentence) else grammar.unfiltered
    for order, (name, rx, resolver) in patterns:
        for m in lexicon.finditer(rx, sentence):
            if m.end() > m.start() and grammar.valid(m) and _standalone_ok(name, m):
                candidates.append((m.start(), m.end(), order, m, resolver))
    # Longest first; among equals, the earlier one, then the earlier pattern.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int, re.Match, Callable]] = []
    for start, end, _, m, resolver in candidates:
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, m, resolver))
    mentions = []
    for start, end, m, resolver in sorted(taken, key=lambda t: t[0]):
        period = NO_PERIOD
        if published is not None:
            raw = resolver(m, published)
            period = _finish(raw[0], raw[1], published)
        mentions.append(TimeMention(sentence[start:end], start, end, period[0], period[1]))
    return _without_bracketed_starts(sentence, _join_parts_of_day(sentence, mentions, grammar.parts_of_day))


# "У ніч на 29 вересня (з 18:00 28 вересня)": the hour the night began, in brackets after it
_BRACKET_OPENS = re.compile(r"[\s\u00a0]*\(")
_BRACKET_CLOSES = re.compile(r"[\s\u00a0]*\)")


def _without_bracketed_starts(sentence: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """A time in brackets right after another only says when that one began or ended ("У ніч на 29
    вересня (з 18:00 28 вересня)", "overnight (from 6 p.m. on Saturday)"): one mention, brackets
    included, with the first one's period."""
    kept: list[TimeMention] = []
    for mention in mentions:
        before = kept[-1] if kept else None
        opened = _BRACKET_OPENS.match(sentence, before.end) if before is not None else None
        closed = _BRACKET_CLOSES.match(sentence, mention.end)
        if opened is not None and closed is not None and opened.end() <= mention.start:
            gap = sentence[opened.end() : mention.start]
            if len(gap) <= 20 and "," not in gap:  # "(з 18:00 ...": a lead word or an hour before it
                end = closed.end()
                kept[-1] = TimeMention(
                    sentence[before.start : end], before.start, end, before.period_start, before.period_end
                )
                continue
        kept.append(mention)
    return kept


# Between a part of the day and the day it is part of: "вечером 11 ноября", "Yesterday in the evening",
# "днем в субботу", "overnight and in the morning".
_PART_OF_DAY_GAP = re.compile(r"\s*,?\s*(?:(?:on|and|в|во|у|и|й|і|та)\s+)?", re.IGNORECASE)


def _join_parts_of_day(sentence: str, mentions: list[TimeMention], parts: set[str]) -> list[TimeMention]:
    """A part of the day beside a day is one mention with the day's period, not a second one that
    says the published day."""
    joined: list[TimeMention] = []
    for mention in mentions:
        if joined and _PART_OF_DAY_GAP.fullmatch(sentence, joined[-1].end, mention.start):
            before = joined[-1]
            before_is_part, is_part = _norm(before.text) in parts, _norm(mention.text) in parts
            if before_is_part != is_part:
                day = mention if before_is_part else before
                text = sentence[before.start : mention.end]
                joined[-1] = TimeMention(text, before.start, mention.end, day.period_start, day.period_end)
                continue
        joined.append(mention)
    return joined


def resolve_period(time_text: str, published: date | None) -> tuple[date | None, date | None]:
    """Resolve a time phrase as written; (None, None) when it cannot be."""
    if not time_text or published is None:
        return NO_PERIOD
    mentions = find_time_mentions(time_text, published)
    if not mentions:
        return NO_PERIOD
    best = max(mentions, key=lambda t: t.end - t.start)
    return best.period_start, best.period_end
