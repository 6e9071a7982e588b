"""Calendar periods for the analyze stage: period floors, continuous ranges, CLI windows."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from dyadwatch.errors import ConfigError, UnknownNameError

FREQS = ("day", "week", "month", "quarter")
"""Series frequencies; a week starts on Monday, a quarter in January, April, July, October."""

LAST_YEAR = datetime.MAXYEAR
"""The first year a period cannot fall in: its window would end after ``datetime.date.max``."""

_PERIOD = re.compile(r"\A(\d{4})(?:-?Q([1-4])|-(\d{2}))?\Z")


def check_freq(freq: str) -> str:
    """Return ``freq`` if it is one of ``FREQS``, else raise ``UnknownNameError``."""
    if freq not in FREQS:
        raise UnknownNameError("frequency", freq, FREQS)
    return freq


def floor(day: datetime.date, freq: str) -> datetime.date:
    """Return the first day of the period holding ``day``.

    Example:
        >>> floor(datetime.date(2023, 8, 17), "quarter")
        datetime.date(2023, 7, 1)
    """
    if freq == "day":
        return day
    if freq == "week":
        return day - datetime.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the first of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_period(start: datetime.date, freq: str) -> datetime.date:
    """Return the first day of the period after the one starting at ``start``."""
    if freq == "day":
        return start + datetime.timedelta(days=1)
    if freq == "week":
        return start + datetime.timedelta(days=7)
    return add_months(start, 1 if freq == "month" else 3)


def period_range(first: datetime.date, end: datetime.date, freq: str) -> Iterator[datetime.date]:
    """Yield the start of every period from the one holding ``first`` up to ``end`` (excluded).

    Example:
        >>> jan9, apr1 = datetime.date(2023, 1, 9), datetime.date(2023, 4, 1)
        >>> [d.month for d in period_range(jan9, apr1, "month")]
        [1, 2, 3]
    """
    period = floor(first, freq)
    while period < end:
        yield period
        period = next_period(period, freq)


def window(text: str) -> tuple[datetime.date, datetime.date]:
    """Return the half-open window ``[start, end)`` of a year, quarter or month.

    Example:
        >>> window("2023Q2")
        (datetime.date(2023, 4, 1), datetime.date(2023, 7, 1))

    Raises:
        ConfigError: ``text`` is not ``YYYY``, ``YYYYQn`` or ``YYYY-MM``, or its year is
            outside 1..9998.
    """
    match = _PERIOD.match(text.strip())
    if not match or (match.group(3) and not 1 <= int(match.group(3)) <= 12):
        raise ConfigError(
            f"period {text!r}: write a year (2023), quarter (2023Q2) or month (2023-05)"
        )
    year, quarter, month = match.groups()
    if not 1 <= int(year) < LAST_YEAR:
        # The window ends on the next 1 January, which must be a date too (#15.14).
        raise ConfigError(f"period {text!r}: the year must be between 1 and {LAST_YEAR - 1}")
    if quarter:
        start = datetime.date(int(year), 3 * int(quarter) - 2, 1)
        return start, add_months(start, 3)
    if month:
        start = datetime.date(int(year), int(month), 1)
        return start, add_months(start, 1)
    return datetime.date(int(year), 1, 1), datetime.date(int(year) + 1, 1, 1)
