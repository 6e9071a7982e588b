"""Check the signed network against well-known relations: sign agreement and bloc purity (#20).

An expectation file lists, per period, allied and adversarial country pairs written from
public facts, and the storylines whose two sides should not share a bloc. See
docs/analytics.md for the format; tests/data/alignment-examples.json is one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.analyze.network import Network, network
from dyadwatch.analyze.periods import window
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import ConfigError, InputError
from dyadwatch.store.db import Store

Pair = tuple[str, str]

_FIX = 'write {"periods": [{"name": ..., "period": "2018", "allies": [["USA", "JPN"]], ...}]}'


@dataclass(frozen=True, slots=True)
class Expectation:
    """The well-known relations of one period, and the storylines that split it."""

    name: str
    period: str
    allies: tuple[Pair, ...]
    adversaries: tuple[Pair, ...]
    rivals: tuple[Pair, ...] = ()


@dataclass(frozen=True, slots=True)
class AlignmentCheck:
    """How a period's network agrees with its expectation.

    ``sign_agreement`` is the share of listed pairs with an edge whose sign is right;
    ``bloc_purity`` the share of adversary pairs, both in blocs, that are in different
    blocs; ``allies_together`` counts allied pairs sharing a bloc. ``shared`` names the
    adversary pairs and storyline sides found in one bloc.
    """

    name: str
    period: str
    n_pairs: int
    n_with_edge: int
    n_right_sign: int
    sign_agreement: float
    n_adversaries_placed: int
    bloc_purity: float
    allies_together: int
    n_blocs: int
    wrong_signs: tuple[str, ...]
    shared: tuple[str, ...]


def _pairs(raw: Any, path: str, key: str) -> tuple[Pair, ...]:
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(c, str) for c in p) for p in raw
    ):
        raise InputError(path, None, f"{key!r} must be a list of country-code pairs", _FIX)
    return tuple((a.upper(), b.upper()) for a, b in raw)


def read_expectations(path: str | Path) -> tuple[Expectation, ...]:
    """Read an expectation file: its periods, with the storylines that fall in each.

    Raises:
        InputError: the file is not JSON or lacks a field.
    """
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        periods, storylines = data["periods"], data.get("storylines", [])
        found = []
        for entry in periods:
            rivals = [s["pair"] for s in storylines if entry["period"] in s.get("periods", [])]
            found.append(
                Expectation(
                    name=str(entry["name"]),
                    period=str(entry["period"]),
                    allies=_pairs(entry.get("allies", []), name, "allies"),
                    adversaries=_pairs(entry.get("adversaries", []), name, "adversaries"),
                    rivals=_pairs(rivals, name, "storylines"),
                )
            )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(name, None, f"not an expectation file ({error})", _FIX) from None
    return tuple(found)


def _bloc_of(net: Network) -> dict[str, int]:
    return {country: i for i, bloc in enumerate(net.blocs) for country in bloc.members}


def score(net: Network, expectation: Expectation) -> AlignmentCheck:
    """Return how ``net`` agrees with ``expectation``."""
    graph, bloc_of = net.graph, _bloc_of(net)
    right, wrong = 0, []
    for pairs, want in ((expectation.allies, 1), (expectation.adversaries, -1)):
        for a, b in pairs:
            if graph.has_edge(a, b):
                if graph[a][b]["sign"] == want:
                    right += 1
                else:
                    wrong.append(f"{a}-{b}")
    with_edge = right + len(wrong)

    def together(pairs: tuple[Pair, ...]) -> list[str]:
        return [f"{a}-{b}" for a, b in pairs if a in bloc_of and bloc_of[a] == bloc_of.get(b)]

    placed = [p for p in expectation.adversaries if p[0] in bloc_of and p[1] in bloc_of]
    foes = together(expectation.adversaries)
    return AlignmentCheck(
        name=expectation.name,
        period=expectation.period,
        n_pairs=len(expectation.allies) + len(expectation.adversaries),
        n_with_edge=with_edge,
        n_right_sign=right,
        sign_agreement=round(right / with_edge, 4) if with_edge else 0.0,
        n_adversaries_placed=len(placed),
        bloc_purity=round(1 - len(foes) / len(placed), 4) if placed else 1.0,
        allies_together=len(together(expectation.allies)),
        n_blocs=len(net.blocs),
        wrong_signs=tuple(wrong),
        shared=tuple(foes + together(expectation.rivals)),
    )


def check_alignment(
    store: Store, path: str | Path, *, settings: AnalyticsSettings | None = None
) -> list[AlignmentCheck]:
    """Score the network of every period of the expectation file at ``path``.

    Example:
        >>> checks = check_alignment(store, "expect.json")  # doctest: +SKIP
        >>> checks[0].sign_agreement  # doctest: +SKIP
        0.92
    """
    checks = []
    for expectation in read_expectations(path):
        try:
            start, end = window(expectation.period)
        except ConfigError as error:
            raise InputError(str(path), None, str(error)) from None
        checks.append(score(network(store, start=start, end=end, settings=settings), expectation))
    return checks
