"""The signed country network of a period: tone edges, signed blocs, unbalanced triads (#20).

Each pair's edge is its tone against expectation (``analyze.tone``): how far its events
lean cooperative or conflictual compared with the period's mix. Only pairs whose lean is
significant (``Z_EDGE`` standard errors, ``MIN_EDGE_EVENTS`` events) become edges; the
other pairs count in ``n_pairs``. Blocs come from signed modularity (``analyze.blocs``);
unbalanced triads need three strong edges and are capped.
"""

from __future__ import annotations

import datetime
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from dyadwatch.analyze.blocs import find_blocs
from dyadwatch.analyze.evidence import edge_evidence
from dyadwatch.analyze.results import Bloc, NetworkSummary, Triad, TriadEdge
from dyadwatch.analyze.tone import Baseline, Tone, tones
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.store.db import Connection, Store

NETWORK_FORMATS = ("graphml", "json")

Z_EDGE = 1.96
"""A pair's lean must be this many standard errors from the expectation to be an edge."""

MIN_EDGE_EVENTS = 3
"""Fewest events (with or without tone) a pair needs to be an edge."""

STRONG = 0.25
"""Smallest absolute lean of each edge of a reported unbalanced triad."""

MAX_TRIADS = 50
"""Unbalanced triads reported by default, the strongest (by weakest edge) first."""

EVIDENCE_PER_EDGE = 2


@dataclass(frozen=True, slots=True)
class Network:
    """A period's signed network and what was found in it.

    ``graph`` is an undirected ``networkx.Graph``: every country with events is a node
    (``bloc``: its index in ``blocs``, or -1), and each significant pair an edge with
    ``weight`` (lean in [-1, 1]), ``sign``, ``z``, ``volume`` (weighted events) and
    ``n_events``.
    """

    graph: Any
    blocs: tuple[Bloc, ...]
    unbalanced_triads: tuple[Triad, ...]
    start: datetime.date
    end: datetime.date
    n_pairs: int = 0
    n_unbalanced: int = 0
    expected: float = 0.0
    baseline: str = "global"

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
            blocs=tuple(bloc.members for bloc in self.blocs),
            unbalanced_triads=self.unbalanced_triads,
            n_pairs=self.n_pairs,
            n_unbalanced=self.n_unbalanced,
            expected=self.expected,
            baseline=self.baseline,
            bloc_details=self.blocs,
        )


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def significant(tone: Tone) -> bool:
    """Return whether a pair's tone is evidence enough for a signed edge."""
    return abs(tone.z) >= Z_EDGE and tone.n_events >= MIN_EDGE_EVENTS and tone.lean != 0


def signed_graph(found: dict[tuple[str, str], Tone]) -> Any:
    """Return the graph of every country in ``found``, with its significant pairs as edges."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted({country for pair in found for country in pair}))
    for (a, b), tone in sorted(found.items()):
        if significant(tone):
            graph.add_edge(
                a,
                b,
                weight=round(tone.lean, 6),
                sign=_sign(tone.lean),
                z=round(tone.z, 3),
                volume=round(tone.volume, 6),
                n_events=tone.n_events,
            )
    return graph


def unbalanced_triads(graph: Any, *, strong: float = STRONG) -> list[tuple[str, str, str]]:
    """Return the triangles of strong edges whose signs multiply to a negative number.

    Sorted by their weakest edge, strongest first, then by name.
    """
    found: dict[tuple[str, str, str], float] = {}
    for a in sorted(graph):
        friends = sorted(b for b in graph[a] if b > a and abs(graph[a][b]["weight"]) >= strong)
        for b, c in itertools.combinations(friends, 2):
            if graph.has_edge(b, c) and abs(graph[b][c]["weight"]) >= strong:
                edges = (graph[a][b], graph[a][c], graph[b][c])
                if edges[0]["sign"] * edges[1]["sign"] * edges[2]["sign"] < 0:
                    found[(a, b, c)] = min(abs(e["weight"]) for e in edges)
    return sorted(found, key=lambda triad: (-found[triad], triad))


def _triads(
    con: Connection,
    settings: AnalyticsSettings,
    graph: Any,
    found: list[tuple[str, str, str]],
    window: tuple[datetime.date, datetime.date],
) -> tuple[Triad, ...]:
    """Return ``found`` as records, each edge with its strongest events (one query)."""
    pairs = {pair for a, b, c in found for pair in ((a, b), (a, c), (b, c))}
    evidence = edge_evidence(
        con,
        settings,
        friendly=sorted(p for p in pairs if graph[p[0]][p[1]]["sign"] > 0),
        hostile=sorted(p for p in pairs if graph[p[0]][p[1]]["sign"] < 0),
        start=window[0],
        end=window[1],
        limit=EVIDENCE_PER_EDGE,
    )
    triads = []
    for a, b, c in found:
        edges = []
        for x, y in ((a, b), (a, c), (b, c)):
            data = graph[x][y]
            edges.append(
                TriadEdge(
                    (x, y), data["weight"], data["sign"], data["n_events"], evidence.get((x, y), ())
                )
            )
        weakest = min(abs(edge.weight) for edge in edges)
        triads.append(Triad((a, b, c), weakest, (edges[0], edges[1], edges[2])))
    return tuple(triads)


def network(
    store: Store,
    *,
    start: datetime.date,
    end: datetime.date,
    settings: AnalyticsSettings | None = None,
    baseline: Baseline = Baseline.GLOBAL,
    max_triads: int = MAX_TRIADS,
) -> Network:
    """Return the signed network of the country pairs with events in ``[start, end)``.

    Args:
        baseline: what each pair's tone is measured against: the period's mix over every
            pair (``global``) or the pair's own history.
        max_triads: most unbalanced triads returned, with their evidence (``n_unbalanced``
            counts them all).

    Example:
        >>> net = network(store, start=date(2023, 1, 1), end=date(2024, 1, 1))  # doctest: +SKIP
        >>> net.summary().blocs  # doctest: +SKIP
        (('JPN', 'KOR', 'USA'), ('PRK', 'RUS'))
    """
    settings = settings or AnalyticsSettings()
    with store.reader() as con:
        found = tones(con, settings, start=start, end=end, baseline=baseline)
        graph = signed_graph(found)
        triads = unbalanced_triads(graph)
        shown = _triads(con, settings, graph, triads[: max(0, max_triads)], (start, end))
    groups = find_blocs(graph)
    nx.set_node_attributes(graph, -1, "bloc")
    for number, bloc in enumerate(groups):
        nx.set_node_attributes(graph, dict.fromkeys(bloc.members, number), "bloc")
    expected = next(iter(found.values())).expected if found and baseline is Baseline.GLOBAL else 0.0
    return Network(
        graph,
        groups,
        shown,
        start,
        end,
        len(found),
        len(triads),
        round(expected, 4),
        baseline.value,
    )


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
