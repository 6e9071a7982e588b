"""Tests for the daily detector on hand-built tallies, without a store (issue #18)."""

from __future__ import annotations

import numpy as np
import pytest

from dyadwatch.analyze.detect import DayBlock, Detection, Detector
from dyadwatch.analyze.landmarks import LANDMARKS

pytestmark = pytest.mark.issue(18)
FORCE = [landmark.name for landmark in LANDMARKS].index("force_after_quiet")


def _block(
    tones: list[list[float]], *, first_day: int = 1, force: list[float] | None = None
) -> DayBlock:
    """Return a block of ``len(tones)`` days for one pair: each day's events by their tone."""
    days = len(tones)
    n = np.array([[float(len(day))] for day in tones])
    gsum = np.array([[float(sum(day))] for day in tones])
    gsq = np.array([[float(sum(g * g for g in day))] for day in tones])
    landmarks = np.zeros((days, 1, len(LANDMARKS)))
    if force is not None:
        landmarks[:, 0, FORCE] = force
    zeros = np.zeros((days, 1))
    return DayBlock(first_day, n, n.copy(), gsum, gsq, zeros, zeros.copy(), landmarks)


def _run(detector: Detector, block: DayBlock) -> list[Detection]:
    detector.add_pairs([("AAA", "BBB")])
    return detector.advance(block)


def _steady(days: int, rng: np.random.Generator) -> list[list[float]]:
    return [list(rng.normal(2.0, 3.0, 4)) for _ in range(days)]


def test_detect_return_to_normal_is_no_second_signal() -> None:
    rng = np.random.default_rng(5)
    dip = [[-8.0, -8.0, -8.0, -8.0] for _ in range(10)]
    tones = _steady(400, rng) + dip + _steady(200, rng)
    found = _run(Detector(), _block(tones))
    assert [f.kind for f in found] == ["rupture"]


def test_detect_lasting_change_gets_its_signal() -> None:
    rng = np.random.default_rng(5)
    tones = _steady(400, rng) + [list(rng.normal(-4.0, 3.0, 4)) for _ in range(200)]
    found = _run(Detector(), _block(tones))
    assert [f.kind for f in found][:1] == ["rupture"]
    assert found[0].detected - 400 <= 30


@pytest.mark.parametrize(("routine", "expected"), [(0.0, 1), (0.4, 0)])
def test_detect_force_landmark_weighed_against_the_stores_own_mix(
    routine: float, expected: int
) -> None:
    # Two reports of force after a quiet spell are a landmark, unless force is everyday
    # news between all the other pairs of the store (#18).
    days = 300
    detector = Detector()
    pairs = [("AAA", "BBB")] + [(f"C{i:02d}", "DDD") for i in range(40)]
    detector.add_pairs(pairs)
    n = np.full((days, len(pairs)), 3.0)
    landmarks = np.zeros((days, len(pairs), len(LANDMARKS)))
    landmarks[:, 1:, FORCE] = routine * 3.0
    landmarks[250, 0, FORCE] = 2.0
    zeros = np.zeros((days, len(pairs)))
    block = DayBlock(1, n, n.copy(), 2.0 * n, 8.0 * n, zeros, zeros.copy(), landmarks)
    found = [f for f in detector.advance(block) if f.pair_index == 0]
    assert len(found) == expected


STEADY = [5.0, -1.0, 5.0, -1.0]
"""A day of four toned events: mean 2, spread 3, no departure from a baseline built on it."""


@pytest.mark.parametrize("last_day", [-0.5, -1.0, -1.5, -2.5])
def test_detect_young_pair_held_to_its_own_rate(last_day: float) -> None:
    # The threshold grows with the pair's monthly rate. Read off a decayed tally that had
    # not reached its steady state, a young pair's rate, and so its threshold, was low: the
    # same three bad days signalled 100 days into a pair's history and not 800 (#18).
    # A warm-up's events join the rate at once: 35 days in it is read in full (#18).
    verdicts = []
    for start in (35, 100, 800):
        dip = [[-5.0] * 4, [-5.0] * 4, [last_day] * 4]
        found = _run(Detector(), _block([STEADY] * start + dip + [STEADY] * 60))
        verdicts.append([f.kind for f in found])
    assert verdicts[0] == verdicts[1] == verdicts[2]


@pytest.mark.parametrize(("reports", "expected"), [(2.0, 0), (4.0, 1)])
def test_detect_force_on_a_young_busy_pair_weighed_against_its_fortnight(
    reports: float, expected: int
) -> None:
    # At 8 events a day a pair's 14 days hold 112 events. Forty days into its history its
    # decayed tally, read as a steady state, said 9, so two reports of force looked rare;
    # the usual fortnight is now the tally over the days watched (#18).
    days = 70
    n = np.full((days, 1), 8.0)
    landmarks = np.zeros((days, 1, len(LANDMARKS)))
    landmarks[40, 0, FORCE] = reports
    zeros = np.zeros((days, 1))
    block = DayBlock(1, n, n.copy(), 2.0 * n, 13.0 * n, zeros, zeros.copy(), landmarks)
    assert len(_run(Detector(), block)) == expected


def test_detect_change_in_a_pairs_second_month_gets_its_signal() -> None:
    # A store can start the month before a crisis (a sample of a few months of real
    # data): the pair's first 30 days are its baseline, and a change after them signals
    # within weeks. The first form waited 90 days from the pair's first event (#18).
    rng = np.random.default_rng(5)
    tones = _steady(40, rng) + [list(rng.normal(-4.0, 3.0, 4)) for _ in range(60)]
    found = _run(Detector(), _block(tones))
    assert [f.kind for f in found][:1] == ["rupture"]
    assert 40 <= found[0].detected - 1 <= 55


@pytest.mark.parametrize("usual", [-4.0, 0.0, 5.0])
def test_detect_pairs_usual_tone_from_its_first_day_is_no_change(usual: float) -> None:
    # A pair hostile (or warm) from its first event has that as its usual tone: its first
    # days build the baseline at once, so the end of them is no departure from a
    # typical pair's tone.
    rng = np.random.default_rng(7)
    tones = [list(rng.normal(usual, 3.0, 4)) for _ in range(200)]
    assert _run(Detector(), _block(tones)) == []


def test_detect_first_month_joins_the_baseline_at_once() -> None:
    # After 30 days of -4 the baseline holds all 120 events (decayed), not the lagged
    # few: its mean is the pair's own, not a typical pair's.
    detector = Detector()
    _run(detector, _block([[-4.0] * 4 for _ in range(30)]))
    decay = 0.5 ** (1.0 / detector.tuning.baseline_days)
    expected = sum(4.0 * decay**age for age in range(30))
    assert detector.state.base_n[0] == pytest.approx(expected)
    assert detector.state.base_sum[0] == pytest.approx(-4.0 * expected)
    assert detector.state.volume[0] == pytest.approx(expected)
