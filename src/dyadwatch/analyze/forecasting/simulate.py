"""Simulated event streams with the dynamics forecasts must handle, for tests and benchmarks.

Real samples are short (the ICEWS sample spans two months); a simulated stream can span
years. Each directed pair has its own level of contact and mix of CAMEO roots; contact
drifts (a slow random walk), crises come and go (weeks of conflict roots), events excite
more of the same (self-excitation) and answers come back (reciprocity). None of this is
the forecaster's model: it only has to be learnable from the past (#19). The country
codes and the event records are the signal simulator's (``analyze.simulate``), so both
kinds of stream look alike in a store.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from dyadwatch.analyze.forecasting.history import ROOTS, IntArray
from dyadwatch.analyze.simulate import country_codes, simulated_event
from dyadwatch.ontology import Root, cameo
from dyadwatch.records import Event

ROOT_WEIGHTS = np.array(
    [20, 6, 9, 22, 8, 1, 1, 1, 1, 2, 8, 2, 1, 2.5, 0.3, 0.8, 5, 3, 3.3, 0.1], dtype=np.float64
)
"""Overall share of each root, roughly ICEWS's."""
CONFLICT = np.array([r >= Root.INVESTIGATE for r in ROOTS])
SEED_TAG = 19
"""Part of every event id of a forecast stream, apart from the signal scenarios' seeds."""


@dataclass(frozen=True, slots=True)
class StreamPlan:
    """The size and dynamics of a simulated stream."""

    countries: int = 24
    days: int = 540
    start: datetime.date = datetime.date(2020, 1, 1)
    density: float = 0.35
    events_per_day: float = 60.0
    drift: float = 0.08
    crisis_rate: float = 1 / 400
    excitation: float = 0.15
    reciprocity: float = 0.1
    seed: int = 19


@dataclass(frozen=True, slots=True, eq=False)
class SimulatedStream:
    """One row per event: source/target index ``countries``, a CAMEO code, a day ordinal."""

    countries: tuple[str, ...]
    source: IntArray
    target: IntArray
    code: tuple[str, ...]
    day: IntArray


def _codes_by_root() -> list[list[str]]:
    every = [c for c in cameo.codes() if len(c) == 3]
    return [[c for c in every if c[:2] == root] or [root + "0"] for root in ROOTS]


def simulate(plan: StreamPlan | None = None) -> SimulatedStream:
    """Return a simulated stream; the same plan gives the same stream.

    Example:
        >>> len(simulate(StreamPlan(countries=5, days=30)).day) > 0
        True
    """
    plan = plan or StreamPlan()
    rng = np.random.default_rng(plan.seed)
    n = plan.countries
    pairs = np.array([(i, j) for i in range(n) for j in range(n) if i != j])
    linked = rng.random(len(pairs)) < plan.density
    pairs = pairs[linked]
    level = rng.lognormal(0.0, 1.2, len(pairs))
    mix = rng.dirichlet(ROOT_WEIGHTS * 0.6, len(pairs))
    reverse = _reverse_index(pairs, n)
    scale = plan.events_per_day / level.sum()
    walk = np.zeros(len(pairs))
    crisis = np.zeros(len(pairs))
    recent = np.zeros((len(pairs), len(ROOTS)))
    rows = []
    for day in range(plan.days):
        walk = 0.98 * walk + plan.drift * rng.standard_normal(len(pairs))
        crisis = np.where(
            rng.random(len(pairs)) < plan.crisis_rate,
            rng.integers(7, 60, len(pairs)),
            np.maximum(crisis - 1, 0),
        )
        shift = np.where(crisis[:, None] > 0, np.where(CONFLICT, 6.0, 1.0), 1.0)
        echo = plan.reciprocity * np.where(
            reverse[:, None] >= 0, recent[np.maximum(reverse, 0)], 0.0
        )
        rate = (
            scale * (level * np.exp(walk))[:, None] * mix * shift + plan.excitation * recent + echo
        )
        counts = rng.poisson(rate)
        recent = 0.7 * recent + counts
        hit_pair, hit_root = np.nonzero(counts)
        rows.append(
            (
                np.repeat(hit_pair, counts[hit_pair, hit_root]),
                np.repeat(hit_root, counts[hit_pair, hit_root]),
                day,
            )
        )
    return _stream(rows, pairs, plan, rng)


def _reverse_index(pairs: IntArray, n: int) -> IntArray:
    ids = pairs[:, 0] * n + pairs[:, 1]
    back = pairs[:, 1] * n + pairs[:, 0]
    order = np.argsort(ids)
    at = np.clip(np.searchsorted(ids[order], back), 0, len(ids) - 1)
    return np.where(ids[order][at] == back, order[at], -1)


def _stream(
    rows: list[tuple[IntArray, IntArray, int]],
    pairs: IntArray,
    plan: StreamPlan,
    rng: np.random.Generator,
) -> SimulatedStream:
    pair = np.concatenate([r[0] for r in rows])
    root = np.concatenate([r[1] for r in rows])
    day = np.concatenate([np.full(len(r[0]), r[2]) for r in rows]) + plan.start.toordinal()
    by_root = _codes_by_root()
    # Each pair prefers a few codes of each root: pick from the first codes of the root,
    # by a draw that the pair's index skews.
    picks = (rng.geometric(0.5, len(pair)) - 1 + pair) % 4
    code = tuple(
        by_root[r][p % len(by_root[r])] for r, p in zip(root.tolist(), picks.tolist(), strict=True)
    )
    names = tuple(country_codes(plan.countries))
    return SimulatedStream(
        countries=names, source=pairs[pair, 0], target=pairs[pair, 1], code=code, day=day
    )


def stream_events(stream: SimulatedStream) -> Iterator[Event]:
    """Yield the stream's events as records (for ``Store.upsert_events``)."""
    rows = zip(
        stream.source.tolist(),
        stream.target.tolist(),
        stream.code,
        stream.day.tolist(),
        strict=True,
    )
    for serial, (s, t, code, day) in enumerate(rows):
        source, target = stream.countries[s], stream.countries[t]
        date = datetime.date.fromordinal(day)
        yield simulated_event(source, target, date, code, seed=SEED_TAG, serial=serial)
