"""Dataset actor names placed by country and sector (actors/names.py)."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.actors.names import SECTORS, NameResolver

DAY = datetime.date(2018, 9, 1)


@pytest.fixture(scope="module")
def names() -> NameResolver:
    return NameResolver(ActorGazetteer.load())


@pytest.mark.parametrize(
    ("name", "country", "code"),
    [
        # ICEWS's generic names the gazetteer places by country only get their sector
        ("Citizen (India)", "", "INDCVL"),
        ("Foreign Affairs (Ukraine)", "", "UKRGOV"),
        ("Intelligence Officer (Russia)", "", "RUSSPY"),
        ("Cabinet / Council of Ministers / Advisors (United States)", "United States", "USAGOV"),
        ("Criminal (Mexico)", "Mexico", "MEXCRM"),
        # the gazetteer's own reading stands where it has one ...
        ("Police (Singapore)", "Singapore", "SGPCOP"),
        ("Kim Jong-Un", "", "PRKGOV"),
        # ... and a name with no clear sector keeps the country alone
        ("Attacker (India)", "", "IND"),
        ("Citizen (International)", "", ""),
    ],
)
def test_names_generic_dataset_names_take_their_sector(
    names: NameResolver, name: str, country: str, code: str
) -> None:
    assert names.actor(name, country, date=DAY).code == code


def test_names_sector_table_uses_the_gazetteers_sectors() -> None:
    gazetteer = ActorGazetteer.load()
    known = {entry.sector for entry in gazetteer.entries if entry.kind is MentionKind.AGENT}
    assert set(SECTORS.values()) <= known
