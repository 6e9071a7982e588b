"""The learned forecaster: a pooled logistic regression over history features, calibrated.

It is trained on the store's own past only: snapshots at as-of dates whose label window
ends by the forecast's as-of date, the newest of them held out to fit a Platt calibration
(time-respecting: the calibration never sees older data than the fit it corrects) (#19).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from dyadwatch.analyze.forecasting.features import Level, Snapshot, snapshot
from dyadwatch.analyze.forecasting.history import FloatArray, History
from dyadwatch.analyze.forecasting.logistic import Logistic, fit_logistic, fit_platt, sigmoid

log = logging.getLogger(__name__)

BASELINES = ("recurrency", "frequency", "decay")
"""The baseline forecasters, computed with the features."""


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """Which past as-of dates train a model: ``snapshots`` of them, ``step`` days apart.

    A snapshot needs ``min_history`` days of stored events before it, so that its
    features are not read from an empty past.
    """

    snapshots: int = 8
    min_history: int = 28
    l2: float = 1.0
    max_examples: int = 500_000
    """Stop adding (older) snapshots once they hold this many examples: a store with
    thousands of active pairs fills it in a few, and more only cost time (#19)."""

    def days(self, history: History, *, as_of: int, horizon: int) -> list[int]:
        """Return the training as-of dates, newest first; every label window ends by ``as_of``."""
        step = max(1, horizon // 2)
        first = history.first_day + self.min_history
        latest = as_of - horizon
        return [d for d in (latest - j * step for j in range(self.snapshots)) if d >= first]


@dataclass(frozen=True, slots=True, eq=False)
class ForecastModel:
    """A fitted forecaster for one level and horizon.

    ``logistic`` (with ``platt`` mapping its log-odds to calibrated ones) gives the
    probability of at least one event of a relation in the window; ``conditional`` the same
    given that the pair has events in the window (MIRAI's query), which chooses the
    forecast set. ``prior`` is the probability of each relation for a pair that never had
    it (nor its reverse) in the past year.
    """

    level: Level
    horizon: int
    names: tuple[str, ...]
    logistic: Logistic
    conditional: Logistic
    platt: tuple[float, float]
    prior: FloatArray
    n_examples: int

    def probabilities(self, snap: Snapshot) -> FloatArray:
        """Return the calibrated probability of each candidate of ``snap``."""
        a, b = self.platt
        return sigmoid(a * self.logistic.logit(snap.features) + b)

    def given_active(self, snap: Snapshot) -> FloatArray:
        """Return each candidate's probability given that its pair has events in the window."""
        return sigmoid(self.conditional.logit(snap.features))


def _stack(snaps: list[Snapshot], *, active: bool = False) -> tuple[FloatArray, FloatArray]:
    labels = [s.labels for s in snaps if s.labels is not None]
    if not active:
        return np.vstack([s.features for s in snaps]), np.concatenate(labels).astype(np.float64)
    keep = [_active(s) for s in snaps]
    x = np.vstack([s.features[k] for s, k in zip(snaps, keep, strict=True)])
    y = np.concatenate([y[k] for y, k in zip(labels, keep, strict=True)])
    return x, y.astype(np.float64)


def _active(snap: Snapshot) -> npt.NDArray[np.bool_]:
    """Return which candidates belong to a pair with events in the label window."""
    future = snap.future_keys if snap.future_keys is not None else np.zeros(0, np.int64)
    return np.isin(snap.key_pairs, future // len(snap.relations))


def _prior(snaps: list[Snapshot], n_relations: int) -> FloatArray:
    """Return the smoothed rate of events in relations a pair had no history of."""
    hits = np.full(n_relations, 0.5)
    total = np.ones(n_relations)
    for snap in snaps:
        future = snap.future_keys if snap.future_keys is not None else np.zeros(0, np.int64)
        new = future[~np.isin(future, snap.keys)]
        hits += np.bincount(new % n_relations, minlength=n_relations)
        seen = np.bincount(snap.key_relations, minlength=n_relations)
        total += len(snap.pairs) - seen
    return np.asarray(hits / total, dtype=np.float64)


def _snapshots(
    past: History, days: list[int], *, horizon: int, level: Level, plan: TrainingPlan
) -> list[Snapshot]:
    """Return the non-empty training snapshots, newest first, up to ``plan.max_examples``."""
    snaps: list[Snapshot] = []
    for day in days:
        if sum(len(s.keys) for s in snaps) >= plan.max_examples:
            break
        snap = snapshot(past, as_of=day, horizon=horizon, level=level, labelled=True)
        if len(snap.keys):
            snaps.append(snap)
    return snaps


def train(
    history: History,
    *,
    as_of: int,
    horizon: int,
    level: Level,
    plan: TrainingPlan | None = None,
) -> ForecastModel | None:
    """Fit a model on ``history`` before ``as_of``; ``None`` when too little history is stored.

    Example:
        >>> model = train(history, as_of=date(2018, 10, 3).toordinal(), horizon=7,
        ...               level=Level.ROOT)  # doctest: +SKIP
    """
    plan = plan or TrainingPlan()
    past = history.before(as_of)
    days = plan.days(past, as_of=as_of, horizon=horizon)
    snaps = _snapshots(past, days, horizon=horizon, level=level, plan=plan)
    if not snaps:
        return None
    x, y = _stack(snaps)
    if y.min() == y.max():
        return None
    # The Newton steps multiply tall, thin matrices: BLAS threads only contend with each
    # other and with other processes on a busy machine (bench/forecast.py: 32 -> 14 CPU s).
    with threadpool_limits(limits=1, user_api="blas"):
        logistic = fit_logistic(x, y, l2=plan.l2)
        conditional = fit_logistic(*_stack(snaps, active=True), l2=plan.l2)
        platt = _calibration(snaps, plan)
    log.info("forecast model: %d examples from %d snapshots", len(y), len(snaps))
    return ForecastModel(
        level=level,
        horizon=horizon,
        names=snaps[0].names,
        logistic=logistic,
        conditional=conditional,
        platt=platt,
        prior=_prior(snaps, len(snaps[0].relations)),
        n_examples=len(y),
    )


def _calibration(snaps: list[Snapshot], plan: TrainingPlan) -> tuple[float, float]:
    """Fit on all but the newest snapshot, calibrate on the newest (identity if too few)."""
    if len(snaps) < 3:
        return 1.0, 0.0
    x, y = _stack(snaps[1:])
    newest_x, newest_y = _stack(snaps[:1])
    if y.min() == y.max() or newest_y.min() == newest_y.max():
        return 1.0, 0.0
    held_out = fit_logistic(x, y, l2=plan.l2)
    return fit_platt(held_out.logit(newest_x), newest_y)
