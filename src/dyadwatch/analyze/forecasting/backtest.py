"""Rolling backtests: forecast at successive as-of dates, each from the past alone, and score.

At each as-of date D the model is trained on ``history.before(D)`` and the features read
only rows before D; the events of ``[D, D + horizon)`` are used for scoring alone. The
baselines are scored on the same queries (#19).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np

from dyadwatch.analyze.forecasting.decide import SetRule, best_f1_sets, threshold_sets
from dyadwatch.analyze.forecasting.features import YEAR, Level, Snapshot, snapshot
from dyadwatch.analyze.forecasting.history import FloatArray, History, load_history
from dyadwatch.analyze.forecasting.metrics import (
    BINS,
    BoolArray,
    CellTally,
    SetTally,
    cell_tally,
    kl_sum,
    set_tally,
)
from dyadwatch.analyze.forecasting.models import BASELINES, TrainingPlan, train
from dyadwatch.analyze.forecasting.quads import observed_counts, quad_mixes
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import ConfigError
from dyadwatch.store.db import Store

METHODS = ("model", *BASELINES)


@dataclass(frozen=True, slots=True)
class MethodScores:
    """MIRAI's measures of one method over a backtest (F1 etc. in 0..1).

    The set measures (``precision_1`` .. ``f1_1_all_pairs``) depend on ``rule``, how the
    method's probabilities became sets; the KL divergence and Brier score do not.
    """

    method: str
    rule: SetRule
    precision_1: float
    recall_1: float
    f1_1: float
    precision_2: float
    recall_2: float
    f1_2: float
    f1_1_all_pairs: float
    kl_quad: float
    brier: float


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Cells whose forecast fell in ``[low, high)``: their mean forecast and observed rate."""

    method: str
    low: float
    high: float
    cells: int
    predicted: float
    observed: float


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """A rolling backtest: the as-of dates, the number of queries, the scores per method."""

    horizon_days: int
    as_of: tuple[datetime.date, ...]
    queries: int
    scores: tuple[MethodScores, ...]
    reliability: tuple[ReliabilityBin, ...]


@dataclass(frozen=True, slots=True)
class _Tally:
    roots: SetTally = field(default_factory=SetTally)
    codes: SetTally = field(default_factory=SetTally)
    every: SetTally = field(default_factory=SetTally)

    def __add__(self, other: _Tally) -> _Tally:
        return _Tally(
            roots=self.roots + other.roots,
            codes=self.codes + other.codes,
            every=self.every + other.every,
        )


@dataclass(frozen=True, slots=True)
class _Calibration:
    cells: CellTally = field(default_factory=CellTally)
    kl: float = 0.0
    kl_queries: int = 0

    def __add__(self, other: _Calibration) -> _Calibration:
        return _Calibration(
            self.cells + other.cells, self.kl + other.kl, self.kl_queries + other.kl_queries
        )


@dataclass(frozen=True, slots=True, eq=False)
class _Forecast:
    """One method's probabilities at a snapshot: plain, given activity, non-candidate prior."""

    plain: FloatArray
    given_active: FloatArray
    prior: FloatArray

    def chosen(self, snap: Snapshot, rule: SetRule) -> BoolArray:
        if rule is SetRule.THRESHOLD:
            return threshold_sets(self.plain)
        return best_f1_sets(snap.key_pairs, self.given_active)


def _forecasts(history: History, snap: Snapshot, plan: TrainingPlan) -> dict[str, _Forecast]:
    zero = np.zeros(len(snap.relations))
    out = {name: _Forecast(p, p, zero) for name, p in snap.baselines.items()}
    model = train(history, as_of=snap.as_of, horizon=snap.horizon, level=snap.level, plan=plan)
    if model is None:
        out["model"] = out["decay"]
    else:
        out["model"] = _Forecast(model.probabilities(snap), model.given_active(snap), model.prior)
    return out


def _score_date(
    history: History, as_of: int, horizon: int, plan: TrainingPlan
) -> tuple[dict[tuple[str, SetRule], _Tally], dict[str, _Calibration]]:
    root = snapshot(history, as_of=as_of, horizon=horizon, level=Level.ROOT, labelled=True)
    code = snapshot(history, as_of=as_of, horizon=horizon, level=Level.CODE, labelled=True)
    roots, codes = _forecasts(history, root, plan), _forecasts(history, code, plan)
    mixes = quad_mixes(history, as_of=as_of, horizon=horizon, pairs=root.pairs)
    observed = observed_counts(history, as_of=as_of, horizon=horizon, pairs=root.pairs)
    sets, calibration = {}, {}
    for method in METHODS:
        for rule in SetRule:
            mirai, every = set_tally(root, roots[method].chosen(root, rule))
            coded = set_tally(code, codes[method].chosen(code, rule))[0]
            sets[method, rule] = _Tally(roots=mirai, codes=coded, every=every)
        cells = cell_tally(root, roots[method].plain, roots[method].prior)
        calibration[method] = _Calibration(cells, *kl_sum(observed, mixes[method]))
    return sets, calibration


