"""Which mentions can be an event's sides (dyadwatch.learned.sides)."""

from __future__ import annotations

from dyadwatch.learned.sides import (
    add_sector_countries,
    can_be_side,
    distinct,
    event_sides,
    home_country,
    sector_homes,
    settled_sectors,
    state_and_its_people,
    with_country,
)
from dyadwatch.records import Actor, ActorKind

EGYPT = Actor("EGY", "EGY", "", "Egypt")
CAIRO = Actor("EGYGOV", "EGY", "GOV", "Egypt", ActorKind.AGENT)
ISRAEL = Actor("ISR", "ISR", "", "Israel")
POLICE = Actor("COP", "", "COP", "police", ActorKind.AGENT)
CROWD = Actor("CVL", "", "CVL", "civilians", ActorKind.AGENT)
UN = Actor("IGOUNO", "", "", "United Nations", ActorKind.IGO)
REFUGEES = Actor("REF", "", "REF", "refugees", ActorKind.AGENT)


def test_bare_sector_words_take_the_one_country_of_the_sentence() -> None:
    sides = event_sides([EGYPT, POLICE, CROWD])
    assert [(i, a.code, a.country) for i, a in sides] == [
        (0, "EGY", "EGY"),
        (1, "EGYCOP", "EGY"),
        (2, "EGYCVL", "EGY"),
    ]


def test_two_countries_leave_sector_words_without_a_side() -> None:
    assert [i for i, _ in event_sides([EGYPT, POLICE, ISRAEL])] == [0, 2]


def test_one_country_named_twice_is_still_one_country() -> None:
    assert home_country([EGYPT, CAIRO, POLICE]) == "EGY"


def test_an_igo_is_not_a_home_country_but_stays_a_side() -> None:
    assert home_country([UN, POLICE]) == ""
    assert [a.code for _, a in event_sides([UN, POLICE, EGYPT])] == ["IGOUNO", "EGYCOP", "EGY"]


def test_no_country_no_sides_but_igos() -> None:
    assert event_sides([POLICE, CROWD]) == []
    assert not can_be_side(REFUGEES)


def test_actors_with_a_country_keep_it() -> None:
    assert with_country(CAIRO, "ISR") is CAIRO
    assert with_country(EGYPT, "ISR") is EGYPT


def test_a_state_and_its_own_people_are_two_sides_for_the_rules() -> None:
    # 'Egypt detained dozens of students': the state against its own people (domestic).
    assert state_and_its_people(EGYPT, with_country(CROWD, "EGY"))
    assert state_and_its_people(with_country(REFUGEES, "EGY"), EGYPT)
    assert not state_and_its_people(EGYPT, CAIRO)  # one country's two words
    assert not state_and_its_people(EGYPT, with_country(POLICE, "EGY"))  # its own police
    assert not state_and_its_people(CAIRO, with_country(CROWD, "EGY"))  # both sectored
    assert not state_and_its_people(EGYPT, ISRAEL)


def test_one_country_and_its_own_agent_are_not_two_sides() -> None:
    assert not distinct(EGYPT, CAIRO)
    assert not distinct(EGYPT, EGYPT)
    assert distinct(CAIRO, with_country(POLICE, "EGY"))
    assert distinct(EGYPT, ISRAEL)


def test_ngos_and_international_armed_groups_are_sides() -> None:
    amnesty = Actor("NGOAMN", "", "", "Amnesty International", ActorKind.NSA)
    qaeda = Actor("IMGREBALQ", "", "REB", "al-Qaeda", ActorKind.NSA)
    assert can_be_side(amnesty) and can_be_side(qaeda)
    assert home_country([amnesty, qaeda, POLICE]) == ""


def test_peacekeepers_and_observers_never_take_the_sentence_country() -> None:
    observers = Actor("PKO", "", "PKO", "peacekeepers", ActorKind.AGENT)
    assert [a.code for _, a in event_sides([EGYPT, observers])] == ["EGY"]


def test_an_earlier_explicit_mention_gives_a_sector_word_its_country() -> None:
    canadian_police = Actor("CANCOP", "CAN", "COP", "Canadian police", ActorKind.AGENT)
    india = Actor("IND", "IND")
    homes = sector_homes([canadian_police, india])
    assert homes == {"COP": "CAN"}
    # 'Police said ... the government of India': the police are Canada's, said before.
    assert [a.code for _, a in event_sides([POLICE, india], earlier=homes)] == ["CANCOP", "IND"]
    # Without an earlier mention the sentence's one country still decides.
    assert [a.code for _, a in event_sides([POLICE, india])] == ["INDCOP", "IND"]
    # It never makes a side of a sector word its own sentence leaves without a country.
    assert [a.code for _, a in event_sides([POLICE, india, EGYPT], earlier=homes)] == [
        "IND",
        "EGY",
    ]


def test_only_state_institutions_carry_their_country_to_later_sentences() -> None:
    # 'Police in Egypt arrested dozens of Israeli tourists. Saudi Arabia executed dozens
    # of prisoners.': the prisoners are no Israeli civilians; a people's groups are not
    # one body the way the police are.
    israeli_tourists = Actor("ISRCVL", "ISR", "CVL", "Israeli tourists", ActorKind.AGENT)
    egyptian_police = Actor("EGYCOP", "EGY", "COP", "Egyptian police", ActorKind.AGENT)
    assert sector_homes([israeli_tourists, egyptian_police]) == {"COP": "EGY"}


def test_a_state_and_its_ruling_party_or_health_ministry_stay_one_side() -> None:
    party = Actor("PTY", "", "PTY", "ruling party", ActorKind.AGENT)
    assert not state_and_its_people(EGYPT, with_country(party, "EGY"))


def test_a_sector_settled_by_the_earlier_sentences_is_a_side_where_its_own_names_none() -> None:
    niger_army = Actor("NERMIL", "NER", "MIL", "soldiers", ActorKind.AGENT)
    french_envoy = Actor("FRAGOV", "FRA", "GOV", "French ambassador", ActorKind.AGENT)
    niger_government = Actor("NERGOV", "NER", "GOV", "military government", ActorKind.AGENT)
    countries: dict[str, set[str]] = {}
    add_sector_countries(countries, [niger_army, niger_government])
    add_sector_countries(countries, [french_envoy])
    # the army is Niger's alone; the government words were two countries'
    assert settled_sectors(countries) == {"MIL": "NER"}
    junta = Actor("MIL", "", "MIL", "junta", ActorKind.AGENT)
    ministry = Actor("GOV", "", "GOV", "foreign ministry", ActorKind.AGENT)
    au = Actor("IGOAU", "", "", "African Union", ActorKind.IGO)
    france = Actor("FRA", "FRA")
    # 'The African Union demanded that the soldiers return': no country in the sentence
    homes = settled_sectors(countries)
    assert [a.code for _, a in event_sides([au, junta], settled=homes)] == ["IGOAU", "NERMIL"]
    # 'The junta accused Paris ...' with Niger named too: two countries, the army settled
    sides = event_sides([junta, france, Actor("NER", "NER"), ministry], settled=homes)
    assert [a.code for _, a in sides] == ["NERMIL", "FRA", "NER"]
