"""The expected quad-class mix of each pair's next events, for the model and the baselines.

The quad classes are CAMEO's four (verbal/material cooperation/conflict). Each mix is a
distribution over them; a pair without the history a method needs gets the store's
overall mix of the past year (#19).
"""

from __future__ import annotations

import numpy as np

from dyadwatch.analyze.forecasting.features import YEAR, gather
from dyadwatch.analyze.forecasting.history import FloatArray, History, IntArray

QUADS = (1, 2, 3, 4)
MODEL_HALF_LIFE = 30.0
"""Half-life in days of the model's quad weights: longer than a week, to steady the mix."""
REVERSE_WEIGHT = 0.5
"""How much the reverse direction's events count towards a pair's mix."""


def _normalise(counts: FloatArray, fallback: FloatArray) -> FloatArray:
    total = counts.sum(axis=1, keepdims=True)
    return np.where(total > 0, counts / np.where(total > 0, total, 1.0), fallback)


def _by_quad(ids: IntArray, quad: IntArray, values: FloatArray, pairs: IntArray) -> FloatArray:
    return np.column_stack([gather(ids[quad == q], values[quad == q], pairs) for q in QUADS])


def quad_mixes(
    history: History, *, as_of: int, horizon: int, pairs: IntArray
) -> dict[str, FloatArray]:
    """Return, per method, a ``(len(pairs), 4)`` array of quad-class shares.

    recurrency: the mix of the last ``horizon`` days; frequency: of the past year; decay:
    weighted with a horizon-long half-life; model: a 30-day half-life, the reverse
    direction at half weight and one pseudo-event of the overall mix.
    """
    past = history.between(as_of - YEAR, as_of)
    n = len(history.countries)
    forward, backward = past.source * n + past.target, past.target * n + past.source
    age = (as_of - past.day).astype(np.float64)
    overall = np.array([past.count[past.quad == q].sum() for q in QUADS]) + 1.0
    overall = overall / overall.sum()
    recent = age <= horizon
    short = past.count * np.exp(-age * np.log(2.0) / horizon)
    long = past.count * np.exp(-age * np.log(2.0) / MODEL_HALF_LIFE)
    model = _by_quad(forward, past.quad, long, pairs)
    model += REVERSE_WEIGHT * _by_quad(backward, past.quad, long, pairs) + overall
    return {
        "model": _normalise(model, overall),
        "recurrency": _normalise(
            _by_quad(forward[recent], past.quad[recent], past.count[recent], pairs), overall
        ),
        "frequency": _normalise(_by_quad(forward, past.quad, past.count, pairs), overall),
        "decay": _normalise(_by_quad(forward, past.quad, short, pairs), overall),
    }


def observed_counts(history: History, *, as_of: int, horizon: int, pairs: IntArray) -> FloatArray:
    """Return each pair's event counts per quad class in ``[as_of, as_of + horizon)``."""
    future = history.between(as_of, as_of + horizon)
    ids = future.source * len(history.countries) + future.target
    return _by_quad(ids, future.quad, future.count, pairs)