def as_of_dates(history: History, *, horizon: int, step: int, plan: TrainingPlan) -> list[int]:
    """Return the as-of dates a backtest can score: a trained model and a complete window."""
    first = history.first_day + plan.min_history + horizon
    last = history.last_day + 1 - horizon
    return list(range(first, last + 1, step))


def backtest(
    store: Store,
    *,
    horizon: int = 30,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    step: int | None = None,
    settings: AnalyticsSettings | None = None,
    plan: TrainingPlan | None = None,
) -> BacktestReport:
    """Run rolling forecasts every ``step`` days (default: the horizon) and score them.

    ``start``/``end`` bound the as-of dates (half-open); by default every date with
    enough history before it and a whole window after it in the store.

    Example:
        >>> report = backtest(store, horizon=7)  # doctest: +SKIP
        >>> [s.f1_1 for s in report.scores]  # doctest: +SKIP

    Raises:
        ConfigError: no as-of date has both a trainable past and a whole window stored.
    """
    plan = plan or TrainingPlan()
    history = _load(store, start, end, horizon, settings)
    days = as_of_dates(history, horizon=horizon, step=step or horizon, plan=plan)
    days = [d for d in days if _inside(d, start, end)]
    if not days:
        raise ConfigError(
            f"no as-of date to backtest with a {horizon}-day horizon: the store needs "
            f"{plan.min_history + 2 * horizon} days of events; try a shorter --horizon"
        )
    sets = {(method, rule): _Tally() for method in METHODS for rule in SetRule}
    calibration = {method: _Calibration() for method in METHODS}
    for day in days:
        day_sets, day_calibration = _score_date(history, day, horizon, plan)
        sets = {key: sets[key] + day_sets[key] for key in sets}
        calibration = {m: calibration[m] + day_calibration[m] for m in calibration}
    return _report(sets, calibration, days, horizon)


def _inside(day: int, start: datetime.date | None, end: datetime.date | None) -> bool:
    return (start is None or day >= start.toordinal()) and (end is None or day < end.toordinal())


def _load(
    store: Store,
    start: datetime.date | None,
    end: datetime.date | None,
    horizon: int,
    settings: AnalyticsSettings | None,
) -> History:
    first = datetime.date.min if start is None else start - datetime.timedelta(days=2 * YEAR)
    last = datetime.date.max if end is None else end + datetime.timedelta(days=horizon)
    return load_history(store, start=first, end=last, settings=settings)


def _scores(method: str, rule: SetRule, t: _Tally, c: _Calibration) -> MethodScores:
    roots, codes = max(t.roots.queries, 1), max(t.codes.queries, 1)
    return MethodScores(
        method=method,
        rule=rule,
        precision_1=t.roots.precision / roots,
        recall_1=t.roots.recall / roots,
        f1_1=t.roots.f1 / roots,
        precision_2=t.codes.precision / codes,
        recall_2=t.codes.recall / codes,
        f1_2=t.codes.f1 / codes,
        f1_1_all_pairs=t.every.f1 / max(t.every.queries, 1),
        kl_quad=c.kl / max(c.kl_queries, 1),
        brier=c.cells.squared_error / max(c.cells.cells, 1.0),
    )


def _report(
    sets: dict[tuple[str, SetRule], _Tally],
    calibration: dict[str, _Calibration],
    days: list[int],
    horizon: int,
) -> BacktestReport:
    scores = [_scores(m, rule, t, calibration[m]) for (m, rule), t in sets.items()]
    return BacktestReport(
        horizon_days=horizon,
        as_of=tuple(datetime.date.fromordinal(d) for d in days),
        queries=sets["model", SetRule.THRESHOLD].roots.queries,
        scores=tuple(scores),
        reliability=tuple(b for m, c in calibration.items() for b in _bins(m, c.cells)),
    )


def _bins(method: str, cells: CellTally) -> list[ReliabilityBin]:
    out = []
    for i in range(BINS):
        n = cells.bin_cells[i]
        out.append(
            ReliabilityBin(
                method=method,
                low=i / BINS,
                high=(i + 1) / BINS,
                cells=round(n),
                predicted=cells.bin_predicted[i] / n if n else 0.0,
                observed=cells.bin_observed[i] / n if n else 0.0,
            )
        )
    return out
