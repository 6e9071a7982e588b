"""Dataset spellings of people's names against the gazetteer's (actors/name_forms.py)."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.actors.name_forms import near, parts, plain
from dyadwatch.actors.names import NameResolver

DAY = datetime.date(2018, 9, 1)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Shoygu", "Shoigu"), ("Johannis", "Iohannis"), ("Berdymukhammedov", "Berdimuhamedow")],
)
def test_plain_spells_transliterations_alike(a: str, b: str) -> None:
    assert plain(a) == plain(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Shavkat Mirziyayev", "Shavkat Mirziyoyev", True),
        ("Ranil Wickremasinghe", "Ranil Wickremesinghe", True),
        ("Fayez Mustafa Al-Serraj", "Fayez al-Sarraj", True),  # a middle name on one side
        ("Youssouf Bakayoko", "Joseph Boakai", False),
        ("Ram Gopal Yadav", "Ram Baran Yadav", False),  # middle names differ
        ("AK Singh", "VK Singh", False),  # initials tell no one apart
        ("Ahmed Shide", "Ahmed Shaheed", False),
    ],
)
def test_near_names(a: str, b: str, same: bool) -> None:
    pa, pb = parts(a), parts(b)
    assert pa is not None and pb is not None
    assert near(pa, pb) is same


@pytest.fixture(scope="module")
def names() -> NameResolver:
    return NameResolver(ActorGazetteer.load())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("John R. Bolton", "USAGOV"),  # a middle initial
        ("Nikolai Platonovich Patrushev", "RUSGOV"),  # a patronymic
        ("Sergey Kuzhugetovich Shoygu", "RUSGOV"),  # both, and a transliteration
        ("Klaus Johannis", "ROUGOV"),
        ("Fayez Mustafa Al-Serraj", "LBYGOV"),  # 'al-Sarraj': the second letter differs
        ("Niger Delta Development Commission", ""),  # 'Niger Commission' names no one
    ],
)
def test_dataset_names_resolve_as_the_gazetteer_writes_them(
    names: NameResolver, name: str, code: str
) -> None:
    assert names.actor(name, "", date=DAY).code == code
