"""Third-party reactions: how other countries acted towards a pair's members in a window."""

from __future__ import annotations

import datetime
from typing import Any

from dyadwatch.analyze.columns import (
    COL,
    EVENTS,
    base_params,
    fetch,
    relation_sql,
    weight_sql,
    weighted_events,
)
from dyadwatch.analyze.evidence import top_evidence
from dyadwatch.analyze.results import Reaction
from dyadwatch.config import AnalyticsSettings
from dyadwatch.records import QuadClass
from dyadwatch.store.db import Connection, Store

SUPPORT_SCORE = 1.0
"""Weighted mean Goldstein at or above this reads as supportive; at or below minus it, opposed."""

_ALL_QUADS = tuple(int(q) for q in QuadClass)
_IN_WINDOW = f"{COL.date} >= $start AND {COL.date} < $end"
_THIRD_TO_PAIR = (
    f"{COL.source_country} <> $none AND {COL.source_country} NOT IN ($a, $b)"
    f" AND {COL.target_country} IN ($a, $b) AND {_IN_WINDOW}"
)
_PAIR_ARTICLES = (
    f"SELECT {COL.article_id} FROM {EVENTS} WHERE {COL.source_country} IN ($a, $b)"
    f" AND {COL.target_country} IN ($a, $b) AND {COL.source_country} <> {COL.target_country}"
    f" AND {_IN_WINDOW}"
)
_ABOUT = (
    f"SELECT {COL.source_country} AS src, count(*) AS about,"
    f" sum({weight_sql()} * {COL.goldstein}) AS about_sum FROM {EVENTS}"
    f" WHERE {_THIRD_TO_PAIR} AND {weight_sql()} > 0 AND {relation_sql()}"
    f" AND {COL.article_id} IN ({_PAIR_ARTICLES}) GROUP BY src"
)


def _query(settings: AnalyticsSettings) -> str:
    return (
        "SELECT w.src, count(*) AS n, sum(w.w * w.goldstein) / sum(w.w) AS score,"
        " count(*) FILTER (WHERE w.tgt = $a), count(*) FILTER (WHERE w.tgt = $b),"
        " coalesce(any_value(x.about), 0), coalesce(any_value(x.about_sum), 0)"
        f" FROM {weighted_events(settings, _THIRD_TO_PAIR)} AS w"
        f" LEFT JOIN ({_ABOUT}) AS x ON x.src = w.src GROUP BY w.src ORDER BY n DESC, w.src"
    )


def stance(score: float, about_sum: float = 0.0) -> str:
    """Return ``supportive``, ``opposed`` or ``neutral`` for a weighted mean Goldstein score.

    ``about_sum`` is the weighted Goldstein sum of the events told beside the pair's own
    dealings; any sign there decides, since even a mild appeal to stop ("urges North
    Korea to cease these negotiations") is aimed at the pair's cooperation.

    Example:
        >>> stance(-4.0), stance(0.5, about_sum=-0.3)
        ('opposed', 'opposed')
    """
    if about_sum:
        return "supportive" if about_sum > 0 else "opposed"
    if score >= SUPPORT_SCORE:
        return "supportive"
    if score <= -SUPPORT_SCORE:
        return "opposed"
    return "neutral"


def reactions(
    store: Store,
    a: str,
    b: str,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
) -> list[Reaction]:
    """Return, per third country, its stance towards ``a`` and ``b`` in ``[start, end)``.

    Without ``start`` or ``end`` the window is open on that side (the whole store).

    ``about_pair`` counts the country's events told in articles that also code an event
    between ``a`` and ``b`` (denied ones included): its reactions to the pair's own
    dealings, whose Goldstein sign sets the stance. Without such events the stance is the
    sign of its weighted mean Goldstein value towards either member, ``SUPPORT_SCORE``
    away from zero. Each carries its three strongest sentences.
    Countries are ordered by number of events, most first.

    Example:
        >>> [r.actor for r in reactions(store, "RUS", "PRK", start=d1, end=d2)]  # doctest: +SKIP
        ['USA', 'KOR', 'JPN']
    """
    settings = settings or AnalyticsSettings()
    start, end = start or datetime.date.min, end or datetime.date.max
    params: dict[str, Any] = {**base_params(settings), "a": a, "b": b, "none": ""}
    params |= {"start": start, "end": end}
    with store.reader() as con:
        rows = fetch(con, _query(settings), params)
        return [_reaction(con, settings, row, (a, b), (start, end)) for row in rows]


def _reaction(
    con: Connection,
    settings: AnalyticsSettings,
    row: tuple[Any, ...],
    pair: tuple[str, str],
    window: tuple[datetime.date, datetime.date],
) -> Reaction:
    actor, n, score, to_a, to_b, about, about_sum = row
    evidence = top_evidence(
        con,
        settings,
        sources=(actor,),
        targets=pair,
        quads=_ALL_QUADS,
        start=window[0],
        end=window[1],
        limit=3,
    )
    return Reaction(
        actor=actor,
        pair=pair,
        stance=stance(float(score), float(about_sum)),
        score=round(float(score), 4),
        n_events=int(n),
        n_towards_a=int(to_a),
        n_towards_b=int(to_b),
        about_pair=int(about),
        evidence=evidence,
    )
