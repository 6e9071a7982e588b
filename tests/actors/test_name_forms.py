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
def test_name_forms_plain_spells_transliterations_alike(a: str, b: str) -> None:
    assert plain(a) == plain(b)


def test_name_forms_plain_keeps_pinyin_apart() -> None:
    assert plain("Jiang") != plain("Yang")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Shavkat Mirziyayev", "Shavkat Mirziyoyev", True),
        ("Ranil Wickremasinghe", "Ranil Wickremesinghe", True),
        ("Linas Antanas Linkevicius", "Linas Linkevicius", True),  # a long last name
        ("Youssouf Bakayoko", "Joseph Boakai", False),
        ("Ram Gopal Yadav", "Ram Baran Yadav", False),  # middle names differ
        ("Ram B. Yadav", "Ram G. Yadav", False),  # initials exactly
        ("AK Singh", "VK Singh", False),  # initials tell no one apart
        ("Ahmed Shide", "Ahmed Shaheed", False),
        ("Mohammed Ahmed", "Mohammed Nasser Ahmed", False),  # the gazetteer's middle name
        ("Abdul Karim Hamid", "Abdul Hamid", False),  # a common name with a middle one
        ("Ivan Santos", "Juan Santos", False),  # short first names must be alike
        ("Mark Miller", "Mark Milley", False),  # a short last name, a short first name
    ],
)
def test_name_forms_near(a: str, b: str, same: bool) -> None:
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
        ("Gurbanguly Berdymukhammedov", "TKMGOV"),
        ("Mohammed Ali Fahim", ""),  # a common name with a middle one the gazetteer lacks
        ("Mark Miller", ""),
        ("Niger Delta Development Commission", ""),  # 'Niger Commission' names no one
    ],
)
def test_name_forms_dataset_names_resolve_as_the_gazetteer_writes_them(
    names: NameResolver, name: str, code: str
) -> None:
    assert names.actor(name, "", date=DAY).code == code
