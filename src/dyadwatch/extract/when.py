"""Date a coded event from what its sentence says about when, relative to the article date.

The coder calls ``event_date`` once per event (issue #10). A small hand-written reader
covers what news sentences say ("on Tuesday", "yesterday", "last month", "in March",
"in 2019", "3 November 2023", "2023-11-03"); anything else, and anything still to come
("will meet on Friday"), keeps the article date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from dyadwatch.extract.lexicon import word_table
from dyadwatch.records import DatePrecision

_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th)?|[^\W\d_]+\.?|'ll|[,;:]")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_NUMBERS = {
    word: number
    for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
} | {"a": 1, "an": 1}
# A sentence holding none of these words cannot say when: the fast path skips it.
_CUES = frozenset(
    {*_MONTHS, *_WEEKDAYS, "yesterday", "today", "tonight", "tomorrow", "last", "this", "ago"}
)
# Words that make the clause around a date a plan, not a report.
_FUTURE = word_table("cues.tsv")["FUTURE_WORDS"]
_CLAUSE_ENDS = frozenset({",", ";", ":", "said", "says", "told", "announced", "reported", "added"})
_MONTH_LEADS = frozenset({"in", "last", "early", "late", "mid", "during", "this", "of"})
# A date after these bounds a span ("talks held since April 2021"), it does not date the act.
_SPAN_BOUNDS = frozenset({"since", "until", "till", "before", "after", "by", "from"})
_YEAR_LEADS = frozenset({"in", "early", "late", "mid", "during", "of"})
_RANK = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1}


@dataclass(frozen=True, slots=True)
class _Found:
    """A date expression: what it resolves to and which tokens (``start``, ``end``) say it."""

    date: datetime.date
    precision: DatePrecision
    start: int
    end: int
    future: bool = False


def event_date(
    sentence: str, *, article_date: datetime.date
) -> tuple[datetime.date, DatePrecision]:
    """Return the date ``sentence`` gives its event, and how it was found.

    Relative words count back from ``article_date``; the most precise expression wins (the
    first of equals). Plans keep the article date with precision ``article``. A month or
    year that contains the article date keeps the article date, with that precision.

    Example:
        >>> event_date("Ministers met on Tuesday.", article_date=datetime.date(2024, 3, 14))
        (datetime.date(2024, 3, 12), <DatePrecision.DAY: 'day'>)
    """
    words = _TOKEN.findall(sentence)
    keys = [word.lower().rstrip(".") for word in words]
    if not any(key in _CUES or key[:1].isdigit() for key in keys):
        return article_date, DatePrecision.ARTICLE
    found = [
        f for i in range(len(keys)) if (f := _read_at(words, keys, i, article_date)) is not None
    ]
    past = [f for f in found if not f.future and f.date <= article_date]
    if not past:
        return article_date, DatePrecision.ARTICLE
    best = max(past, key=_preference)
    if _contains(best, article_date):
        # "in September" in a September article: the article date is the better estimate
        # inside the month the text names (the 1st would move events back in time).
        return article_date, best.precision
    return best.date, best.precision


def _contains(found: _Found, day: datetime.date) -> bool:
    """Tell whether the month or year ``found`` names contains ``day``."""
    if found.precision is DatePrecision.YEAR:
        return found.date.year == day.year
    if found.precision is DatePrecision.MONTH:
        return (found.date.year, found.date.month) == (day.year, day.month)
    return False


def _preference(found: _Found) -> tuple[int, int]:
    return _RANK[found.precision], -found.start


def _read_at(words: list[str], keys: list[str], i: int, today: datetime.date) -> _Found | None:
    """Read a date expression starting at token ``i``, if one starts there."""
    key = keys[i]
    if key in _MONTHS and words[i][0].isupper():
        found = _month_first(keys, i, today)
    elif key[:1].isdigit():
        found = _number_first(keys, i, today)
    elif key in _WEEKDAYS and words[i][0].isupper():
        found = _weekday(keys, i, today)
    elif key in _NUMBERS:
        found = _ago(keys, i, today)
    else:
        found = _relative(keys, i, today)
    if found is None or _bounds_a_span(keys, found.start):
        return None
    if found.future or _planned(keys, found.start, found.end):
        return _Found(found.date, found.precision, found.start, found.end, future=True)
    return found


def _bounds_a_span(keys: list[str], start: int) -> bool:
    return keys[start] in _SPAN_BOUNDS or (start > 0 and keys[start - 1] in _SPAN_BOUNDS)


def _relative(keys: list[str], i: int, today: datetime.date) -> _Found | None:
    """Read "yesterday", "today", "last night", "last month", "this year" and the like."""
    key, after = keys[i], keys[i + 1] if i + 1 < len(keys) else ""
    if key == "yesterday":
        return _Found(today - datetime.timedelta(days=1), DatePrecision.DAY, i, i + 1)
    if key in ("today", "tonight"):
        return _Found(today, DatePrecision.DAY, i, i + 1)
    if key == "tomorrow":
        return _Found(today, DatePrecision.DAY, i, i + 1, future=True)
    if key not in ("last", "this", "next"):
        return None
    back = {"last": -1, "this": 0, "next": 1}[key]
    if after == "night" and key == "last":
        return _Found(today - datetime.timedelta(days=1), DatePrecision.DAY, i, i + 2)
    if after == "month":
        month = _shift_month(today.replace(day=1), back)
        return _Found(month, DatePrecision.MONTH, i, i + 2, future=back > 0)
    if after == "year":
        return _Found(
            datetime.date(today.year + back, 1, 1), DatePrecision.YEAR, i, i + 2, future=back > 0
        )
    return None  # "last week" is too vague for a day, and weeks have no precision


def _month_first(keys: list[str], i: int, today: datetime.date) -> _Found | None:
    """Read "November 3", "November 3, 2023", "March 2022" and "(in) March"."""
    month = _MONTHS[keys[i]]
    day, year_at = _day(keys, i + 1), i + 2
    if day is not None:
        if year_at < len(keys) and keys[year_at] == ",":
            year_at += 1
        year = _year(keys, year_at)
        end = year_at + 1 if year else i + 2
        return _dated(today, year, month, day, i, end)
    year = _year(keys, i + 1) or (
        _year(keys, i + 2) if i + 2 < len(keys) and keys[i + 1] == "of" else None
    )
    if year:
        return _Found(datetime.date(year, month, 1), DatePrecision.MONTH, i, i + 2)
    lead = keys[i - 1] if i else ""
    if lead not in _MONTH_LEADS:
        return None  # a bare "May" is more often the verb or the name
    target = datetime.date(today.year, month, 1)
    if target > today or (lead == "last" and month == today.month):
        target = target.replace(year=today.year - 1)
    return _Found(target, DatePrecision.MONTH, i - 1, i + 1)


def _number_first(keys: list[str], i: int, today: datetime.date) -> _Found | None:
    """Read "2023-11-03", "3 November (2023)", "3rd of November" and "in 2019"."""
    if iso := _ISO.fullmatch(keys[i]):
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]), DatePrecision.DAY, i, i + 1)
    day = _day(keys, i)
    at = i + 2 if i + 1 < len(keys) and keys[i + 1] == "of" else i + 1
    if day is not None and at < len(keys) and keys[at] in _MONTHS:
        year = _year(keys, at + 1)
        return _dated(today, year, _MONTHS[keys[at]], day, i, at + 2 if year else at + 1)
    year = _year(keys, i)
    if year and i and keys[i - 1] in _YEAR_LEADS:
        return _Found(
            datetime.date(year, 1, 1), DatePrecision.YEAR, i - 1, i + 1, future=year > today.year
        )
    return _ago(keys, i, today)


def _weekday(keys: list[str], i: int, today: datetime.date) -> _Found:
    """Read "(on) Tuesday": the latest such day on or before the article date."""
    lead = keys[i - 1] if i else ""
    back = (today.weekday() - _WEEKDAYS[keys[i]]) % 7
    if lead == "last" and back == 0:
        back = 7
    start = i - 1 if lead in ("on", "last", "next", "this", "coming") else i
    return _Found(
        today - datetime.timedelta(days=back),
        DatePrecision.DAY,
        start,
        i + 1,
        future=lead == "next",
    )


def _ago(keys: list[str], i: int, today: datetime.date) -> _Found | None:
    """Read "two days ago", "3 months ago", "a year ago"."""
    if i + 2 >= len(keys) or keys[i + 2] != "ago":
        return None
    count = _NUMBERS.get(keys[i]) or (int(keys[i]) if _is_number(keys[i]) else 0)
    unit = keys[i + 1].rstrip("s")
    if not count or unit not in ("day", "month", "year"):
        return None  # "two weeks ago" names no day
    if unit == "day":
        return _Found(today - datetime.timedelta(days=count), DatePrecision.DAY, i, i + 3)
    if unit == "month":
        return _Found(_shift_month(today.replace(day=1), -count), DatePrecision.MONTH, i, i + 3)
    return _Found(datetime.date(today.year - count, 1, 1), DatePrecision.YEAR, i, i + 3)


def _planned(keys: list[str], start: int, end: int) -> bool:
    """Tell whether the clause around a date is a plan ("will visit Beijing on Friday")."""
    for key in reversed(keys[max(0, start - 8) : start]):
        if key in _CLAUSE_ENDS:
            break
        if key in _FUTURE:
            return True
    if start > 1 or (start == 1 and keys[0] != "on"):
        return False
    after = keys[end + 1 : end + 7] if end < len(keys) and keys[end] == "," else keys[end : end + 6]
    return any(key in _FUTURE for key in after)  # "On Friday, the ministers will meet"


def _dated(
    today: datetime.date, year: int | None, month: int, day: int, start: int, end: int
) -> _Found | None:
    """Build a day; with no year, the latest such day not after the article (or, for a day
    more than half a year ahead, a plan)."""
    if year:
        return _valid(year, month, day, DatePrecision.DAY, start, end)
    found = _valid(today.year, month, day, DatePrecision.DAY, start, end)
    if found is None or found.date <= today:
        return found
    earlier = _valid(today.year - 1, month, day, DatePrecision.DAY, start, end)
    if earlier is not None and (today - earlier.date).days <= 183:
        return earlier
    return _Found(found.date, found.precision, start, end, future=True)


def _valid(
    year: int, month: int, day: int, precision: DatePrecision, start: int, end: int
) -> _Found | None:
    try:
        return _Found(datetime.date(year, month, day), precision, start, end)
    except ValueError:  # "February 30"
        return None


def _is_number(text: str) -> bool:
    """ASCII digits only: "²" and "①" are digits to ``str.isdigit`` but not to ``int``."""
    return text.isascii() and text.isdigit()


def _day(keys: list[str], i: int) -> int | None:
    if i >= len(keys):
        return None
    digits = keys[i].rstrip("stndrh")
    if not _is_number(digits) or len(digits) > 2:
        return None
    return int(digits) if 1 <= int(digits) <= 31 else None


def _year(keys: list[str], i: int) -> int | None:
    if i >= len(keys) or not _is_number(keys[i]) or len(keys[i]) != 4:
        return None
    year = int(keys[i])
    return year if 1900 <= year <= 2100 else None


def _shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
