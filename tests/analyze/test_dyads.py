"""Dyad series: weighted arithmetic, continuity, filters and conservation properties."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analyze import dyad_series
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import UnknownNameError
from dyadwatch.records import Event, Modality

from .builders import build_store, event

D = datetime.date


@pytest.fixture
def store(tmp_path: Path):
    return build_store(
        tmp_path / "s.duckdb",
        [
            event("RUS", "PRK", "2023-01-05", "042"),  # verbal coop, 1.9
            event("RUS", "PRK", "2023-03-05", "061", sector="GOV"),  # material coop, 6.4
            event("RUS", "PRK", "2023-03-09", "112", modality=Modality.REPORTED),  # -2.0 x 0.8
            event("RUS", "PRK", "2023-03-10", "190", modality=Modality.NEGATED),
            event("PRK", "RUS", "2023-02-11", "190", sector="MIL"),  # material conflict, -10
        ],
    )


def test_dyads_series_weighted_arithmetic(store) -> None:
    march = dyad_series(store, "RUS", "PRK")[-1]
    assert march.period == D(2023, 3, 1)
    assert march.n_events == 2
    assert march.n_material_cooperation == 1.0
    assert march.n_verbal_conflict == pytest.approx(0.8)
    assert march.goldstein_sum == pytest.approx(6.4 - 1.6)
    assert march.goldstein_mean == pytest.approx((6.4 - 1.6) / 1.8)
    assert march.net_cooperation == pytest.approx((1.0 - 0.8) / 1.8)


def test_dyads_series_includes_empty_periods(store) -> None:
    series = dyad_series(store, "RUS", "PRK")
    assert [p.period.month for p in series] == [1, 2, 3]
    assert (series[1].n_events, series[1].net_cooperation, series[1].goldstein_mean) == (0, 0, 0)


def test_dyads_series_window_is_half_open_and_padded(store) -> None:
    series = dyad_series(store, "RUS", "PRK", start=D(2022, 11, 1), end=D(2023, 3, 5))
    assert [p.period.month for p in series] == [11, 12, 1, 2, 3]
    assert series[-1].n_events == 0  # 5 March is the first day left out


def test_dyads_pair_view_adds_the_reverse_direction(store) -> None:
    february = dyad_series(store, "RUS", "PRK", directed=False)[1]
    assert (february.n_events, february.n_material_conflict, february.net_cooperation) == (
        1,
        1.0,
        -1.0,
    )


@pytest.mark.parametrize(
    ("sectors", "expected"), [(["GOV"], 1), (["MIL"], 1), (["GOV", "MIL"], 2), (["NAV"], 0)]
)
def test_dyads_sector_filter(store, sectors: list[str], expected: int) -> None:
    series = dyad_series(store, "RUS", "PRK", directed=False, sectors=sectors)
    assert sum(p.n_events for p in series) == expected


def test_dyads_plover_filter(store) -> None:
    series = dyad_series(store, "RUS", "PRK", plover_types=["ACCUSE"])
    assert sum(p.n_events for p in series) == 1


@pytest.mark.parametrize(("freq", "n"), [("day", 64), ("week", 10), ("month", 3), ("quarter", 1)])
def test_dyads_series_is_continuous_at_each_freq(store, freq: str, n: int) -> None:
    assert len(dyad_series(store, "RUS", "PRK", freq=freq)) == n


def test_dyads_negated_weight_is_a_setting(store) -> None:
    weighted = AnalyticsSettings(weight_negated=0.5)
    assert dyad_series(store, "RUS", "PRK", settings=weighted)[-1].n_events == 3


def test_dyads_repeated_mentions_count_once_unless_asked(tmp_path: Path) -> None:
    told_twice = [event("RUS", "PRK", "2023-01-05", "057", article=f"a{i}") for i in range(2)]
    store = build_store(tmp_path / "s.duckdb", told_twice)
    assert dyad_series(store, "RUS", "PRK")[0].n_events == 1
    counted = dyad_series(store, "RUS", "PRK", settings=AnalyticsSettings(count_mentions=True))
    assert counted[0].n_events == 2


def test_dyads_unknown_freq_suggests_one(store) -> None:
    with pytest.raises(UnknownNameError, match="month"):
        dyad_series(store, "RUS", "PRK", freq="monthly")


def test_dyads_unknown_dyad_is_empty(store) -> None:
    assert dyad_series(store, "USA", "CUB") == []


COUNTRIES = ("RUS", "PRK", "USA", "CUB")
CODES = ("042", "057", "061", "112", "130", "190", "072")
random_events = st.lists(
    st.builds(
        event,
        st.sampled_from(COUNTRIES),
        st.sampled_from(COUNTRIES),
        st.dates(D(2022, 1, 1), D(2023, 12, 31)),
        st.sampled_from(CODES),
        modality=st.sampled_from(Modality),
        serial=st.integers(0, 3),
    ),
    max_size=40,
)
MENTIONS = AnalyticsSettings(count_mentions=True)


def _store(events: list[Event], folder: str):
    return build_store(Path(folder) / "s.duckdb", events)


def _total(store, a: str, b: str, **options) -> int:
    return sum(p.n_events for p in dyad_series(store, a, b, settings=MENTIONS, **options))


@settings(max_examples=15, deadline=None)
@given(random_events)
def test_dyads_counts_sum_to_all_non_negated_events(events: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _store(events, folder)
        dyads = {(a, b) for a in COUNTRIES for b in COUNTRIES}
        total = sum(_total(store, a, b) for a, b in dyads)
    unique = {e.id: e for e in events}.values()
    assert total == sum(e.modality is not Modality.NEGATED for e in unique)


@settings(max_examples=15, deadline=None)
@given(random_events)
def test_dyads_pair_view_is_the_sum_of_both_directions(events: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _store(events, folder)
        window = {"start": D(2022, 1, 1), "end": D(2024, 1, 1)}
        forward = dyad_series(store, "RUS", "PRK", **window)
        backward = dyad_series(store, "PRK", "RUS", **window)
        pair = dyad_series(store, "RUS", "PRK", directed=False, **window)
    for f, b, p in zip(forward, backward, pair, strict=True):
        assert p.n_events == f.n_events + b.n_events
        assert p.goldstein_sum == pytest.approx(f.goldstein_sum + b.goldstein_sum)
        assert p.n_material_conflict == pytest.approx(f.n_material_conflict + b.n_material_conflict)


@settings(max_examples=15, deadline=None)
@given(random_events, st.sampled_from(CODES), st.dates(D(2022, 1, 1), D(2023, 12, 31)))
def test_dyads_a_negated_event_changes_nothing(events: list[Event], code: str, day: D) -> None:
    denied = event("RUS", "PRK", day, code, modality=Modality.NEGATED, article="denial")
    window = {"start": D(2022, 1, 1), "end": D(2024, 1, 1), "directed": False}
    with tempfile.TemporaryDirectory() as folder:
        before = dyad_series(_store(events, folder), "RUS", "PRK", **window)
    with tempfile.TemporaryDirectory() as folder:
        after = dyad_series(_store([*events, denied], folder), "RUS", "PRK", **window)
    assert after == before


@pytest.mark.parametrize(
    ("event_", "counted"),
    [
        # support for a country's rebels or opposition is no part of the pair, either way
        (event("ETH", "SOM", "2024-01-01", "057", target_sector="REB"), False),
        (event("SOM", "ETH", "2024-01-01", "057", sector="REB"), False),
        (event("RWA", "COD", "2024-01-01", "072", target_sector="REB"), False),
        (event("USA", "VEN", "2024-01-01", "051", target_sector="OPP"), False),
        (event("RWA", "COD", "2024-01-01", "062", sector="MIL", target_sector="INS"), False),
        # talks, appeals and conflict with them stay the pair's
        (event("USA", "AFG", "2024-01-01", "046", target_sector="REB"), True),
        (event("ISR", "LBN", "2024-01-01", "190", target_sector="REB"), True),
        # and so does support for the state itself
        (event("ETH", "SOM", "2024-01-01", "057", target_sector="GOV"), True),
    ],
)
def test_dyads_support_for_a_countrys_rebels_is_no_part_of_the_pair(
    tmp_path: Path, event_: Event, counted: bool
) -> None:
    store = build_store(tmp_path / "s.duckdb", [event_])
    a, b = event_.source.country, event_.target.country
    assert sum(p.n_events for p in dyad_series(store, a, b)) == int(counted)
    if not counted:
        # naming another sector does not bring it back; naming the rebels' does
        others = dyad_series(store, a, b, sectors=["GOV", "MIL"])
        assert sum(p.n_events for p in others) == 0
        rebels = [
            s for s in (event_.source.sector, event_.target.sector) if s not in {"GOV", "MIL"}
        ]
        assert sum(p.n_events for p in dyad_series(store, a, b, sectors=rebels)) == 1


def test_dyads_support_within_one_country_is_kept(tmp_path: Path) -> None:
    store = build_store(
        tmp_path / "s.duckdb",
        [event("SOM", "SOM", "2024-01-01", "057", sector="GOV", target_sector="REB")],
    )
    assert sum(p.n_events for p in dyad_series(store, "SOM", "SOM")) == 1
