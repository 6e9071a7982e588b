"""Which actor mentions of a sentence can be an event's sides: one rule for the coder, the
training examples and the golden inputs, so the model is taught on the pairs it will see.

A side is a country, one of its agents, or an organisation with a code of its own (an IGO,
an NGO, an international armed group). A sector word with no country of its
own ("police", "the opposition", "rebels") takes the country of its sentence when the
sentence names exactly one country: CAMEO codes "Egyptian police detained demonstrators"
as EGYCOP against EGYCVL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from dyadwatch.datafiles import package_words
from dyadwatch.records import Actor, ActorKind

DATA = "dyadwatch.learned"  # the package whose data/ holds sectors.tsv

# Sector words that name people from elsewhere by definition: peacekeepers, observers and
# inspectors, aid groups. They never take the sentence's country.
FOREIGN_SECTORS = frozenset({"PKO", "NGO"})


def event_sides(
    actors: Sequence[Actor],
    *,
    earlier: Mapping[str, str] | None = None,
    settled: Mapping[str, str] | None = None,
) -> list[tuple[int, Actor]]:
    """Return ``(index, actor)`` for each mention that can be a side, countries inherited.

    ``earlier`` maps a sector to the country an earlier sentence of the article gave it
    explicitly (``sector_homes``): a bare "police" or "the junta" there is that country's,
    not the one its own sentence names ("Canadian police arrested three men. Police said
    they were investigating ties to the government of India": CANCOP, not INDCOP). It
    only picks which country a sector word takes. ``settled`` maps a state institution's
    sector to the one country the article's earlier sentences gave it (``settled_sectors``):
    in a sentence that names no country or several, a bare "the junta" takes it and is a
    side ("Soldiers from Niger's presidential guard detained the president. ... The
    African Union demanded that the soldiers return to barracks"); where the earlier
    sentences gave the sector several countries, it stays no side. Training sentences
    stand alone (neither is given).

    Example:
        >>> police = Actor("COP", "", "COP", "police", ActorKind.AGENT)
        >>> [a.code for _, a in event_sides([Actor("EGY", "EGY"), police])]
        ['EGY', 'EGYCOP']
    """
    home = home_country(actors)
    homes = earlier or {}
    others = settled or {}
    found = []
    for i, actor in enumerate(actors):
        country = homes.get(actor.sector, home) if home else others.get(actor.sector, "")
        side = with_country(actor, country) if country else actor
        if can_be_side(side):
            found.append((i, side))
    return found


# Sectors that are one body per country, so a later bare mention is the same body ("the
# police", "the army", "the junta"). A people's groups are not: after "Israeli tourists",
# "dozens of prisoners" in a sentence about Saudi Arabia are not Israel's.
INSTITUTION_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Sectors of a country's people, not its state (data/sectors.tsv).
PEOPLE_SECTORS = frozenset(code.upper() for code in package_words(DATA, "sectors.tsv")["PEOPLE"])


def sector_homes(actors: Iterable[Actor]) -> dict[str, str]:
    """Map each state institution's sector to the country of its latest explicit mention
    among ``actors`` ("Canadian police" -> COP: CAN), for ``event_sides(earlier=...)``."""
    return {
        actor.sector: actor.country
        for actor in actors
        if actor.kind is ActorKind.AGENT and actor.country and actor.sector in INSTITUTION_SECTORS
    }


def add_sector_countries(countries: dict[str, set[str]], sides: Iterable[Actor]) -> None:
    """Add the countries ``sides`` (the resolved sides of one sentence) give each state
    institution's sector to ``countries``, for ``settled_sectors``."""
    for actor in sides:
        if actor.kind is ActorKind.AGENT and actor.country and actor.sector in INSTITUTION_SECTORS:
            countries.setdefault(actor.sector, set()).add(actor.country)


def settled_sectors(countries: Mapping[str, set[str]]) -> dict[str, str]:
    """Map each sector of ``countries`` that has one country to it, for
    ``event_sides(settled=...)``. A sector of two countries ("the French ambassador" after
    "Niger's military government") is left out."""
    return {sector: next(iter(found)) for sector, found in countries.items() if len(found) == 1}


# Organisations with a code of their own but no country: intergovernmental, non-governmental
# (Amnesty, the Red Cross) and international militarised groups (al-Qaeda).
NO_COUNTRY_PREFIXES = ("IGO", "NGO", "IMG")


def can_be_side(actor: Actor) -> bool:
    """A country, one of its agents, or an IGO, NGO or international armed group; a bare
    sector word is not."""
    return (
        bool(actor.country)
        or actor.kind is ActorKind.IGO
        or actor.code.startswith(NO_COUNTRY_PREFIXES)
    )


def home_country(actors: Sequence[Actor]) -> str:
    """The one country the mentions name, or "" when they name none or several."""
    countries = {
        actor.country
        for actor in actors
        if actor.country and actor.kind is not ActorKind.IGO and not actor.code.startswith("IGO")
    }
    return next(iter(countries)) if len(countries) == 1 else ""


def with_country(actor: Actor, country: str) -> Actor:
    """``actor`` with ``country`` when it is a bare sector word, else unchanged."""
    if actor.country or actor.kind is not ActorKind.AGENT or not actor.sector:
        return actor
    if actor.sector in FOREIGN_SECTORS:
        return actor
    return dataclasses.replace(actor, code=country + actor.sector, country=country)


def distinct(source: Actor, target: Actor) -> bool:
    """Two mentions can be an event's two sides: other actors, not one country's two words."""
    if source.code == target.code:
        return False
    same_country = source.country and source.country == target.country
    return not (same_country and (not source.sector or not target.sector))


def state_and_its_people(source: Actor, target: Actor) -> bool:
    """Tell whether one side is a bare country and the other a non-state group of its own.

    "Russia detained opposition leader Alexei Navalny" is RUS against RUSOPP: the state
    acting on its own opposition, rebels, citizens or press, a domestic event CAMEO codes.
    "Russia ... Moscow" or "Russia ... Russian troops" stay one side (``distinct``).

    Example:
        >>> navalny = Actor("RUSOPP", "RUS", "OPP", "Alexei Navalny", ActorKind.PERSON)
        >>> state_and_its_people(Actor("RUS", "RUS"), navalny)
        True
    """
    if not source.country or source.country != target.country:
        return False
    sectors = {source.sector, target.sector}
    if "" not in sectors or sectors == {""}:
        return False
    return (sectors - {""}) <= PEOPLE_SECTORS
