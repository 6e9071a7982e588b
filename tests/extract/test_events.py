"""Coder logic on hand-built Docs: roles, control, passives, nominals, modality, discourse."""

from __future__ import annotations

import pytest

from dyadwatch.actors import MentionKind
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.arguments import Arguments, Discourse
from dyadwatch.extract.events import SentenceCoder
from dyadwatch.extract.lexicon import Lexicon, parse_classes, parse_rules
from dyadwatch.extract.sentences import CodingOptions, ParsedArticle, code_sentences
from dyadwatch.records import Actor, ActorKind

from .docs_builder import parse, spans

CLASSES = """class\twords
WEAPON\tweapon|arm|artillery|drone
STOP\tcease|stop
AID\taid|food aid
AMBASSADOR\tambassador|diplomat
SANCTION\tsanction
INTEL\tintelligence
"""
VERBS = """lemma\twhen\tcameo\troles\tnote
supply\tobj=WEAPON\t072\ts>o
receive\tobj=WEAPON\t072\to>s
urge\txcomp=STOP\t025\ts>o
urge\t-\t020\ts>o
meet\t-\t040\tsym
sign\tobj=AGREEMENT\t057\tsym
seek\tobj=AID\t023\ts>o
accuse\t-\t112\ts>o
recall\tobj=AMBASSADOR,prep=from\t161\ts>o
recall\tobj=AMBASSADOR\t161\ts>o
kill\t-\t180\ts>o
expel\tobj=AMBASSADOR\t161\ts>o
detain\t-\t173\ts>o
shell\t-\t194\ts>o
attack\t-\t190\ts>o
arrest\t-\t173\ts>o
impose\tobj=SANCTION\t163\ts>o
share\tobj=INTEL\t064\ts>o
"""
NOUNS = """lemma\twhen\tcameo\troles\tnote
meeting\t-\t040\tsym
accusation\t-\t112\ts>o
"""
LEXICON = Lexicon(
    classes=parse_classes("classes", CLASSES),
    verbs=parse_rules("verbs", VERBS),
    nouns=parse_rules("nouns", NOUNS),
)


def code(spec: str, **kwargs: dict[str, str]) -> list[tuple[str, str, str, str]]:
    doc = parse(spec)
    article = ParsedArticle(tuple(doc.sents), actors=spans(doc, **kwargs))
    coded = code_sentences(article, CodingOptions(LEXICON))
    drafts = [d for sentence in coded for d in sentence.drafts]
    return sorted((d.source.code, d.target.code, d.cameo, d.modality.value) for d in drafts)


SVO = "North/PROPN/compound/1 Korea/PROPN/nsubj/2 supplied/VERB/ROOT/2/supply Russia/PROPN/dobj/2 with/ADP/prep/2 artillery/NOUN/pobj/4 ./PUNCT/punct/2"


def test_events_subject_verb_object() -> None:
    assert code(SVO) == [("PRK", "RUS", "072", "asserted")]


def test_events_passive_agent_is_source() -> None:
    spec = (
        "Russia/PROPN/nsubjpass/2 was/AUX/auxpass/2/be supplied/VERB/ROOT/2/supply with/ADP/prep/2 "
        "drones/NOUN/pobj/3/drone by/ADP/agent/2 Iran/PROPN/pobj/5 ./PUNCT/punct/2"
    )
    assert code(spec) == [("IRN", "RUS", "072", "asserted")]


def test_events_object_control_appeal() -> None:
    spec = (
        "The/DET/det/1 U.S./PROPN/nsubj/2 urged/VERB/ROOT/2/urge North/PROPN/compound/4 "
        "Korea/PROPN/dobj/2 to/PART/aux/6 cease/VERB/xcomp/2 talks/NOUN/dobj/6/talk ./PUNCT/punct/2"
    )
    assert code(spec) == [("USA", "PRK", "025", "asserted")]


def test_events_reversed_roles_receive_from() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 received/VERB/ROOT/1/receive drones/NOUN/dobj/1/drone "
        "from/ADP/prep/1 Iran/PROPN/pobj/3 ./PUNCT/punct/1"
    )
    assert code(spec) == [("IRN", "RUS", "072", "asserted")]


