"""A pair's next-month outlook for the dashboard and the report: both directions, per root.

The pages show, for A to B and for B to A, each root the model or the baseline gives a
real chance, the two probabilities side by side, whether the root is expected if the two
interact, and the history features it rests on (#19).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dyadwatch.analyze.columns import COL, EVENTS
from dyadwatch.analyze.forecasting.forecast import Forecast, PairForecast
from dyadwatch.ontology import cameo
from dyadwatch.store.db import Store

SHOWN = 0.05
"""Roots below this for both the model and the baseline are left out of the outlook."""


@dataclass(frozen=True, slots=True)
class OutlookRow:
    """One root of a direction's outlook."""

    root: str
    name: str
    probability: float
    baseline: float
    expected: bool
    why: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairOutlook:
    """The forecast from ``source`` to ``target``, as rows by falling probability."""

    source: str
    target: str
    as_of: datetime.date
    horizon_days: int
    model: str
    quad: dict[str, float]
    rows: tuple[OutlookRow, ...]


def next_day(store: Store) -> datetime.date | None:
    """Return the day after the store's latest event (``None`` when it has none)."""
    with store.reader() as con:
        row = con.execute(f"SELECT max({COL.date}) FROM {EVENTS}").fetchone()
    latest = row[0] if row else None
    return latest + datetime.timedelta(days=1) if latest is not None else None


def _name(root: str) -> str:
    code = root + "0"
    return (
        cameo.get(code).name.removesuffix(", not specified below") if cameo.is_valid(code) else root
    )


def _falling(row: OutlookRow) -> float:
    return -row.probability


def _outlook(item: PairForecast, model: str) -> PairOutlook:
    rows = [
        OutlookRow(
            root=root,
            name=_name(root),
            probability=p,
            baseline=item.baseline[root],
            expected=root in item.expected,
            why=item.why.get(root, ()),
        )
        for root, p in item.roots.items()
        if max(p, item.baseline[root]) >= SHOWN
    ]
    rows.sort(key=_falling)
    return PairOutlook(
        source=item.source,
        target=item.target,
        as_of=item.as_of,
        horizon_days=item.horizon_days,
        model=model,
        quad=item.quad,
        rows=tuple(rows),
    )


def pair_outlook(result: Forecast, a: str, b: str) -> tuple[PairOutlook, ...]:
    """Return the outlooks of A to B and B to A found in ``result`` (none if inactive).

    Example:
        >>> pair_outlook(forecast(store, as_of=next_day(store)), "USA", "PRK")  # doctest: +SKIP
    """
    found = {(p.source, p.target): p for p in result.pairs}
    return tuple(_outlook(found[d], result.model) for d in ((a, b), (b, a)) if d in found)
