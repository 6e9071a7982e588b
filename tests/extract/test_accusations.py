"""A charge told in passing ('expelled two diplomats, accusing them of spying'): hand-built
parses, and the coder end to end."""

from __future__ import annotations

import datetime
from typing import Any

from dyadwatch.extract.accusations import CONFIDENCE, implied
from dyadwatch.extract.coder import code_text
from dyadwatch.extract.drafts import Draft
from dyadwatch.records import Actor, Modality

from .docs_builder import parse, spans

RUSSIA, IRAN = Actor(code="RUS", country="RUS"), Actor(code="IRN", country="IRN")
CUBA, CHINA = Actor(code="CUB", country="CUB"), Actor(code="CHN", country="CHN")
EXPELLED = (
    "Russia/PROPN/nsubj/1 expelled/VERB/ROOT/1/expel diplomats/NOUN/dobj/1/diplomat "
    ",/PUNCT/punct/1 accusing/VERB/advcl/1/accuse {object} of/ADP/prep/4 "
    "spying/NOUN/pobj/6/spying ./PUNCT/punct/1"
)
THEM = "them/PRON/dobj/4/they"


def _act(source: Actor, target: Actor, modality: Modality = Modality.ASSERTED) -> Draft:
    offset = parse(EXPELLED.format(object=THEM))[1].idx  # 'expelled'
    return Draft(source, target, "174", "expelled", modality, 0.8, trigger_start=offset)


def _implied(
    spec: str, drafts: list[Draft], people: dict[str, str] | None = None
) -> list[tuple[str, str, str, Modality]]:
    doc = parse(spec)
    found = implied(doc[:], drafts, spans(doc, people=people))
    assert all(d.confidence == CONFIDENCE and d.trigger == "accusing" for d in found)
    return sorted((d.source.code, d.target.code, d.cameo, d.modality) for d in found)


def test_accusations_them_is_the_target_of_the_act_the_participle_explains() -> None:
    spec = EXPELLED.format(object=THEM)
    assert _implied(spec, [_act(RUSSIA, IRAN)]) == [("RUS", "IRN", "112", Modality.ASSERTED)]
    # 'them' stands for every target; the charge of a reported act is reported
    both = [_act(RUSSIA, IRAN, Modality.REPORTED), _act(RUSSIA, CUBA, Modality.REPORTED)]
    assert _implied(spec, both) == [
        ("RUS", "CUB", "112", Modality.REPORTED),
        ("RUS", "IRN", "112", Modality.REPORTED),
    ]


def test_accusations_a_description_or_him_needs_one_target() -> None:
    him = EXPELLED.format(object="him/PRON/dobj/4/he")
    bloc = EXPELLED.format(object="the/DET/det/6 bloc/NOUN/dobj/4").replace(
        "of/ADP/prep/4 spying/NOUN/pobj/6", "of/ADP/prep/4 spying/NOUN/pobj/7"
    )
    for spec in (him, bloc):
        assert _implied(spec, [_act(RUSSIA, IRAN)]) == [("RUS", "IRN", "112", Modality.ASSERTED)]
        assert _implied(spec, [_act(RUSSIA, IRAN), _act(RUSSIA, CUBA)]) == []


def test_accusations_named_charged_parties_and_unclear_accusers_are_left_alone() -> None:
    named = EXPELLED.format(object="the/DET/det/6 president/NOUN/dobj/4").replace(
        "of/ADP/prep/4 spying/NOUN/pobj/6", "of/ADP/prep/4 spying/NOUN/pobj/7"
    )
    assert _implied(named, [_act(RUSSIA, IRAN)]) == [("RUS", "IRN", "112", Modality.ASSERTED)]
    # a mention the gazetteer resolves is the rules' and the model's to code
    assert _implied(named, [_act(RUSSIA, IRAN)], people={"president": "CUB"}) == []
    spec = EXPELLED.format(object=THEM)
    assert _implied(spec, [_act(RUSSIA, IRAN), _act(CHINA, CUBA)]) == []
    # two accusers of one target each charge it
    assert [s for s, *_ in _implied(spec, [_act(RUSSIA, IRAN), _act(CHINA, IRAN)])] == [
        "CHN",
        "RUS",
    ]
    with_charge = [_act(RUSSIA, IRAN), Draft(RUSSIA, IRAN, "111", "said", Modality.ASSERTED, 0.8)]
    assert _implied(spec, with_charge) == []  # the pair already has a disapproval
    finite = spec.replace("accusing/VERB/advcl/1/accuse", "accused/VERB/advcl/1/accuse")
    assert _implied(finite, [_act(RUSSIA, IRAN)]) == []


def test_accusations_what_is_blamed_is_no_party() -> None:
    # 'halted gas supplies, blaming the move on sanctions': the move is blamed, not a party
    on = EXPELLED.format(object="the/DET/det/6 move/NOUN/dobj/4").replace(
        "of/ADP/prep/4 spying/NOUN/pobj/6", "on/ADP/prep/4 sanctions/NOUN/pobj/7/sanction"
    )
    assert _implied(on, [_act(RUSSIA, IRAN)]) == []


def test_accusations_a_speaker_s_charge_is_not_the_act_s_source_s() -> None:
    # 'Iran said Russia had expelled diplomats, accusing them of ...': Iran's charge, if any
    told = (
        "Iran/PROPN/nsubj/1 said/VERB/ROOT/1/say Russia/PROPN/nsubj/3 "
        "expelled/VERB/ccomp/1/expel diplomats/NOUN/dobj/3/diplomat ,/PUNCT/punct/3 "
        "accusing/VERB/advcl/3/accuse them/PRON/dobj/6/they of/ADP/prep/6 "
        "spying/NOUN/pobj/8/spying"
    )

    def expelled(spec: str) -> list[Draft]:
        offset = parse(spec)[3].idx
        return [
            Draft(RUSSIA, CUBA, "174", "expelled", Modality.REPORTED, 0.8, trigger_start=offset)
        ]

    assert _implied(told, expelled(told)) == []
    own = told.replace("Iran/PROPN/nsubj/1", "Russia/PROPN/nsubj/1")  # 'Russia said it had'
    assert _implied(own, expelled(own)) == [("RUS", "CUB", "112", Modality.REPORTED)]


def test_accusations_end_to_end(coder: Any) -> None:
    day = datetime.date(2024, 5, 1)
    text = "Russia expelled two Estonian diplomats on Monday, accusing them of spying."
    events = {
        (e.source.country, e.target.country, e.cameo) for e in code_text(coder, text, date=day)
    }
    assert ("RUS", "EST", "112") in events
