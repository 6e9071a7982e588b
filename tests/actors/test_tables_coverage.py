"""Tests for the widened gazetteer tables: organisations, armed groups, NGOs and old names."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.actors import ActorGazetteer, Resolver
from dyadwatch.actors.tables import read_officials, read_organisations
from dyadwatch.errors import RecordError

DAY = datetime.date(2000, 1, 1)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(ActorGazetteer.load())


def _found(resolver: Resolver, text: str, date: datetime.date = DAY) -> list[tuple[str, str]]:
    return [(m.text, m.actor.code) for m in resolver.find(text, date=date)]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "The European Economic Community imposed sanctions on Argentina.",
            [("European Economic Community", "IGOEU"), ("Argentina", "ARG")],
        ),
        (
            "Britain joined the Common Market in 1973.",
            [("Britain", "GBR"), ("Common Market", "IGOEU")],
        ),
        (
            "The OAU called on Ethiopia and Eritrea to stop fighting.",
            [("OAU", "IGOOAU"), ("Ethiopia", "ETH"), ("Eritrea", "ERI")],
        ),
        ("The CSCE condemned the attack.", [("CSCE", "IGOOSCE")]),
        (
            "UNAMSIL disarmed fighters of the Revolutionary United Front.",
            [
                ("UNAMSIL", "IGOUNOAMSIL"),
                ("fighters", "REB"),
                ("Revolutionary United Front", "SLEREBRUF"),
            ],
        ),
        ("MINUSMA convoys were attacked near Kidal.", [("MINUSMA", "IGOUNOMINUSMA")]),
        ("The Warsaw Pact invaded Czechoslovakia.", [("Warsaw Pact", "IGOWPO")]),
        (
            "The Lake Chad Basin Commission met in N'Djamena.",
            [("Lake Chad Basin Commission", "IGOLCBC"), ("N'Djamena", "TCDGOV")],
        ),
    ],
)
def test_tables_coverage_finds_organisations(resolver, text, expect):
    assert _found(resolver, text) == expect


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "Amnesty International and Human Rights Watch accused Syria of torture.",
            [
                ("Amnesty International", "NGOAMN"),
                ("Human Rights Watch", "NGOHRW"),
                ("Syria", "SYR"),
            ],
        ),
        (
            "The Red Cross and Doctors Without Borders evacuated patients.",
            [("Red Cross", "NGOICRC"), ("Doctors Without Borders", "NGOMSF")],
        ),
        (
            "Médecins Sans Frontières left Somalia.",
            [("Médecins Sans Frontières", "NGOMSF"), ("Somalia", "SOM")],
        ),
        (
            "Reporters Without Borders condemned the arrest of reporters.",
            [("Reporters Without Borders", "NGORSF"), ("reporters", "MED")],
        ),
        (
            "Save the Children and Oxfam appealed for aid.",
            [("Save the Children", "NGOSCF"), ("Oxfam", "NGOOXFAM")],
        ),
    ],
)
def test_tables_coverage_finds_ngos(resolver, text, expect):
    assert _found(resolver, text) == expect


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "The Tamil Tigers attacked a Sri Lankan navy base.",
            [("Tamil Tigers", "LKAREBLTT"), ("Sri Lankan navy", "LKAMIL")],
        ),
        (
            "Abu Sayyaf kidnapped tourists in Sabah.",
            [("Abu Sayyaf", "PHLREBASF"), ("tourists", "CVL")],
        ),
        ("The MILF signed a ceasefire in Manila.", [("MILF", "PHLREBMIL"), ("Manila", "PHLGOV")]),
        ("The KLA ambushed Serbian police.", [("KLA", "XKXREBKLA"), ("Serbian police", "SRBCOP")]),
        ("The FDLR crossed into Rwanda.", [("FDLR", "RWAREBFDL"), ("Rwanda", "RWA")]),
        ("The Nusra Front seized Idlib.", [("Nusra Front", "SYRREBNUS")]),
        ("Shining Path guerrillas bombed a bridge.", [("Shining Path guerrillas", "PERREBSHP")]),
    ],
)
def test_tables_coverage_finds_armed_groups(resolver, text, expect):
    assert _found(resolver, text) == expect


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("UNITA", "1995-06-01", "AGOREBUNI"),
        ("UNITA", "2010-06-01", "AGOPTYUNI"),
        ("PLO", "1985-06-01", "PSEREBPLO"),
        ("PLO", "2000-06-01", "PSEGOV"),
        ("SPLA", "2005-06-01", "SDNREBSPL"),
        ("SPLA", "2015-06-01", "SSDMIL"),
        ("SPLM-IO", "2015-06-01", "SSDREBSIO"),
        ("Khmer Rouge", "1977-06-01", "KHMGOV"),
        ("Khmer Rouge", "1990-06-01", "KHMREBKRG"),
        ("Muslim Brotherhood", "2013-01-01", "EGYGOV"),
        ("Muslim Brotherhood", "2015-01-01", "EGYOPPMBR"),
        ("IRA", "1990-06-01", "GBRREBIRA"),
    ],
)
def test_tables_coverage_dated_groups_change_code(resolver, text, date, code):
    assert _found(resolver, text, datetime.date.fromisoformat(date)) == [(text, code)]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "Vietnamese troops entered Kampuchea.",
            [("Vietnamese troops", "VNMMIL"), ("Kampuchea", "KHM")],
        ),
        ("Kampuchean refugees crossed the border.", [("Kampuchean refugees", "KHMREF")]),
        ("Zairean troops were deployed.", [("Zairean troops", "CODMIL")]),
        ("Dahomey and Upper Volta signed a pact.", [("Dahomey", "BEN"), ("Upper Volta", "BFA")]),
        ("Rhodesian forces raided Zambia.", [("Rhodesian forces", "ZWEMIL"), ("Zambia", "ZMB")]),
        ("Northern Rhodesia became Zambia.", [("Northern Rhodesia", "ZMB"), ("Zambia", "ZMB")]),
        ("Ceylonese officials met.", [("Ceylonese officials", "LKAGOV")]),
    ],
)
def test_tables_coverage_finds_historical_country_names(resolver, text, expect):
    assert _found(resolver, text) == expect


@pytest.mark.parametrize(
    "text",
    [
        "The plane's ETA is six o'clock.",
        "She put her savings into an IRA in 2023.",
        "The amnesty law freed 200 people.",
        "Volunteers tried to save the children from the flood.",
        "A red cross was painted on the door.",
        "The new development bank branch opened downtown.",
        "He shared a world vision of peace.",
        "The crisis group met on Monday.",
        "A common market for goods would help traders.",
        "The Soviet Union, Yugoslavia and Czechoslovakia broke up.",
    ],
)
def test_tables_coverage_everyday_words_are_not_actors(resolver, text):
    assert _found(resolver, text, datetime.date(2023, 6, 1)) == []


def test_tables_coverage_ngos_carry_no_country():
    ngos = [entry for entry, _ in read_organisations() if entry.code.startswith("NGO")]
    assert len(ngos) >= 20
    assert all(entry.country == "" and entry.sector == "NGO" for entry in ngos)


def test_tables_coverage_lookup_names_the_table(resolver):
    resolution = resolver.lookup("Organization of African Unity", date=DAY)
    assert resolution.actor.code == "IGOOAU"
    assert resolution.source.startswith("igos.tsv:")


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        # The UN's secretary-general, not Portugal's former prime minister.
        ("Guterres urged restraint.", "2024-06-01", "IGOUNO"),
        ("Guterres urged restraint.", "2000-06-01", "PRTGOV"),
        ("Guterres urged restraint.", "2010-06-01", "IGOUNOHCR"),
        # Out of any term, an official is his national past, never a country-less elite.
        ("Guterres urged restraint.", "2003-06-01", "PRTELI"),
        # NATO's secretary-general from 2014 to 2024, Norway's prime minister before.
        ("Stoltenberg urged restraint.", "2020-06-01", "IGONATO"),
        ("Stoltenberg urged restraint.", "2010-06-01", "NORGOV"),
        ("Rutte urged restraint.", "2025-06-01", "IGONATO"),
        ("Rutte urged restraint.", "2020-06-01", "NLDGOV"),
    ],
)
def test_tables_coverage_officials_speak_for_their_organisation_in_their_term(
    resolver, text, date, code
):
    found = _found(resolver, text, datetime.date.fromisoformat(date))
    assert [actor for _, actor in found] == [code]


def test_tables_coverage_officials_name_known_organisations():
    codes = {entry.code for entry, _ in read_organisations() if entry.source.startswith("igos")}
    officials = [entry for entry, _ in read_organisations() if entry.source.startswith("officials")]
    assert officials and all(entry.code in codes for entry in officials)
    assert all(entry.start for entry in officials)


def test_tables_coverage_official_of_an_unknown_organisation_names_the_line():
    text = "code\tname\taliases\tstart\tend\nIGOXYZ\tJane Doe\t\t2020-01-01\t\n"
    with pytest.raises(RecordError, match=r"officials.tsv.*2.*unknown organisation code"):
        read_officials(text, "officials.tsv", codes={"IGOUNO"})


@pytest.mark.parametrize(
    ("text", "date", "expect"),
    [
        ("The Soviet Union condemned Yugoslavia.", "1988-05-01", ["RUS", "SRB"]),
        ("Soviet troops left Afghanistan.", "1989-02-01", ["RUSMIL", "AFG"]),
        ("The USSR and Czechoslovakia signed a treaty.", "1990-05-01", ["RUS", "CZE"]),
        ("Gorbachev met Reagan.", "1987-12-08", ["RUSGOV", "USAGOV"]),
        # Gone states name nobody later: 'Soviet-era', 'the former Soviet Union'.
        ("Soviet-era weapons reached the former Soviet Union.", "2023-05-01", []),
        ("Czechoslovakia split peacefully.", "2023-05-01", []),
    ],
)
def test_tables_coverage_states_that_no_longer_exist_are_their_continuing_state(
    resolver, text, date, expect
):
    found = _found(resolver, text, datetime.date.fromisoformat(date))
    assert [code for _, code in found] == expect
