"""Signed blocs: communities of a signed country graph by signed modularity (#20).

Positive edges pull countries together and negative edges push them apart (Gómez, Jensen
and Arenas 2009: the modularity of the positive part minus that of the negative part).
It is maximised with Louvain's two phases, local moves then aggregation, on the signed
modularity matrix. One Louvain run depends on the order it visits the nodes in, so the
blocs come from a consensus matrix (after Lancichinetti and Fortunato 2012, who cluster
it again): the share of ``CONSENSUS_RUNS`` runs, in orders drawn with a fixed seed, that
put two countries together, cut by average linkage at one half. Given the same network
(nodes in name order) and the same NumPy, the blocs are the same; a small change to the
network no longer regroups them by chance. Countries with less than ``MIN_EVIDENCE`` of
signed evidence, or without a positive tie inside the bloc found for them, stay
unassigned. An edge pulls by its sign times its evidence (``z``, capped at ``Z_CAP``),
not by its volume, so busy pairs do not make blocs of neighbours.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.results import Bloc, Tie

MIN_EVIDENCE = 1.0
"""Evidence a country needs to join a bloc: the sum over its edges of ``|z| / Z_CAP``
(capped at 1 each), so one edge at ``Z_CAP`` standard errors or two weaker ones."""

Z_CAP = 3.0
"""Evidence beyond this many standard errors adds no pull: a bloc is a camp, not a hub."""

RESOLUTION = 1.0
"""Modularity resolution: below 1 favours fewer, larger blocs."""

CONSENSUS_RUNS = 64
"""Louvain runs, each visiting the nodes in its own seeded order, that vote on the blocs."""

CONSENSUS_SHARE = 0.5
"""Share of the runs in which two countries must share a bloc to be drawn together."""

TOP_TIES = 3
"""Strongest internal ties reported as each bloc's evidence."""

Matrix = npt.NDArray[np.float64]


def modularity_matrix(adjacency: Matrix, resolution: float = 1.0) -> Matrix:
    """Return the signed modularity matrix of a symmetric adjacency with signed weights.

    It is the positive part's ``A - r k k^T / 2m`` minus the negative part's, so two
    countries gain from sharing a bloc when they are friendlier than their degrees
    predict, and lose when they are more hostile; a ``resolution`` r below 1 favours
    larger blocs.
    """
    positive = np.clip(adjacency, 0.0, None)
    negative = np.clip(-adjacency, 0.0, None)
    return _less_chance(positive, resolution) - _less_chance(negative, resolution)


def _less_chance(part: Matrix, resolution: float) -> Matrix:
    degree = part.sum(axis=1)
    mass = float(degree.sum())
    return part - resolution * np.outer(degree, degree) / mass if mass > 0 else part


def _best_label(matrix: Matrix, foes: Matrix, labels: npt.NDArray[np.int64], node: int) -> int:
    size = 2 * len(labels)  # labels are node indexes or, for a node left alone, n + node
    others = np.arange(len(labels)) != node
    gains = np.bincount(labels[others], weights=matrix[node, others], minlength=size)
    present = np.bincount(labels[others], minlength=size) > 0
    hostile = np.zeros(size, dtype=bool)
    hostile[labels[others & (foes[node] > 0)]] = True
    own = int(labels[node])
    if hostile[own]:
        return len(labels) + node  # never stay with a foe
    gain = float(gains[own]) if present[own] else 0.0
    open_labels = present & ~hostile
    if open_labels.any():
        best_gain = float(gains[open_labels].max())
        if best_gain > gain + 1e-12:
            # The lowest label among the best, as a scan in label order would pick.
            return int(np.flatnonzero(open_labels & (gains >= best_gain - 1e-12))[0])
    if gain < -1e-12:
        return len(labels) + node  # alone is better than with the unfriendly
    return own


def _local_moves(matrix: Matrix, foes: Matrix) -> list[int]:
    """Move each node to the foe-free community that gains most, until no move gains."""
    labels = np.arange(len(matrix), dtype=np.int64)
    moved = True
    while moved:
        moved = False
        for node in range(len(matrix)):
            best = _best_label(matrix, foes, labels, node)
            if best != labels[node]:
                labels[node], moved = best, True
    return [int(label) for label in labels]


def louvain(matrix: Matrix, foes: Matrix | None = None) -> list[int]:
    """Return a community label per node maximising ``matrix`` (deterministic).

    ``foes`` (positive where two nodes are hostile) keeps hostile nodes apart: a bloc
    never holds both ends of a negative edge.
    """
    foes = np.zeros_like(matrix) if foes is None else foes
    labels = list(range(len(matrix)))
    current = matrix
    while True:
        moves = _local_moves(current, foes)
        names = {label: i for i, label in enumerate(dict.fromkeys(moves))}
        if len(names) == len(current):
            return _compact(labels)
        member = np.zeros((len(current), len(names)))
        for node, label in enumerate(moves):
            member[node, names[label]] = 1.0
        labels = [names[moves[label]] for label in labels]
        current = member.T @ current @ member
        foes = member.T @ foes @ member


