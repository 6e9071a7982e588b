"""Meetings told in passing ('agreed after talks in Beijing'): hand-built parses, and the
coder end to end."""

from __future__ import annotations

import datetime
from typing import Any

from dyadwatch.extract.coder import code_text
from dyadwatch.extract.drafts import Draft
from dyadwatch.extract.lexicon import Lexicon, parse_classes, parse_rules
from dyadwatch.extract.meetings import CONFIDENCE, implied
from dyadwatch.records import Actor, Modality

from .docs_builder import parse, spans

LEXICON = Lexicon(
    classes=parse_classes(
        "classes",
        "class\twords\nTALKS\ttalk\nMEETING\tmeeting|conference\nVISIT\tvisit\n",
    ),
    verbs=parse_rules("verbs", "lemma\twhen\tcameo\troles\tnote\n"),
    nouns=parse_rules("nouns", "lemma\twhen\tcameo\troles\tnote\n"),
)
IRAN, CUBA = Actor(code="IRN", country="IRN"), Actor(code="CUB", country="CUB")
RUSSIA = Actor(code="RUS", country="RUS")
SUBJECT = "Iran/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 agreed/VERB/ROOT/3/agree"


def _draft(source: Actor, target: Actor, cameo: str = "036", **kw: Any) -> Draft:
    fields: dict[str, Any] = {"trigger": "agreed", "modality": Modality.ASSERTED}
    fields.update(kw)
    return Draft(source=source, target=target, cameo=cameo, confidence=0.8, **fields)


JOINT = [_draft(IRAN, CUBA), _draft(CUBA, IRAN)]


def _implied(spec: str, drafts: list[Draft]) -> list[tuple[str, str, str, Modality]]:
    doc = parse(spec)
    found = implied(doc[:], drafts, spans(doc), {}, LEXICON)
    assert all(d.confidence == CONFIDENCE for d in found)
    return [(d.source.code, d.target.code, d.cameo, d.modality) for d in found]


def test_meetings_talks_after_a_joint_act_are_talks_of_its_pair_both_ways() -> None:
    spec = f"{SUBJECT} after/ADP/prep/3 talks/NOUN/pobj/4/talk ./PUNCT/punct/3"
    assert sorted(_implied(spec, JOINT)) == [
        ("CUB", "IRN", "046", Modality.ASSERTED),
        ("IRN", "CUB", "046", Modality.ASSERTED),
    ]


def test_meetings_days_of_talks_and_a_meeting_of_their_own_ministers_count() -> None:
    days = f"{SUBJECT} after/ADP/prep/3 days/NOUN/pobj/4/day of/ADP/prep/5 talks/NOUN/pobj/6/talk"
    assert [c for _, _, c, _ in _implied(days, JOINT)] == ["046", "046"]
    own = (
        f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 meeting/NOUN/pobj/4 of/ADP/prep/6 "
        "their/PRON/poss/10 energy/NOUN/compound/10 ministers/NOUN/pobj/7/minister"
    )
    assert [c for _, _, c, _ in _implied(own, JOINT)] == ["040", "040"]


def test_meetings_a_plan_a_gathering_of_others_or_no_single_pair_adds_nothing() -> None:
    before = f"{SUBJECT} before/ADP/prep/3 talks/NOUN/pobj/4/talk"
    planned = f"{SUBJECT} after/ADP/prep/3 planned/ADJ/amod/6/plan talks/NOUN/pobj/4/talk"
    others = (
        f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 meeting/NOUN/pobj/4 of/ADP/prep/6 Russia/PROPN/pobj/7"
    )
    conference = f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 conference/NOUN/pobj/4"
    for spec in (before, planned, others, conference):
        assert _implied(spec, JOINT) == [], spec
    talks = f"{SUBJECT} after/ADP/prep/3 talks/NOUN/pobj/4/talk"
    assert _implied(talks, [JOINT[0]]) == []  # one way only: no joint act
    two_pairs = [*JOINT, _draft(IRAN, RUSSIA), _draft(RUSSIA, IRAN)]
    assert _implied(talks, two_pairs) == []
    assert _implied(talks, [*JOINT, _draft(IRAN, CUBA, "043")]) == [
        ("CUB", "IRN", "046", Modality.ASSERTED)
    ]  # Iran -> Cuba already has a meeting


