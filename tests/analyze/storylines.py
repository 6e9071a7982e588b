"""Synthetic storylines: monthly event streams for pairs whose relations change on a known date."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from dyadwatch.analyze.periods import add_months
from dyadwatch.records import Event, Modality

from .builders import event

FIRST = datetime.date(2022, 1, 1)
LAST = datetime.date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class Phase:
    """From ``start`` on, each month has 0..``most`` events drawn from ``codes``."""

    start: datetime.date
    codes: tuple[str, ...]
    least: int
    most: int


@dataclass(frozen=True, slots=True)
class Storyline:
    """A pair, the signal it should give (or ``none``), the quarter, and its phases."""

    pair: tuple[str, str]
    kind: str
    quarter: str
    phases: tuple[Phase, ...]


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


STORYLINES = (
    Storyline(
        ("RUS", "PRK"),
        "emerging_alignment",
        "2023Q3",
        (
            Phase(FIRST, ("036", "051", "042"), 0, 1),
            Phase(_d("2023-08-01"), ("070", "061", "057", "072", "042", "036"), 2, 5),
        ),
    ),
    Storyline(
        ("SAU", "IRN"),
        "rapprochement",
        "2023Q1",
        (
            Phase(FIRST, ("112", "130", "111", "042", "112", "130"), 1, 3),
            Phase(_d("2023-03-01"), ("057", "042", "036", "064", "061"), 1, 3),
        ),
    ),
    Storyline(
        ("NER", "FRA"),
        "rupture",
        "2023Q3",
        (
            Phase(FIRST, ("070", "061", "042", "036"), 1, 3),
            Phase(_d("2023-08-01"), ("161", "112", "166", "130"), 1, 3),
        ),
    ),
    Storyline(
        ("ISR", "IRN"),
        "escalation",
        "2024Q2",
        (
            Phase(FIRST, ("112", "130", "111"), 0, 2),
            Phase(_d("2024-04-01"), ("190", "195", "183", "130"), 2, 4),
        ),
    ),
    Storyline(
        ("NOR", "SWE"),
        "none",
        "-",
        (Phase(FIRST, ("042", "036", "051", "043", "061"), 0, 1),),
    ),
    Storyline(
        ("CAN", "AUS"),
        "none",
        "-",
        (Phase(FIRST, ("042", "036", "051", "010"), 0, 2),),
    ),
)

_MODALITIES = (Modality.ASSERTED, Modality.ASSERTED, Modality.REPORTED, Modality.PLANNED)


def storyline_events(story: Storyline, *, seed: int = 5) -> list[Event]:
    """Return the events of ``story`` from ``FIRST`` to ``LAST``, both directions mixed."""
    rng = random.Random(f"{seed}-{story.pair}")
    events = []
    month = FIRST
    while month < LAST:
        phase = [p for p in story.phases if p.start <= month][-1]
        for serial in range(rng.randint(phase.least, phase.most)):
            a, b = story.pair if rng.random() < 0.6 else story.pair[::-1]
            day = month.replace(day=rng.randint(1, 28))
            code = rng.choice(phase.codes)
            events.append(event(a, b, day, code, modality=rng.choice(_MODALITIES), serial=serial))
        month = add_months(month, 1)
    return events


def all_events(*, seed: int = 5) -> list[Event]:
    """Return the events of every storyline."""
    return [e for story in STORYLINES for e in storyline_events(story, seed=seed)]


def quarter(day: datetime.date) -> str:
    """Return ``2023Q3`` for a day in July to September 2023."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
