"""Evidence lookup: the stored sentences behind a series, a signal or a reaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

from dyadwatch.analyze.columns import (
    COL,
    EVENTS,
    fetch,
    relation_params,
    relation_sql,
    weight_params,
    weight_sql,
)
from dyadwatch.analyze.results import Evidence
from dyadwatch.analyze.tone import NEUTRAL_ROOTS, PEOPLE_CODES
from dyadwatch.config import AnalyticsSettings
from dyadwatch.store import faults
from dyadwatch.store.db import Connection

_FIELDS = (
    COL.id,
    COL.article_id,
    COL.date,
    COL.source_country,
    COL.target_country,
    COL.cameo,
    COL.quad_class,
    COL.goldstein,
    COL.modality,
    COL.evidence,
)


def top_evidence(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    sources: Sequence[str],
    targets: Sequence[str],
    quads: Sequence[int],
    start: datetime.date,
    end: datetime.date,
    limit: int = 5,
) -> tuple[Evidence, ...]:
    """Return the strongest events from ``sources`` to ``targets`` in ``[start, end)``.

    Strength is modality weight times absolute Goldstein value, then confidence; events
    weighing nothing (negated, by default) are never evidence.
    """
    weight = weight_sql()
    sql = (
        f"SELECT {', '.join(_FIELDS)} FROM {EVENTS}"
        f" WHERE list_contains($sources, {COL.source_country})"
        f" AND list_contains($targets, {COL.target_country})"
        f" AND list_contains($quads, {COL.quad_class})"
        f" AND {COL.date} >= $start AND {COL.date} < $end AND {weight} > 0"
        f" AND {relation_sql()}"
        f" ORDER BY {weight} * abs({COL.goldstein}) DESC, {COL.confidence} DESC, {COL.id}"
        " LIMIT $limit"
    )
    params: dict[str, Any] = {**weight_params(settings), **relation_params(), "limit": limit}
    params |= {"sources": list(sources), "targets": list(targets), "quads": list(quads)}
    params |= {"start": start, "end": end}
    return tuple(_evidence(row) for row in fetch(con, sql, params))


def edge_evidence(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    friendly: Sequence[tuple[str, str]],
    hostile: Sequence[tuple[str, str]],
    start: datetime.date,
    end: datetime.date,
    limit: int = 2,
) -> dict[tuple[str, str], tuple[Evidence, ...]]:
    """Return the strongest events of each pair on its side, in one query.

    ``friendly`` pairs get cooperative events (quad 1-2), ``hostile`` ones conflictual
    events (quad 3-4), ranked as in ``top_evidence``; events without tone (statements,
    events about people) are never shown. Keys are sorted pairs.
    """
    weight = weight_sql()
    src, tgt = COL.source_country, COL.target_country
    key = f"least({src}, {tgt}) || '|' || greatest({src}, {tgt})"
    strength = f"{weight} * abs({COL.goldstein}) DESC, {COL.confidence} DESC, {COL.id}"
    sql = (
        f"SELECT {', '.join(_FIELDS)} FROM {EVENTS}"
        f" WHERE {COL.date} >= $start AND {COL.date} < $end AND {weight} > 0"
        f" AND NOT list_has_any($untoned, [{COL.root}, substr({COL.cameo}, 1, 3)])"
        f" AND {relation_sql()}"
        f" AND ((list_contains($friendly, {key}) AND {COL.quad_class} IN (1, 2))"
        f" OR (list_contains($hostile, {key}) AND {COL.quad_class} IN (3, 4)))"
        f" QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {strength}) <= $limit"
        f" ORDER BY {key}, {strength}"
    )
    params: dict[str, Any] = {**weight_params(settings), **relation_params(), "limit": limit}
    params["untoned"] = [*NEUTRAL_ROOTS, *PEOPLE_CODES]
    params |= {"friendly": [f"{min(p)}|{max(p)}" for p in friendly]}
    params |= {"hostile": [f"{min(p)}|{max(p)}" for p in hostile], "start": start, "end": end}
    found: dict[tuple[str, str], list[Evidence]] = {}
    for row in fetch(con, sql, params):
        item = _evidence(row)
        found.setdefault((min(item.source, item.target), max(item.source, item.target)), []).append(
            item
        )
    return {pair: tuple(items) for pair, items in found.items()}


def _evidence(row: tuple[Any, ...]) -> Evidence:
    event_id, article_id, date, source, target, cameo, quad, goldstein, modality, text = row
    return Evidence(
        event_id=event_id,
        article_id=article_id,
        date=date,
        source=source,
        target=target,
        cameo=cameo,
        quad_class=int(quad),
        goldstein=float(goldstein),
        modality=modality,
        sentence=text,
    )


@dataclass(frozen=True, slots=True)
class EvidenceRequest:
    """One pair's window and quad classes to find the strongest events of (either way)."""

    pair: tuple[str, str]
    quads: tuple[int, ...]
    start: datetime.date
    end: datetime.date


def top_evidence_many(
    con: Connection,
    settings: AnalyticsSettings,
    requests: Sequence[EvidenceRequest],
    *,
    limit: int = 5,
) -> list[tuple[Evidence, ...]]:
    """Return ``top_evidence`` for many pair windows in one query (the signal scan's, #18).

    Each request reads events between the pair's two countries, either way, in
    ``[start, end)``; the order and ties are ``top_evidence``'s.
    """
    if not requests:
        return []
    table = pa.table(
        {
            "rid": list(range(len(requests))),
            "a": [min(r.pair) for r in requests],
            "b": [max(r.pair) for r in requests],
            "quads": [list(r.quads) for r in requests],
            "start": [r.start for r in requests],
            "stop": [r.end for r in requests],
        }
    )
    weight = weight_sql()
    fields = ", ".join(f"e.{name}" for name in _FIELDS)
    sql = (
        f"SELECT rid, {', '.join(_FIELDS)} FROM (SELECT r.rid, {fields}, row_number() OVER"
        f" (PARTITION BY r.rid ORDER BY {weight} * abs(e.{COL.goldstein}) DESC,"
        f" e.{COL.confidence} DESC, e.{COL.id}) AS rank"
        f" FROM _requests AS r JOIN {EVENTS} AS e"
        f" ON least(e.{COL.source_country}, e.{COL.target_country}) = r.a"
        f" AND greatest(e.{COL.source_country}, e.{COL.target_country}) = r.b"
        f" AND e.{COL.source_country} <> e.{COL.target_country}"
        f" WHERE list_contains(r.quads, e.{COL.quad_class}) AND e.{COL.date} >= r.start"
        f" AND e.{COL.date} < r.stop AND {weight} > 0 AND {relation_sql()})"
        " WHERE rank <= $limit ORDER BY rid, rank"
    )
    found: list[list[Evidence]] = [[] for _ in requests]
    con.register("_requests", table)
    try:
        params = {**weight_params(settings), **relation_params(), "limit": limit}
        rows = fetch(con, sql, params)
    finally:
        faults.unregister(con, "_requests")
    for rid, *row in rows:
        found[rid].append(_evidence(tuple(row)))
    return [tuple(items) for items in found]
