"""Root F1 of the forecaster and the baselines under one set rule for all (#19).

Run: ``.venv/bin/python bench/forecast_rules.py STORE.duckdb --horizon 7``. At every as-of
date of the rolling backtest (``forecast --backtest``'s dates) each method's root sets are
chosen three ways: ``p>=0.5`` (the model's probability given that the pair interacts),
``best-f1`` (the expected-F1 set per pair) and ``tuned`` (the method's own threshold,
chosen to maximise F1 on the newest past window whose events are all known by the as-of
date; the model's scores there come from a fit on older windows only). Prints F1 per
method and rule: the table in docs/analytics.md. Tests never run it.
"""

from __future__ import annotations

import argparse
import datetime

import numpy as np

from dyadwatch.analyze.forecasting.backtest import as_of_dates
from dyadwatch.analyze.forecasting.decide import best_f1_sets
from dyadwatch.analyze.forecasting.features import Level, Snapshot, snapshot
from dyadwatch.analyze.forecasting.history import FloatArray, load_history
from dyadwatch.analyze.forecasting.logistic import fit_logistic, sigmoid
from dyadwatch.analyze.forecasting.metrics import set_tally
from dyadwatch.analyze.forecasting.models import BASELINES, TrainingPlan, _stack
from dyadwatch.store import Store

RULES = ("p>=0.5", "best-f1", "tuned")


def _f1(snap: Snapshot, chosen: np.ndarray) -> float:
    return set_tally(snap, chosen)[0].f1


def _above(snap: Snapshot, scores: FloatArray, cut: float) -> np.ndarray:
    """Return the roots scored at least ``cut``; a cut of 0 or less keeps the roots seen.

    Every root of an active pair is a candidate, so without this a recurrency threshold
    of 0 would forecast all 20 roots instead of those the pair or its reverse had (#19).
    """
    return (scores >= cut) & (snap.seen if cut <= 0 else True)


def _tuned(snaps: list[Snapshot], scores: list[FloatArray]) -> float:
    """Return the threshold that maximises summed query F1 over ``snaps`` (0.5 if none)."""
    if not snaps:
        return 0.5
    grid = np.unique(np.quantile(np.concatenate(scores), np.linspace(0, 1, 101)))
    totals = [
        sum(_f1(s, _above(s, p, t)) for s, p in zip(snaps, scores, strict=True)) for t in grid
    ]
    return float(grid[int(np.argmax(totals))])


def _model(snaps: list[Snapshot]) -> object:
    fitted = fit_logistic(*_stack(snaps, active=True))
    return lambda snap: sigmoid(fitted.logit(snap.features))


def main() -> None:
    """Print root F1 per method and set rule over a store's rolling backtest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("--horizon", type=int, default=30)
    args = parser.parse_args()
    h, plan = args.horizon, TrainingPlan()
    store = Store.open(args.db, read_only=True)
    history = load_history(store, start=datetime.date.min, end=datetime.date.max)
    cache: dict[int, Snapshot] = {}

    def snap(day: int) -> Snapshot:
        if day not in cache:
            cache[day] = snapshot(history, as_of=day, horizon=h, level=Level.ROOT, labelled=True)
        return cache[day]

    totals = {(m, r): 0.0 for m in ("model", *BASELINES) for r in RULES}
    queries = 0
    for day in as_of_dates(history, horizon=h, step=h, plan=plan):
        test = snap(day)
        past = [
            s
            for s in map(snap, plan.days(history.before(day), as_of=day, horizon=h))
            if len(s.keys)
        ]
        queries += set_tally(test, np.zeros(len(test.keys), dtype=bool))[0].queries
        held = 2 if len(past) >= 4 else 1 if len(past) >= 2 else 0
        check, older = past[:held], past[held:]
        for method in ("model", *BASELINES):
            if method == "model":
                score, early = _model(past), (_model(older) if held else None)
            else:
                score = early = lambda s, m=method: s.baselines[m]
            p = score(test)
            cut = _tuned(check, [early(s) for s in check]) if early else 0.5
            sets = (p >= 0.5, best_f1_sets(test.key_pairs, p), _above(test, p, cut))
            for rule, chosen in zip(RULES, sets, strict=True):
                totals[method, rule] += _f1(test, chosen)
    print(f"{queries} queries, {args.horizon}-day horizon")
    print(
        f"{'rule':<8} "
        + " ".join(f"{m:>10}" for m in ("recurrency", "frequency", "decay", "model"))
    )
    for rule in RULES:
        cells = " ".join(
            f"{totals[m, rule] / max(queries, 1):>10.3f}"
            for m in ("recurrency", "frequency", "decay", "model")
        )
        print(f"{rule:<8} {cells}")


if __name__ == "__main__":
    main()
