"""Third-party reactions and network periods (the network itself: test_network.py)."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.analyze import reactions, window
from dyadwatch.errors import ConfigError
from dyadwatch.records import Modality

from .builders import build_store, event

D = datetime.date
YEAR = {"start": D(2023, 1, 1), "end": D(2024, 1, 1)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    events = [
        event("RUS", "PRK", "2023-09-13", "057", article="summit"),
        event("USA", "PRK", "2023-09-14", "112", article="summit", serial=1),
        event("USA", "RUS", "2023-09-20", "163"),
        event("CHN", "RUS", "2023-09-20", "042"),
        event("KOR", "PRK", "2023-09-20", "190", modality=Modality.NEGATED),
        event("GBR", "PRK", "2024-02-01", "112"),
        event("USA", "KOR", "2023-05-20", "042"),
        event("JPN", "KOR", "2023-05-20", "042"),
        event("USA", "JPN", "2023-05-20", "057"),
        event("JPN", "PRK", "2023-05-20", "111"),
        event("CHN", "USA", "2023-05-20", "042"),
        event("CHN", "PRK", "2023-05-20", "042"),
    ]
    return build_store(tmp_path_factory.mktemp("rn") / "s.duckdb", events)


def test_reactions_stance_per_third_country(store) -> None:
    found = {
        r.actor: r for r in reactions(store, "RUS", "PRK", start=D(2023, 7, 1), end=D(2024, 1, 1))
    }
    assert set(found) == {"USA", "CHN"}  # KOR only denied; GBR is after the window
    usa, chn = found["USA"], found["CHN"]
    assert (usa.stance, usa.n_towards_a, usa.n_towards_b, usa.about_pair) == ("opposed", 1, 1, 1)
    assert usa.score == pytest.approx((-8.0 - 2.0) / 2)
    assert chn.stance == "supportive"
    assert usa.evidence[0].cameo == "163" and usa.evidence[0].sentence


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023", D(2023, 1, 1), D(2024, 1, 1)),
        ("2023Q4", D(2023, 10, 1), D(2024, 1, 1)),
        ("2023-12", D(2023, 12, 1), D(2024, 1, 1)),
    ],
)
def test_periods_window(text: str, start: D, end: D) -> None:
    assert window(text) == (start, end)


@pytest.mark.parametrize("text", ["23", "2023Q5", "2023-13", "last year"])
def test_periods_window_rejects(text: str) -> None:
    with pytest.raises(ConfigError, match="2023Q2"):
        window(text)


def test_reactions_support_for_rebels_is_no_stance(tmp_path) -> None:
    # Taiwan praising Somaliland (SOMREB) in the memorandum's article is no support for
    # Somalia; its only stance is its criticism
    events = [
        event("ETH", "SOM", "2024-01-01", "057", article="mou", target_sector="REB"),
        event("TWN", "SOM", "2024-01-01", "051", article="mou", serial=1, target_sector="REB"),
        event("TWN", "SOM", "2024-01-02", "111", article="other", target_sector="GOV"),
    ]
    store = build_store(tmp_path / "s.duckdb", events)
    (taiwan,) = reactions(store, "ETH", "SOM", start=D(2024, 1, 1), end=D(2024, 2, 1))
    assert taiwan.actor == "TWN" and taiwan.stance == "opposed"
