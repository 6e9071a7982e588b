"""Issue #3 acceptance: every ISO 3166 country resolves from its capital, where it has one.

Names are covered by ``test_gazetteer.py``; this module holds the capitals, the city-states
whose capital is the territory itself, the few territories with no capital at all, and the
capitals that are everyday names elsewhere (Victoria, Hamilton, ...), which resolve only
where the same text names their country.
"""

from __future__ import annotations

import datetime

import pycountry
import pytest

from dyadwatch.actors import ActorGazetteer, MentionKind, Resolver
from dyadwatch.actors.tables import read_countries

DAY = datetime.date(2023, 11, 12)
ISO = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
# City-states and territories whose capital is the territory itself: the capital's name is
# the country's, so it already resolves (to the country rather than its government).
OWN_NAME = {
    "GIB": "Gibraltar",
    "HKG": "Hong Kong",
    "MAC": "Macau",
    "SGP": "Singapore",
    "STP": "São Tomé",
    "VAT": "Vatican City",
}

# The only exceptions: territories with no capital at all.
NO_CAPITAL = {
    "ATA": "Antarctica: no permanent population; held under the Antarctic Treaty",
    "BVT": "Bouvet Island: uninhabited Norwegian dependency",
    "HMD": "Heard Island and McDonald Islands: uninhabited Australian territory",
    "UMI": "U.S. Minor Outlying Islands: uninhabited atolls with no seat of government",
    "TKL": "Tokelau: no designated capital; the seat rotates among its three atolls",
}

# Capitals that are everyday personal or place names elsewhere (#3): they resolve only
# when the same text names their country ("Victoria, Seychelles"; actors/context.py).
EVERYDAY = [
    ("BMU", "Hamilton", "Bermuda"),
    ("CCK", "West Island", "Cocos Islands"),
    ("FLK", "Stanley", "Falkland Islands"),
    ("FLK", "Port Stanley", "Falklands"),
    ("IMN", "Douglas", "Isle of Man"),
    ("MSR", "Plymouth", "Montserrat"),
    ("NFK", "Kingston", "Norfolk Island"),
    ("SHN", "Jamestown", "Saint Helena"),
    ("SYC", "Victoria", "Seychelles"),
]
GATED = {(iso, capital) for iso, capital, _ in EVERYDAY}
TABLED = [
    (entry.country, alias.lstrip("=^"))
    for entry, aliases in read_countries()
    if entry.kind is MentionKind.CAPITAL
    for alias in aliases
]
CAPITALS = [pair for pair in TABLED if pair not in GATED]
# The same words where they name something else: never these countries.
ELSEWHERE = [
    ("BMU", "Lewis Hamilton won the race in Montreal."),
    ("BMU", "Hamilton, Ontario, elected a new mayor."),
    ("CCK", "Voters in Montreal's West Island backed the mayor."),
    ("FLK", "Stanley Kubrick's films were shown in London."),
    ("IMN", "Michael Douglas met reporters in Paris."),
    ("NFK", "Kingston, Jamaica, hosted the talks."),
    ("SHN", "Jamestown, Virginia, was founded in 1607."),
    ("SYC", "Queen Victoria reigned over Britain for 63 years."),
    ("SYC", "Victoria Beckham visited Tokyo."),
    ("MSR", "Plymouth Argyle won at home."),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(ActorGazetteer.load())


def _countries(resolver: Resolver, text: str) -> list[str]:
    return [m.actor.country for m in resolver.find(text, date=DAY)]


@pytest.mark.issue(3)
@pytest.mark.parametrize(("iso", "capital"), CAPITALS)
def test_capitals_country_resolves_from_its_capital(resolver, iso, capital):
    assert _countries(resolver, f"{capital} said on Monday.") == [iso]


@pytest.mark.issue(3)
@pytest.mark.parametrize(("iso", "capital"), sorted(OWN_NAME.items()))
def test_capitals_city_state_resolves_from_its_own_name(resolver, iso, capital):
    assert _countries(resolver, f"{capital} said on Monday.") == [iso]


@pytest.mark.issue(3)
@pytest.mark.parametrize(("iso", "capital", "country"), EVERYDAY)
def test_capitals_everyday_name_resolves_beside_its_country(resolver, iso, capital, country):
    first = resolver.find(f"{capital}, {country}, said on Monday.", date=DAY)[0]
    assert (first.text, first.actor.country) == (capital, iso)


@pytest.mark.issue(3)
@pytest.mark.parametrize(("iso", "text"), ELSEWHERE)
def test_capitals_everyday_name_elsewhere_is_not_the_capital(resolver, iso, text):
    assert iso not in _countries(resolver, text)


@pytest.mark.issue(3)
@pytest.mark.parametrize(("iso", "capital", "country"), EVERYDAY)
def test_capitals_everyday_name_alone_is_not_the_capital(resolver, iso, capital, country):
    assert iso not in _countries(resolver, f"{capital} said on Monday.")


def test_capitals_classes_cover_every_country_without_overlap():
    tabled, own, none = {iso for iso, _ in CAPITALS}, set(OWN_NAME), set(NO_CAPITAL)
    everyday = {iso for iso, _, _ in EVERYDAY}
    assert tabled | own | none | everyday == ISO
    assert not (tabled | everyday) & (own | none)
    assert not own & none


@pytest.mark.issue(3)
def test_capitals_only_countries_without_one_lack_a_capital():
    with_capital = {iso for iso, _ in TABLED} | set(OWN_NAME)
    assert ISO - with_capital == set(NO_CAPITAL)
