"""Coder logic on hand-built Docs: domestic events, peoples, owners, pledges and lemmas."""

from __future__ import annotations

import pytest

from dyadwatch.actors import MentionKind
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.arguments import Arguments, Discourse
from dyadwatch.extract.events import SentenceCoder, noun_lemma, verb_lemma
from dyadwatch.extract.lexicon import Lexicon, parse_classes, parse_rules
from dyadwatch.extract.roles import sector_actor
from dyadwatch.extract.sentences import CodingOptions, ParsedArticle, code_sentences
from dyadwatch.records import Actor, ActorKind

from .docs_builder import parse, spans

CLASSES = """class\twords
CURFEW\tcurfew
RELATION\tlink|tie
COOPERATEV\tcooperate
"""
VERBS = """lemma\twhen\tcameo\troles\tnote
demonstrate\t-\t141\ts>o
riot\t-\t145\ts>o
lift\tobj=CURFEW\t0813\ts>o
impose\tobj=CURFEW\t1723\ts>o
agree\txcomp=COOPERATEV\t030\ts>o
accuse\t-\t112\ts>o
shell\t-\t194\ts>o
stage\t-\t141\ts>o
withdraw\t-\t0874\ts>o
mobilize\t-\t154\ts>o
threaten\t-\t130\ts>o
deliver\t-\t070\ts>o
demand\t-\t100\ts>o
recognize\t-\t054\ts>o
rally\t-\t141\ts>o
march\t-\t141\ts>o
"""
NOUNS = """lemma\twhen\tcameo\troles\tnote
suspension\tobj=RELATION\t161\ts>o
"""
LEXICON = Lexicon(
    classes=parse_classes("classes", CLASSES),
    verbs=parse_rules("verbs", VERBS),
    nouns=parse_rules("nouns", NOUNS),
)
ALBANIANS = Actor(code="ALB", country="ALB", name="Albanians")
IRAQI = Actor(code="IRQ", country="IRQ", name="Iraqi")


def code(
    spec: str,
    *,
    agents: dict[str, str] | None = None,
    pinned: dict[int, Actor] | None = None,
    plural: tuple[int, ...] = (),
) -> list[tuple[str, str, str, str]]:
    doc = parse(spec)
    for index in plural:
        doc[index].tag_ = "NNPS"
    tok2span = spans(doc, agents=agents)
    for index, actor in (pinned or {}).items():
        tok2span[index] = ActorSpan(index, index + 1, actor, MentionKind.COUNTRY)
    coded = code_sentences(ParsedArticle(tuple(doc.sents), actors=tok2span), CodingOptions(LEXICON))
    drafts = [d for sentence in coded for d in sentence.drafts]
    return sorted((d.source.code, d.target.code, d.cameo, d.modality.value) for d in drafts)


def test_events_domestic_protest_is_against_own_government() -> None:
    spec = (
        "Iraqi/ADJ/amod/1 Kurds/PROPN/nsubj/2/kurd demonstrated/VERB/ROOT/2/demonstrate "
        "./PUNCT/punct/2"
    )
    assert code(spec, pinned={0: IRAQI}, plural=(1,)) == [("IRQCVL", "IRQGOV", "141", "asserted")]


@pytest.mark.parametrize(
    "spec",
    [
        # shares rallying, engineers showing a train, citizens in a parade: no protests
        "Iraqi/ADJ/amod/1 shares/NOUN/nsubj/2/share rallied/VERB/ROOT/2/rally ./PUNCT/punct/2",
        "Iraqi/ADJ/amod/1 engineers/NOUN/nsubj/2/engineer demonstrated/VERB/ROOT/2/demonstrate "
        "a/DET/det/4 train/NOUN/dobj/2 ./PUNCT/punct/2",
        "Iraqi/ADJ/amod/1 citizens/NOUN/nsubj/2/citizen marched/VERB/ROOT/2/march ./PUNCT/punct/2",
    ],
)
def test_events_domestic_protest_needs_protesters(spec: str) -> None:
    assert code(spec, pinned={0: IRAQI}, agents={"citizens": "CVL"}) == []


def test_events_domestic_protest_abroad_is_against_the_host_government() -> None:
    spec = (
        "Russian/ADJ/amod/1 prisoners/NOUN/nsubj/2/prisoner rioted/VERB/ROOT/2/riot "
        "at/ADP/prep/2 a/DET/det/5 jail/NOUN/pobj/3 in/ADP/prep/5 Cuba/PROPN/pobj/6 ./PUNCT/punct/2"
    )
    assert code(spec, agents={"prisoners": "CVL"}) == [("RUSCVL", "CUBGOV", "145", "asserted")]


