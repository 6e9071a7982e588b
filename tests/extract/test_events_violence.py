"""Coder logic on hand-built Docs: victims and sites of violence placed by the scene."""

from __future__ import annotations

import pytest

from dyadwatch.actors import MentionKind
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.lexicon import Lexicon, parse_classes, parse_rules
from dyadwatch.extract.sentences import CodingOptions, ParsedArticle, code_sentences
from dyadwatch.records import Actor

from .docs_builder import parse, spans

VERBS = """lemma\twhen\tcameo\troles\tnote
kill\t-\t180\ts>o
wound\t-\t182\ts>o
shell\t-\t194\ts>o
attack\t-\t190\ts>o
accuse\t-\t112\ts>o
charge\t-\t112\ts>o
help\t-\t070\ts>o
warn\txcomp=ATTACKV\t138\ts>o
"""
LEXICON = Lexicon(
    classes=parse_classes("classes", "class\twords\nATTACK\tstrike|attack\nATTACKV\tattack\n"),
    verbs=parse_rules("verbs", VERBS),
    nouns=parse_rules("nouns", "lemma\twhen\tcameo\troles\tnote\n"),
)
OPTIONS = CodingOptions(LEXICON)
KHARKIV = Actor(code="UKR", country="UKR", name="Kharkiv")
MINSK = Actor(code="BLR", country="BLR", name="Minsk")
AGENTS = {"forces": "MIL", "refugees": "REF"}
# 'Russian forces VERB ...': the first three tokens of every spec below.
SUBJECT = "Russian/ADJ/amod/1 forces/NOUN/nsubj/2/force"


def code(spec: str, *, places: dict[int, Actor] | None = None) -> list[tuple[str, str, str]]:
    return code_sentence(f"{SUBJECT} {spec}", places=places)


def code_sentence(
    spec: str, *, places: dict[int, Actor] | None = None
) -> list[tuple[str, str, str]]:
    doc = parse(spec)
    article = ParsedArticle(tuple(doc.sents), actors=spans(doc, agents=AGENTS), places=places or {})
    drafts = [d for sentence in code_sentences(article, OPTIONS) for d in sentence.drafts]
    return sorted((d.source.code, d.target.code, d.cameo) for d in drafts)


@pytest.mark.parametrize(
    ("spec", "places"),
    [
        # the place on the victims' own phrase
        (
            "killed/VERB/ROOT/2/kill 23/NUM/nummod/4 people/NOUN/dobj/2/people "
            "in/ADP/prep/4 Kharkiv/PROPN/pobj/5 ./PUNCT/punct/2",
            {6: KHARKIV},
        ),
        # a quantity of people, placed on the verb
        (
            "killed/VERB/ROOT/2/kill dozens/NOUN/dobj/2/dozen of/ADP/prep/3 "
            "civilians/NOUN/pobj/4/civilian near/ADP/prep/2 Kharkiv/PROPN/pobj/6 ./PUNCT/punct/2",
            {7: KHARKIV},
        ),
    ],
)
def test_violence_unplaced_people_are_the_scene_s_civilians(
    spec: str, places: dict[int, Actor]
) -> None:
    assert code(spec, places=places) == [("RUSMIL", "UKRCVL", "180")]


def test_violence_an_ethnic_group_is_placed_by_the_scene_two_prepositions_down() -> None:
    spec = (
        "killed/VERB/ROOT/2/kill ethnic/ADJ/amod/4 Cubans/PROPN/dobj/2 in/ADP/prep/2 "
        "a/DET/det/7 gunbattle/NOUN/pobj/5 in/ADP/prep/7 Ukraine/PROPN/pobj/8 ./PUNCT/punct/2"
    )
    doc_cubans = 4
    doc = parse(f"{SUBJECT} {spec}")
    doc[doc_cubans].tag_ = "NNPS"
    tok2span = spans(doc, agents=AGENTS)
    cubans = Actor(code="CUB", country="CUB", name="Cubans")
    tok2span[doc_cubans] = ActorSpan(doc_cubans, doc_cubans + 1, cubans, MentionKind.COUNTRY)
    article = ParsedArticle(tuple(doc.sents), actors=tok2span)
    drafts = [d for sentence in code_sentences(article, OPTIONS) for d in sentence.drafts]
    assert [(d.source.code, d.target.code) for d in drafts] == [("RUSMIL", "UKRCVL")]


