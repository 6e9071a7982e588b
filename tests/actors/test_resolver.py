"""Tests for the actor resolver: the mention table, spans, lookups and purity."""

from __future__ import annotations

import datetime
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.actors import ActorGazetteer, MentionKind, Resolver
from dyadwatch.errors import UnknownNameError

HERE = Path(__file__).parent
CASES = [json.loads(line) for line in (HERE / "mentions.jsonl").read_text("utf-8").splitlines()]
DAY = datetime.date(2023, 11, 12)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(ActorGazetteer.load())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_resolver_mention_table(resolver, case):
    date = datetime.date.fromisoformat(case["date"])
    found = [[m.text, m.actor.code] for m in resolver.find(case["text"], date=date)]
    assert found == case["expect"]


def test_resolver_table_holds_300_mentions():
    assert sum(len(case["expect"]) for case in CASES) >= 300


@pytest.mark.parametrize("case", CASES[::7], ids=[c["text"][:60] for c in CASES[::7]])
def test_resolver_spans_match_text_and_never_overlap(resolver, case):
    text = case["text"]
    mentions = resolver.find(text, date=datetime.date.fromisoformat(case["date"]))
    assert all(text[m.start : m.end] == m.text for m in mentions)
    spans = sorted({(m.start, m.end) for m in mentions})
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_resolver_person_keeps_country_and_sector_separate(resolver):
    (mention,) = resolver.find("Putin spoke.", date=DAY)
    assert (mention.actor.country, mention.actor.sector, mention.kind) == ("RUS", "GOV", "person")


@pytest.mark.parametrize(
    ("date", "code"),
    [("2023-11-12", "USAOPP"), ("2019-06-01", "USAGOV"), ("2025-02-01", "USAGOV")],
)
def test_resolver_person_is_dated(resolver, date, code):
    (mention,) = resolver.find("Trump", date=datetime.date.fromisoformat(date))
    assert mention.actor.code == code
    assert mention.actor.sector != "GOV" or code.endswith("GOV")


def test_resolver_bare_agent_has_no_country(resolver):
    (mention,) = resolver.find("Officials said so.", date=DAY)
    assert (mention.actor.country, mention.actor.sector, mention.kind) == (
        "",
        "GOV",
        MentionKind.AGENT,
    )


def test_resolver_pair_gives_two_mentions_over_one_span(resolver):
    first, second = resolver.find("the two Koreas", date=DAY)
    assert (first.start, first.end) == (second.start, second.end)
    assert {first.actor.code, second.actor.code} == {"PRK", "KOR"}


def test_resolver_lookup_explains_the_entry(resolver):
    resolution = resolver.lookup("the Kremlin", date=DAY)
    assert resolution.actor.code == "RUSGOV"
    assert resolution.source.startswith("institutions.tsv:")
    assert "capital" in resolution.why


def test_resolver_lookup_gives_the_date_window_of_a_person(resolver):
    resolution = resolver.lookup("Biden", date=datetime.date(2026, 1, 1))
    assert resolution.actor.code == "USAELI"
    assert resolution.window == "2021-01-20..2025-01-20"


def test_resolver_lookup_lists_entries_sharing_the_alias(resolver):
    resolution = resolver.lookup("Trump", date=DAY)
    assert resolution.entry == "Donald Trump"
    assert any(other.startswith("Donald Trump (person") for other in resolution.alternatives)


def test_resolver_lookup_unknown_suggests_names(resolver):
    with pytest.raises(UnknownNameError, match="did you mean"):
        resolver.lookup("Kremlinn", date=DAY)