def consensus(matrix: Matrix, foes: Matrix, runs: int = CONSENSUS_RUNS) -> list[int]:
    """Return community labels that most of ``runs`` Louvain runs agree on.

    Run one is in the given order, the others in orders drawn with a fixed seed. Each
    pair of nodes scores the share of runs that put it together; then groups merge by
    average linkage, the pair of groups with the highest mean share first, while that
    mean exceeds ``CONSENSUS_SHARE`` and neither holds a foe of the other. Equal shares
    go to the lowest index (``find_blocs`` passes nodes in name order).
    """
    size = len(matrix)
    rng = np.random.default_rng(0)
    together = np.zeros((size, size))
    for run in range(runs):
        order = np.arange(size) if run == 0 else rng.permutation(size)
        labels = np.empty(size, dtype=np.int64)
        labels[order] = louvain(matrix[np.ix_(order, order)], foes[np.ix_(order, order)])
        together += labels[:, None] == labels[None, :]
    return _average_linkage(together / runs, foes > 0)


def _average_linkage(share: Matrix, hostile: npt.NDArray[np.bool_]) -> list[int]:
    groups: list[list[int]] = [[node] for node in range(len(share))]
    total = share.copy()  # summed shares between groups
    foes = hostile.astype(np.float64)  # hostile pairs between groups
    size = np.ones(len(share))
    while len(groups) > 1:
        mean = total / np.outer(size, size)
        mean[foes > 0] = -np.inf
        np.fill_diagonal(mean, -np.inf)
        i, j = sorted(np.unravel_index(int(np.argmax(mean)), mean.shape))
        if mean[i, j] <= CONSENSUS_SHARE:
            break
        groups[i] = sorted(groups[i] + groups.pop(j))
        for merged in (total, foes):
            merged[i] += merged[j]
            merged[:, i] += merged[:, j]
        total, foes = (np.delete(np.delete(m, j, 0), j, 1) for m in (total, foes))
        size[i] += size[j]
        size = np.delete(size, j)
    labels = [0] * len(share)
    for label, group in enumerate(groups):
        for node in group:
            labels[node] = label
    return labels


def _compact(labels: list[int]) -> list[int]:
    names = {label: i for i, label in enumerate(dict.fromkeys(labels))}
    return [names[label] for label in labels]


def find_blocs(graph: Any) -> tuple[Bloc, ...]:
    """Return the blocs of a signed graph (edge ``weight`` in [-1, 1]), largest first.

    Example:
        >>> import networkx as nx
        >>> g = nx.Graph()
        >>> g.add_weighted_edges_from([("A", "B", .8), ("B", "C", .7), ("A", "C", .6),
        ...     ("D", "E", .9), ("E", "F", .5), ("D", "F", .4), ("A", "D", -.9), ("C", "F", -.6)])
        >>> [b.members for b in find_blocs(g)]
        [('A', 'B', 'C'), ('D', 'E', 'F')]
    """
    nodes = sorted(node for node in graph if _evidence(graph, node) >= MIN_EVIDENCE)
    if len(nodes) < 2:
        return ()
    adjacency = np.zeros((len(nodes), len(nodes)))
    position = {node: i for i, node in enumerate(nodes)}
    for a, b, data in graph.subgraph(nodes).edges(data=True):
        adjacency[position[a], position[b]] = adjacency[position[b], position[a]] = _pull(data)
    groups: dict[int, list[str]] = {}
    labels = consensus(
        modularity_matrix(adjacency, RESOLUTION), foes=(adjacency < 0).astype(np.float64)
    )
    for node, label in zip(nodes, labels, strict=True):
        groups.setdefault(label, []).append(node)
    found = [_bloc(graph, members) for members in groups.values()]
    return tuple(sorted((b for b in found if b is not None), key=_order))


def _pull(data: dict[str, Any]) -> float:
    return float(np.sign(data["weight"]) * min(abs(data.get("z", Z_CAP)), Z_CAP) / Z_CAP)


def _evidence(graph: Any, node: str) -> float:
    return sum(abs(_pull(data)) for data in graph[node].values())


def _order(bloc: Bloc) -> tuple[int, tuple[str, ...]]:
    return -len(bloc.members), bloc.members


def _befriended(graph: Any, members: list[str]) -> list[str]:
    """Drop members with no positive tie inside, until every one has one."""
    while True:
        kept = [
            m for m in members if any(graph[m][o]["weight"] > 0 for o in graph[m] if o in members)
        ]
        if len(kept) == len(members):
            return kept
        members = kept


def _bloc(graph: Any, members: list[str]) -> Bloc | None:
    members = _befriended(graph, members)
    if len(members) < 2:
        return None
    inside = graph.subgraph(members)
    weights = [w for _, _, w in inside.edges(data="weight")]
    friendly = sum(w for w in weights if w > 0)
    friends = [(a, b, d) for a, b, d in inside.edges(data=True) if d["weight"] > 0]
    # Strongest first: the best evidenced (capped z), then the largest lean.
    friends.sort(key=lambda e: (-_pull(e[2]), -e[2]["weight"], min(e[0], e[1]), max(e[0], e[1])))
    ties = [
        Tie((min(a, b), max(a, b)), round(d["weight"], 4), d.get("n_events", 0))
        for a, b, d in friends[:TOP_TIES]
    ]
    balance = friendly / sum(abs(w) for w in weights)
    return Bloc(tuple(sorted(members)), round(balance, 4), tuple(ties))
