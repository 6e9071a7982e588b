"""Resolve the actor names of imported event datasets ("Kim Jong-Un", "Citizen (India)").

Event datasets name their actors in a column of their own and often leave the country
column empty (ICEWS does for people and for countries named outright). ``NameResolver``
turns such a name, or a country column's value, into an ``Actor`` with the gazetteer on
the event's date, caches what it found, and counts the names it could not place.
"""

from __future__ import annotations

import datetime
import re
from collections import OrderedDict
from dataclasses import dataclass

from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.actors.name_forms import PersonForms
from dyadwatch.actors.resolver import Resolver
from dyadwatch.datafiles import package_table
from dyadwatch.records import Actor, ActorKind

CACHE_SIZE = 100_000
"""Most (name, date) answers kept; bounded so a stream of any length keeps constant memory."""

_SUFFIX = re.compile(r"^(?P<name>.*?)\s*\((?P<country>[^()]+)\)\s*$")
UNRESOLVED = Actor(code="", country="", name="", kind=ActorKind.AGENT)
SECTORS = {
    row["name"]: row["sector"]
    for row in package_table("dyadwatch.actors", "dataset_sectors.tsv", ("name", "sector"))
}
"""The sector of a dataset's generic name ("Citizen (India)": CVL), where the gazetteer
finds only the country (``data/dataset_sectors.tsv``)."""


@dataclass(frozen=True, slots=True)
class NameCounts:
    """How many names a resolver was asked about, and how many it could not place."""

    names: int
    unresolved: int
    unresolved_examples: tuple[str, ...]


class NameResolver:
    """Resolve dataset actor names and country columns to actors, with a bounded cache.

    Example:
        >>> names = NameResolver(ActorGazetteer.load())
        >>> names.actor("Kim Jong-Un", "", date=datetime.date(2018, 9, 1)).country
        'PRK'
        >>> names.actor("Police (Singapore)", "Singapore", date=datetime.date(2018, 9, 1)).code
        'SGPCOP'
        >>> names.actor("Foreign Affairs (Russia)", "", date=datetime.date(2018, 9, 1)).code
        'RUSGOV'
    """

    def __init__(self, gazetteer: ActorGazetteer) -> None:
        self._resolver = Resolver(gazetteer)
        self._forms = PersonForms(gazetteer)
        self._countries = {entry.name.lower(): iso for iso, entry in gazetteer.countries.items()}
        self._cache: OrderedDict[tuple[str, str, datetime.date], Actor] = OrderedDict()
        self._seen: set[str] = set()
        self._unresolved: set[str] = set()

    def counts(self) -> NameCounts:
        """Return how many distinct names were asked about and how many stayed unresolved."""
        examples = tuple(sorted(self._unresolved)[:10])
        return NameCounts(len(self._seen), len(self._unresolved), examples)

    def country(self, value: str, *, date: datetime.date) -> str:
        """Return the ISO alpha-3 code of a country column's value ("" when none).

        Three upper-case letters are taken as a code already; names go through the
        gazetteer ("Russian Federation", "United States").
        """
        value = value.strip()
        if not value:
            return ""
        if len(value) == 3 and value.isalpha() and value.isupper():
            return value
        found = self._countries.get(value.lower())
        return found if found is not None else self._find(value, date).country

    def actor(self, name: str, country: str, *, date: datetime.date) -> Actor:
        """Return the actor a dataset row names; ``country`` is its country column's value.

        With a country, the name only adds a sector ("Police (Singapore)" is ``SGPCOP``);
        without one, the whole name is resolved on ``date``. A name neither can place
        is counted as unresolved and gets an actor with no country.
        """
        key = (name.strip(), country.strip(), date)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        actor = self._resolve(*key)
        self._remember(key, actor)
        return actor

    def _resolve(self, name: str, country: str, date: datetime.date) -> Actor:
        label = name or country
        if label:
            self._seen.add(label)
        iso = self.country(country, date=date) if country else ""
        generic = _SUFFIX.match(name)  # 'Citizen (India)': a sector word and its country
        found = self._find(_plain(name, generic), date) if name else UNRESOLVED
        if name and not found.code and not iso and not generic:
            # 'John R. Bolton', 'Sergey Kuzhugetovich Shoygu': as the gazetteer writes them
            # (with a country column the country decides anyway)
            found = next(
                (f for form in self._forms.forms(name) if (f := self._person(form, date)).code),
                UNRESOLVED,
            )
        if iso and found.country != iso:
            found = Actor(code=iso, country=iso, name=name or country, kind=ActorKind.AGENT)
        if found.country and not found.sector and (sector := _generic_sector(generic)):
            # 'Foreign Affairs (Russia)', 'Citizen (India)': the country's agent
            found = Actor(found.country + sector, found.country, sector, name, ActorKind.AGENT)
        if not found.code:
            if label:
                self._unresolved.add(label)
            return Actor(code="", country="", name=label, kind=ActorKind.AGENT)
        return Actor(found.code, found.country, found.sector, name or found.name, found.kind)

    def _find(self, text: str, date: datetime.date) -> Actor:
        mentions = self._resolver.find(text, date=date)
        # A country's actor first; an organisation without one (the UN) still resolves.
        placed = [m.actor for m in mentions if m.actor.country] or [m.actor for m in mentions]
        return placed[0] if placed else UNRESOLVED

    def _person(self, form: str, date: datetime.date) -> Actor:
        """The person ``form`` names as a whole ('Niger Commission' names no one)."""
        mentions = self._resolver.find(form, date=date)
        whole = [m for m in mentions if (m.start, m.end) == (0, len(form))]
        return whole[0].actor if whole and whole[0].kind is MentionKind.PERSON else UNRESOLVED

    def _remember(self, key: tuple[str, str, datetime.date], actor: Actor) -> None:
        self._cache[key] = actor
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)


def _generic_sector(generic: re.Match[str] | None) -> str:
    """The sector of a generic "<name> (<country>)" (``_SUFFIX``'s match; "" for none)."""
    return SECTORS.get(generic["name"].strip().lower(), "") if generic else ""


def _plain(name: str, generic: re.Match[str] | None) -> str:
    """Return "Police of Singapore" for "Police (Singapore)" (``generic``, its ``_SUFFIX``
    match): the resolver reads phrases."""
    return f"{generic['name']} of {generic['country']}" if generic else name