def test_events_conjoined_symmetric_subjects() -> None:
    spec = (
        "Russia/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 met/VERB/ROOT/3/meet ./PUNCT/punct/3"
    )
    assert code(spec) == [("CUB", "RUS", "040", "asserted"), ("RUS", "CUB", "040", "asserted")]


def test_events_whom_the_object_is_aimed_at_outranks_a_phrase_on_the_verb() -> None:
    # 'imposed sanctions on Russia over sales to Iran', with 'to Iran' hung on the verb
    spec = (
        "China/PROPN/nsubj/1 imposed/VERB/ROOT/1/impose sanctions/NOUN/dobj/1/sanction "
        "on/ADP/prep/2 Russia/PROPN/pobj/3 over/ADP/prep/2 sales/NOUN/pobj/5/sale "
        "to/ADP/prep/1 Iran/PROPN/pobj/7 ./PUNCT/punct/1"
    )
    assert code(spec) == [("CHN", "RUS", "163", "asserted")]
    # with no such phrase on the object, the verb's own 'to' phrase stays the target
    spec = (
        "Russia/PROPN/nsubj/1 supplied/VERB/ROOT/1/supply weapons/NOUN/dobj/1/weapon "
        "to/ADP/prep/1 Iran/PROPN/pobj/3 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "IRN", "072", "asserted")]
    # ... and beside an object that is an actor itself ('supplied Iranian drones to Cuba')
    spec = (
        "Russia/PROPN/nsubj/1 supplied/VERB/ROOT/1/supply Iranian/ADJ/amod/3 "
        "drones/NOUN/dobj/1/drone to/ADP/prep/1 Cuba/PROPN/pobj/4 ./PUNCT/punct/1"
    )
    assert ("RUS", "CUB", "072", "asserted") in code(spec)
    # what an object that is no measure is about is no target ('intelligence on Iran')
    spec = (
        "Russia/PROPN/nsubj/1 shared/VERB/ROOT/1/share intelligence/NOUN/dobj/1/intelligence "
        "on/ADP/prep/2 Iran/PROPN/pobj/3 with/ADP/prep/1 Cuba/PROPN/pobj/5 ./PUNCT/punct/1"
    )
    assert code(spec) == [("RUS", "CUB", "064", "asserted")]


def test_events_a_subject_the_parser_hung_on_the_auxiliary_is_the_verbs() -> None:
    # 'Iran and Cuba are supplying Russia with drones', the subjects under 'are'
    spec = (
        "Iran/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 are/AUX/aux/4/be "
        "supplying/VERB/ROOT/4/supply Russia/PROPN/dobj/4 with/ADP/prep/4 "
        "drones/NOUN/pobj/6/drone ./PUNCT/punct/4"
    )
    assert code(spec) == [("CUB", "RUS", "072", "asserted"), ("IRN", "RUS", "072", "asserted")]


def test_events_symmetric_with_object() -> None:
    spec = "Russia/PROPN/nsubj/1 met/VERB/ROOT/1/meet with/ADP/prep/1 Cuba/PROPN/pobj/2 ./PUNCT/punct/1"
    assert code(spec) == [("CUB", "RUS", "040", "asserted"), ("RUS", "CUB", "040", "asserted")]


def test_events_nominal_between_is_speculative_when_potential() -> None:
    spec = (
        "The/DET/det/2 potential/ADJ/amod/2 meeting/NOUN/nsubj/7 between/ADP/prep/2 "
        "Russia/PROPN/pobj/3 and/CCONJ/cc/4 Cuba/PROPN/conj/4 drew/VERB/ROOT/7/draw "
        "attention/NOUN/dobj/7 ./PUNCT/punct/7"
    )
    assert code(spec) == [
        ("CUB", "RUS", "040", "speculative"),
        ("RUS", "CUB", "040", "speculative"),
    ]


def test_events_nominal_possessor_and_against() -> None:
    spec = (
        "Cuba/PROPN/poss/2 's/PART/case/0 accusation/NOUN/nsubj/6 against/ADP/prep/2 "
        "Moscow/PROPN/pobj/3 was/AUX/aux/6/be made/VERB/ROOT/6/make ./PUNCT/punct/6"
    )
    assert code(spec) == [("CUB", "RUS", "112", "asserted")]


@pytest.mark.parametrize(
    ("extra", "modality", "cameo"),
    [
        ("did/AUX/aux/4/do not/PART/neg/4", "negated", "072"),
        ("is/AUX/aux/4/be reportedly/ADV/advmod/4", "reported", "072"),
        ("will/AUX/aux/4 soon/ADV/advmod/4", "planned", "0332"),  # a promise is intent (03)
        ("may/AUX/aux/4 soon/ADV/advmod/4", "speculative", "072"),
    ],
)
def test_events_modality_from_auxiliaries(extra: str, modality: str, cameo: str) -> None:
    spec = (
        f"North/PROPN/compound/1 Korea/PROPN/nsubj/4 {extra} supply/VERB/ROOT/4/supply "
        "Russia/PROPN/dobj/4 with/ADP/prep/4 arms/NOUN/pobj/6/arm ./PUNCT/punct/4"
    )
    assert code(spec) == [("PRK", "RUS", cameo, modality)]


def test_events_refused_to_is_negated() -> None:
    spec = (
        "Iran/PROPN/nsubj/1 refused/VERB/ROOT/1/refuse to/PART/aux/3 supply/VERB/xcomp/1/supply "
        "Russia/PROPN/dobj/3 with/ADP/prep/3 drones/NOUN/pobj/5/drone ./PUNCT/punct/1"
    )
    assert code(spec) == [("IRN", "RUS", "072", "negated")]


def test_events_subject_inherited_through_by_gerund() -> None:
    spec = (
        "North/PROPN/compound/1 Korea/PROPN/nsubj/2 helped/VERB/ROOT/2/help by/ADP/prep/2 "
        "supplying/VERB/pcomp/3/supply Russia/PROPN/dobj/4 with/ADP/prep/4 arms/NOUN/pobj/6/arm ./PUNCT/punct/2"
    )
    assert code(spec) == [("PRK", "RUS", "072", "asserted")]


def test_events_two_countries_refers_to_last_pair() -> None:
    spec = (
        SVO
        + " || The/DET/det/2 two/NUM/nummod/2 countries/NOUN/nsubj/3/country met/VERB/ROOT/3/meet "
        "./PUNCT/punct/3"
    )
    assert ("RUS", "PRK", "040", "asserted") in code(spec)
    assert ("PRK", "RUS", "040", "asserted") in code(spec)


def test_events_implicit_target_of_appeal_from_previous_pair() -> None:
    spec = (
        SVO + " || North/PROPN/compound/1 Korea/PROPN/nsubj/2 seeks/VERB/ROOT/2/seek "
        "food/NOUN/compound/4 aid/NOUN/dobj/2 ./PUNCT/punct/2"
    )
    assert ("PRK", "RUS", "023", "asserted") in code(spec)


def test_events_no_actor_no_event() -> None:
    spec = "Officials/NOUN/nsubj/1/official met/VERB/ROOT/1/meet reporters/NOUN/dobj/1/reporter ./PUNCT/punct/1"
    assert code(spec) == []


def test_events_sector_word_takes_owner_country() -> None:
    spec = (
        "Russian/ADJ/amod/1/russian officials/NOUN/nsubj/2/official met/VERB/ROOT/2/meet "
        "Cuba/PROPN/dobj/2 ./PUNCT/punct/2"
    )
    found = code(spec, agents={"officials": "GOV"})
    assert ("RUSGOV", "CUB", "040", "asserted") in found


def test_events_threat_content_is_not_a_second_event() -> None:
    spec = (
        "Iran/PROPN/nsubj/1 threatened/VERB/ROOT/1/threaten to/PART/aux/3 supply/VERB/xcomp/1/supply "
        "Russia/PROPN/dobj/3 with/ADP/prep/3 drones/NOUN/pobj/5/drone ./PUNCT/punct/1"
    )
    lexicon_rows = "threaten\txcomp=SUPPLYV\t130\ts>o\n"
    lexicon = Lexicon(
        classes={**LEXICON.classes, "SUPPLYV": frozenset({"supply"})},
        verbs={**LEXICON.verbs, **parse_rules("v", "lemma\twhen\tcameo\troles\n" + lexicon_rows)},
        nouns=LEXICON.nouns,
    )
    doc = parse(spec)
    coder = SentenceCoder(lexicon, Arguments(tok2span=spans(doc), memory=Discourse()))
    drafts = coder.code(next(iter(doc.sents)))
    assert [(d.source.code, d.target.code, d.cameo) for d in drafts] == [("IRN", "RUS", "130")]


@pytest.mark.parametrize(
    ("verb", "obj", "expected"),
    [
        ("pledged/VERB/ROOT/1/pledge", "relations/NOUN/dobj/3/relation", "032"),  # its intent
        ("pledged/VERB/ROOT/1/pledge", "democracy/NOUN/dobj/3/democracy", "034"),  # the row's
        # two sides that agree to restore relations have restored them: the act itself
        ("agreed/VERB/ROOT/1/agree", "relations/NOUN/dobj/3/relation", "054"),
        ("agreed/VERB/ROOT/1/agree", "democracy/NOUN/dobj/3/democracy", "034"),
    ],
)
def test_events_promise_is_the_intent_of_the_specific_act_promised(
    verb: str, obj: str, expected: str
) -> None:
    # 'pledged to restore relations': the row for promising reform (034) is rough; the
    # complement's own object-specific row says which act was promised (054 -> 032).
    spec = (
        f"Iran/PROPN/nsubj/1 {verb} to/PART/aux/3 restore/VERB/xcomp/1/restore "
        f"{obj} with/ADP/prep/4 Cuba/PROPN/pobj/5 ./PUNCT/punct/1"
    )
    rows = (
        "lemma\twhen\tcameo\troles\n"
        "agree\txcomp=REFORMV\t034\ts>o\npledge\txcomp=REFORMV\t034\ts>o\n"
        "restore\tobj=DIPLOMATIC_TIES\t054\tsym\n"
    )
    lexicon = Lexicon(
        classes={
            **LEXICON.classes,
            "REFORMV": frozenset({"restore"}),
            "DIPLOMATIC_TIES": frozenset({"relation"}),
        },
        verbs={**LEXICON.verbs, **parse_rules("v", rows)},
        nouns=LEXICON.nouns,
    )
    doc = parse(spec)
    coder = SentenceCoder(lexicon, Arguments(tok2span=spans(doc), memory=Discourse()))
    drafts = coder.code(next(iter(doc.sents)))
    assert [(d.source.code, d.target.code, d.cameo) for d in drafts] == [("IRN", "CUB", expected)]


def test_events_would_under_said_is_a_reported_plan() -> None:
    spec = (
        "Iran/PROPN/nsubj/1 said/VERB/ROOT/1/say it/PRON/nsubj/4 would/AUX/aux/4 supply/VERB/ccomp/1/supply "
        "Russia/PROPN/dobj/4 with/ADP/prep/4 drones/NOUN/pobj/6/drone ./PUNCT/punct/1"
    )
    assert code(spec) == [("IRN", "RUS", "0332", "planned")]


def test_events_would_alone_is_speculative() -> None:
    spec = (
        "Iran/PROPN/nsubj/2 would/AUX/aux/2 supply/VERB/ROOT/2/supply "
        "Russia/PROPN/dobj/2 with/ADP/prep/2 drones/NOUN/pobj/4/drone ./PUNCT/punct/2"
    )
    assert code(spec) == [("IRN", "RUS", "072", "speculative")]


def _code_with(spec: str, args: Arguments) -> list[tuple[str, str, str, str]]:
    doc = parse(spec)
    args.tok2span.update(spans(doc, agents={"diplomats": "GOV", "forces": "MIL"}))
    drafts = SentenceCoder(LEXICON_WITH_FORCE, args).code(next(iter(doc.sents)))
    return sorted((d.source.code, d.target.code, d.cameo, d.modality.value) for d in drafts)


LEXICON_WITH_FORCE = Lexicon(
    classes=LEXICON.classes,
    verbs={**LEXICON.verbs, **parse_rules("v", "lemma\twhen\tcameo\troles\nshell\t-\t194\ts>o\n")},
    nouns=LEXICON.nouns,
)


def test_events_named_town_as_object_stands_for_its_country() -> None:
    spec = "Russia/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell Kherson/PROPN/dobj/1 ./PUNCT/punct/1"
    town = Actor(code="UKR", country="UKR", name="Kherson")
    args = Arguments(tok2span={}, memory=Discourse(), places={2: town})
    assert _code_with(spec, args) == [("RUS", "UKR", "194", "asserted")]


@pytest.mark.parametrize(
    ("verb", "namesake", "expected"),
    [
        # 'Kim' is a town in Gujarat, and far more often Kim Jong Un
        ("met/VERB/ROOT/1/meet", True, []),
        ("shelled/VERB/ROOT/1/shell", True, ["194"]),
        # without the namesake mark, the same town is met
        ("met/VERB/ROOT/1/meet", False, ["040", "040"]),
    ],
)
def test_events_town_named_like_a_person_is_a_target_of_force_only(
    verb: str, namesake: bool, expected: list[str]
) -> None:
    town = Actor(code="IND", country="IND", name="Kim")
    spec = f"Russia/PROPN/nsubj/1 {verb} Kim/PROPN/dobj/1 ./PUNCT/punct/1"
    marks = frozenset({2}) if namesake else frozenset()
    args = Arguments(tok2span={}, memory=Discourse(), places={2: town}, namesakes=marks)
    assert [c for _, _, c, _ in _code_with(spec, args)] == expected


def test_events_town_as_subject_is_not_an_actor() -> None:
    spec = "Kim/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell Russia/PROPN/dobj/1 ./PUNCT/punct/1"
    town = Actor(code="IND", country="IND", name="Kim")
    args = Arguments(tok2span={}, memory=Discourse(), places={0: town})
    assert _code_with(spec, args) == []


def test_events_conjoined_demonyms_share_the_sector_word() -> None:
    spec = (
        "Chinese/ADJ/amod/3/chinese and/CCONJ/cc/0 Cuban/ADJ/conj/0/cuban diplomats/NOUN/nsubj/4/diplomat "
        "met/VERB/ROOT/4/meet ./PUNCT/punct/4"
    )
    doc = parse(spec)
    chinese = Actor(code="CHN", country="CHN", name="Chinese")
    cuban = Actor(code="CUB", country="CUB", name="Cuban")
    tok2span = {
        0: ActorSpan(0, 1, chinese, MentionKind.DEMONYM),
        2: ActorSpan(2, 3, cuban, MentionKind.DEMONYM),
        3: ActorSpan(
            2,
            4,
            Actor(
                code="CUBGOV",
                country="CUB",
                sector="GOV",
                name="Cuban diplomats",
                kind=ActorKind.AGENT,
            ),
            MentionKind.AGENT,
        ),
    }
    coder = SentenceCoder(LEXICON, Arguments(tok2span=tok2span, memory=Discourse()))
    drafts = coder.code(next(iter(doc.sents)))
    assert sorted((d.source.code, d.target.code, d.cameo) for d in drafts) == [
        ("CHNGOV", "CUBGOV", "040"),
        ("CUBGOV", "CHNGOV", "040"),
    ]


GIVE_LEXICON = Lexicon(
    classes={**LEXICON.classes, "MEETING": frozenset({"meeting"}), "CALL": frozenset({"call"})},
    verbs={
        **LEXICON.verbs,
        **parse_rules(
            "v",
            "lemma\twhen\tcameo\troles\ngive\tobj=AID\t070\ts>o\narrive\tprep=in\t042\ts>o\n"
            "hold\tobj=MEETING\t040\tsym\nreject\t-\t120\ts>o\n",
        ),
    },
    nouns=LEXICON.nouns,
)


def _code_lexicon(spec: str, **kwargs: dict[str, str]) -> list[tuple[str, str, str]]:
    doc = parse(spec)
    coder = SentenceCoder(
        GIVE_LEXICON, Arguments(tok2span=spans(doc, **kwargs), memory=Discourse())
    )
    return sorted(
        (d.source.code, d.target.code, d.cameo) for d in coder.code(next(iter(doc.sents)))
    )


def test_events_measured_object_counts_what_it_measures() -> None:
    spec = (
        "China/PROPN/nsubj/1 gave/VERB/ROOT/1/give Cuba/PROPN/dative/1 dollars/NOUN/dobj/1/dollar "
        "of/ADP/prep/3 aid/NOUN/pobj/4 ./PUNCT/punct/1"
    )
    assert _code_lexicon(spec) == [("CHN", "CUB", "070")]


def test_events_rule_preposition_gives_the_target() -> None:
    spec = "Iran/PROPN/nsubj/1 arrived/VERB/ROOT/1/arrive in/ADP/prep/1 Moscow/PROPN/pobj/2 ./PUNCT/punct/1"
    assert _code_lexicon(spec) == [("IRN", "RUS", "042")]


def test_events_author_of_the_rejected_thing_is_the_target() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 rejected/VERB/ROOT/1/reject calls/NOUN/dobj/1/call by/ADP/prep/2 "
        "Iran/PROPN/pobj/3 ./PUNCT/punct/1"
    )
    assert _code_lexicon(spec) == [("RUS", "IRN", "120")]