def test_events_domestic_protest_by_a_state_is_not_coded() -> None:
    spec = "Iran/PROPN/nsubj/1 demonstrated/VERB/ROOT/1/demonstrate ./PUNCT/punct/1"
    assert code(spec) == []


def test_events_domestic_eased_curfew_is_for_the_people_where_eased() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 lifted/VERB/ROOT/1/lift a/DET/det/3 curfew/NOUN/dobj/1 "
        "in/ADP/prep/1 Ukraine/PROPN/pobj/4 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUSGOV", "UKRCVL", "0813", "asserted")]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            "Russia/PROPN/nsubj/1 imposed/VERB/ROOT/1/impose a/DET/det/3 curfew/NOUN/dobj/1 "
            "in/ADP/prep/1 the/DET/det/6 regions/NOUN/pobj/4/region of/ADP/prep/6 "
            "Ukraine/PROPN/pobj/7 ./PUNCT/punct/1",
            [("RUSGOV", "UKRCVL", "1723", "asserted")],
        ),
        # the scene on the curfew itself: 'imposed a curfew in Ukraine'
        (
            "Russia/PROPN/nsubj/1 imposed/VERB/ROOT/1/impose a/DET/det/3 curfew/NOUN/dobj/1 "
            "in/ADP/prep/3 Ukraine/PROPN/pobj/4 ./PUNCT/punct/1",
            [("RUSGOV", "UKRCVL", "1723", "asserted")],
        ),
        # 'of' leads to a scene only after a word for a region
        (
            "Russia/PROPN/nsubj/1 imposed/VERB/ROOT/1/impose a/DET/det/3 curfew/NOUN/dobj/1 "
            "in/ADP/prep/1 the/DET/det/6 name/NOUN/pobj/4/name of/ADP/prep/6 "
            "Ukraine/PROPN/pobj/7 ./PUNCT/punct/1",
            [("RUSGOV", "RUSCVL", "1723", "asserted")],
        ),
    ],
)
def test_events_domestic_imposed_curfew_is_on_the_people_where_imposed(
    spec: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert code(spec) == expected


def test_events_residents_take_the_country_they_are_in() -> None:
    spec = (
        "Thousands/NOUN/nsubj/5/thousand of/ADP/prep/0 students/NOUN/pobj/1/student "
        "in/ADP/prep/2 Cuba/PROPN/pobj/3 staged/VERB/ROOT/5/stage ./PUNCT/punct/5"
    )
    assert code(spec, agents={"students": "EDU"}) == [("CUBEDU", "CUBGOV", "141", "asserted")]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            "The/DET/det/1 Albanians/PROPN/nsubj/4 of/ADP/prep/1 Russia/PROPN/pobj/2 "
            "accused/VERB/ROOT/4/accuse Cuba/PROPN/dobj/4 ./PUNCT/punct/4",
            [("RUSCVL", "CUB", "112", "asserted")],
        ),
        (
            "ethnic/ADJ/amod/1 Albanians/PROPN/nsubj/2 accused/VERB/ROOT/2/accuse "
            "Cuba/PROPN/dobj/2 ./PUNCT/punct/2",
            [],
        ),
    ],
)
def test_events_a_people_is_placed_where_it_lives(
    spec: str, expected: list[tuple[str, str, str, str]]
) -> None:
    albanians = 1
    assert code(spec, pinned={albanians: ALBANIANS}, plural=(albanians,)) == expected


def test_events_owner_of_the_object_is_the_target() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell positions/NOUN/dobj/1/position "
        "of/ADP/prep/2 Ukraine/PROPN/pobj/3 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "UKR", "194", "asserted")]


def test_events_nominal_target_hangs_off_its_theme_and_announced_is_done() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 announced/VERB/ROOT/1/announce a/DET/det/3 "
        "suspension/NOUN/dobj/1 of/ADP/prep/3 links/NOUN/pobj/4/link with/ADP/prep/5 "
        "Cuba/PROPN/pobj/6 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "CUB", "161", "asserted")]


def test_events_joint_pledge_of_two_countries_is_mutual() -> None:
    spec = (
        "Russia/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 agreed/VERB/ROOT/3/agree "
        "to/PART/aux/5 cooperate/VERB/xcomp/3 ./PUNCT/punct/3"
    )
    assert code(spec) == [("CUB", "RUS", "030", "asserted"), ("RUS", "CUB", "030", "asserted")]


