"""Tone against expectation (#20): neutral events, weights, shrinkage, baselines."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.analyze import Baseline, Weighting, alignment, tones
from dyadwatch.analyze.tone import Masses, lean
from dyadwatch.config import AnalyticsSettings

from .builders import build_store, event

D = datetime.date
YEAR = {"start": D(2023, 1, 1), "end": D(2024, 1, 1)}

pytestmark = pytest.mark.issue(20)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    events = [
        # Statements, a zero-Goldstein event and events about people: no tone.
        event("FRA", "MLI", "2023-03-01", "010"),
        event("FRA", "MLI", "2023-03-02", "173", serial=1),
        event("MLI", "FRA", "2023-03-03", "145", serial=2),
        event("FRA", "MLI", "2023-03-04", "181", serial=3),
        # Talk and a deed each way.
        event("USA", "JPN", "2023-04-01", "042"),
        event("JPN", "USA", "2023-04-02", "061", serial=1),
        event("USA", "RUS", "2023-04-01", "112"),
        event("USA", "RUS", "2023-04-02", "163", serial=1),
        event("USA", "RUS", "2023-04-03", "040", serial=2),
        # A history before 2023: USA-RUS used to be friendly.
        *[event("USA", "RUS", f"2021-0{m}-10", "057", serial=m) for m in range(1, 9)],
    ]
    return build_store(tmp_path_factory.mktemp("tone") / "s.duckdb", events)


def test_tone_lean_is_relative_to_the_expected_share() -> None:
    at = lean(Masses(10, 10.0, 7.5, 2.5, 10.0), 0.75)
    friendly = lean(Masses(10, 10.0, 10.0, 0.0, 10.0), 0.75)
    hostile = lean(Masses(10, 10.0, 5.0, 5.0, 10.0), 0.75)
    assert at.lean == pytest.approx(0.0)
    assert friendly.lean > 0 > hostile.lean  # 50 % cooperative is hostile against 75 %
    assert hostile.lean >= -1 and friendly.lean <= 1


def test_tone_shrinks_sparse_pairs_towards_the_expectation() -> None:
    sparse = lean(Masses(2, 2.0, 0.0, 2.0, 2.0), 0.75)
    dense = lean(Masses(40, 40.0, 0.0, 40.0, 40.0), 0.75)
    assert dense.lean < sparse.lean < 0
    assert abs(dense.z) > abs(sparse.z)


def test_tone_neutral_and_people_events_count_for_neither(store) -> None:
    with store.reader() as con:
        found = tones(con, AnalyticsSettings(), **YEAR)
    neutral = found[("FRA", "MLI")]
    assert neutral.n_events == 4
    assert neutral.cooperation == neutral.conflict == neutral.lean == 0.0


@pytest.mark.parametrize(
    ("weighting", "cooperation", "conflict"),
    [(Weighting.QUAD, 1.0 + 2.0, 1.0 + 2.0 + 0.0), (Weighting.GOLDSTEIN, (1.9 + 6.4) / 5, 0.0)],
)
def test_tone_weights_deeds_over_talk(store, weighting, cooperation, conflict) -> None:
    with store.reader() as con:
        found = tones(con, AnalyticsSettings(), **YEAR, weighting=weighting)
    assert found[("JPN", "USA")].cooperation == pytest.approx(cooperation)
    assert found[("JPN", "USA")].conflict == 0.0
    if weighting is Weighting.QUAD:
        assert found[("RUS", "USA")].conflict == pytest.approx(conflict)


def test_tone_history_baseline_reads_change(store) -> None:
    with store.reader() as con:
        pooled = tones(con, AnalyticsSettings(), **YEAR)[("RUS", "USA")]
        history = tones(con, AnalyticsSettings(), **YEAR, baseline=Baseline.HISTORY)
    # Against its friendly past, USA-RUS leans further towards conflict than against 2023.
    assert history[("RUS", "USA")].expected > pooled.expected
    assert history[("RUS", "USA")].lean < pooled.lean < 0


def test_alignment_index_ignores_statements(store) -> None:
    points = alignment(store, "FRA", "MLI")
    assert points[0].n_events == 4
    assert all(p.cooperation == p.conflict == 0.0 and p.index == 0.0 for p in points)
