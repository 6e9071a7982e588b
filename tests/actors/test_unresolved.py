"""Tests for ranking unresolved actor-like names (pure part of ``actors unresolved``)."""

from __future__ import annotations

import pytest

from dyadwatch.actors import ActorGazetteer
from dyadwatch.actors.unresolved import (
    Candidate,
    Sighting,
    clean_name,
    rank,
    title_names,
    title_pattern,
    unresolved,
)


@pytest.fixture(scope="module")
def pattern():
    return title_pattern(ActorGazetteer.load())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Foreign Minister Olaf Brennick arrived.", ["Olaf Brennick"]),
        ("He met President Yoon on Monday.", ["Yoon"]),
        ("the president said nothing.", []),
        ("Minister of Defence Ada Example spoke.", []),
    ],
)
def test_unresolved_title_names(pattern, text, names):
    assert [c.text for c in title_names(text, pattern)] == names


def test_unresolved_drops_resolved_and_overlapping_candidates():
    person = Candidate(0, 14, "Olaf Brennick", "PERSON")
    titled = Candidate(5, 14, "Brennick", "TITLE")
    known = Candidate(20, 34, "Vladimir Putin", "PERSON")
    number = Candidate(40, 44, "2024", "ORG")
    assert unresolved([person, titled, known, number], [(20, 34)]) == [person]


@pytest.mark.parametrize(
    ("text", "name"),
    [("the Example Brigade's", "Example Brigade"), ("The  Veldoria", "Veldoria"), ("Ada.", "Ada")],
)
def test_unresolved_clean_name(text, name):
    assert clean_name(text) == name


def test_unresolved_rank_counts_names_and_articles():
    sightings = [
        Sighting("Veldoria", "GPE", "a1", "Veldoria voted."),
        Sighting("Olaf Brennick", "TITLE", "a1", "Minister Olaf Brennick spoke."),
        Sighting("olaf brennick", "PERSON", "a2", "olaf brennick again."),
        Sighting("Olaf Brennick's", "PERSON", "a2", "Olaf Brennick's  plan."),
    ]
    top, second = rank(sightings)
    assert (top.name, top.count, top.articles, top.article_id) == ("Olaf Brennick", 3, 2, "a1")
    assert (top.label, top.example) == ("PERSON", "Minister Olaf Brennick spoke.")
    assert (second.name, second.count) == ("Veldoria", 1)
    assert rank(sightings, limit=1) == [top]
