"""The per-sentence coding loop on hand-built Docs: skipping, discourse, learned proposals."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from dyadwatch.extract.events import Draft
from dyadwatch.extract.learned import Proposal, Reading, merge
from dyadwatch.extract.lexicon import Lexicon, parse_classes, parse_rules
from dyadwatch.extract.sentences import CodingOptions, ParsedArticle, code_sentences
from dyadwatch.records import Actor, CoderKind, Modality

from .docs_builder import parse, spans

LEXICON = Lexicon(
    classes=parse_classes("classes", "class\twords\n"),
    verbs=parse_rules("verbs", "lemma\twhen\tcameo\troles\tnote\naccuse\t-\t112\ts>o\n"),
    nouns=parse_rules("nouns", "lemma\twhen\tcameo\troles\tnote\n"),
)
ACCUSE = "Iran/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Cuba/PROPN/dobj/1 ./PUNCT/punct/1"
# A second sentence whose subject is a pronoun: 'It accused Russia.'
PRONOUN = "It/PRON/nsubj/1/it accused/VERB/ROOT/1/accuse Russia/PROPN/dobj/1 ./PUNCT/punct/1"
PROPOSAL = Draft(
    source=Actor(code="CUB", country="CUB"),
    target=Actor(code="IRN", country="IRN"),
    cameo="040",
    trigger="met",
    modality=Modality.ASSERTED,
    confidence=0.7,
)


def _coded(spec: str, options: CodingOptions, proposals: tuple[Proposal, ...] = ()):
    doc = parse(spec)
    article = ParsedArticle(tuple(doc.sents), actors=spans(doc))

    def propose(indices: Sequence[int]) -> list[Proposal]:
        return [proposals[i] for i in indices]

    return code_sentences(article, options, propose if proposals else None)


def _pairs(coded) -> list[list[tuple[str, str, str]]]:
    return [[(d.source.code, d.target.code, d.cameo) for d in s.drafts] for s in coded]


def test_sentences_a_pronoun_stands_for_the_earlier_sentence_s_subject() -> None:
    coded = _coded(f"{ACCUSE} || {PRONOUN}", CodingOptions(LEXICON))
    assert _pairs(coded) == [[("IRN", "CUB", "112")], [("IRN", "RUS", "112")]]
    assert [s.index for s in coded] == [0, 1]


def test_sentences_an_object_pronoun_is_not_a_country_its_own_subject_names() -> None:
    # 'Iran accused Cuba. Russia and Iran accused it.': 'it' is not Iran, the subject's own.
    object_it = (
        "Russia/PROPN/nsubj/3 and/CCONJ/cc/0 Iran/PROPN/conj/0 accused/VERB/ROOT/3/accuse "
        "it/PRON/dobj/3/it ./PUNCT/punct/3"
    )
    coded = _coded(f"{ACCUSE} || {object_it}", CodingOptions(LEXICON))
    assert _pairs(coded) == [[("IRN", "CUB", "112")], []]


def test_sentences_a_pronoun_after_a_preposition_is_not_its_clause_s_subject() -> None:
    # 'Iran accused Cuba. Russia and Iran voted against it.': 'it' hangs off 'against', and
    # its clause's subject is still the verb's ('voted'), so 'it' is not Iran.
    lexicon = Lexicon(
        classes=LEXICON.classes,
        verbs=parse_rules(
            "verbs",
            "lemma\twhen\tcameo\troles\tnote\naccuse\t-\t112\ts>o\nvote\tprep=against\t128\ts>o\n",
        ),
        nouns=LEXICON.nouns,
    )
    against_it = (
        "Russia/PROPN/nsubj/3 and/CCONJ/cc/0 Iran/PROPN/conj/0 voted/VERB/ROOT/3/vote "
        "against/ADP/prep/3/against it/PRON/pobj/4/it ./PUNCT/punct/3"
    )
    coded = _coded(f"{ACCUSE} || {against_it}", CodingOptions(lexicon))
    assert _pairs(coded) == [[("IRN", "CUB", "112")], []]


def test_sentences_too_long_is_skipped_and_later_ones_still_coded() -> None:
    long = "Cuba/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Iran/PROPN/dobj/1 " + " ".join(
        "again/ADV/advmod/1/again" for _ in range(3)
    )
    coded = _coded(f"{long} || {ACCUSE}", CodingOptions(LEXICON, max_sentence_tokens=4))
    assert [s.skipped for s in coded] == [True, False]
    assert _pairs(coded) == [[], [("IRN", "CUB", "112")]]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CoderKind.RULES, [("IRN", "CUB", "112")]),  # proposals are the model's: none here
        # the rules' draft stands; the model adds the pair they left uncoded
        (CoderKind.HYBRID, [("IRN", "CUB", "112"), ("CUB", "IRN", "040")]),
        (CoderKind.LEARNED, [("CUB", "IRN", "040")]),  # only the model codes
    ],
)
def test_sentences_learned_proposals_add_the_pairs_the_rules_left(
    kind: CoderKind, expected: list[tuple[str, str, str]]
) -> None:
    proposals = (Proposal(),) if kind is CoderKind.RULES else (Proposal((PROPOSAL,)),)
    coded = _coded(ACCUSE, CodingOptions(LEXICON, kind=kind), proposals)
    assert _pairs(coded) == [expected]


def test_sentences_hybrid_takes_the_proposal_when_no_rule_matched() -> None:
    silent = "Iran/PROPN/nsubj/1 met/VERB/ROOT/1/meet Cuba/PROPN/dobj/1 ./PUNCT/punct/1"
    coded = _coded(silent, CodingOptions(LEXICON, kind=CoderKind.HYBRID), (Proposal((PROPOSAL,)),))
    assert _pairs(coded) == [[("CUB", "IRN", "040")]]


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        (None, [("IRN", "CUB", "112", 0.75)]),  # not read: the rules' draft as it was
        (Reading(0.01, "11"), []),  # the model reads no event between them: vetoed
        (Reading(0.3, "04"), [("IRN", "CUB", "112", 0.75)]),  # unsure: left alone
        (Reading(0.9, "11"), [("IRN", "CUB", "112", 0.8)]),  # same root: confirmed
        (Reading(0.9, "04"), [("IRN", "CUB", "112", 0.65)]),  # another root: doubted
    ],
)
def test_sentences_hybrid_model_judges_the_rules_drafts(
    reading: Reading | None, expected: list[tuple[str, str, str, float]]
) -> None:
    readings = {} if reading is None else {("IRN", "CUB"): reading}
    coded = _coded(ACCUSE, CodingOptions(LEXICON, kind=CoderKind.HYBRID), (Proposal((), readings),))
    drafts = [(d.source.code, d.target.code, d.cameo, d.confidence) for d in coded[0].drafts]
    assert drafts == expected


def test_sentences_hybrid_judges_a_mutual_act_one_direction_at_a_time() -> None:
    # 'Iran met Cuba': coded both ways; each direction stands or falls on its own reading.
    lexicon = Lexicon(
        classes=LEXICON.classes,
        verbs=parse_rules("verbs", "lemma\twhen\tcameo\troles\tnote\nmeet\t-\t040\tsym\n"),
        nouns=LEXICON.nouns,
    )
    met = "Iran/PROPN/nsubj/1 met/VERB/ROOT/1/meet Cuba/PROPN/dobj/1 ./PUNCT/punct/1"
    readings = {("IRN", "CUB"): Reading(0.9, "04"), ("CUB", "IRN"): Reading(0.01, "04")}
    options = CodingOptions(lexicon, kind=CoderKind.HYBRID)
    coded = _coded(met, options, (Proposal((), readings),))
    assert _pairs(coded) == [[("IRN", "CUB", "040")]]


@pytest.mark.parametrize(
    ("cameo", "trigger_start", "act_start", "expected"),
    [
        # the model reads the rules' own act (Iran -> Cuba on 'accused') as 111: the same
        # act read another way; the rules' 112 stands alone
        ("111", 5, 5, [("IRN", "CUB", "112", 0.75)]),
        # the same root on another word: the rules already coded an event of that root
        ("110", 0, 0, [("IRN", "CUB", "112", 0.75)]),
        # another root on another word: a second event of the pair, its confidence capped
        ("040", 0, 0, [("IRN", "CUB", "112", 0.75), ("IRN", "CUB", "040", 0.6)]),
        # another root on a verb of saying ('said', at 0) that reports the rules' act
        # ('accused', at 5): the same act read another way
        ("040", 0, 5, [("IRN", "CUB", "112", 0.75)]),
    ],
)
def test_sentences_hybrid_model_draft_for_a_pair_the_rules_coded(
    cameo: str, trigger_start: int, act_start: int, expected: list[tuple[str, str, str, float]]
) -> None:
    same_pair = dataclasses.replace(
        PROPOSAL,
        source=PROPOSAL.target,
        target=PROPOSAL.source,
        cameo=cameo,
        trigger_start=trigger_start,
        act_start=act_start,
        confidence=0.79,
    )
    coded = _coded(ACCUSE, CodingOptions(LEXICON, kind=CoderKind.HYBRID), (Proposal((same_pair,)),))
    assert coded[0].drafts[0].trigger_start == 5  # 'accused'
    drafts = [(d.source.code, d.target.code, d.cameo, d.confidence) for d in coded[0].drafts]
    assert drafts == expected


RULE = Draft(
    source=Actor(code="IRN", country="IRN"),
    target=Actor(code="CUB", country="CUB"),
    cameo="112",
    trigger="accused",
    modality=Modality.ASSERTED,
    confidence=0.65,
    trigger_start=5,
)


@pytest.mark.parametrize(
    ("rule_confidence", "probability", "trigger_start", "act_start", "expected"),
    [
        # an unsure rule draft, the model reading another root on its predicate: it gives way
        (0.65, 0.9, 5, 5, [("040", 0.79)]),
        # ... or on a verb of saying ('said', at 0) that reports it ('accused', at 5)
        (0.65, 0.9, 0, 5, [("040", 0.79)]),
        # a surer rule draft stands, doubted, and the model's same act is dropped
        (0.75, 0.9, 5, 5, [("112", 0.65)]),
        # the model unsure of the pair: the rules' draft stands as it was
        (0.65, 0.4, 5, 5, [("112", 0.65)]),
        # another predicate: another act, so both stand, the model's a capped second event
        (0.65, 0.9, 0, 0, [("112", 0.55), ("040", 0.6)]),
    ],
)
def test_merge_an_unsure_rule_draft_gives_way_to_the_model_on_its_own_predicate(
    rule_confidence: float,
    probability: float,
    trigger_start: int,
    act_start: int,
    expected: list[tuple[str, float]],
) -> None:
    rule = dataclasses.replace(RULE, confidence=rule_confidence)
    model = dataclasses.replace(
        RULE, cameo="040", trigger="met", confidence=0.79,
        trigger_start=trigger_start, act_start=act_start,
    )  # fmt: skip
    readings = {("IRN", "CUB"): Reading(probability, "04")}
    merged = merge([rule], Proposal((model,), readings))
    assert [(d.cameo, d.confidence) for d in merged] == expected


def test_merge_the_model_draft_an_unsure_rule_gave_way_to_stands_beside_the_pairs_others() -> None:
    # an unsure 030 of the rules on 'agreed' gives way to the model's 044 there, which
    # stands though a negated 040 of the rules on another word shares its root ('agreed
    # not to ... and did not meet'); a negated model draft takes no rule's place
    rule = dataclasses.replace(RULE, cameo="030", trigger="agreed", confidence=0.55)
    meeting = dataclasses.replace(
        RULE, cameo="040", trigger="meeting", modality=Modality.NEGATED, trigger_start=40
    )
    model = dataclasses.replace(rule, cameo="044", confidence=0.79, act_start=5)
    readings = {("IRN", "CUB"): Reading(0.84, "04")}
    merged = merge([rule, meeting], Proposal((model,), readings))
    assert [(d.cameo, d.modality.value) for d in merged] == [
        ("040", "negated"),
        ("044", "asserted"),
    ]
    negated = dataclasses.replace(model, modality=Modality.NEGATED)
    merged = merge([rule, meeting], Proposal((negated,), readings))
    assert [d.cameo for d in merged] == ["030", "040"]
    # with the meeting asserted, the model's 044 would be a second 04: the rules' 030 stays
    held = dataclasses.replace(meeting, modality=Modality.ASSERTED)
    merged = merge([rule, held], Proposal((model,), readings))
    assert [d.cameo for d in merged] == ["030", "040"]


def test_merge_a_rule_gives_way_only_to_the_model_s_likeliest_root_and_keeps_no_twin() -> None:
    rule = dataclasses.replace(RULE, cameo="030", trigger="agreed", confidence=0.55)
    likeliest = dataclasses.replace(rule, cameo="040", confidence=0.79, trigger_start=20)
    second = dataclasses.replace(rule, cameo="020", confidence=0.6)  # a capped second reading
    readings = {("IRN", "CUB"): Reading(0.84, "04")}
    # the model's likeliest root (04) is on another word: the rules' 030 stands, doubted
    merged = merge([rule], Proposal((likeliest, second), readings))
    assert [d.cameo for d in merged] == ["030", "040"]
    # once it gives way, the model's own reading of its root on its word is not kept
    on_rule = dataclasses.replace(likeliest, trigger_start=5)
    twin = dataclasses.replace(rule, cameo="036", confidence=0.6)
    merged = merge([rule], Proposal((on_rule, twin), readings))
    assert [d.cameo for d in merged] == ["040"]
