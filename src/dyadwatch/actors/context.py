"""Context rules the resolver applies to raw gazetteer matches; their words are data.

The words live in ``actors/data``: ``context.tsv`` says which words may sit between a
country and its agent noun and which country names double as personal names;
``gated_capitals.tsv`` and ``switches.tsv`` say which nearby words keep a capital or flip
an ambiguous name ("Georgia" the U.S. state, "Congo" the Republic of the Congo). The
tables are read once, when this module is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.datafiles import TableRow, package_table, package_words

DATA = "dyadwatch.actors"  # the package whose data/ holds the tables

_WORDS = package_words(DATA, "context.tsv")
# Words allowed between a modifier and its agent noun: "U.S. national security officials".
FILLERS = _WORDS["FILLER"]
# Fillers that are also past tenses: right after a hit they are its verb, not a name's part.
VERBAL_FILLERS = _WORDS["VERBAL_FILLER"]
# Fillers that are a verb right after an agent noun only ("troops backed rebels").
AGENT_VERBAL_FILLERS = _WORDS["AGENT_VERBAL_FILLER"]
# Region words before a bare agent noun: "West African leaders" are no one country's.
ELSEWHERE = _WORDS["ELSEWHERE"]
# Fillers that make a government title mean a former office-holder (CAMEO's ELI sector).
FORMER = _WORDS["FORMER"]
ELITE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY"})
# Words that may come before a name without making it part of a personal name.
NAME_STARTERS = _WORDS["NAME_STARTER"]
# Country aliases that are also personal names: dropped when they read as part of one.
FORENAMES = _WORDS["FORENAME"]
SURNAMES = _WORDS["SURNAME"]
# Prepositions after which a lone surname names a place ("a rally in Lagos").
PLACE_PREPS = _WORDS["PLACE_PREP"]
PERSON_BEFORE_PREP = _WORDS["PERSON_BEFORE_PREP"]
# Titles before a lone second-reference name ("Mr Kim").
NAME_TITLES = _WORDS["NAME_TITLE"]
# Single words that a person's alias list may hold but that must never match alone.
NEVER_ALONE = _WORDS["NEVER_ALONE"]


def _keys(cell: str) -> tuple[str, ...]:
    return tuple(cell.lower().split())


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


# Capitals that are everyday personal or place names elsewhere, by token keys, with the
# countries they may name; kept only when the text also names the country (#3).
GATED_CAPITALS: dict[tuple[str, ...], tuple[str, ...]] = {
    _keys(row["capital"]): _split(row["countries"])
    for row in package_table(DATA, "gated_capitals.tsv", ("capital", "countries"))
}
GATED_FIRST_KEYS = frozenset(keys[0] for keys in GATED_CAPITALS)


@dataclass(frozen=True, slots=True)
class Switch:
    """Swap (or drop, when ``to`` is empty) an entry when cue words are in the text."""

    keys: tuple[str, ...]  # token keys of the matched alias
    cues: frozenset[str]  # any of these present ...
    against: frozenset[str]  # ... and none of these
    to: str  # ISO code of the country it becomes; "" drops the match
    why: str


def _words(cell: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _split(cell))


def _switch(row: TableRow) -> Switch:
    return Switch(
        _keys(row["alias"]), _words(row["cues"]), _words(row["against"]), row["to"], row["why"]
    )


SWITCHES = tuple(
    _switch(row)
    for row in package_table(DATA, "switches.tsv", ("alias", "cues", "against", "to", "why"))
)

SWITCH_BY_KEYS = {switch.keys: switch for switch in SWITCHES}
SWITCH_FIRST_KEYS = frozenset(switch.keys[0] for switch in SWITCHES)
