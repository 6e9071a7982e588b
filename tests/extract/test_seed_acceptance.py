"""The mission's article must yield the events issue #4 lists, with the right direction."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.extract import code_text
from dyadwatch.records import Event, Modality

SEED = Path(__file__).parents[2] / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def seed_events(coder: Any) -> list[Event]:
    raw = SEED.read_text("utf-8").lstrip()
    _, date, text = raw.split(None, 2)
    return code_text(coder, text, date=datetime.date.fromisoformat(date), article_id="seed")


def found(events: list[Event], source: str, target: str, roots: set[str]) -> list[Event]:
    return [
        e
        for e in events
        if e.source.country == source and e.target.country == target and e.root in roots
    ]


@pytest.mark.issue(4)
def test_seed_north_korea_supplies_russia_military_aid_reported(seed_events: list[Event]) -> None:
    hits = found(seed_events, "PRK", "RUS", {"07"})
    assert any(e.cameo == "072" and e.modality is Modality.REPORTED for e in hits)


@pytest.mark.issue(4)
def test_seed_north_korea_appeals_to_russia_for_aid(seed_events: list[Event]) -> None:
    assert any(e.cameo.startswith("023") for e in found(seed_events, "PRK", "RUS", {"02"}))


@pytest.mark.issue(4)
def test_seed_cuba_accuses_russia(seed_events: list[Event]) -> None:
    assert any(e.cameo.startswith("112") for e in found(seed_events, "CUB", "RUS", {"11"}))


@pytest.mark.issue(4)
def test_seed_russia_appeals_or_intends_to_cooperate(seed_events: list[Event]) -> None:
    assert found(seed_events, "RUS", "PRK", {"02", "03"})


@pytest.mark.issue(4)
def test_seed_meeting_is_planned_or_speculative(seed_events: list[Event]) -> None:
    meetings = found(seed_events, "RUS", "PRK", {"04"}) + found(seed_events, "PRK", "RUS", {"04"})
    assert any(e.modality in {Modality.PLANNED, Modality.SPECULATIVE} for e in meetings)


@pytest.mark.issue(4)
def test_seed_negotiations_between_russia_and_north_korea(seed_events: list[Event]) -> None:
    assert any(e.cameo == "046" for e in found(seed_events, "RUS", "PRK", {"04"}))


@pytest.mark.issue(4)
def test_seed_us_appeals_to_north_korea_to_stop(seed_events: list[Event]) -> None:
    assert found(seed_events, "USA", "PRK", {"02", "10"})


@pytest.mark.issue(4)
def test_seed_no_asserted_arms_from_commitment_not_to_provide(seed_events: list[Event]) -> None:
    commitment = [
        e
        for e in seed_events
        if "commitments to not provide" in e.evidence and e.root in {"06", "07"}
    ]
    assert commitment, "the negated provision should be kept, flagged"
    assert all(e.modality is Modality.NEGATED for e in commitment)