@pytest.mark.parametrize(
    ("word", "model_lemma", "expected"),
    [
        ("staged", "stag", "stage"),
        ("shelled", "shelled", "shell"),
        ("rioting", "rioting", "riot"),
        ("staging", "staging", "stage"),
        ("accuses", "accuses", "accuse"),
        ("lifted", "lift", "lift"),
        ("walked", "walk", None),
    ],
)
def test_events_verb_lemma_mends_model_lemmas(
    word: str, model_lemma: str, expected: str | None
) -> None:
    token = parse(f"{word}/VERB/ROOT/0/{model_lemma}")[0]
    assert verb_lemma(token, LEXICON.verbs) == expected


def test_events_sector_actor_kind_is_agent() -> None:
    actor = sector_actor("EGY", "GOV")
    assert (actor.code, actor.country, actor.sector, actor.kind) == (
        "EGYGOV",
        "EGY",
        "GOV",
        ActorKind.AGENT,
    )


@pytest.mark.parametrize(
    ("aux", "expected"),
    [
        ("must/AUX/aux/5", [("RUS", "CUB", "100", "asserted")]),
        ("will/AUX/aux/5", []),
    ],
)
def test_events_saying_another_must_act_is_a_demand(
    aux: str, expected: list[tuple[str, str, str, str]]
) -> None:
    spec = (
        f"Russia/PROPN/nsubj/1 said/VERB/ROOT/1/say that/SCONJ/mark/5 Cuba/PROPN/nsubj/5 {aux} "
        "leave/VERB/ccomp/1 ./PUNCT/punct/1"
    )
    assert code(spec) == expected


def test_events_willing_to_act_is_a_plan_of_the_copula_subject() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 is/AUX/ROOT/1/be willing/ADJ/acomp/1 to/PART/aux/4 "
        "withdraw/VERB/xcomp/2 from/ADP/prep/4 Ukraine/PROPN/pobj/5 ./PUNCT/punct/1"
    )
    # a planned withdrawal (0874) is an intent to de-escalate (0356)
    assert code(spec) == [("RUS", "UKR", "0356", "planned")]


def test_events_what_an_act_is_against_gives_its_target() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 mobilized/VERB/ROOT/1/mobilize reservists/NOUN/dobj/1/reservist "
        "for/ADP/prep/1 war/NOUN/pobj/3 against/ADP/prep/4 Ukraine/PROPN/pobj/5 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "UKR", "154", "asserted")]


@pytest.mark.parametrize(
    ("pos", "expected"), [("PROPN", [("IGOUNO", "RUS", "112", "asserted")]), ("NOUN", [])]
)
def test_events_an_unknown_name_takes_its_apposition(
    pos: str, expected: list[tuple[str, str, str, str]]
) -> None:
    spec = (
        f"Annan/{pos}/nsubj/5 ,/PUNCT/punct/0 UN/PROPN/compound/3 chief/NOUN/appos/0 "
        ",/PUNCT/punct/0 accused/VERB/ROOT/5/accuse Russia/PROPN/dobj/5 ./PUNCT/punct/5"
    )
    un = Actor(code="IGOUNO", country="", name="UN chief", kind=ActorKind.IGO)
    assert code(spec, pinned={3: un}) == expected


def test_events_what_is_threatened_is_not_a_second_event() -> None:
    spec = (
        "Cuba/PROPN/nsubj/1 threatened/VERB/ROOT/1/threaten to/PART/aux/3 deliver/VERB/xcomp/1 "
        "blows/NOUN/dobj/3/blow to/ADP/prep/3 Russia/PROPN/pobj/5 ./PUNCT/punct/1"
    )
    assert code(spec) == [("CUB", "RUS", "130", "asserted")]


def test_events_what_is_demanded_is_not_a_second_event() -> None:
    spec = (
        "Cuba/PROPN/nsubj/1 demanded/VERB/ROOT/1/demand that/SCONJ/mark/4 Russia/PROPN/nsubj/4 "
        "recognize/VERB/ccomp/1 Ukraine/PROPN/dobj/4 ./PUNCT/punct/1"
    )
    assert code(spec) == [("CUB", "RUS", "100", "asserted")]


def test_events_a_place_before_a_group_gives_its_country() -> None:
    doc = parse(
        "Darfur/PROPN/compound/1 rebels/NOUN/nsubj/2/rebel accused/VERB/ROOT/2/accuse "
        "Russia/PROPN/dobj/2 ./PUNCT/punct/2"
    )
    tok2span = spans(doc, agents={"rebels": "REB"})
    sudan = Actor(code="SDN", country="SDN", name="Darfur")
    args = Arguments(tok2span=tok2span, memory=Discourse(), places={0: sudan})
    drafts = SentenceCoder(LEXICON, args).code(next(iter(doc.sents)))
    assert [(d.source.code, d.target.code, d.cameo) for d in drafts] == [("SDNREB", "RUS", "112")]