def test_violence_a_site_near_a_town_stands_for_the_town_s_country() -> None:
    spec = (
        "shelled/VERB/ROOT/2/shell villages/NOUN/dobj/2/village near/ADP/prep/2 "
        "Kharkiv/PROPN/pobj/4 ./PUNCT/punct/2"
    )
    assert code(spec, places={5: KHARKIV}) == [("RUSMIL", "UKR", "194")]


def test_violence_a_site_is_first_whom_it_is_for() -> None:
    spec = (
        "attacked/VERB/ROOT/2/attack a/DET/det/4 camp/NOUN/dobj/2 for/ADP/prep/4 "
        "Ukrainian/ADJ/amod/7 refugees/NOUN/pobj/5/refugee in/ADP/prep/4 Minsk/PROPN/pobj/8 "
        "./PUNCT/punct/2"
    )
    # The test's country table knows 'Ukraine', not 'Ukrainian': 'Ukraine refugees'.
    spec = spec.replace("Ukrainian/ADJ/amod", "Ukraine/PROPN/compound")
    assert code(spec, places={9: MINSK}) == [("RUSMIL", "UKRREF", "190")]


@pytest.mark.parametrize(
    ("spec", "places"),
    [
        # no scene at all
        ("killed/VERB/ROOT/2/kill 23/NUM/nummod/4 people/NOUN/dobj/2/people ./PUNCT/punct/2", {}),
        # two countries in the scene: whose people is not said
        (
            "killed/VERB/ROOT/2/kill people/NOUN/dobj/2/people in/ADP/prep/3 "
            "Kharkiv/PROPN/pobj/4 and/CCONJ/cc/5 Minsk/PROPN/conj/5 ./PUNCT/punct/2",
            {5: KHARKIV, 7: MINSK},
        ),
        # a country that only modifies a noun is not a scene ('the Cuban uprising')
        (
            "killed/VERB/ROOT/2/kill people/NOUN/dobj/2/people in/ADP/prep/2 the/DET/det/7 "
            "Cuba/PROPN/compound/7 uprising/NOUN/pobj/4 ./PUNCT/punct/2",
            {},
        ),
        # not violence: an accusation of people placed somewhere codes nothing
        (
            "accused/VERB/ROOT/2/accuse people/NOUN/dobj/2/people in/ADP/prep/3 "
            "Kharkiv/PROPN/pobj/4 ./PUNCT/punct/2",
            {5: KHARKIV},
        ),
    ],
)
def test_violence_victims_are_not_placed_without_one_clear_scene(
    spec: str, places: dict[int, Actor]
) -> None:
    assert code(spec, places=places) == []


def test_violence_an_accusation_s_charge_is_not_coded_as_an_attack() -> None:
    # 'Russian forces accused Ukraine of shelling villages near Kharkiv': one accusation.
    spec = (
        "accused/VERB/ROOT/2/accuse Ukraine/PROPN/dobj/2 of/ADP/prep/2 "
        "shelling/VERB/pcomp/4/shell villages/NOUN/dobj/5/village near/ADP/prep/5 "
        "Kharkiv/PROPN/pobj/7 ./PUNCT/punct/2"
    )
    assert code(spec, places={8: KHARKIV}) == [("RUSMIL", "UKR", "112")]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("strikes/NOUN/nsubj/2/strike", [("RUS", "UKRCVL", "180")]),  # an attack can kill
        ("crash/NOUN/nsubj/2/crash", []),  # 'a Russian plane crash killed ...': an accident
    ],
)
def test_violence_only_an_actor_or_an_attack_has_victims(
    subject: str, expected: list[tuple[str, str, str]]
) -> None:
    spec = (
        f"Russian/ADJ/amod/1 {subject} killed/VERB/ROOT/2/kill 40/NUM/nummod/4 "
        "people/NOUN/dobj/2/people in/ADP/prep/4 Kharkiv/PROPN/pobj/5 ./PUNCT/punct/2"
    )
    assert code_sentence(spec, places={6: KHARKIV}) == expected