def test_events_group_of_actors_is_those_actors() -> None:
    spec = (
        "A/DET/det/1 group/NOUN/nsubj/5 of/ADP/prep/1 Cuban/ADJ/amod/4/cuban diplomats/NOUN/pobj/2/diplomat "
        "held/VERB/ROOT/5/hold a/DET/det/7 meeting/NOUN/dobj/5 with/ADP/prep/5 China/PROPN/pobj/8 ./PUNCT/punct/5"
    )
    doc = parse(spec)
    agent = Actor(
        code="CUBGOV", country="CUB", sector="GOV", name="Cuban diplomats", kind=ActorKind.AGENT
    )
    china = Actor(code="CHN", country="CHN", name="China")
    tok2span = {
        3: ActorSpan(3, 5, agent, MentionKind.AGENT),
        4: ActorSpan(3, 5, agent, MentionKind.AGENT),
        9: ActorSpan(9, 10, china, MentionKind.COUNTRY),
    }
    coder = SentenceCoder(GIVE_LEXICON, Arguments(tok2span=tok2span, memory=Discourse()))
    drafts = coder.code(next(iter(doc.sents)))
    assert sorted((d.source.code, d.target.code, d.cameo) for d in drafts) == [
        ("CHN", "CUBGOV", "040"),
        ("CUBGOV", "CHN", "040"),
    ]


