"""Forecast what each directed country pair will do to the other in the coming days.

``forecast`` trains the model on the store's past (``models.train``) and applies it at the
as-of date: per active pair, the probability of at least one event of each CAMEO root in
``[as_of, as_of + horizon)``, the expected quad-class mix, the set of roots to expect if
the two interact, and the history features behind each likely root (#19).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dyadwatch.analyze.dyads import check_countries
from dyadwatch.analyze.forecasting.decide import best_f1_sets
from dyadwatch.analyze.forecasting.features import YEAR, Level, Snapshot, snapshot
from dyadwatch.analyze.forecasting.history import (
    ROOTS,
    FloatArray,
    History,
    IntArray,
    load_history,
)
from dyadwatch.analyze.forecasting.metrics import BoolArray
from dyadwatch.analyze.forecasting.models import ForecastModel, TrainingPlan, train
from dyadwatch.analyze.forecasting.quads import quad_mixes
from dyadwatch.config import AnalyticsSettings
from dyadwatch.records import QuadClass
from dyadwatch.store.db import Store

LIKELY = 0.5
"""A root this likely, or in the expected set, gets its ``why``."""
WHY_FEATURES = 3


@dataclass(frozen=True, slots=True)
class PairForecast:
    """The forecast from ``source`` to ``target`` for ``[as_of, as_of + horizon_days)``.

    ``roots``: probability of at least one event of each CAMEO root (calibrated);
    ``expected``: the roots to expect if the two interact in the window (the set that
    maximises the expected F1, MIRAI's measure); ``quad``: the expected share of each quad
    class; ``why``: per likely root, the history features that raised it most;
    ``baseline``: the frequency baseline's probabilities, for comparison.
    """

    source: str
    target: str
    as_of: datetime.date
    horizon_days: int
    roots: dict[str, float]
    expected: tuple[str, ...]
    quad: dict[str, float]
    why: dict[str, tuple[str, ...]]
    baseline: dict[str, float]


@dataclass(frozen=True, slots=True)
class Forecast:
    """All pair forecasts at one as-of date, and what produced them."""

    as_of: datetime.date
    horizon_days: int
    model: str
    pairs: tuple[PairForecast, ...]


def _describe(name: str, value: float) -> str:
    if name == "pooled share":
        return f"{name} {np.exp(value):.2f}"
    if name.startswith("expected events"):
        return f"{name} {np.exp(value):.1f}"
    if "share" in name or "decay" in name or "chance" in name:
        return f"{name} {value:.2f}"
    if name == "days since pair":
        return f"last such event {round(float(np.expm1(value)))} days before"
    return f"{name} {round(float(np.expm1(value)))} events"


def _whys(model: ForecastModel, snap: Snapshot, rows: IntArray) -> list[tuple[str, ...]]:
    """Return, for each candidate row, the features that raised its log-odds most."""
    share = model.logistic.contributions(snap.features[rows])
    share[:, [i for i, name in enumerate(model.names) if name.startswith("root")]] = 0.0
    top = np.argsort(-share, axis=1)[:, :WHY_FEATURES]
    return [
        tuple(_describe(model.names[i], snap.features[row, i]) for i in order if share[n, i] > 0)
        for n, (row, order) in enumerate(zip(rows.tolist(), top.tolist(), strict=True))
    ]


def _dense(snap: Snapshot, values: FloatArray, prior: FloatArray) -> FloatArray:
    """Return a (pairs, roots) array: candidates' values, the prior elsewhere."""
    out = np.tile(prior, (len(snap.pairs), 1))
    out[np.searchsorted(snap.pairs, snap.key_pairs), snap.key_relations] = values
    return out


def _why_map(
    model: ForecastModel | None, snap: Snapshot, plain: FloatArray, chosen: BoolArray
) -> dict[int, tuple[str, ...]]:
    """Return the ``why`` of each likely or expected candidate, by candidate key."""
    if model is None:
        return {}
    rows = np.flatnonzero((plain >= LIKELY) | chosen)
    return dict(zip(snap.keys[rows].tolist(), _whys(model, snap, rows), strict=True))


def _pair_forecasts(
    snap: Snapshot,
    history: History,
    model: ForecastModel | None,
    wanted: set[tuple[str, str]] | None,
) -> list[PairForecast]:
    zero = np.zeros(len(ROOTS))
    names = history.countries
    dyads = [(names[p // len(names)], names[p % len(names)]) for p in snap.pairs.tolist()]
    keep = np.array([wanted is None or dyad in wanted for dyad in dyads], dtype=bool)
    plain = model.probabilities(snap) if model else snap.baselines["decay"]
    chosen = best_f1_sets(snap.key_pairs, model.given_active(snap) if model else plain)
    shown = keep[np.searchsorted(snap.pairs, snap.key_pairs)]
    why = _why_map(model, snap, np.where(shown, plain, 0.0), chosen & shown)
    dense = _dense(snap, plain, model.prior if model else zero)
    baseline = _dense(snap, snap.baselines["frequency"], zero)
    expected = _dense(snap, chosen.astype(np.float64), zero)
    mixes = quad_mixes(history, as_of=snap.as_of, horizon=snap.horizon, pairs=snap.pairs)
    as_of = datetime.date.fromordinal(snap.as_of)
    out = []
    for p in np.flatnonzero(keep).tolist():
        base = int(snap.pairs[p]) * len(ROOTS)
        out.append(
            PairForecast(
                source=dyads[p][0],
                target=dyads[p][1],
                as_of=as_of,
                horizon_days=snap.horizon,
                roots=_by_root(dense[p]),
                expected=tuple(root for r, root in enumerate(ROOTS) if expected[p, r]),
                quad={
                    q.label: round(float(mixes["model"][p, i]), 4) for i, q in enumerate(QuadClass)
                },
                why={root: why[base + r] for r, root in enumerate(ROOTS) if base + r in why},
                baseline=_by_root(baseline[p]),
            )
        )
    return out


def _by_root(values: FloatArray) -> dict[str, float]:
    return {root: round(float(v), 4) for root, v in zip(ROOTS, values.tolist(), strict=True)}


def forecast(
    store: Store,
    *,
    as_of: datetime.date,
    horizon: int = 30,
    pairs: Sequence[tuple[str, str]] | None = None,
    settings: AnalyticsSettings | None = None,
    plan: TrainingPlan | None = None,
) -> Forecast:
    """Forecast every directed pair with events in the year before ``as_of`` (or ``pairs``).

    Only events dated before ``as_of`` are read. Without enough stored history to train
    (see ``TrainingPlan``), the probabilities are the decay baseline's and ``model`` says so.

    Raises:
        UnknownNameError: a code of ``pairs`` is neither ISO alpha-3 nor in the store.

    Example:
        >>> result = forecast(store, as_of=date(2018, 10, 1), horizon=7)  # doctest: +SKIP
        >>> result.pairs[0].roots["04"]  # doctest: +SKIP
        0.83
    """
    plan = plan or TrainingPlan()
    for dyad in pairs or ():
        check_countries(store, *dyad)
    start = as_of - datetime.timedelta(days=2 * YEAR + horizon)
    history = load_history(store, start=start, end=as_of, settings=settings)
    day = as_of.toordinal()
    model = train(history, as_of=day, horizon=horizon, level=Level.ROOT, plan=plan)
    snap = snapshot(history, as_of=day, horizon=horizon, level=Level.ROOT, labelled=False)
    wanted = set(pairs) if pairs is not None else None
    label = (
        f"logistic regression on {model.n_examples} past examples"
        if model
        else "decay baseline (too little history before the as-of date to train)"
    )
    return Forecast(
        as_of=as_of,
        horizon_days=horizon,
        model=label,
        pairs=tuple(_pair_forecasts(snap, history, model, wanted)),
    )
