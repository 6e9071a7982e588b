"""The resolver's context tables (actors/data/context.tsv, gated_capitals.tsv, switches.tsv)."""

from __future__ import annotations

import pytest

from dyadwatch.actors import context
from dyadwatch.actors.tables import read_countries

COUNTRIES = frozenset(entry.country for entry, _ in read_countries())


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "words",
    [context.FILLERS, context.FORMER, context.NAME_STARTERS, context.FORENAMES,
     context.SURNAMES, context.NEVER_ALONE],
)  # fmt: skip
def test_context_word_classes_are_lower_case_token_keys(words: frozenset[str]) -> None:
    assert words
    assert all(word == word.lower() and " " not in word for word in words)


@pytest.mark.issue(16)
def test_context_gated_capitals_name_known_countries() -> None:
    assert ("port", "stanley") in context.GATED_CAPITALS
    assert all(set(countries) <= COUNTRIES for countries in context.GATED_CAPITALS.values())


@pytest.mark.issue(16)
def test_context_switches_turn_into_known_countries_or_drop() -> None:
    assert context.SWITCH_BY_KEYS[("congo",)].to == "COG"
    for switch in context.SWITCHES:
        assert switch.to == "" or switch.to in COUNTRIES
        assert switch.cues and switch.against and not switch.cues & switch.against
