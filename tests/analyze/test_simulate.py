"""Tests for the simulated event streams the signals are tuned on (issue #18)."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pytest

from dyadwatch.analyze import signals
from dyadwatch.analyze.simulate import (
    Burst,
    Landmark,
    PairSpec,
    Scenario,
    Shift,
    rates,
    score,
    simulate,
    standard,
    tones,
    truth,
)

from .builders import build_store

pytestmark = pytest.mark.issue(18)
START = datetime.date(2020, 1, 1)


def _scenario(*specs: PairSpec, days: int = 200, seed: int = 3) -> Scenario:
    return Scenario(START, days, specs, seed=seed)


def test_simulate_same_seed_same_events() -> None:
    spec = PairSpec(("AAA", "BBB"), rate=2.0, tone=1.0, shifts=(Shift(100, -4.0, 7),))
    first = [e.id for e in simulate(_scenario(spec))]
    assert first == [e.id for e in simulate(_scenario(spec))]
    assert first != [e.id for e in simulate(_scenario(spec, seed=4))]


def test_simulate_shift_moves_mean_goldstein() -> None:
    spec = PairSpec(("AAA", "BBB"), rate=8.0, tone=2.0, shifts=(Shift(100, -4.0, 1),))
    events = list(simulate(_scenario(spec)))
    cut = START + datetime.timedelta(days=100)
    before = np.mean([e.goldstein for e in events if e.date < cut])
    after = np.mean([e.goldstein for e in events if e.date >= cut])
    assert before - after == pytest.approx(4.0, abs=1.0)


def test_simulate_burst_adds_events_not_tone() -> None:
    spec = PairSpec(("AAA", "BBB"), rate=1.0, tone=1.0, bursts=(Burst(50, 5, 10.0),))
    assert rates(spec, 200)[50:55].tolist() == [10.0] * 5
    assert set(tones(spec, 200).tolist()) == {1.0}


def test_simulate_landmark_is_reported_and_in_truth() -> None:
    spec = PairSpec(("AAA", "BBB"), rate=0.1, tone=1.0, landmarks=(Landmark(120, "163"),))
    scenario = _scenario(spec)
    codes = [e for e in simulate(scenario) if e.cameo == "163"]
    assert len(codes) == 3
    (change,) = truth(scenario)
    assert (change.landmark, change.direction) == ("163", -1)
    assert change.onset == START + datetime.timedelta(days=120)


def test_simulate_standard_has_stable_and_moderate_pairs() -> None:
    scenario = standard(n_pairs=60, years=2.0, seed=1)
    assert len(scenario.stable_pairs) == 20
    assert any(change.moderate for change in scenario.changes)
    assert {spec.rate for spec in scenario.pairs} == {8.0, 2.0, 0.5, 0.15, 0.05}


def test_simulate_signals_find_scripted_changes_and_spare_stable_pairs(tmp_path: Path) -> None:
    burst = (Burst(300, 4, 8.0),)
    specs = (
        PairSpec(("QAA", "QAB"), rate=2.0, tone=2.0, bursts=burst),
        PairSpec(("QAA", "QAC"), rate=0.05, tone=1.0, bursts=burst),
        PairSpec(("QAA", "QAD"), rate=0.5, tone=1.5, landmarks=(Landmark(400, "163"),)),
        PairSpec(("QAA", "QAE"), rate=0.15, tone=0.5, landmarks=(Landmark(420, "192"),)),
        PairSpec(("QAA", "QAF"), rate=2.0, tone=2.0, shifts=(Shift(450, -6.0, 1),)),
        PairSpec(("QAA", "QAG"), rate=1.0, tone=-0.5, shifts=(Shift(380, 6.0, 7),)),
    )
    base = Scenario(START, 730, specs, seed=11)
    scenario = Scenario(START, 730, specs, seed=11, changes=truth(base))
    store = build_store(tmp_path / "sim.duckdb", simulate(scenario))
    result = score(signals(store), scenario)
    assert (result.landmarks, result.landmarks_within_7) == (2, 1.0)
    assert (result.moderate, result.moderate_within_30) == (2, 1.0)
    assert result.false_alarms == 0