def test_events_a_pronoun_for_an_earlier_subject_of_the_sentence_passes_down() -> None:
    # 'Iran says it wants to supply Russia with drones': 'it' is Iran, not discourse.
    spec = (
        "Iran/PROPN/nsubj/1 says/VERB/ROOT/1/say it/PRON/nsubj/3 wants/VERB/ccomp/1/want "
        "to/PART/aux/5 supply/VERB/xcomp/3/supply Russia/PROPN/dobj/5 with/ADP/prep/5 "
        "drones/NOUN/pobj/7/drone ./PUNCT/punct/1"
    )
    assert [(s, t) for s, t, _, _ in code(spec)] == [("IRN", "RUS")]


@pytest.mark.parametrize(
    ("head_tag", "conj_tag", "expected"),
    [
        ("VB", "VBD", "asserted"),  # 'did not accuse X and supplied Y': a new clause
        ("VBN", "VBN", "negated"),  # 'has not accused X or supplied Y': one negation
        ("VBN", "VBD", "negated"),  # the tagger cannot tell these apart: keep it
    ],
)
def test_events_a_conjunct_s_negation_depends_on_its_form(
    head_tag: str, conj_tag: str, expected: str
) -> None:
    spec = (
        "Iran/PROPN/nsubj/3 has/AUX/aux/3/have not/PART/neg/3 accused/VERB/ROOT/3/accuse "
        "Cuba/PROPN/dobj/3 and/CCONJ/cc/3 supplied/VERB/conj/3/supply Russia/PROPN/dobj/6 "
        "with/ADP/prep/6 drones/NOUN/pobj/8/drone ./PUNCT/punct/3"
    )
    doc_tags = {3: head_tag, 6: conj_tag}
    doc = parse(spec)
    for index, tag in doc_tags.items():
        doc[index].tag_ = tag
    coded = code_sentences(
        ParsedArticle(tuple(doc.sents), actors=spans(doc)), CodingOptions(LEXICON)
    )
    modality = {d.cameo: d.modality.value for sentence in coded for d in sentence.drafts}
    assert modality == {"112": "negated", "072": expected}


