"""The figures of an evaluation: counts and confidence bins."""

from __future__ import annotations

import pytest

from dyadwatch.evaluate.scores import Counts, calibration


def test_scores_counts_rates() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert (counts.precision, counts.recall) == (0.75, 0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().to_dict() == {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


@pytest.mark.parametrize(
    ("confidence", "index"),
    [(0.0, 0), (0.49, 0), (0.5, 1), (0.65, 2), (0.7, 3), (0.89, 4), (0.9, 5), (1.0, 5)],
)
def test_scores_calibration_bin_edges(confidence: float, index: int) -> None:
    bins = calibration([(confidence, True)])
    assert [b.events for b in bins] == [1 if i == index else 0 for i in range(6)]


def test_scores_calibration_precision_per_bin() -> None:
    bins = calibration([(0.95, True), (0.91, False), (0.93, True), (0.2, False)])
    assert (bins[5].events, bins[5].correct, bins[0].correct) == (3, 2, 0)
    assert bins[5].precision == pytest.approx(2 / 3)
    assert bins[5].mean_confidence == pytest.approx(0.93)
    assert (bins[0].low, bins[0].high, bins[5].high) == (0.0, 0.5, 1.0)
