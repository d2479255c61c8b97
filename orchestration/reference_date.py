"""A reference date for an article that has no publication date, read from its own text.

The extractor dates "overnight", "on Sunday", "yesterday" against the article's publication date;
without one, every claim of the article is undated. A dateline ("KYIV, Nov 7 (Reuters) -") with
a year written elsewhere in the text, or a full date in the text ("7 November 2024",
"2024-11-07", "7 ноября 2024 года"), gives the day the article speaks from. Used only when
`published_date` is missing; plain Python, separate from the extractor's grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    1: ("january", "jan", "января", "январь", "січня", "січень"),
    2: ("february", "feb", "февраля", "февраль", "лютого", "лютий"),
    3: ("march", "mar", "марта", "март", "березня", "березень"),
    4: ("april", "apr", "апреля", "апрель", "квітня", "квітень"),
    5: ("may", "мая", "май", "травня", "травень"),
    6: ("june", "jun", "июня", "июнь", "червня", "червень"),
    7: ("july", "jul", "июля", "июль", "липня", "липень"),
    8: ("august", "aug", "августа", "август", "серпня", "серпень"),
    9: ("september", "sep", "sept", "сентября", "сентябрь", "вересня", "вересень"),
    10: ("october", "oct", "октября", "октябрь", "жовтня", "жовтень"),
    11: ("november", "nov", "ноября", "ноябрь", "листопада", "листопад"),
    12: ("december", "dec", "декабря", "декабрь", "грудня", "грудень"),
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_FULL_DATES = [
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\s*,\s*{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
]
# A dateline: a place in capitals at the start of the text (or of its second paragraph, after a
# headline), a comma, then the day and month: "KYIV, Nov 7 (Reuters) -", "MOSCOW, 7 November -".
_PLACE = r"[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ .'\-]{1,40}"
_MONTH_ANY_CASE = f"(?i:{_MONTH})"
_DATELINES = [
    re.compile(rf"(?:^|\n\s*\n)\s*{_PLACE},\s+{_MONTH_ANY_CASE}\s+{_DAY}\b"),
    re.compile(rf"(?:^|\n\s*\n)\s*{_PLACE},\s+{_DAY}\s+{_MONTH_ANY_CASE}(?=[\s,(–—-])"),
]
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
DATELINE_WINDOW = 600


@dataclass(frozen=True)
class ReferenceDate:
    reference_date: date
    basis: str  # 'dateline' or 'date in text'
    evidence_text: str


def _month(value: str) -> int | None:
    return int(value) if value.isdigit() else _MONTH_OF.get(value.lower())


def _date(year: str | int, month: str, day: str) -> date | None:
    number = _month(month)
    try:
        return date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def infer_reference_date(text: str) -> ReferenceDate | None:
    """The date an undated article speaks from, or None when its text gives none."""
    head = text[:DATELINE_WINDOW]
    years = [int(y) for y in _ANY_YEAR.findall(text)]
    for pattern in _DATELINES:
        found = pattern.search(head)
        if found and years:
            # The latest year the text names: background years ("since 2022") come before it.
            day = _date(max(years), found["month"], found["day"])
            if day:
                return ReferenceDate(day, "dateline", found.group(0).strip())
    dated = []
    for pattern in _FULL_DATES:
        for found in pattern.finditer(text):
            day = _date(found["year"], found["month"], found["day"])
            if day:
                dated.append((day, found.group(0)))
    if dated:
        # The latest date written in the text: the article cannot be older than what it reports.
        day, evidence = max(dated)
        return ReferenceDate(day, "date in text", evidence)
    return None