def test_events_an_object_its_subject_owns_gives_way_to_the_target_after_it() -> None:
    # 'its ambassador' is Cuba's own; 'from Iran' (on the noun, as spaCy attaches it) is
    # the target, where the object used to stand and the self-event was dropped
    spec = (
        "Cuba/PROPN/nsubj/1 recalled/VERB/ROOT/1/recall its/PRON/poss/3/its "
        "ambassador/NOUN/dobj/1 from/ADP/prep/3 Iran/PROPN/pobj/4 ./PUNCT/punct/1"
    )
    assert code(spec, agents={"ambassador": "GOV"}) == [("CUB", "IRN", "161", "asserted")]


def test_events_an_adverbial_clause_with_its_own_subject_borrows_no_actor() -> None:
    # 'Cuba accused Iran after a missile strike killed Russians': the strike, whoever's it
    # is, is not Cuba's
    spec = (
        "Cuba/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Iran/PROPN/dobj/1 after/SCONJ/mark/7 "
        "a/DET/det/6 missile/NOUN/compound/6 strike/NOUN/nsubj/7 killed/VERB/advcl/1/kill "
        "Russia/PROPN/dobj/7 ./PUNCT/punct/1"
    )
    assert code(spec) == [("CUB", "IRN", "112", "asserted")]


