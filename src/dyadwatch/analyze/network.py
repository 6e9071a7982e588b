"""The signed country network of a period: net cooperation edges, blocs, unbalanced triads."""

from __future__ import annotations

import datetime
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from dyadwatch.analyze.columns import (
    AGGREGATES,
    COL,
    QUAD_PARAMS,
    base_params,
    fetch,
    weighted_events,
)
from dyadwatch.analyze.results import NetworkSummary
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.store.db import Store

NETWORK_FORMATS = ("graphml", "json")

_WHERE = (
    f"{COL.source_country} <> $none AND {COL.target_country} <> $none"
    f" AND {COL.source_country} <> {COL.target_country}"
    f" AND {COL.date} >= $start AND {COL.date} < $end"
)


@dataclass(frozen=True, slots=True)
class Network:
    """A period's signed network and what was found in it.

    ``graph`` is an undirected ``networkx.Graph`` of country codes; each edge has
    ``weight`` (net cooperation in [-1, 1]), ``sign`` (-1, 0, 1), ``volume`` (weighted
    events) and ``n_events``; each node has ``bloc`` (its index in ``blocs``, or -1).
    """

    graph: Any
    blocs: tuple[tuple[str, ...], ...]
    unbalanced_triads: tuple[tuple[str, str, str], ...]
    start: datetime.date
    end: datetime.date

    def summary(self) -> NetworkSummary:
        """Return the counts, blocs and unbalanced triads as one record."""
        signs = [sign for _, _, sign in self.graph.edges(data="sign")]
        return NetworkSummary(
            start=self.start,
            end=self.end,
            n_countries=self.graph.number_of_nodes(),
            n_edges=self.graph.number_of_edges(),
            n_positive=signs.count(1),
            n_negative=signs.count(-1),
            blocs=self.blocs,
            unbalanced_triads=self.unbalanced_triads,
        )


def _edges(
    store: Store, settings: AnalyticsSettings, start: datetime.date, end: datetime.date
) -> list[tuple[Any, ...]]:
    sql = (
        f"SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, {AGGREGATES}"
        f" FROM {weighted_events(settings, _WHERE)} GROUP BY a, b ORDER BY a, b"
    )
    params = {**base_params(settings), **QUAD_PARAMS, "none": "", "start": start, "end": end}
    with store.reader() as con:
        return fetch(con, sql, params)


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def signed_graph(rows: list[tuple[Any, ...]]) -> Any:
    """Return the graph of ``(a, b, n, total, vcoop, mcoop, vconf, mconf, ...)`` rows."""
    graph = nx.Graph()
    for a, b, n, total, vcoop, mcoop, vconf, mconf, *_ in rows:
        net = (vcoop + mcoop - vconf - mconf) / total
        graph.add_edge(a, b, weight=round(net, 6), sign=_sign(net), volume=total, n_events=n)
    return graph


def blocs(graph: Any) -> tuple[tuple[str, ...], ...]:
    """Return the communities of the positive edges (greedy modularity), two or more strong."""
    positive = nx.Graph()
    positive.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if d["sign"] > 0)
    if positive.number_of_edges() == 0:
        return ()
    found = greedy_modularity_communities(positive, weight="weight")
    groups = [tuple(sorted(c)) for c in found if len(c) > 1]
    return tuple(sorted(groups, key=lambda g: (-len(g), g)))


def _bloc_order(members: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    return -len(members), members


def unbalanced_triads(graph: Any) -> tuple[tuple[str, str, str], ...]:
    """Return the triangles whose edge signs multiply to a negative number, sorted."""
    found: set[tuple[str, str, str]] = set()
    for a in graph:
        for b, c in itertools.combinations(sorted(graph[a]), 2):
            if graph.has_edge(b, c):
                signs = graph[a][b]["sign"] * graph[a][c]["sign"] * graph[b][c]["sign"]
                if signs < 0:
                    x, y, z = sorted((a, b, c))
                    found.add((x, y, z))
    return tuple(sorted(found))


def network(
    store: Store,
    *,
    start: datetime.date,
    end: datetime.date,
    settings: AnalyticsSettings | None = None,
) -> Network:
    """Return the signed network of every country pair with events in ``[start, end)``.

    Example:
        >>> net = network(store, start=date(2023, 1, 1), end=date(2024, 1, 1))  # doctest: +SKIP
        >>> net.summary().blocs  # doctest: +SKIP
        (('PRK', 'RUS'), ('JPN', 'KOR', 'USA'))
    """
    settings = settings or AnalyticsSettings()
    graph = signed_graph(_edges(store, settings, start, end))
    found = blocs(graph)
    nx.set_node_attributes(graph, -1, "bloc")
    for number, members in enumerate(found):
        nx.set_node_attributes(graph, dict.fromkeys(members, number), "bloc")
    return Network(graph, found, unbalanced_triads(graph), start, end)


def export_network(graph: Any, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML or node-link JSON; ``fmt`` defaults to the file suffix.

    Raises:
        UnknownNameError: an unknown format.
        StoreError: the file cannot be written.
    """
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in NETWORK_FORMATS:
        raise UnknownNameError("network format", fmt, NETWORK_FORMATS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            nx.write_graphml(graph, path)
        else:
            data = nx.node_link_data(graph, edges="edges")
            path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    except OSError as error:
        raise StoreError(f"{path}: cannot write the network ({error.strerror})") from None
    return path
