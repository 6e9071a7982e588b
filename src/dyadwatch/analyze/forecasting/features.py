"""History features of each (directed pair, relation) at an as-of date, and their labels.

A *relation* is a CAMEO root (first level) or a 3-digit code (second level). The
candidates at an as-of date D are, at the first level, all 20 roots of each active pair
(events in the year before D); at the second level, the codes the pair or its reverse
direction had in that year, every other code of an active pair being a *non-candidate*
that gets the model's per-relation prior. Features only read rows dated before D; labels
only rows in ``[D, D + horizon)`` (#19).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.forecasting.history import ROOTS, FloatArray, History, IntArray
from dyadwatch.ontology import cameo

BoolArray = npt.NDArray[np.bool_]

YEAR = 365
WINDOWS = (30, 91, YEAR)
"""Fixed history scales in days, besides the horizon itself."""


ROOT_QUADS = np.array([int(cameo.get(root).quad_class) for root in ROOTS], dtype=np.int64)
"""The quad class (1..4) of each root of ``ROOTS``."""


class Level(StrEnum):
    """How fine a relation is: a CAMEO root or a 3-digit code."""

    ROOT = "root"
    CODE = "code"


@dataclass(frozen=True, slots=True, eq=False)
class Snapshot:
    """Candidates, features, baseline scores and (when known) labels at one as-of date.

    ``pairs`` are the active pair ids (``source * n_countries + target``), sorted;
    ``keys`` the candidate ids (``pair * n_relations + relation``), sorted; ``seen`` marks
    the candidates the pair or its reverse had in the past year (the others are roots
    new to the pair, which only the model forecasts).
    """

    as_of: int
    horizon: int
    level: Level
    relations: tuple[str, ...]
    n_countries: int
    pairs: IntArray
    keys: IntArray
    seen: npt.NDArray[np.bool_]
    names: tuple[str, ...]
    features: FloatArray
    baselines: dict[str, FloatArray]
    labels: npt.NDArray[np.bool_] | None
    future_keys: IntArray | None

    @property
    def key_pairs(self) -> IntArray:
        """Return the pair id of each candidate."""
        return self.keys // len(self.relations)

    @property
    def key_relations(self) -> IntArray:
        """Return the relation index of each candidate."""
        return self.keys % len(self.relations)


def relation_index(history: History, level: Level) -> tuple[tuple[str, ...], IntArray]:
    """Return the relation labels of ``level`` and each history row's relation index."""
    if level is Level.ROOT:
        return ROOTS, history.root_index()[history.code]
    return history.codes, history.code


def gather(ids: IntArray, values: FloatArray, query: IntArray) -> FloatArray:
    """Return, for each id of ``query``, the sum of ``values`` over rows with that id."""
    if len(ids) == 0 or len(query) == 0:
        return np.zeros(len(query))
    keys, back, at, hit = _locate(ids, query)
    sums = np.bincount(at[hit], weights=values[hit], minlength=len(keys))
    return np.asarray(sums[back], dtype=np.float64)


def _locate(ids: IntArray, query: IntArray) -> tuple[IntArray, IntArray, IntArray, BoolArray]:
    """Return the query's distinct ids, each query's place among them, each row's, and a hit mask.

    Sorting the (fewer) query ids rather than the rows keeps a feature of a year of rows
    cheap (bench/forecast.py).
    """
    keys, back = np.unique(query, return_inverse=True)
    at = np.clip(np.searchsorted(keys, ids), 0, len(keys) - 1)
    return keys, back, at, keys[at] == ids


def _last_age(ids: IntArray, ages: FloatArray, query: IntArray) -> FloatArray:
    """Return the youngest age per id of ``query`` (``YEAR + 1`` where none)."""
    out = np.full(len(query), float(YEAR + 1))
    if len(ids) == 0 or len(query) == 0:
        return out
    order = np.lexsort((ages, ids))
    first = np.ones(len(order), dtype=bool)
    first[1:] = ids[order][1:] != ids[order][:-1]
    keys, youngest = ids[order][first], ages[order][first]
    at = np.clip(np.searchsorted(keys, query), 0, len(keys) - 1)
    return np.where(keys[at] == query, youngest[at], out)


