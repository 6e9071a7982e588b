"""MIRAI's measures of forecasts, as sums that add up over as-of dates (#19).

Set measures follow MIRAI: a *query* is a (pair, as-of date) whose window holds at least
one event; a method predicts a set per pair (``decide``); precision,
recall and F1 are computed per query and averaged. The Brier score and the reliability
table run over every (active pair, root) cell, non-candidates included; the KL divergence
is KL(observed quad mix || forecast mix) per query, with the forecast smoothed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.forecasting.features import Snapshot
from dyadwatch.analyze.forecasting.history import FloatArray

BINS = 10
SMOOTHING = 1e-3
BoolArray = npt.NDArray[np.bool_]
_T = TypeVar("_T", "SetTally", "CellTally")


@dataclass(frozen=True, slots=True)
class SetTally:
    """Per-query sums of precision, recall and F1 over ``queries`` queries."""

    queries: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    def __add__(self, other: SetTally) -> SetTally:
        return _add(self, other)


@dataclass(frozen=True, slots=True)
class CellTally:
    """Sums over (pair, root) cells: squared errors and the reliability bins."""

    cells: float = 0.0
    squared_error: float = 0.0
    bin_cells: tuple[float, ...] = (0.0,) * BINS
    bin_predicted: tuple[float, ...] = (0.0,) * BINS
    bin_observed: tuple[float, ...] = (0.0,) * BINS

    def __add__(self, other: CellTally) -> CellTally:
        return _add(self, other)


def _add(a: _T, b: _T) -> _T:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(a):
        x, y = getattr(a, field.name), getattr(b, field.name)
        values[field.name] = tuple(np.add(x, y).tolist()) if isinstance(x, tuple) else x + y
    return type(a)(**values)


def set_tally(snap: Snapshot, chosen: BoolArray) -> tuple[SetTally, SetTally]:
    """Return the set measures of the ``chosen`` candidates: over MIRAI's queries and all pairs.

    The first tally averages over MIRAI's queries, the pairs with an event in the window;
    the second over every active pair, where an empty forecast of an empty window is exact
    (P = R = F1 = 1) and any relation forecast for it is wrong (0).
    """
    n_relations = len(snap.relations)
    truth = snap.future_keys if snap.future_keys is not None else np.zeros(0, np.int64)
    predicted = snap.keys[chosen]
    hits = predicted[np.isin(predicted, truth)]
    size = len(snap.pairs)
    n_true, n_pred, n_hit = (
        np.bincount(np.searchsorted(snap.pairs, keys // n_relations), minlength=size)
        for keys in (truth, predicted, hits)
    )
    query = n_true > 0
    hit = n_hit[query].astype(np.float64)
    precision = np.divide(hit, n_pred[query], out=np.zeros_like(hit), where=n_pred[query] > 0)
    recall = hit / n_true[query]
    f1 = 2 * hit / (n_pred[query] + n_true[query])
    quiet = float(((~query) & (n_pred == 0)).sum())
    mirai = SetTally(int(query.sum()), float(precision.sum()), float(recall.sum()), float(f1.sum()))
    every = SetTally(size, mirai.precision + quiet, mirai.recall + quiet, mirai.f1 + quiet)
    return mirai, every


def cell_tally(snap: Snapshot, probabilities: FloatArray, prior: FloatArray) -> CellTally:
    """Return the Brier and reliability sums over every (active pair, relation) cell."""
    n_relations = len(snap.relations)
    truth = snap.future_keys if snap.future_keys is not None else np.zeros(0, np.int64)
    labels = np.isin(snap.keys, truth).astype(np.float64)
    new = np.bincount(truth[~np.isin(truth, snap.keys)] % n_relations, minlength=n_relations)
    empty = len(snap.pairs) - np.bincount(snap.key_relations, minlength=n_relations)
    # Each cell's probability, its weight (how many cells) and its positives: candidates one
    # by one, then each relation's non-candidates together at the prior.
    p = np.concatenate([probabilities, prior])
    weight = np.concatenate([np.ones(len(labels)), empty.astype(np.float64)])
    positives = np.concatenate([labels, new.astype(np.float64)])
    squared = weight * p**2 - 2 * p * positives + positives
    bins = np.minimum((p * BINS).astype(np.int64), BINS - 1)
    return CellTally(
        cells=float(weight.sum()),
        squared_error=float(squared.sum()),
        bin_cells=tuple(np.bincount(bins, weight, BINS).tolist()),
        bin_predicted=tuple(np.bincount(bins, weight * p, BINS).tolist()),
        bin_observed=tuple(np.bincount(bins, positives, BINS).tolist()),
    )


def kl_sum(observed: FloatArray, forecast: FloatArray) -> tuple[float, int]:
    """Return the summed KL(observed || forecast) over pairs with events, and their number."""
    total = observed.sum(axis=1)
    query = total > 0
    truth = observed[query] / total[query, None]
    guess = forecast[query] + SMOOTHING
    guess = guess / guess.sum(axis=1, keepdims=True)
    ratio = np.where(truth > 0, truth / guess, 1.0)
    return float((truth * np.log(ratio)).sum()), int(query.sum())
