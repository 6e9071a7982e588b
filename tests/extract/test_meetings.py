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
        "class\twords\nTALKS\ttalk|round\nMEETING\tmeeting|summit|conference\nVISIT\tvisit\n",
    ),
    verbs=parse_rules("verbs", "lemma\twhen\tcameo\troles\tnote\n"),
    nouns=parse_rules("nouns", "lemma\twhen\tcameo\troles\tnote\n"),
)
IRAN, CUBA = Actor(code="IRN", country="IRN"), Actor(code="CUB", country="CUB")
RUSSIA = Actor(code="RUS", country="RUS")
SUBJECT = "Iran/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 agreed/VERB/ROOT/3/agree"
AGREED = len("Iran and Cuba ")  # where the act is, in every sentence built on SUBJECT
TALKS = f"{SUBJECT} after/ADP/prep/3 talks/NOUN/pobj/4/talk ./PUNCT/punct/3"


def _draft(source: Actor, target: Actor, cameo: str = "036", **kw: Any) -> Draft:
    fields: dict[str, Any] = {
        "trigger": "agreed",
        "modality": Modality.ASSERTED,
        "trigger_start": AGREED,
    }
    fields.update(kw)
    return Draft(source=source, target=target, cameo=cameo, confidence=0.8, **fields)


JOINT = [_draft(IRAN, CUBA), _draft(CUBA, IRAN)]


def _implied(spec: str, drafts: list[Draft]) -> list[tuple[str, str, str, Modality]]:
    doc = parse(spec)
    found = implied(doc[:], drafts, spans(doc), {}, LEXICON)
    assert all(d.confidence == CONFIDENCE for d in found)
    return sorted((d.source.code, d.target.code, d.cameo, d.modality) for d in found)


def _codes(spec: str, drafts: list[Draft] = JOINT) -> list[str]:
    return [code for _, _, code, _ in _implied(spec, drafts)]


def test_meetings_talks_after_a_joint_act_are_talks_of_its_pair_both_ways() -> None:
    assert _implied(TALKS, JOINT) == [
        ("CUB", "IRN", "046", Modality.ASSERTED),
        ("IRN", "CUB", "046", Modality.ASSERTED),
    ]
    elsewhere = [_draft(IRAN, CUBA, trigger_start=0), _draft(CUBA, IRAN, trigger_start=0)]
    assert _codes(TALKS, elsewhere) == []  # drafts of another word are another act's


def test_meetings_talks_before_a_complement_are_the_governing_act_s() -> None:
    # 'agreed to restore ties after talks': the talks came before the agreement
    restore = (
        f"{SUBJECT} to/PART/aux/5 restore/VERB/xcomp/3 ties/NOUN/dobj/5/tie "
        "after/ADP/prep/5 talks/NOUN/pobj/7/talk"
    )
    assert _codes(restore) == ["046", "046"]
    # 'agreed to meet at a summit': the summit is the plan's setting, not the agreement's
    summit = (
        f"{SUBJECT} to/PART/aux/5 meet/VERB/xcomp/3 at/ADP/prep/5 a/DET/det/8 summit/NOUN/pobj/6"
    )
    assert _codes(summit) == []


def test_meetings_days_of_talks_and_a_meeting_of_their_own_ministers_count() -> None:
    days = f"{SUBJECT} after/ADP/prep/3 days/NOUN/pobj/4/day of/ADP/prep/5 talks/NOUN/pobj/6/talk"
    assert _codes(days) == ["046", "046"]
    own = (
        f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 meeting/NOUN/pobj/4 of/ADP/prep/6 "
        "their/PRON/poss/10 energy/NOUN/compound/10 ministers/NOUN/pobj/7/minister "
        "in/ADP/prep/10 Havana/PROPN/pobj/11"
    )
    assert _codes(own) == ["040", "040"]  # where it was is no party


