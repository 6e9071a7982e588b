"""Checks on the dated people table (issue #3), read with the csv module alone."""

from __future__ import annotations

import csv
import datetime
import itertools
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

import dyadwatch

TABLE = Path(dyadwatch.__file__).parent / "actors" / "data" / "people.tsv"
HEADER = ["name", "aliases", "country", "sector", "role", "start", "end"]
ROLES = {"HOS", "HOG", "FM", "DM", "OTHER"}
TODAY = datetime.date(2026, 11, 25)


def _lines() -> list[str]:
    return TABLE.read_text(encoding="utf-8").splitlines()


def _rows() -> list[dict[str, str]]:
    body = [line for line in _lines() if not line.startswith("#")]
    return list(csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _day(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _names(row: dict[str, str]) -> set[str]:
    return {row["name"], *(a for a in row["aliases"].split("|") if a)}


def _in_office(row: dict[str, str], day: datetime.date) -> bool:
    end = _day(row["end"])
    return _day(row["start"]) <= day and (end is None or day < end)


def _holders(alias: str, day: datetime.date) -> set[tuple[str, str]]:
    """(country, role) of every row naming ``alias`` that is in office on ``day``."""
    return {(r["country"], r["role"]) for r in ROWS if alias in _names(r) and _in_office(r, day)}


def _valid_country(code: str, role: str) -> bool:
    if not code:
        return role == "OTHER"
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def test_people_data_header_is_exact():
    assert _lines()[0].split("\t") == HEADER


def test_people_data_every_row_has_seven_cells():
    body = [line for line in _lines()[1:] if not line.startswith("#")]
    assert [line for line in body if len(line.split("\t")) != len(HEADER)] == []


def test_people_data_table_is_not_trivial():
    assert len(ROWS) >= 1000
    assert len({r["country"] for r in ROWS}) >= 100


def test_people_data_countries_are_iso_alpha3():
    assert [r for r in ROWS if not _valid_country(r["country"], r["role"])] == []


SECTORS = {"GOV", "MIL", "SPY", "OPP", "REB", "LEG", "JUD", ""}


def test_people_data_roles_and_sectors_are_known():
    assert [r for r in ROWS if r["role"] not in ROLES or r["sector"] not in SECTORS] == []


def test_people_data_windows_are_ordered_and_not_in_the_future():
    def bad(row: dict[str, str]) -> bool:
        start, end = _day(row["start"]), _day(row["end"])
        return start is None or start > TODAY or (end is not None and end <= start)

    assert [r for r in ROWS if bad(r)] == []


def test_people_data_terms_of_one_person_in_one_role_do_not_overlap():
    terms: defaultdict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        terms[(row["name"], row["country"], row["role"])].append(row)
    clashes = [
        (a, b)
        for rows in terms.values()
        for a, b in itertools.pairwise(sorted(rows, key=lambda r: r["start"]))
        if not a["end"] or a["end"] > b["start"]
    ]
    assert clashes == []


@pytest.mark.parametrize("alias", ["Kim", "Lee", "Li", "Wang", "Khan", "May", "Brown", "Major"])
def test_people_data_ambiguous_surnames_are_not_aliases(alias):
    assert [r["name"] for r in ROWS if alias in r["aliases"].split("|")] == []


FACTS = [
    ("Biden", "2023-11-12", ("USA", "HOS"), True),
    ("Biden", "2026-01-10", ("USA", "HOS"), False),
    ("Trump", "2018-06-01", ("USA", "HOS"), True),
    ("Trump", "2022-06-01", ("USA", "HOS"), False),
    ("Trump", "2025-06-01", ("USA", "HOS"), True),
    ("Obama", "2012-01-01", ("USA", "HOS"), True),
    ("Rubio", "2025-06-01", ("USA", "FM"), True),
    ("Blinken", "2025-06-01", ("USA", "FM"), False),
    ("Hegseth", "2025-06-01", ("USA", "DM"), True),
    ("Pelosi", "2022-08-02", ("USA", "OTHER"), True),
    ("Rubio", "2024-06-01", ("USA", "OTHER"), True),
    ("Rubio", "2025-06-01", ("USA", "OTHER"), False),
    ("McCain", "2019-01-01", ("USA", "OTHER"), False),
    ("Putin", "2010-06-01", ("RUS", "HOG"), True),
    ("Putin", "2010-06-01", ("RUS", "HOS"), False),
    ("Putin", "2024-06-01", ("RUS", "HOS"), True),
    ("Medvedev", "2010-06-01", ("RUS", "HOS"), True),
    ("Lavrov", "2004-03-09", ("RUS", "FM"), True),
    ("Shoigu", "2024-06-01", ("RUS", "DM"), False),
    ("Zelensky", "2019-05-20", ("UKR", "HOS"), True),
    ("Zelenskyy", "2019-05-19", ("UKR", "HOS"), False),
    ("Poroshenko", "2016-01-01", ("UKR", "HOS"), True),
    ("Xi", "2013-03-14", ("CHN", "HOS"), True),
    ("Hu", "2013-03-14", ("CHN", "HOS"), False),
    ("Kim Jong Un", "2020-01-01", ("PRK", "HOS"), True),
    ("Merz", "2025-05-06", ("DEU", "HOG"), True),
    ("Merz", "2025-05-05", ("DEU", "HOG"), False),
    ("Scholz", "2022-06-01", ("DEU", "HOG"), True),
    ("Merkel", "2010-06-01", ("DEU", "HOG"), True),
    ("Takaichi", "2025-11-01", ("JPN", "HOG"), True),
    ("Ishiba", "2025-11-01", ("JPN", "HOG"), False),
    ("Carney", "2025-03-14", ("CAN", "HOG"), True),
    ("Trudeau", "2025-03-14", ("CAN", "HOG"), False),
    ("Starmer", "2024-07-05", ("GBR", "HOG"), True),
    ("Sunak", "2024-07-05", ("GBR", "HOG"), False),
    ("Blair", "2003-03-20", ("GBR", "HOG"), True),
    ("Lee Jae-myung", "2025-06-04", ("KOR", "HOS"), True),
    ("Yoon", "2025-04-03", ("KOR", "HOS"), True),
    ("Yoon", "2025-04-04", ("KOR", "HOS"), False),
    ("Macron", "2017-05-14", ("FRA", "HOS"), True),
    ("Lecornu", "2025-10-08", ("FRA", "HOG"), True),
    ("Bayrou", "2025-10-08", ("FRA", "HOG"), False),
    ("Chirac", "2000-01-01", ("FRA", "HOS"), True),
    ("Meloni", "2023-01-01", ("ITA", "HOG"), True),
    ("Berlusconi", "2007-01-01", ("ITA", "HOG"), False),
    ("Erdogan", "2010-06-01", ("TUR", "HOG"), True),
    ("Erdoğan", "2010-06-01", ("TUR", "HOS"), False),
    ("Erdogan", "2020-06-01", ("TUR", "HOS"), True),
    ("Netanyahu", "2000-06-01", ("ISR", "HOG"), False),
    ("Netanyahu", "2010-06-01", ("ISR", "HOG"), True),
    ("Sharon", "2003-01-01", ("ISR", "HOG"), True),
    ("Arafat", "2000-01-01", ("PSE", "HOS"), True),
    ("Abbas", "2010-01-01", ("PSE", "HOS"), True),
    ("Khatami", "2000-01-01", ("IRN", "HOG"), True),
    ("Khamenei", "2026-06-01", ("IRN", "HOS"), False),
    ("Saddam", "2000-01-01", ("IRQ", "HOS"), True),
    ("Saddam", "2003-05-01", ("IRQ", "HOS"), False),
    ("Mubarak", "2011-03-01", ("EGY", "HOS"), False),
    ("Sisi", "2020-01-01", ("EGY", "HOS"), True),
    ("Assad", "2025-01-01", ("SYR", "HOS"), False),
    ("al-Sharaa", "2025-06-01", ("SYR", "HOS"), True),
    ("Lula", "2005-01-01", ("BRA", "HOS"), True),
    ("Lula", "2015-01-01", ("BRA", "HOS"), False),
    ("Sheinbaum", "2024-10-01", ("MEX", "HOS"), True),
    ("Milei", "2023-12-10", ("ARG", "HOS"), True),
    ("Maduro", "2026-02-01", ("VEN", "HOS"), False),
    ("Chavez", "2005-01-01", ("VEN", "HOS"), True),
    ("Kast", "2026-04-01", ("CHL", "HOS"), True),
    ("Boric", "2026-04-01", ("CHL", "HOS"), False),
    ("Modi", "2014-05-26", ("IND", "HOG"), True),
    ("Vajpayee", "2000-01-01", ("IND", "HOG"), True),
    ("Musharraf", "2005-01-01", ("PAK", "HOS"), True),
    ("Karzai", "2005-01-01", ("AFG", "HOS"), True),
    ("Orbán", "2026-06-01", ("HUN", "HOG"), False),
    ("Peter Magyar", "2026-06-01", ("HUN", "HOG"), True),
    ("Jetten", "2026-03-01", ("NLD", "HOG"), True),
    ("Rutte", "2020-01-01", ("NLD", "HOG"), True),
    ("Milosevic", "1999-04-01", ("SRB", "HOS"), True),
    ("Tudjman", "1995-08-04", ("HRV", "HOS"), True),
    ("Mandela", "1995-01-01", ("ZAF", "HOS"), True),
    ("Obasanjo", "2000-01-01", ("NGA", "HOS"), True),
    ("Bashir", "2000-01-01", ("SDN", "HOS"), True),
    ("Museveni", "2000-01-01", ("UGA", "HOS"), True),
    ("Thaci", "2017-01-01", ("XKX", "HOS"), True),
]


@pytest.mark.parametrize(
    ("alias", "day", "office", "held"), FACTS, ids=[f"{f[0]}-{f[1]}" for f in FACTS]
)
def test_people_data_known_office_holders(alias, day, office, held):
    assert (office in _holders(alias, datetime.date.fromisoformat(day))) is held
