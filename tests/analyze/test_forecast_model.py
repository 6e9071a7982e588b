"""The forecaster's features and fitting: candidates, no look-ahead, sampled Newton steps (#19)."""

from __future__ import annotations

import numpy as np
import pytest

from dyadwatch.analyze.forecasting.features import Level, snapshot
from dyadwatch.analyze.forecasting.history import ROOTS, History
from dyadwatch.analyze.forecasting.logistic import fit_logistic
from dyadwatch.analyze.forecasting.models import TrainingPlan, train
from dyadwatch.analyze.forecasting.simulate import StreamPlan, simulate
from dyadwatch.ontology import cameo

SMALL = StreamPlan(countries=8, days=200, events_per_day=20.0, seed=5)


@pytest.fixture(scope="module")
def history() -> History:
    stream = simulate(SMALL)
    codes, code = np.unique(np.array(stream.code), return_inverse=True)
    quad = np.array([int(cameo.get(str(c)).quad_class) for c in codes])
    return History(
        countries=stream.countries,
        codes=tuple(str(c) for c in codes),
        source=stream.source,
        target=stream.target,
        code=code.astype(np.int64),
        quad=quad[code].astype(np.int64),
        day=stream.day,
        count=np.ones(len(stream.day)),
    )


def _as_of(history: History) -> int:
    return history.first_day + 150


@pytest.mark.issue(19)
def test_snapshot_roots_are_a_candidate_for_every_active_pair(history: History) -> None:
    snap = snapshot(history, as_of=_as_of(history), horizon=30, level=Level.ROOT, labelled=True)
    assert len(snap.keys) == len(snap.pairs) * len(ROOTS)
    assert snap.future_keys is not None
    assert np.isin(snap.future_keys, snap.keys).all()


@pytest.mark.issue(19)
@pytest.mark.parametrize("level", list(Level))
def test_snapshot_features_read_nothing_from_as_of_on(history: History, level: Level) -> None:
    as_of = _as_of(history)
    full = snapshot(history, as_of=as_of, horizon=30, level=level, labelled=False)
    past = snapshot(history.before(as_of), as_of=as_of, horizon=30, level=level, labelled=False)
    assert np.array_equal(full.keys, past.keys)
    assert np.array_equal(full.features, past.features)
    for name, values in full.baselines.items():
        assert np.array_equal(values, past.baselines[name])


@pytest.mark.issue(19)
def test_fit_logistic_with_sampled_curvature_reaches_the_full_optimum() -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((4000, 5))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ np.array([1.0, -2.0, 0.5, 0.0, 3.0]))))) * 1.0
    full = fit_logistic(x, y, hessian_rows=10_000)
    sampled = fit_logistic(x, y, hessian_rows=300, iterations=40)
    assert np.allclose(full.weights, sampled.weights, atol=5e-3)
    assert full.bias == pytest.approx(sampled.bias, abs=5e-3)


@pytest.mark.issue(19)
def test_train_stops_adding_snapshots_at_max_examples(history: History) -> None:
    as_of = _as_of(history)
    whole = train(history, as_of=as_of, horizon=30, level=Level.ROOT)
    capped = train(
        history, as_of=as_of, horizon=30, level=Level.ROOT, plan=TrainingPlan(max_examples=1)
    )
    assert whole is not None
    assert capped is not None
    assert capped.n_examples < whole.n_examples