def test_events_a_sector_word_before_a_plain_noun_heads_the_actor() -> None:
    spec = (
        "Opposition/NOUN/compound/1 groups/NOUN/nsubj/4/group in/ADP/prep/1 Cuba/PROPN/pobj/2 "
        "accused/VERB/ROOT/4/accuse Russia/PROPN/dobj/4 ./PUNCT/punct/4"
    )
    assert code(spec, agents={"Opposition": "OPP"}) == [("CUBOPP", "RUS", "112", "asserted")]


def test_events_a_threat_is_against_whoever_its_condition_names() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 threatened/VERB/ROOT/1/threaten to/PART/aux/3 "
        "act/VERB/xcomp/1 unless/SCONJ/mark/6 Cuba/PROPN/nsubj/6 accepted/VERB/advcl/3/accept "
        "./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "CUB", "130", "asserted")]


def test_events_they_after_a_group_that_speaks_is_that_group() -> None:
    spec = (
        "Cuban/ADJ/amod/1 leaders/NOUN/nsubj/2/leader said/VERB/ROOT/2/say they/PRON/nsubj/4 "
        "accused/VERB/ccomp/2/accuse Russia/PROPN/dobj/4 ./PUNCT/punct/2"
    )
    leaders = Actor(code="CUBGOV", country="CUB", sector="GOV", kind=ActorKind.AGENT)
    doc = parse(spec)
    tok2span = {i: ActorSpan(0, 2, leaders, MentionKind.AGENT) for i in (0, 1)}
    tok2span[5] = ActorSpan(5, 6, Actor(code="RUS", country="RUS"), MentionKind.COUNTRY)
    drafts = SentenceCoder(LEXICON, Arguments(tok2span=tok2span, memory=Discourse())).code(
        next(iter(doc.sents))
    )
    assert [(d.source.code, d.target.code, d.cameo) for d in drafts] == [("CUBGOV", "RUS", "112")]


@pytest.mark.parametrize(
    ("prep", "expected"), [("with", [("RUS", "CUB", "112", "asserted")]), ("on", [])]
)
def test_events_the_target_of_an_objects_theme(
    prep: str, expected: list[tuple[str, str, str, str]]
) -> None:
    spec = (
        "Russia/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse the/DET/det/3 resumption/NOUN/dobj/1 "
        f"of/ADP/prep/3 ties/NOUN/pobj/4/tie {prep}/ADP/prep/5 Cuba/PROPN/pobj/6 ./PUNCT/punct/1"
    )
    assert code(spec) == expected


def test_events_noun_lemma_mends_plurals_the_model_left() -> None:
    doc = parse("euros/NOUN/ROOT/0/euros talks/NOUN/dep/0/talk press/NOUN/dep/0/press")
    assert [noun_lemma(t) for t in doc] == ["euro", "talk", "press"]


def test_events_they_is_the_pair_that_speaks_not_the_last_sentences() -> None:
    spec = (
        "Russia/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 met/VERB/ROOT/3/meet "
        "./PUNCT/punct/3 || "
        "Iran/PROPN/nsubj/3 and/CCONJ/cc/0 China/PROPN/conj/0 said/VERB/ROOT/3/say "
        "they/PRON/nsubj/5 accused/VERB/ccomp/3/accuse Ukraine/PROPN/dobj/5 ./PUNCT/punct/3"
    )
    accusations = [row for row in code(spec) if row[2] == "112"]
    assert accusations == [("CHN", "UKR", "112", "reported"), ("IRN", "UKR", "112", "reported")]


def test_events_a_withdrawal_s_from_is_the_place_left_not_a_target() -> None:
    spec = (
        "Cuba/PROPN/nsubj/1 demanded/VERB/ROOT/1/demand the/DET/det/3 withdrawal/NOUN/dobj/1 "
        "of/ADP/prep/3 Russian/ADJ/amod/6 forces/NOUN/pobj/4/force from/ADP/prep/3 "
        "Ukraine/PROPN/pobj/7 ./PUNCT/punct/1"
    )
    assert code(spec, agents={"forces": "MIL"}) == [("CUB", "RUSMIL", "100", "asserted")]


def test_events_a_name_takes_its_apposition_s_owner() -> None:
    # 'Ivan, Cuba's activist, accused Russia': the activist is Cuban.
    spec = (
        "Ivan/PROPN/nsubj/6 ,/PUNCT/punct/0 Cuba/PROPN/poss/4 's/PART/case/2 "
        "activist/NOUN/appos/0 ,/PUNCT/punct/0 accused/VERB/ROOT/6/accuse "
        "Russia/PROPN/dobj/6 ./PUNCT/punct/6"
    )
    assert code(spec, agents={"activist": "CVL"}) == [("CUBCVL", "RUS", "112", "asserted")]