def test_events_a_modifier_of_a_modifier_names_the_actor() -> None:
    # 'an Iranian missile strike killed Russians': Iranian modifies 'missile', which
    # modifies 'strike'
    spec = (
        "an/DET/det/3 Iranian/ADJ/amod/2 missile/NOUN/nmod/3 strike/NOUN/nsubj/4 "
        "killed/VERB/ROOT/4/kill Russia/PROPN/dobj/4 ./PUNCT/punct/4"
    )
    assert code(spec, agents={}) == [("IRN", "RUS", "180", "asserted")]


def test_events_two_soldiers_is_a_count_not_the_last_pair() -> None:
    spec = (
        "Russia/PROPN/nsubj/1 attacked/VERB/ROOT/1/attack Ukraine/PROPN/dobj/1 ./PUNCT/punct/1 || "
        "Cuba/PROPN/nsubj/1 detained/VERB/ROOT/1/detain two/NUM/nummod/3 "
        "soldiers/NOUN/dobj/1/soldier ./PUNCT/punct/1"
    )
    assert code(spec, agents={"soldiers": "MIL"}) == [("RUS", "UKR", "190", "asserted")]


def test_events_a_pronoun_owner_that_is_not_the_subject_leaves_the_object_the_target() -> None:
    # 'their diplomats' are the pair's (Cuba's, once Russia is left out), and 'from Moscow'
    # is Russia's own place, no target
    spec = (
        "Cuba/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Russia/PROPN/dobj/1 ./PUNCT/punct/1 || "
        "Russia/PROPN/nsubj/1 expelled/VERB/ROOT/1/expel their/PRON/poss/3/their "
        "diplomats/NOUN/dobj/1/diplomat from/ADP/prep/1 Moscow/PROPN/pobj/4 ./PUNCT/punct/1"
    )
    coded = code(spec, agents={"diplomats": "GOV"})
    assert ("RUS", "CUBGOV", "161", "asserted") in coded