@dataclass(frozen=True, slots=True, eq=False)
class _Rows:
    """The history rows of the year before the as-of date, with derived ids."""

    pair: IntArray
    reverse: IntArray
    source: IntArray
    target: IntArray
    relation: IntArray
    quad: IntArray
    age: FloatArray
    count: FloatArray


def _rows(history: History, level: Level, as_of: int) -> tuple[tuple[str, ...], _Rows]:
    past = history.between(as_of - YEAR, as_of)
    relations, relation = relation_index(past, level)
    n = len(history.countries)
    return relations, _Rows(
        pair=past.source * n + past.target,
        reverse=past.target * n + past.source,
        source=past.source,
        target=past.target,
        relation=relation,
        quad=past.quad,
        age=(as_of - past.day).astype(np.float64),
        count=past.count,
    )


def _candidates(
    rows: _Rows, n_relations: int, level: Level
) -> tuple[IntArray, IntArray, npt.NDArray[np.bool_]]:
    """Return the active pairs, the candidate ids and which of them the pair has seen."""
    pairs = np.unique(rows.pair)
    seen = _seen(rows, n_relations, pairs)
    if level is Level.CODE:
        return pairs, seen, np.ones(len(seen), dtype=bool)
    # A quarter of the roots a pair has in the next window on the ICEWS sample are roots
    # neither direction had before; the pooled model can rank them by the two sides'
    # dealings with others and the root's base rate, a baseline cannot (#19).
    grid = (pairs[:, None] * n_relations + np.arange(n_relations)[None, :]).ravel()
    return pairs, grid, np.isin(grid, seen)


