"""Dyad time series: weighted event counts between two countries per period, from the store."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import pycountry

from dyadwatch.analyze import periods
from dyadwatch.analyze.columns import (
    AGGREGATES,
    COL,
    OPPOSING_SECTORS,
    QUAD_PARAMS,
    base_params,
    fetch,
    weighted_events,
)
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import UnknownNameError
from dyadwatch.records import DyadPoint
from dyadwatch.store.db import Store


def check_countries(store: Store, *codes: str) -> None:
    """Raise ``UnknownNameError`` for a code that is neither ISO alpha-3 nor in the store.

    A typo such as ``XXX`` used to give an empty series and exit 0 (#15.17); a real
    country without events still gives an empty series.

    Example:
        >>> check_countries(store, "RUS", "PKR")  # doctest: +SKIP
        Traceback (most recent call last):
        UnknownNameError: unknown country code 'PKR'; did you mean 'PRK'?
    """
    for code in codes:
        if pycountry.countries.get(alpha_3=code) is None and code not in stored_countries(store):
            choices = stored_countries(store) or [c.alpha_3 for c in pycountry.countries]
            raise UnknownNameError("country code", code, choices)


def stored_countries(store: Store) -> list[str]:
    """Return the country codes of the store's events, sorted."""
    sql = (
        f"SELECT DISTINCT c FROM (SELECT {COL.source_country} AS c FROM events UNION "
        f"SELECT {COL.target_country} FROM events) WHERE c <> '' ORDER BY c"
    )
    with store.reader() as con:
        return [str(row[0]) for row in con.execute(sql).fetchall()]


def _where(
    *,
    directed: bool,
    sectors: Sequence[str] | None,
    plover_types: Sequence[str] | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> str:
    forward = f"({COL.source_country} = $a AND {COL.target_country} = $b)"
    backward = f"({COL.source_country} = $b AND {COL.target_country} = $a)"
    parts = [forward if directed else f"({forward} OR {backward})"]
    if sectors is not None:
        parts.append(
            f"(list_contains($sectors, {COL.source_sector})"
            f" OR list_contains($sectors, {COL.target_sector}))"
        )
    if plover_types is not None:
        parts.append(f"list_contains($plover_types, {COL.plover_type})")
    if start is not None:
        parts.append(f"{COL.date} >= $start")
    if end is not None:
        parts.append(f"{COL.date} < $end")
    return " AND ".join(parts)


def _point(period: datetime.date, a: str, b: str, row: tuple[Any, ...] | None) -> DyadPoint:
    n, total, vcoop, mcoop, vconf, mconf, gsum = row[1:8] if row else (0, 0.0, 0, 0, 0, 0, 0.0)
    total = float(total)
    return DyadPoint(
        period=period,
        source=a,
        target=b,
        n_events=int(n),
        n_verbal_cooperation=float(vcoop),
        n_material_cooperation=float(mcoop),
        n_verbal_conflict=float(vconf),
        n_material_conflict=float(mconf),
        goldstein_sum=float(gsum),
        goldstein_mean=float(gsum) / total if total else 0.0,
        net_cooperation=(vcoop + mcoop - vconf - mconf) / total if total else 0.0,
    )


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    freq: str = "month",
    directed: bool = True,
    settings: AnalyticsSettings | None = None,
    sectors: Sequence[str] | None = None,
    plover_types: Sequence[str] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[DyadPoint]:
    """Return the events from ``a`` to ``b`` per period, every period of the span included.

    Counts are modality-weighted (negated events weigh nothing by default); the Goldstein
    mean and net cooperation, ``(cooperation - conflict) / total``, are over weights.
    Periods are half-open; with ``start``/``end`` unset the series spans the dyad's first
    to last event, and an empty period reads zero.

    Args:
        a: source country code (ISO alpha-3, as stored).
        b: target country code.
        freq: ``day``, ``week`` (from Monday), ``month`` or ``quarter``.
        directed: ``False`` sums both directions (the pair view).
        sectors: keep events where either actor's sector is one of these (``["GOV"]``).
            Support for another country's rebels or opposition is left out, as no part of
            the two countries' relation (``columns.relation_sql``), unless one of those
            sectors is named: ``["REB"]`` shows it.
        plover_types: keep events of these PLOVER types.
        start: first day included.
        end: first day excluded.

    Example:
        >>> dyad_series(store, "RUS", "PRK", freq="quarter")[0].period  # doctest: +SKIP
        datetime.date(2022, 1, 1)

    Raises:
        UnknownNameError: ``a`` or ``b`` is neither an ISO alpha-3 code nor in the store.
    """
    periods.check_freq(freq)
    check_countries(store, a, b)
    settings = settings or AnalyticsSettings()
    where = _where(
        directed=directed, sectors=sectors, plover_types=plover_types, start=start, end=end
    )
    sql = (
        f"SELECT CAST(date_trunc($freq, day) AS DATE) AS period, {AGGREGATES},"
        f" min(day), max(day)"
        f" FROM {weighted_events(settings, where, relations=_relations(sectors))}"
        " GROUP BY period"
    )
    params = {**base_params(settings), **QUAD_PARAMS, "a": a, "b": b, "freq": freq}
    params |= {"sectors": list(sectors or ()), "plover_types": list(plover_types or ())}
    params |= {"start": start, "end": end}
    with store.reader() as con:
        rows = {row[0]: row for row in fetch(con, sql, params)}
    if start is None and not rows:
        return []
    first = start or min(rows)
    last = end or periods.next_period(max(rows), freq)
    return [_point(p, a, b, rows.get(p)) for p in periods.period_range(first, last, freq)]


def _relations(sectors: Sequence[str] | None) -> bool:
    """Whether a series keeps to the two countries' relation: unless the sectors asked for
    include the rebels or opposition whose support it leaves out."""
    return not set(sectors or ()) & set(OPPOSING_SECTORS)