def test_events_an_adverbial_clause_whose_subject_is_a_bare_sector_word_still_borrows() -> None:
    # 'after troops shelled Ukraine': the troops are no actor of their own; the main
    # clause's subject lends its country
    spec = (
        "Russia/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Cuba/PROPN/dobj/1 after/SCONJ/mark/5 "
        "troops/NOUN/nsubj/5/troop shelled/VERB/advcl/1/shell Ukraine/PROPN/dobj/5 "
        "./PUNCT/punct/1"
    )
    assert ("RUS", "UKR", "194", "asserted") in code(spec, agents={"troops": "MIL"})


def _promise_lexicon() -> Lexicon:
    rows = (
        "lemma\twhen\tcameo\troles\nagree\t-\t030\tsym\ninvite\t-\t020\ts>o\nfight\t-\t190\tsym\n"
        "offer\tobj=WEAPON\t0332\ts>o\n"
    )
    return Lexicon(
        classes=LEXICON.classes,
        verbs={**LEXICON.verbs, **parse_rules("v", rows)},
        nouns=LEXICON.nouns,
    )


def _promise_drafts(spec: str) -> list[tuple[str, str, str, str]]:
    doc = parse(spec)
    coder = SentenceCoder(_promise_lexicon(), Arguments(tok2span=spans(doc), memory=Discourse()))
    drafts = coder.code(next(iter(doc.sents)))
    return sorted((d.source.code, d.target.code, d.cameo, d.modality.value) for d in drafts)


