"""Turn probabilities into forecast relation sets: p >= 0.5, or the F1-optimal set.

MIRAI scores a set of relations per query, and a query presupposes that the two countries
interact in the window. The set that maximises the expected F1 under the probabilities
*given that they interact* is then the top-k of them, for the k maximising
``2 * sum(p[:k]) / (k + sum(p))`` (the plug-in rule of Ye et al., 2012, "Optimizing
F-measures: a tale of two approaches"); it is usually larger than ``{p >= 0.5}`` (#19).
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.forecasting.history import FloatArray, IntArray

THRESHOLD = 0.5


class SetRule(StrEnum):
    """How a method's probabilities become the predicted set of a pair."""

    THRESHOLD = "p>=0.5"
    BEST_F1 = "best-f1"


def threshold_sets(probabilities: FloatArray) -> npt.NDArray[np.bool_]:
    """Return which candidates are predicted at ``p >= 0.5``."""
    return probabilities >= THRESHOLD


def best_f1_sets(pairs: IntArray, probabilities: FloatArray) -> npt.NDArray[np.bool_]:
    """Return which candidates are in their pair's expected-F1-maximising set.

    ``pairs`` gives each candidate's pair; a pair whose probabilities are all zero gets an
    empty set.

    Example:
        >>> best_f1_sets(np.array([0, 0, 0]), np.array([0.9, 0.4, 0.05])).tolist()
        [True, True, False]
    """
    chosen = np.zeros(len(pairs), dtype=bool)
    if len(pairs) == 0:
        return chosen
    order = np.lexsort((-probabilities, pairs))
    p, group = probabilities[order], pairs[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(p)])
    rank = np.arange(len(p)) - np.repeat(starts, sizes) + 1
    running = np.cumsum(p)
    running -= np.repeat(running[starts] - p[starts], sizes)
    total = np.repeat(np.add.reduceat(p, starts), sizes)
    expected = 2 * running / (rank + total)
    best = np.repeat(np.maximum.reduceat(expected, starts), sizes)
    best_rank = np.where(expected >= best, rank, len(p) + 1)
    cut = np.repeat(np.minimum.reduceat(best_rank, starts), sizes)
    chosen[order] = (rank <= cut) & (total > 0)
    return chosen
