"""A small L2-regularised logistic regression in numpy (Newton steps) and Platt scaling.

scikit-learn is not a dependency; with a few dozen standardised features, Newton's method
converges in a handful of steps on hundreds of thousands of rows (#19).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dyadwatch.analyze.forecasting.history import FloatArray

HESSIAN_ROWS = 100_000
"""Rows of the fixed random sample each Newton step's curvature is read from."""


def sigmoid(z: FloatArray) -> FloatArray:
    """Return the logistic function of ``z``, without overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass(frozen=True, slots=True, eq=False)
class Logistic:
    """Weights over standardised features: ``p = sigmoid(((x - mean) / scale) @ w + bias)``."""

    mean: FloatArray
    scale: FloatArray
    weights: FloatArray
    bias: float

    def logit(self, x: FloatArray) -> FloatArray:
        """Return the log-odds of each row of ``x``."""
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def contributions(self, x: FloatArray) -> FloatArray:
        """Return each feature's share of each row's log-odds (relative to the mean row)."""
        return ((x - self.mean) / self.scale) * self.weights


def fit_logistic(
    x: FloatArray,
    y: FloatArray,
    *,
    l2: float = 1.0,
    iterations: int = 12,
    hessian_rows: int = HESSIAN_ROWS,
) -> Logistic:
    """Fit ``y ~ x`` by Newton's method with an L2 penalty on the (standardised) weights.

    Newton steps converge in a few iterations; it stops once no weight moves by 1e-3
    (far below what changes a probability's second decimal), or after ``iterations``.
    Each step's curvature is read from at most ``hessian_rows`` rows (a fixed random
    sample); the gradient from all of them.

    Example:
        >>> model = fit_logistic(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1]))
        >>> bool(model.logit(np.array([[3.0]]))[0] > 0)
        True
    """
    mean = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    scale = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    scale = np.where(scale > 1e-9, scale, 1.0)
    design = np.empty((len(x), x.shape[1] + 1))
    np.subtract(x, mean, out=design[:, :-1])
    design[:, :-1] /= scale
    design[:, -1] = 1.0
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 1e-6
    # The curvature of a fixed random sample steers the steps; the gradient over every row
    # fixes where they end, so the optimum is the full data's (#19, bench/forecast.py).
    size = min(len(design), hessian_rows)
    rows = np.sort(np.random.default_rng(0).choice(len(design), size, replace=False))
    sample, weight = design[rows], len(design) / max(size, 1)
    for _ in range(iterations):
        p = sigmoid(design @ beta)
        gradient = design.T @ (p - y) + penalty * beta
        q = p[rows]
        hessian = weight * (sample * (q * (1 - q))[:, None]).T @ sample + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-3:
            break
    return Logistic(mean=mean, scale=scale, weights=beta[:-1], bias=float(beta[-1]))


def fit_platt(logits: FloatArray, y: FloatArray) -> tuple[float, float]:
    """Return ``(a, b)`` so that ``sigmoid(a * logit + b)`` is calibrated on ``y``."""
    model = fit_logistic(logits[:, None], y, l2=1e-3)
    a = float(model.weights[0] / model.scale[0])
    return a, float(model.bias - a * model.mean[0])
