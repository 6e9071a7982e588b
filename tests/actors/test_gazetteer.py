"""Tests for the gazetteer tables: ISO coverage, user files and the people table."""

from __future__ import annotations

import datetime
import pickle

import pycountry
import pytest

from dyadwatch.actors import ActorGazetteer, MentionKind, Resolver
from dyadwatch.actors.tables import PACKAGE_DATA, read_countries, read_people
from dyadwatch.errors import InputError, RecordError

DAY = datetime.date(2023, 11, 12)
ISO = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})
ROWS = read_countries()
NAMES = {e.country: aliases[0].lstrip("=^") for e, aliases in ROWS if e.kind is MentionKind.COUNTRY}


def _pycountry_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


# pycountry calls the Republic of the Congo just "Congo"; bare "Congo" is the DRC here.
BY_DESIGN = {"COG"}
SIMPLE_ISO_NAMES = [
    (c.alpha_3, _pycountry_name(c))
    for c in pycountry.countries
    if "," not in _pycountry_name(c)
    and "(" not in _pycountry_name(c)
    and c.alpha_3 not in BY_DESIGN
]
# Capitals (issue #3 acceptance) are tested in test_capitals.py.


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(ActorGazetteer.load())


def _countries(resolver, text):
    return [m.actor.country for m in resolver.find(text, date=DAY)]


def test_gazetteer_covers_every_iso_country():
    assert sorted(NAMES) == ISO


@pytest.mark.parametrize(("iso", "name"), sorted(NAMES.items()))
def test_gazetteer_country_resolves_from_its_name(resolver, iso, name):
    assert _countries(resolver, f"Officials from {name} arrived.") == ["", iso]


@pytest.mark.parametrize(("iso", "name"), SIMPLE_ISO_NAMES)
def test_gazetteer_country_resolves_from_its_pycountry_name(resolver, iso, name):
    assert _countries(resolver, name) == [iso]


def test_gazetteer_load_is_picklable_entries():
    gazetteer = ActorGazetteer.load()
    assert pickle.loads(pickle.dumps(gazetteer.entries)) == gazetteer.entries


def _write(tmp_path, text, name="user.tsv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_gazetteer_user_file_adds_a_person(tmp_path):
    path = _write(
        tmp_path,
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Ada Example\tExample\tFRA\tGOV\tFM\t2020-01-01\t2022-01-01\n",
    )
    resolver = Resolver(ActorGazetteer.load(user_files=[path]))
    (inside,) = resolver.find("Example spoke.", date=datetime.date(2021, 1, 1))
    (outside,) = resolver.find("Example spoke.", date=datetime.date(2023, 1, 1))
    assert (inside.actor.code, outside.actor.code) == ("FRAGOV", "FRAELI")
    assert outside.actor.sector == "ELI"


def test_gazetteer_user_file_adds_an_alias_and_an_armed_group(tmp_path):
    path = _write(
        tmp_path,
        "name\taliases\tcountry\tsector\tkind\tcode\n"
        "Russia\tRossiya\tRUS\t\tcountry\t\n"
        "Example Brigade\tEB\tMLI\tREB\tnsa\tMLIREBEXB\n",
    )
    resolver = Resolver(ActorGazetteer.load(user_files=[path]))
    found = [m.actor.code for m in resolver.find("Rossiya armed the Example Brigade.", date=DAY)]
    assert found == ["RUS", "MLIREBEXB"]


def test_gazetteer_user_file_overrides_package_entry(tmp_path):
    path = _write(tmp_path, "name\taliases\tcountry\tkind\nBrussels\t\t\tstop\n")
    resolver = Resolver(ActorGazetteer.load(user_files=[path]))
    assert resolver.find("Brussels said no.", date=DAY) == []


def test_gazetteer_later_user_file_wins(tmp_path):
    first = _write(tmp_path, "name\tcountry\tkind\tcode\nZed Front\tMLI\tnsa\tMLIREBZED\n", "a.tsv")
    second = _write(
        tmp_path, "name\tcountry\tkind\tcode\nZed Front\tNER\tnsa\tNERREBZED\n", "b.tsv"
    )
    resolver = Resolver(ActorGazetteer.load(user_files=[first, second]))
    assert [m.actor.code for m in resolver.find("Zed Front", date=DAY)] == ["NERREBZED"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name\tcountry\nSomeone\tXXX\n", "unknown country code 'XXX'"),
        ("name\tcountry\tstart\nSomeone\tFRA\t2020-13-01\n", "is not a date"),
        ("name\tcountry\tkind\nSomething\tFRA\tplanet\n", "unknown kind 'planet'"),
        ("name\tkind\nSome Group\tnsa\n", "needs a code"),
        ("name\tcountry\tstart\tend\nSomeone\tFRA\t2020-01-01\t2019-01-01\n", "is not after start"),
        ("country\nFRA\n", "header lacks name"),
    ],
)
def test_gazetteer_user_file_errors_name_file_and_line(tmp_path, text, problem):
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=problem) as info:
        ActorGazetteer.load(user_files=[path])
    assert str(info.value).startswith(f"{path}:")


def test_gazetteer_missing_user_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        ActorGazetteer.load(user_files=[tmp_path / "absent.tsv"])


def test_gazetteer_people_error_is_a_record_error(tmp_path):
    path = _write(
        tmp_path, "name\taliases\tcountry\tsector\trole\tstart\tend\nX Y\t\tFRA\tGOV\tBOSS\t\t\n"
    )
    with pytest.raises(RecordError, match="unknown role 'BOSS'"):
        read_people(path)


@pytest.mark.skipif(
    not (PACKAGE_DATA / "people.tsv").is_file(), reason="people.tsv not written yet"
)
def test_gazetteer_package_people_table_loads():
    rows = read_people()
    assert rows
    assert all(entry.kind is MentionKind.PERSON and len(entry.country) == 3 for entry, _ in rows)