def test_resolver_does_not_import_spacy():
    code = "import sys, dyadwatch.actors, dyadwatch.actors.resolver; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # A lone surname followed by a name word is a word of another name.
        ("Iranian Foreign Minister Abbas Araqchi met Witkoff.", "2025-04-12", ["IRNGOV", "USAGOV"]),
        ("Talks at Blair House ended late.", "2000-06-01", []),
        ("Talks at Blair House Tuesday ended late.", "2000-06-01", []),
        # ... also when that name word is a surname of another person
        ("High Commissioner Cameron MacKay was summoned.", "2023-09-19", ["CANELI"]),
        # ... and so is one joined to a word by a hyphen.
        ("Yunus-Bek Yevkurov arrived.", "2024-09-01", []),
        # Alone, or before a verb or a weekday, it is still the person.
        ("Abbas met Blinken on Monday.", "2023-10-10", ["PSEGOV", "USAGOV"]),
        ("Cameron Tuesday met Merkel.", "2012-05-01", ["GBRGOV", "DEUGOV"]),
        # ... and before a mention of its own, a '-led', or in a title-case headline.
        ("The Biden Administration sanctioned Iran.", "2023-09-13", ["USAGOV", "GOV", "IRN"]),
        ("The Biden-Xi summit ended.", "2023-11-15", ["USAGOV", "CHNGOV"]),
        ("The Netanyahu-led government hit Gaza.", "2023-11-15", ["ISRGOV", "GOV", "PSE"]),
        ("Putin Meets Xi In Beijing", "2023-10-18", ["RUSGOV", "CHNGOV", "CHNGOV"]),
        # A country's own National Security Council is not the UN's.
        ("The National Security Council met.", "2023-09-19", []),
        ("The Security Council met.", "2023-09-19", ["IGOUNOSC"]),
    ],
)
def test_resolver_lone_surname_inside_another_name_is_no_mention(resolver, text, date, expected):
    found = resolver.find(text, date=datetime.date.fromisoformat(date))
    assert [m.actor.code for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare agent noun after a region word is no one country's: no mention.
        ("West African leaders met on Sunday.", []),
        ("Western diplomats said Iran had refused.", ["IRN"]),
        ("World leaders condemned the attack.", []),
        # A region word that ends a demonym is the demonym's.
        ("South African officials accused Israel.", ["ZAFGOV", "ISR"]),
        # After a hyphen the region word describes its own country's agents.
        ("Georgia's pro-Western opposition denounced the vote.", ["GEO", "OPP"]),
        # A country's own agents and a bare noun without a region word are kept.
        ("European Union officials met Iranian officials.", ["IGOEU", "IRNGOV"]),
        ("Officials said Iran had refused.", ["GOV", "IRN"]),
    ],
)
def test_resolver_bare_agent_after_a_region_word_is_no_mention(resolver, text, expected):
    found = resolver.find(text, date=datetime.date(2023, 7, 30))
    assert [m.actor.code for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lone surname after a place preposition is the town, not the president.
        ("Thousands rallied in Lagos on Friday.", []),
        ("Shells fell near Toledo overnight.", []),
        # Elsewhere, and with a possessive, the surname is still the person.
        ("Lagos met the Argentine president.", ["CHLGOV", "ARGGOV"]),
        ("A dinner in Lagos's honour was held.", ["CHLGOV"]),
        ("A dinner in Lagos' honour was held.", ["CHLGOV"]),
        # After 'confidence in', and after 'into' or 'around', a surname stays a person.
        ("Deputies voted no confidence in Lagos.", ["CHLGOV"]),
        ("Allies rallied around Lagos.", ["CHLGOV"]),
    ],
)
def test_resolver_lone_surname_after_a_place_preposition_is_a_place(resolver, text, expected):
    found = resolver.find(text, date=datetime.date(2003, 5, 1))
    assert [m.actor.code for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A person named in full is then named by one name alone.
        (
            "Kim Jong Un met Vladimir Putin. Putin thanked Kim.",
            [
                ("Kim Jong Un", "PRKGOV"),
                ("Vladimir Putin", "RUSGOV"),
                ("Putin", "RUSGOV"),
                ("Kim", "PRKGOV"),
            ],
        ),
        # Not before the full name, not inside another name, not in capitals ('UN').
        ("Kim said the talks went well. Kim Jong Un left.", [("Kim Jong Un", "PRKGOV")]),
        (
            "Kim Jong Un spoke. Kim Yo Jong said the UN lied.",
            [("Kim Jong Un", "PRKGOV"), ("Kim Yo Jong", "PRKGOV"), ("UN", "IGOUNO")],
        ),
        # A name two people of the text share is nobody's, even one the gazetteer lacks.
        (
            "Moon Jae-in met Kim Jong Un and Kim Yong Chol. Kim smiled.",
            [("Moon Jae-in", "KORGOV"), ("Kim Jong Un", "PRKGOV"), ("Kim Yong Chol", "PRKGOV")],
        ),
        # A title before the lone name is no other name.
        (
            "Kim Jong Un arrived. Mr Kim said little.",
            [("Kim Jong Un", "PRKGOV"), ("Kim", "PRKGOV")],
        ),
    ],
)
def test_resolver_a_person_named_in_full_is_then_named_by_one_name(resolver, text, expected):
    found = resolver.find(text, date=datetime.date(2018, 4, 27))
    assert [(text[m.start : m.end], m.actor.code) for m in found] == expected
