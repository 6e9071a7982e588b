"""Event search for the report and the dashboard: filtered events, busiest pairs, one pair's view.

Every filter value is bound as a query parameter and never formatted into SQL; the text
filter is a plain substring test (``contains``), so no LIKE pattern is ever built from
user input. Each returned event carries the character offsets of its trigger and of the
mentions of its two countries in the evidence sentence, for highlighting.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from dyadwatch.actors import ActorGazetteer, Resolver
from dyadwatch.analyze.columns import (
    AGGREGATES,
    COL,
    EVENTS,
    QUAD_PARAMS,
    base_params,
    fetch,
    weighted_events,
)
from dyadwatch.analyze.dyads import dyad_series
from dyadwatch.analyze.index import alignment
from dyadwatch.analyze.network import Network
from dyadwatch.analyze.results import AlignmentPoint, SignalReport
from dyadwatch.analyze.signals import signal_reports
from dyadwatch.config import AnalyticsSettings
from dyadwatch.records import DyadPoint
from dyadwatch.store.db import Store

MAX_TEXT = 200
"""Longest text filter accepted; longer ones are cut (a dashboard bounds its requests)."""

_FIELDS = (
    COL.id, COL.article_id, COL.date, COL.source_code, COL.source_country, COL.target_code,
    COL.target_country, COL.cameo, COL.quad_class, COL.goldstein, COL.plover_type,
    COL.modality, COL.trigger, COL.evidence, COL.confidence,
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters of an event search; an empty field filters nothing.

    ``actor`` matches the source or target actor code (``RUSGOV``); ``country`` and
    ``pair`` match actor countries (``pair`` in either direction); ``cameo`` is a code
    prefix (``19`` finds every fight); ``text`` is a case-insensitive substring of the
    evidence sentence; dates are half-open, ``start`` included, ``end`` excluded.
    """

    actor: str = ""
    country: str = ""
    pair: tuple[str, str] | None = None
    cameo: str = ""
    quad_class: int | None = None
    modality: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an evidence sentence to highlight: ``role`` is source, target or trigger."""

    start: int
    end: int
    role: str


@dataclass(frozen=True, slots=True)
class EventHit:
    """One stored event as a search shows it, with highlight offsets into ``sentence``."""

    id: str
    article_id: str
    date: datetime.date
    source: str
    source_country: str
    target: str
    target_country: str
    cameo: str
    quad_class: int
    goldstein: float
    plover_type: str
    modality: str
    trigger: str
    sentence: str
    confidence: float
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class EventResults:
    """A page of search results: at most ``limit`` events, newest first, of ``total``."""

    events: tuple[EventHit, ...]
    total: int
    limit: int


@dataclass(frozen=True, slots=True)
class PairCount:
    """How busy a pair was: weighted events (mentions collapsed), net cooperation, dates."""

    pair: tuple[str, str]
    n_events: int
    volume: float
    net_cooperation: float
    first: datetime.date
    last: datetime.date


@dataclass(frozen=True, slots=True)
class PairView:
    """Everything a pair's page shows: index, monthly quad counts, signals and events."""

    pair: tuple[str, str]
    alignment: tuple[AlignmentPoint, ...]
    series: tuple[DyadPoint, ...]
    signals: tuple[SignalReport, ...]
    events: EventResults