def test_meetings_a_plan_others_many_or_no_meeting_add_nothing() -> None:
    before = TALKS.replace("after/ADP", "before/ADP")
    into = TALKS.replace("after/ADP", "in/ADP")  # 'took part in talks', 'agreed on talks'
    planned = f"{SUBJECT} after/ADP/prep/3 planned/ADJ/amod/6/plan talks/NOUN/pobj/4/talk"
    of_others = (
        f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 meeting/NOUN/pobj/4 of/ADP/prep/6 Russia/PROPN/pobj/7"
    )
    unknown = f"{SUBJECT} at/ADP/prep/3 the/DET/det/7 Quad/PROPN/compound/7 summit/NOUN/pobj/4"
    conference = f"{SUBJECT} at/ADP/prep/3 a/DET/det/6 conference/NOUN/pobj/4"
    fighting = (
        f"{SUBJECT} after/ADP/prep/3 a/DET/det/6 round/NOUN/pobj/4 of/ADP/prep/6 "
        "fighting/NOUN/pobj/7/fighting"
    )
    for spec in (before, into, planned, of_others, unknown, conference, fighting):
        assert _codes(spec) == [], spec


def test_meetings_need_one_pair_joined_both_ways_and_no_meeting_yet() -> None:
    assert _codes(TALKS, [JOINT[0]]) == []  # one way only: no joint act
    assert _codes(TALKS, [*JOINT, _draft(IRAN, RUSSIA), _draft(RUSSIA, IRAN)]) == []
    # Iran -> Cuba already has a meeting
    assert _implied(TALKS, [*JOINT, _draft(IRAN, CUBA, "043")]) == [
        ("CUB", "IRN", "046", Modality.ASSERTED)
    ]


def test_meetings_take_place_only_when_the_act_is_told_as_done() -> None:
    for main, want in (
        (Modality.REPORTED, Modality.REPORTED),
        (Modality.NEGATED, None),  # 'did not agree on a new round of talks'
        (Modality.PLANNED, None),
        (Modality.SPECULATIVE, None),
    ):
        drafts = [_draft(IRAN, CUBA, modality=main), _draft(CUBA, IRAN, modality=main)]
        got = {m for _, _, _, m in _implied(TALKS, drafts)}
        assert got == ({want} if want else set()), main


def test_meetings_a_noun_a_nominal_rule_coded_is_left_to_it() -> None:
    offset = parse(TALKS)[5].idx
    nominal = _draft(IRAN, RUSSIA, "046", nominal=True, trigger_start=offset)
    assert _codes(TALKS, [*JOINT, nominal]) == []


def test_meetings_when_they_met_is_a_meeting_of_the_pair() -> None:
    spec = (
        f"{SUBJECT} when/SCONJ/advmod/6 they/PRON/nsubj/6/they met/VERB/advcl/3/meet "
        "./PUNCT/punct/3"
    )
    assert _codes(spec) == ["040", "040"]
    named = spec.replace("they/PRON/nsubj/6/they", "Russia/PROPN/nsubj/6")
    conditions = spec.replace(
        "met/VERB/advcl/3/meet ./PUNCT/punct/3",
        "met/VERB/advcl/3/meet conditions/NOUN/dobj/6/condition ./PUNCT/punct/3",
    )
    with_other = spec.replace(
        "met/VERB/advcl/3/meet ./PUNCT/punct/3",
        "met/VERB/advcl/3/meet with/ADP/prep/6 Russia/PROPN/pobj/7 ./PUNCT/punct/3",
    )
    meet = spec.replace("met/VERB/advcl/3/meet", "meet/VERB/advcl/3/meet")  # 'until they meet'
    for other in (named, conditions, with_other, meet):
        assert _codes(other) == [], other


def test_meetings_a_visit_to_the_target_s_country_is_the_source_s_visit() -> None:
    spec = (
        "Iran/PROPN/nsubj/1 urged/VERB/ROOT/1/urge Cuba/PROPN/dobj/1 during/ADP/prep/1 "
        "a/DET/det/5 visit/NOUN/pobj/3 to/ADP/prep/5 Cuba/PROPN/pobj/6"
    )
    urged = [_draft(IRAN, CUBA, "020", trigger_start=len("Iran "))]
    assert _implied(spec, urged) == [("IRN", "CUB", "042", Modality.ASSERTED)]  # no host 043
    elsewhere = spec.replace("Cuba/PROPN/pobj/6", "Russia/PROPN/pobj/6")
    assert _implied(elsewhere, urged) == []  # the visit is not the setting of the act
    by_other = spec.replace(
        "Cuba/PROPN/pobj/6", "Cuba/PROPN/pobj/6 by/ADP/prep/5 Russia/PROPN/pobj/8"
    )
    assert _implied(by_other, urged) == []  # someone else visits


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
