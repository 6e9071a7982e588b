"""Records the analyze stage returns besides ``DyadPoint`` and ``Signal`` (evidence, index, ...)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dyadwatch.records import Signal


@dataclass(frozen=True, slots=True)
class Evidence:
    """One stored event shown as evidence: the sentence, where it came from, how real."""

    event_id: str
    article_id: str
    date: datetime.date
    source: str
    target: str
    cameo: str
    quad_class: int
    goldstein: float
    modality: str
    sentence: str


@dataclass(frozen=True, slots=True)
class AlignmentPoint:
    """One month of a pair's alignment index, in [-1, 1], with its 90% band.

    ``cooperation`` and ``conflict`` are the month's weighted masses (material events
    count ``MATERIAL_WEIGHT`` times); the index is the shrunk ratio between them.
    """

    month: datetime.date
    pair: tuple[str, str]
    index: float
    low: float
    high: float
    cooperation: float
    conflict: float
    material_cooperation: float
    material_conflict: float
    n_events: int


@dataclass(frozen=True, slots=True)
class SignalReport:
    """A ``Signal`` with the index before and after the change and its evidence sentences."""

    signal: Signal
    index_before: float
    index_after: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Reaction:
    """How a third country acted towards a pair in a window.

    ``stance`` is ``supportive``, ``opposed`` or ``neutral`` from ``score``, the
    weight-averaged Goldstein value of its events towards either member; ``about_pair``
    counts those events told in articles that also report an event between the two.
    """

    actor: str
    pair: tuple[str, str]
    stance: str
    score: float
    n_events: int
    n_towards_a: int
    n_towards_b: int
    about_pair: int
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Tie:
    """One signed edge shown as evidence: the pair, its lean in [-1, 1], its events."""

    pair: tuple[str, str]
    weight: float
    n_events: int


@dataclass(frozen=True, slots=True)
class Bloc:
    """Countries mostly friendly to one another (signed modularity, #20).

    ``balance`` is the positive share of the absolute lean of the edges inside the bloc
    (1.0: no hostile tie inside); ``ties`` are its strongest friendly edges.
    """

    members: tuple[str, ...]
    balance: float
    ties: tuple[Tie, ...]


@dataclass(frozen=True, slots=True)
class TriadEdge:
    """One edge of an unbalanced triad with the events that show its sign."""

    pair: tuple[str, str]
    weight: float
    sign: int
    n_events: int
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Triad:
    """Three countries whose strong, significant edges multiply to a negative sign.

    ``weakest`` is the smallest absolute lean of the three, the triad's rank.
    """

    countries: tuple[str, str, str]
    weakest: float
    edges: tuple[TriadEdge, TriadEdge, TriadEdge]


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    """What a signed country network holds: its size, blocs and unbalanced triads.

    ``n_pairs`` counts the pairs with events, ``n_edges`` those whose tone differs
    significantly from ``expected`` (the cooperative share expected of a pair); ``blocs``
    lists the members of each of ``bloc_details``; ``n_unbalanced`` counts the unbalanced
    triads before the cap that keeps ``unbalanced_triads`` short.
    """

    start: datetime.date
    end: datetime.date
    n_countries: int
    n_edges: int
    n_positive: int
    n_negative: int
    blocs: tuple[tuple[str, ...], ...]
    unbalanced_triads: tuple[Triad, ...]
    n_pairs: int = 0
    n_unbalanced: int = 0
    expected: float = 0.0
    baseline: str = "global"
    bloc_details: tuple[Bloc, ...] = ()