def _where(query: EventQuery) -> tuple[str, dict[str, Any]]:
    parts: list[str] = ["TRUE"]
    params: dict[str, Any] = {}
    if query.actor:
        parts.append(f"$actor IN ({COL.source_code}, {COL.target_code})")
        params["actor"] = query.actor
    if query.country:
        parts.append(f"$country IN ({COL.source_country}, {COL.target_country})")
        params["country"] = query.country
    if query.pair is not None:
        parts.append(
            f"{COL.source_country} IN ($pa, $pb) AND {COL.target_country} IN ($pa, $pb)"
            f" AND {COL.source_country} <> {COL.target_country}"
        )
        params |= {"pa": query.pair[0], "pb": query.pair[1]}
    if query.cameo:
        parts.append(f"starts_with({COL.cameo}, $cameo)")
        params["cameo"] = query.cameo
    if query.quad_class is not None:
        parts.append(f"{COL.quad_class} = $quad")
        params["quad"] = int(query.quad_class)
    if query.modality:
        parts.append(f"{COL.modality} = $modality")
        params["modality"] = query.modality
    if query.start is not None:
        parts.append(f"{COL.date} >= $start")
        params["start"] = query.start
    if query.end is not None:
        parts.append(f"{COL.date} < $end")
        params["end"] = query.end
    if query.text:
        parts.append(f"contains(lower({COL.evidence}), $text)")
        params["text"] = query.text[:MAX_TEXT].lower()
    return " AND ".join(parts), params


def search_events(store: Store, query: EventQuery, *, limit: int = 100) -> EventResults:
    """Return the events matching ``query``, newest first, at most ``limit`` of them.

    Example:
        >>> found = search_events(store, EventQuery(country="PRK", quad_class=2))  # doctest: +SKIP
        >>> found.total, found.events[0].cameo  # doctest: +SKIP
        (12, '0712')
    """
    where, params = _where(query)
    sql = (
        f"SELECT {', '.join(_FIELDS)}, count(*) OVER () FROM {EVENTS} WHERE {where}"
        f" ORDER BY {COL.date} DESC, {COL.article_id}, {COL.id} LIMIT $limit"
    )
    params["limit"] = max(0, limit)
    with store.reader() as con:
        rows = fetch(con, sql, params)
    total = int(rows[0][-1]) if rows else 0
    return EventResults(tuple(_hit(row[:-1]) for row in rows), total, limit)


def _hit(row: tuple[Any, ...]) -> EventHit:
    event_id, article_id, day, source, src, target, tgt, cameo, quad, *rest = row
    goldstein, plover, modality, trigger, sentence, confidence = rest
    return EventHit(
        id=event_id, article_id=article_id, date=day, source=source, source_country=src,
        target=target, target_country=tgt, cameo=cameo, quad_class=int(quad),
        goldstein=float(goldstein), plover_type=plover, modality=modality, trigger=trigger,
        sentence=sentence, confidence=float(confidence),
        marks=highlight(sentence, trigger=trigger, source=src, target=tgt, date=day),
    )  # fmt: skip


@functools.cache
def _resolver() -> Resolver:
    return Resolver(ActorGazetteer.load())


def highlight(
    sentence: str, *, trigger: str, source: str, target: str, date: datetime.date
) -> tuple[Mark, ...]:
    """Return the sorted, non-overlapping spans of the actors and trigger in ``sentence``.

    Actor spans are the gazetteer mentions of the ``source`` and ``target`` countries
    (``Moscow``, ``the Kremlin``, ``North Korean``); trigger spans are the first
    whole-word occurrence of each trigger word, inflections included (``urge`` finds
    ``urged``). Renderers escape each slice and wrap the spans, never the other way round.

    Example:
        >>> import datetime
        >>> marks = highlight("Russia accused Ukraine.", trigger="accused", source="RUS",
        ...                   target="UKR", date=datetime.date(2023, 5, 1))
        >>> [(m.start, m.end, m.role) for m in marks]
        [(0, 6, 'source'), (7, 14, 'trigger'), (15, 22, 'target')]
    """
    roles = {target: "target", source: "source"} if source != target else {source: "source"}
    found = [
        Mark(m.start, m.end, roles[m.actor.country])
        for m in _resolver().find(sentence, date=date)
        if m.actor.country in roles
    ]
    for word in _WORD.findall(trigger):
        match = re.search(rf"\b{re.escape(word)}\w*", sentence, flags=re.IGNORECASE)
        if match:
            found.append(Mark(match.start(), match.end(), "trigger"))
    kept: list[Mark] = []
    for mark in sorted(found, key=_by_start):
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return tuple(kept)