def test_events_what_a_promise_names_is_its_content_not_a_second_event() -> None:
    # 'Iran agreed to invite Cuba': one promise (030) aimed at Cuba; the invitation is what
    # was promised, not a planned 020 of its own, and Cuba agreed to nothing.
    spec = (
        "Iran/PROPN/nsubj/1 agreed/VERB/ROOT/1/agree to/PART/aux/3 invite/VERB/xcomp/1/invite "
        "Cuba/PROPN/dobj/3 ./PUNCT/punct/1"
    )
    assert _promise_drafts(spec) == [("IRN", "CUB", "030", "asserted")]
    # Two sides agreeing to act on a third: each is aimed at the third, which agreed to
    # nothing.
    both = (
        "Iran/PROPN/nsubj/3 and/CCONJ/cc/0 Cuba/PROPN/conj/0 agreed/VERB/ROOT/3/agree "
        "to/PART/aux/5 invite/VERB/xcomp/3/invite Russia/PROPN/dobj/5 ./PUNCT/punct/3"
    )
    assert _promise_drafts(both) == [
        ("CUB", "RUS", "030", "asserted"),
        ("IRN", "RUS", "030", "asserted"),
    ]
    # A promise takes the intent of the act it names where that act has one, and a
    # hostile act promised is a threat: 'Iran agreed to attack Cuba' is 1384, one event.
    attack = spec.replace("invite/VERB/xcomp/1/invite", "attack/VERB/xcomp/1/attack")
    assert _promise_drafts(attack) == [("IRN", "CUB", "1384", "asserted")]
    # A row that names its act keeps it ('offered weapons to attack Cuba': 0332, with the
    # attack planned beside it), and a promise not to act promises no act.
    offered = (
        "Iran/PROPN/nsubj/1 offered/VERB/ROOT/1/offer weapons/NOUN/dobj/1/weapon "
        "to/PART/aux/4 attack/VERB/xcomp/1/attack Cuba/PROPN/dobj/4 ./PUNCT/punct/1"
    )
    assert ("IRN", "CUB", "0332", "asserted") in _promise_drafts(offered)
    assert ("IRN", "CUB", "1384", "asserted") not in _promise_drafts(offered)
    negated = spec.replace(
        "to/PART/aux/3 invite/VERB/xcomp/1/invite",
        "not/PART/neg/3 attack/VERB/xcomp/1/attack",
    )
    assert _promise_drafts(negated) == [("IRN", "CUB", "030", "asserted")]
    # An act of another kind that the promise does not name stands on its own, and the
    # bare promise does not take its target ('vowed to accuse Cuba' is no cooperation
    # with Cuba).
    accuse = spec.replace("invite/VERB/xcomp/1/invite", "accuse/VERB/xcomp/1/accuse")
    assert _promise_drafts(accuse) == [("IRN", "CUB", "112", "planned")]
    # A mutual act whose target comes from its complement is still mutual (no promise).
    fought = (
        "Iran/PROPN/nsubj/1 fought/VERB/ROOT/1/fight to/PART/aux/3 invite/VERB/xcomp/1/invite "
        "Cuba/PROPN/dobj/3 ./PUNCT/punct/1"
    )
    assert ("CUB", "IRN", "190", "asserted") in _promise_drafts(fought)


def test_events_what_a_charged_act_is_for_is_part_of_the_charge() -> None:
    # 'Iran accused Russia of using force to attack Cuba': the attack is charged, not done.
    spec = (
        "Iran/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Russia/PROPN/dobj/1 of/ADP/prep/1 "
        "using/VERB/pcomp/3/use force/NOUN/dobj/4/force to/PART/aux/7 attack/VERB/advcl/4/attack "
        "Cuba/PROPN/dobj/7 ./PUNCT/punct/1"
    )
    assert code(spec) == [("IRN", "RUS", "112", "asserted")]