def test_meetings_take_place_unless_the_main_act_is_a_plan_or_a_guess() -> None:
    talks = f"{SUBJECT} after/ADP/prep/3 talks/NOUN/pobj/4/talk"
    for main, want in (
        (Modality.NEGATED, Modality.ASSERTED),  # 'failed to agree after talks'
        (Modality.REPORTED, Modality.REPORTED),
        (Modality.PLANNED, None),
        (Modality.SPECULATIVE, None),
    ):
        drafts = [_draft(IRAN, CUBA, modality=main), _draft(CUBA, IRAN, modality=main)]
        got = {m for _, _, _, m in _implied(talks, drafts)}
        assert got == ({want} if want else set()), main


def test_meetings_a_noun_a_nominal_rule_coded_is_left_to_it() -> None:
    spec = f"{SUBJECT} after/ADP/prep/3 talks/NOUN/pobj/4/talk"
    offset = parse(spec)[5].idx
    nominal = _draft(IRAN, RUSSIA, "046", nominal=True, trigger_start=offset)
    assert _implied(spec, [*JOINT, nominal]) == []


def test_meetings_when_they_met_is_a_meeting_of_the_pair() -> None:
    spec = (
        f"{SUBJECT} when/SCONJ/advmod/6 they/PRON/nsubj/6/they met/VERB/advcl/3/meet "
        "./PUNCT/punct/3"
    )
    assert [c for _, _, c, _ in _implied(spec, JOINT)] == ["040", "040"]
    named = (
        f"{SUBJECT} when/SCONJ/advmod/6 Russia/PROPN/nsubj/6 met/VERB/advcl/3/meet ./PUNCT/punct/3"
    )
    assert _implied(named, JOINT) == []  # someone else met
    met_with = spec.replace(
        "met/VERB/advcl/3/meet", "met/VERB/advcl/3/meet with/ADP/prep/6 Russia/PROPN/pobj/7"
    ).replace("./PUNCT/punct/3", "./PUNCT/punct/3")
    assert _implied(met_with, JOINT) == []


def test_meetings_a_visit_to_the_target_s_country_is_the_source_s_visit() -> None:
    spec = (
        "Iran/PROPN/nsubj/1 urged/VERB/ROOT/1/urge Cuba/PROPN/dobj/1 during/ADP/prep/1 "
        "a/DET/det/5 visit/NOUN/pobj/3 to/ADP/prep/5 Cuba/PROPN/pobj/6"
    )
    urged = [_draft(IRAN, CUBA, "020")]
    assert _implied(spec, urged) == [("IRN", "CUB", "042", Modality.ASSERTED)]  # no host 043
    elsewhere = spec.replace("Cuba/PROPN/pobj/6", "Russia/PROPN/pobj/6")
    assert _implied(elsewhere, urged) == []  # the visit is not the setting of the act


def test_meetings_end_to_end(coder: Any) -> None:
    day = datetime.date(2024, 5, 1)
    text = (
        "Chile and Peru agreed on Tuesday to reopen their border after two days of talks in Lima."
    )
    events = {
        (e.source.country, e.target.country, e.cameo) for e in code_text(coder, text, date=day)
    }
    assert {("CHL", "PER", "046"), ("PER", "CHL", "046")} <= events
    ahead = "Chile and Peru agreed on Tuesday to reopen their border ahead of talks in Lima."
    codes = {e.cameo for e in code_text(coder, ahead, date=day)}
    assert not codes & {"040", "046"}