def _by_start(mark: Mark) -> tuple[int, int]:
    return mark.start, -mark.end


def top_pairs(
    store: Store,
    *,
    limit: int = 10,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
) -> list[PairCount]:
    """Return the country pairs with the most weighted events, busiest first.

    Events are counted as the analytics count them: modality-weighted, negated ones left
    out, one event told by several articles counted once (``weighted_events``).

    Example:
        >>> top_pairs(store, limit=1)[0].pair  # doctest: +SKIP
        ('PRK', 'RUS')
    """
    settings = settings or AnalyticsSettings()
    where = [
        f"{COL.source_country} <> $none AND {COL.target_country} <> $none",
        f"{COL.source_country} <> {COL.target_country}",
        f"{COL.date} >= $start" if start else "TRUE",
        f"{COL.date} < $end" if end else "TRUE",
    ]
    sql = (
        f"SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, {AGGREGATES}, min(day), max(day)"
        f" FROM {weighted_events(settings, ' AND '.join(where))} GROUP BY a, b"
        " ORDER BY total DESC, a, b LIMIT $limit"
    )
    params = {**base_params(settings), **QUAD_PARAMS, "none": "", "limit": max(0, limit)}
    params |= {"start": start, "end": end}
    with store.reader() as con:
        rows = fetch(con, sql, params)
    return [_pair_count(row) for row in rows]


def _pair_count(row: tuple[Any, ...]) -> PairCount:
    a, b, n, total, vcoop, mcoop, vconf, mconf, _gsum, _mat, first, last = row
    net = (vcoop + mcoop - vconf - mconf) / total if total else 0.0
    return PairCount((a, b), int(n), round(float(total), 4), round(float(net), 4), first, last)


def pair_view(
    store: Store,
    a: str,
    b: str,
    *,
    reports: Sequence[SignalReport] | None = None,
    limit: int = 100,
    settings: AnalyticsSettings | None = None,
) -> PairView:
    """Return a pair's monthly index and quad counts, its signals and its latest events.

    Args:
        reports: signal reports of a scan already made (every pair); default: scan now.
        limit: most events returned (newest first); ``events.total`` counts them all.

    Example:
        >>> view = pair_view(store, "RUS", "PRK")  # doctest: +SKIP
        >>> view.signals[0].signal.kind  # doctest: +SKIP
        'emerging_alignment'
    """
    settings = settings or AnalyticsSettings()
    pair = (min(a, b), max(a, b))
    index = alignment(store, a, b, settings=settings)
    series = dyad_series(store, pair[0], pair[1], directed=False, settings=settings)
    if reports is None:
        reports = signal_reports(store, settings=settings)
    own = tuple(r for r in reports if tuple(sorted(r.signal.pair)) == pair)
    events = search_events(store, EventQuery(pair=pair), limit=limit)
    return PairView(pair, tuple(index), tuple(series), own, events)


def network_data(net: Network) -> dict[str, Any]:
    """Return a period's network as JSON-ready node-link data with its summary.

    Nodes carry ``id`` and ``bloc``; edges carry ``source``, ``target``, ``weight``,
    ``sign``, ``z``, ``volume`` and ``n_events`` (see ``analyze.network``).
    """
    data = nx.node_link_data(net.graph, edges="edges")
    return {"summary": net.summary(), "nodes": data["nodes"], "edges": data["edges"]}


def jsonable(value: Any) -> Any:
    """Return ``value`` with records, dates and enums turned into JSON values (a ``default``).

    Use it as ``json.dumps(obj, default=jsonable)``: the report and the dashboard encode
    records the same way, so the report's data blocks read like the dashboard's JSON API.

    Example:
        >>> jsonable(datetime.date(2023, 9, 13))
        '2023-09-13'
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
