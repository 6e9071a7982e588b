"""Backtest the signals against an expectation file: storylines flagged, quiet pairs silent (#18).

An expectation file (JSON, format in docs/analytics.md) lists storylines, each a pair,
the kinds of signal that count, windows ``[from, to]`` and the day of its first
evidence, and quiet pairs that should raise nothing. ``backtest`` scans the store as of
each window's end and reports, per storyline, whether it was flagged, by which signal
and with what lag; every signal on a quiet pair; and the number of signals per 100
active pair-months.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.analyze.columns import COL, EVENTS, relation_params, relation_sql
from dyadwatch.analyze.detect import Tuning
from dyadwatch.analyze.signals import KINDS, signals
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import InputError
from dyadwatch.records import Signal
from dyadwatch.store.db import Store

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ExpectedStoryline:
    """A change the signals should flag: in one of ``windows``, as one of ``kinds``."""

    name: str
    pair: Pair
    kinds: tuple[str, ...]
    windows: tuple[tuple[datetime.date, datetime.date], ...]
    first_evidence: datetime.date


@dataclass(frozen=True, slots=True)
class Expectations:
    """What an expectation file holds."""

    storylines: tuple[ExpectedStoryline, ...]
    quiet_pairs: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class StorylineResult:
    """One storyline in one window: flagged or not, by which signal, how late."""

    name: str
    pair: str
    window_from: datetime.date
    as_of: datetime.date
    flagged: bool
    kind: str
    onset: datetime.date | None
    detected: datetime.date | None
    lag_days: int | None  # detection day minus the first evidence
    confidence: float | None


@dataclass(frozen=True, slots=True)
class BacktestResult:
    """The whole backtest."""

    storylines: tuple[StorylineResult, ...]
    quiet_signals: tuple[Signal, ...]
    n_signals: int
    active_pair_months: int
    signals_per_100_pair_months: float

    @property
    def flagged(self) -> int:
        """Return how many storyline windows were flagged."""
        return sum(result.flagged for result in self.storylines)


def _pair(value: Any, where: str) -> Pair:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise InputError(where, None, f"bad pair {value!r}", 'a pair is ["RUS", "PRK"]')
    a, b = value
    return (min(a, b), max(a, b))


def _date(value: Any, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(where, None, f"bad date {value!r}", "dates are YYYY-MM-DD") from None


def _storyline(item: dict[str, Any], where: str) -> ExpectedStoryline:
    missing = [k for k in ("name", "pair", "kinds", "windows", "first_evidence") if k not in item]
    if missing:
        fix = "each storyline has name, pair, kinds, windows and first_evidence"
        raise InputError(where, None, f"a storyline lacks {', '.join(missing)}", fix)
    kinds = tuple(str(kind) for kind in item["kinds"])
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise InputError(where, None, f"unknown kinds {unknown}", f"kinds are {', '.join(KINDS)}")
    windows = tuple((_date(w[0], where), _date(w[1], where)) for w in item["windows"])
    return ExpectedStoryline(
        name=str(item["name"]),
        pair=_pair(item["pair"], where),
        kinds=kinds,
        windows=windows,
        first_evidence=_date(item["first_evidence"], where),
    )


def read_expectations(path: str | Path) -> Expectations:
    """Read an expectation file (see docs/analytics.md).

    Raises:
        InputError: the file is missing, not JSON, or a storyline or pair is malformed.

    Example:
        >>> read_expectations("expectations/examples.json").quiet_pairs
        (('NOR', 'SWE'), ('AUS', 'CAN'))
    """
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(where, None, f"cannot read it ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise InputError(where, error.lineno, f"bad JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise InputError(where, None, "expected an object", '{"storylines": [...], ...}')
    stories = tuple(_storyline(item, where) for item in data.get("storylines", []))
    quiet = tuple(_pair(pair, where) for pair in data.get("quiet_pairs", []))
    return Expectations(stories, quiet)


def _judge(
    story: ExpectedStoryline, window: tuple[datetime.date, datetime.date], found: list[Signal]
) -> StorylineResult:
    start, as_of = window
    hits = [
        s
        for s in found
        if s.pair == story.pair and s.kind in story.kinds and start <= s.detected < as_of
    ]
    best = min(hits, key=_detected, default=None)
    return StorylineResult(
        name=story.name,
        pair="-".join(story.pair),
        window_from=start,
        as_of=as_of,
        flagged=best is not None,
        kind=best.kind if best else "",
        onset=best.start if best else None,
        detected=best.detected if best else None,
        lag_days=(best.detected - story.first_evidence).days if best else None,
        confidence=best.confidence if best else None,
    )


def _detected(signal: Signal) -> datetime.date:
    return signal.detected


def active_pair_months(store: Store) -> int:
    """Return how many (pair, month) cells hold an event between two countries."""
    pair = f"least({COL.source_country}, {COL.target_country})"
    pair_b = f"greatest({COL.source_country}, {COL.target_country})"
    sql = (
        f"SELECT count(*) FROM (SELECT DISTINCT {pair}, {pair_b}, date_trunc('month', {COL.date})"
        f" FROM {EVENTS} WHERE {COL.source_country} <> '' AND {COL.target_country} <> ''"
        f" AND {COL.source_country} <> {COL.target_country} AND {relation_sql()})"
    )
    with store.reader() as con:
        row = con.execute(sql, relation_params()).fetchone()
    return int(row[0]) if row else 0


def backtest(
    store: Store,
    expectations: Expectations,
    *,
    settings: AnalyticsSettings | None = None,
    tuning: Tuning | None = None,
) -> BacktestResult:
    """Scan ``store`` as of each storyline window's end and judge the expectations.

    Each window's scan reads only events dated before its end. Because a scan as of a
    later day extends every earlier one, one scan over the whole store is cut at each
    window's end, which gives the same signals.

    Example:
        >>> expected = read_expectations("expectations/examples.json")  # doctest: +SKIP
        >>> result = backtest(store, expected)  # doctest: +SKIP
        >>> result.flagged, len(result.quiet_signals)  # doctest: +SKIP
        (4, 0)
    """
    found = signals(store, settings=settings, tuning=tuning)
    results = tuple(
        _judge(story, window, [s for s in found if s.detected < window[1]])
        for story in expectations.storylines
        for window in story.windows
    )
    quiet = set(expectations.quiet_pairs)
    months = active_pair_months(store)
    return BacktestResult(
        storylines=results,
        quiet_signals=tuple(s for s in found if s.pair in quiet),
        n_signals=len(found),
        active_pair_months=months,
        signals_per_100_pair_months=round(100.0 * len(found) / months, 2) if months else 0.0,
    )


def backtest_file(
    store: Store,
    path: str | Path,
    *,
    settings: AnalyticsSettings | None = None,
    tuning: Tuning | None = None,
) -> BacktestResult:
    """Read the expectation file at ``path`` and ``backtest`` the store against it.

    Raises:
        InputError: a malformed expectation file.
    """
    return backtest(store, read_expectations(path), settings=settings, tuning=tuning)