def _seen(rows: _Rows, n_relations: int, pairs: IntArray) -> IntArray:
    """Return the (active pair, relation) ids the pair or its reverse had, sorted."""
    forward = rows.pair * n_relations + rows.relation
    backward = rows.reverse * n_relations + rows.relation
    keys = np.unique(np.concatenate([forward, backward]))
    return keys[np.isin(keys // n_relations, pairs)]


def _recent(ids: IntArray, rows: _Rows, query: IntArray, days: int) -> FloatArray:
    """Return, for each id of ``query``, its weighted events in the last ``days`` days."""
    recent = rows.age <= days
    return gather(ids[recent], rows.count[recent], query)


def _windowed(keys: IntArray, ids: IntArray, rows: _Rows, days: int) -> FloatArray:
    return np.log1p(_recent(ids, rows, keys, days))


def _active_share(
    keys: IntArray, ids: IntArray, rows: _Rows, horizon: int, n_windows: int
) -> FloatArray:
    """Return the share of the last ``n_windows`` horizon-long windows with an event."""
    if len(ids) == 0 or len(keys) == 0:
        return np.zeros(len(keys))
    window = ((rows.age - 1) // horizon).astype(np.int64)
    distinct, back, at, hit = _locate(ids, keys)
    keep = hit & (window < n_windows)
    marks = np.zeros((len(distinct), n_windows), dtype=bool)
    marks[at[keep], window[keep]] = True
    return np.asarray(marks.sum(axis=1)[back] / n_windows, dtype=np.float64)


def _decay(keys: IntArray, ids: IntArray, rows: _Rows, horizon: int) -> FloatArray:
    """Return ``1 - exp(-rate * horizon)``, the rate weighted with a horizon-long half-life."""
    tau = horizon / np.log(2.0)
    rate = gather(ids, rows.count * np.exp(-rows.age / tau), keys) / tau
    return np.asarray(1.0 - np.exp(-rate * horizon), dtype=np.float64)


def _baselines(
    keys: IntArray, ids: IntArray, rows: _Rows, horizon: int, span: int
) -> dict[str, FloatArray]:
    """Return the three baselines' probabilities of each candidate (#19).

    recurrency: 1 if the pair had the relation in the last ``horizon`` days; frequency: the
    share of horizon-long windows of the past year (of the stored span) that had it;
    decay: the relation's rate, weighted with a half-life of one horizon, as a probability.
    """
    recent = rows.age <= horizon
    return {
        "recurrency": (gather(ids[recent], rows.count[recent], keys) > 0).astype(np.float64),
        "frequency": _active_share(keys, ids, rows, horizon, max(1, min(YEAR, span) // horizon)),
        "decay": _decay(keys, ids, rows, horizon),
    }


def _features(
    keys: IntArray, rows: _Rows, *, horizon: int, n_countries: int, roots: IntArray
) -> dict[str, FloatArray]:
    n_relations = len(roots)
    pair, relation = keys // n_relations, keys % n_relations
    source, target = pair // n_countries, pair % n_countries
    forward = rows.pair * n_relations + rows.relation
    backward = rows.reverse * n_relations + rows.relation
    month = rows.age <= 30
    own_source, own_target = source * n_relations + relation, target * n_relations + relation
    # Counted once, read by several features: the pair's events of the relation, and of
    # any relation, over each window.
    pair_counts = {days: _recent(forward, rows, keys, days) for days in (horizon, *WINDOWS)}
    volume = {days: _recent(rows.pair, rows, pair, days) for days in (30, 91, YEAR)}
    cols = {f"pair {days}d": np.log1p(count) for days, count in pair_counts.items()}
    cols["pair share of recent windows"] = _active_share(
        keys, forward, rows, horizon, max(2, min(12, 91 // horizon))
    )
    cols["pair decay"] = _decay(keys, forward, rows, horizon)
    cols["days since pair"] = np.log1p(_last_age(forward, rows.age, keys))
    cols |= {f"reverse {d}d": _windowed(keys, backward, rows, d) for d in (horizon, 91)}
    cols["pair all 30d"] = np.log1p(volume[30])
    sides = {
        "reverse all 30d": (rows.reverse, pair),
        "source out 30d": (rows.source * n_relations + rows.relation, own_source),
        "target in 30d": (rows.target * n_relations + rows.relation, own_target),
        "source out all 30d": (rows.source, source),
        "target in all 30d": (rows.target, target),
    }
    for name, (ids, query) in sides.items():
        cols[name] = np.log1p(gather(ids[month], rows.count[month], query))
    cols |= _shares(keys, forward, backward, rows, horizon, pair)
    cols |= _tone(rows, pair, ROOT_QUADS[roots[relation]], volume)
    cols |= _expected(rows, relation, horizon, n_relations, pair_counts[YEAR], volume)
    for i, root in enumerate(ROOTS):
        cols[f"root {root}"] = (roots[relation] == i).astype(np.float64)
    return cols


def _tone(
    rows: _Rows, pair: IntArray, quad: IntArray, volume: dict[int, FloatArray]
) -> dict[str, FloatArray]:
    """Return the pair's recent events in the relation's quad class, both ways, and volume.

    A crisis lifts every conflict root at once, a rapprochement every cooperative one:
    the recent tone of the pair says which family of roots is coming (#19).
    """
    cols = {}
    for name, ids, days in (
        ("pair same quad 7d", rows.pair, 7),
        ("pair same quad 30d", rows.pair, 30),
        ("reverse same quad 30d", rows.reverse, 30),
    ):
        recent = rows.age <= days
        tagged = ids[recent] * 5 + rows.quad[recent]
        cols[name] = np.log1p(gather(tagged, rows.count[recent], pair * 5 + quad))
    for days in (91, YEAR):
        cols[f"pair all {days}d"] = np.log1p(volume[days])
    return cols


SHRINK = 10.0
"""Pseudo-events of the store-wide mix added to a pair's own mix of relations."""


def _expected(
    rows: _Rows,
    relation: IntArray,
    horizon: int,
    n_relations: int,
    mine: FloatArray,
    volume: dict[int, FloatArray],
) -> dict[str, FloatArray]:
    """Return the relation's expected events in the window: recent volume times a pooled mix.

    The pair's share of the relation over the year is pulled towards every pair's share
    (``SHRINK`` events' worth), so a pair with few events gets the store's mix rather than
    its own noise (#19). ``mine`` is each candidate's events over the year, ``volume`` the
    pair's events of any relation over 30 days, 91 days and the year.
    """
    overall = np.bincount(rows.relation, weights=rows.count, minlength=n_relations)
    overall = (overall + 1.0) / (overall.sum() + n_relations)
    share = (mine + SHRINK * overall[relation]) / (volume[YEAR] + SHRINK)
    cols = {"pooled share": np.log(share)}
    for days in (30, 91):
        rate = volume[days] / days
        expected = rate * horizon * share
        cols[f"expected events {days}d"] = np.log(expected + 1e-3)
        cols[f"poisson chance {days}d"] = 1.0 - np.exp(-expected)
    return cols


def _shares(
    keys: IntArray,
    forward: IntArray,
    backward: IntArray,
    rows: _Rows,
    horizon: int,
    pair: IntArray,
) -> dict[str, FloatArray]:
    """Return the relation's share of the pair's events and of its active windows.

    These read the pair's mix, which is what decides the set of a pair that interacts.
    """
    cols = {}
    for days in (30, YEAR):
        recent = rows.age <= days
        mine = gather(forward[recent], rows.count[recent], keys)
        everything = gather(rows.pair[recent], rows.count[recent], pair)
        cols[f"pair share {days}d"] = mine / np.maximum(everything, 1.0)
    recent = rows.age <= 91
    mine = gather(backward[recent], rows.count[recent], keys)
    everything = gather(rows.reverse[recent], rows.count[recent], pair)
    cols["reverse share 91d"] = mine / np.maximum(everything, 1.0)
    n_windows = max(1, YEAR // horizon)
    with_relation = _active_share(keys, forward, rows, horizon, n_windows)
    with_any = _active_share(pair, rows.pair, rows, horizon, n_windows)
    cols["pair share of active windows"] = with_relation / np.maximum(with_any, 1.0 / n_windows)
    return cols


def snapshot(
    history: History, *, as_of: int, horizon: int, level: Level, labelled: bool
) -> Snapshot:
    """Return the candidates, features and baselines at ``as_of``; labels when ``labelled``.

    Only rows dated before ``as_of`` feed the features; labels read ``[as_of, as_of +
    horizon)`` and need that span to be in ``history``.
    """
    relations, rows = _rows(history, level, as_of)
    n_relations, n_countries = len(relations), len(history.countries)
    pairs, keys, seen = _candidates(rows, n_relations, level)
    roots = history.root_index() if level is Level.CODE else np.arange(len(ROOTS))
    cols = _features(keys, rows, horizon=horizon, n_countries=n_countries, roots=roots)
    forward = rows.pair * n_relations + rows.relation
    span = as_of - history.first_day
    future = _future_keys(history, level, as_of, horizon, pairs) if labelled else None
    return Snapshot(
        as_of=as_of,
        horizon=horizon,
        level=level,
        relations=relations,
        n_countries=n_countries,
        pairs=pairs,
        keys=keys,
        seen=seen,
        names=tuple(cols),
        features=np.column_stack(list(cols.values())) if len(keys) else np.zeros((0, len(cols))),
        baselines=_baselines(keys, forward, rows, horizon, span),
        labels=np.isin(keys, future) if future is not None else None,
        future_keys=future,
    )


def _future_keys(
    history: History, level: Level, as_of: int, horizon: int, pairs: IntArray
) -> IntArray:
    """Return the (active pair, relation) ids with an event in ``[as_of, as_of + horizon)``."""
    future = history.between(as_of, as_of + horizon)
    relations, relation = relation_index(future, level)
    pair = future.source * len(history.countries) + future.target
    keys = np.unique(pair * len(relations) + relation)
    return keys[np.isin(keys // len(relations), pairs)]