def test_violence_a_country_modifying_a_site_s_place_is_not_the_scene() -> None:
    # 'shelled positions near the Cuba border': a border is not a country's territory.
    spec = (
        "shelled/VERB/ROOT/2/shell positions/NOUN/dobj/2/position near/ADP/prep/3 "
        "the/DET/det/7 Cuba/PROPN/compound/7 border/NOUN/pobj/4 ./PUNCT/punct/2"
    )
    assert code(spec) == []


def test_violence_a_charge_in_a_that_clause_is_not_coded_as_an_attack() -> None:
    spec = (
        "charged/VERB/ROOT/2/charge that/SCONJ/mark/5 Ukraine/PROPN/nsubj/5 "
        "shelled/VERB/ccomp/2/shell Kharkiv/PROPN/dobj/5 ./PUNCT/punct/2"
    )
    assert code(spec, places={6: KHARKIV}) == [("RUSMIL", "UKR", "112")]


def test_violence_whom_one_fights_for_is_no_target() -> None:
    spec = (
        "attacked/VERB/ROOT/2/attack Ukraine/PROPN/dobj/2 for/ADP/prep/2 "
        "Cuba/PROPN/pobj/4 ./PUNCT/punct/2"
    )
    assert code(spec) == [("RUSMIL", "UKR", "190")]


def test_violence_help_does_not_take_its_complement_s_target() -> None:
    # 'Russian forces helped shell Kharkiv': no aid to Ukraine.
    spec = "helped/VERB/ROOT/2/help shell/VERB/xcomp/2/shell Kharkiv/PROPN/dobj/3 ./PUNCT/punct/2"
    assert code(spec, places={4: KHARKIV}) == [("RUSMIL", "UKR", "194")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # another country's act: a warning, and the act coded on its own
        ("Ukraine/PROPN/nsubj/6", [("UKR", "CUB", "190")]),
        # the speaker's own act: a threat
        ("they/PRON/nsubj/6", [("RUSMIL", "CUB", "138")]),
    ],
)
def test_violence_a_warning_of_another_s_act_is_no_threat(
    content: str, expected: list[tuple[str, str, str]]
) -> None:
    spec = (
        f"warned/VERB/ROOT/2/warn that/SCONJ/mark/6 {content} may/AUX/aux/6 "
        "attack/VERB/ccomp/2/attack Cuba/PROPN/dobj/6 ./PUNCT/punct/2"
    )
    assert code(spec) == expected


def test_violence_an_object_pronoun_is_not_its_own_clause_s_subject() -> None:
    # 'Russia said Ukraine attacked it': 'it' is Russia, not Ukraine.
    spec = (
        "Russia/PROPN/nsubj/1 said/VERB/ROOT/1/say Ukraine/PROPN/nsubj/3 "
        "attacked/VERB/ccomp/1/attack it/PRON/dobj/3 ./PUNCT/punct/1"
    )
    assert code_sentence(spec) == [("UKR", "RUS", "190")]


CONTEST_LEXICON = Lexicon(
    classes=LEXICON.classes,
    verbs=parse_rules("verbs", "lemma\twhen\tcameo\troles\tnote\nbeat\t-\t182\ts>o\n"),
    nouns=LEXICON.nouns,
)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # 'Iran beat Cuba to win the cup': a match result, not an assault
        ("to/PART/aux/4 win/VERB/advcl/1/win the/DET/det/6 cup/NOUN/dobj/4/cup", []),
        # 'Iran beat Cuba in Havana': no word of a match, still coded
        ("in/ADP/prep/1 Havana/PROPN/pobj/3", [("IRN", "CUB", "182")]),
    ],
)
def test_events_a_match_result_is_no_violence(
    tail: str, expected: list[tuple[str, str, str]]
) -> None:
    doc = parse(
        f"Iran/PROPN/nsubj/1 beat/VERB/ROOT/1/beat Cuba/PROPN/dobj/1 {tail} ./PUNCT/punct/1"
    )
    article = ParsedArticle(tuple(doc.sents), actors=spans(doc))
    coded = code_sentences(article, CodingOptions(CONTEST_LEXICON))
    assert (
        sorted((d.source.code, d.target.code, d.cameo) for s in coded for d in s.drafts) == expected
    )
