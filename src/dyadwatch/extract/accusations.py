"""A charge told in passing: "X did something to Y, accusing them of ...".

Wire copy often gives the reason for an act in a participle whose object stands for the
act's target: "Ottawa imposed sanctions on members of Haiti's elite, accusing them of
financing gangs", "Niger's rulers ordered France's ambassador to leave, accusing him of
ignoring an invitation", "Armenia froze its participation in the CSTO, accusing the bloc of
failing to help". A careful coder codes the charge too (CAMEO 112). With a named object
("accusing Kigali of") the rules and the model code it; with a pronoun or a description
("them", "the bloc", "its neighbour") neither can say who is meant. Here it is the target
of the act the participle hangs on, from the same source: "them" stands for every target,
"him" or "the bloc" for the one. Not when the participle names no deed ("of", "for":
"blaming the move on sanctions" blames a thing), nor when the act is told by a speaker
other than its source ("Ukraine said Russia had shelled Kharkiv, accusing them of ...").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.drafts import Draft, party, unseen
from dyadwatch.extract.lexicon import word_table
from dyadwatch.records import Modality

_CUES = word_table("cues.tsv")
CHARGING_VERBS = _CUES["CHARGING_PARTICIPLES"]
PLURAL_PRONOUNS = frozenset({"them"})
CHARGE_PREPS = frozenset({"of", "for"})  # what the charged did: 'accusing X of', 'blaming X for'
REPORTING_VERBS = _CUES["REPORTING_VERBS"]
SINGULAR_PRONOUNS = frozenset({"him", "her", "it"})
DEFINITE = frozenset({"the", "its", "their", "his", "her"})
ACCUSE = "112"
MAX_HOPS = 3
CONFIDENCE = 0.7
"""What a charge read this way scores: its target is inferred from the act it explains."""


def implied(sent: Span, drafts: Sequence[Draft], tok2span: Mapping[int, ActorSpan]) -> list[Draft]:
    """Return the charges ``sent`` gives as the reason for its acts, as drafts it lacks."""
    found: list[Draft] = []
    for verb in sent:
        if verb.lemma_.lower() not in CHARGING_VERBS or verb.dep_ != "advcl":
            continue
        if not verb.lower_.endswith("ing") or any(
            c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children
        ):
            continue  # the participle 'accusing', not 'as it accused'
        charged = [c for c in verb.children if c.dep_ == "dobj"]
        if len(charged) != 1 or charged[0].i in tok2span:
            continue  # none, or named: the rules' and the model's to code
        if not any(
            c.dep_ == "prep" and c.lower_ in CHARGE_PREPS
            for w in (verb, charged[0])
            for c in w.children
        ):
            continue  # 'accusing them of', 'blaming X for'; not 'blaming the move on sanctions
        main = [
            act for act in _acts_of(verb, sent, drafts) if not _told_by_another(act, sent, tok2span)
        ]
        targets = _targets(charged[0], main)
        found.extend(_charge(act, verb, sent) for act in main if act.target.code in targets)
    return unseen(found, drafts)


def _acts_of(verb: Token, sent: Span, drafts: Sequence[Draft]) -> list[Draft]:
    """The drafts of the act the participle explains: its governor's, or the nearest one
    above it that has drafts ('announced that they were withdrawing ..., accusing'), within
    ``MAX_HOPS``. Several accusers charge one target; one accuser, one or several."""
    by_offset: dict[int, list[Draft]] = {}
    for draft in drafts:
        if draft.source.code != draft.target.code:
            by_offset.setdefault(draft.trigger_start, []).append(draft)
    node = verb
    for _ in range(MAX_HOPS):
        if node.head is node:
            return []
        node = node.head
        acts = by_offset.get(node.idx - sent.start_char)
        if acts:
            sources = {d.source.code for d in acts}
            if len(sources) > 1 and len({d.target.code for d in acts}) > 1:
                return []  # who charged whom cannot be told
            return sorted(acts, key=lambda d: -d.confidence)
    return []


def _told_by_another(act: Draft, sent: Span, tok2span: Mapping[int, ActorSpan]) -> bool:
    """'Ukraine said Russia had shelled Kharkiv, accusing them of ...': an act told by a
    speaker other than its source, whose charge the speaker's, not the source's."""
    node = next((t for t in sent if t.idx - sent.start_char == act.trigger_start), None)
    while node is not None and node.dep_ == "ccomp" and node.head is not node:
        speaker = node.head
        if speaker.lemma_.lower() in REPORTING_VERBS:
            for subject in speaker.children:
                span = tok2span.get(subject.i) if subject.dep_ == "nsubj" else None
                if span is not None and party(span.actor) != party(act.source):
                    return True
        node = speaker
    return False


def _targets(charged: Token, acts: Sequence[Draft]) -> set[str]:
    """Who 'them', 'him', 'the bloc' stands for: the act's target (each, for 'them')."""
    targets = {d.target.code for d in acts}
    word = charged.lower_
    if word in PLURAL_PRONOUNS:
        return targets
    described = charged.pos_ == "NOUN" and any(c.lower_ in DEFINITE for c in charged.children)
    if (word in SINGULAR_PRONOUNS or described) and len(targets) == 1:
        return targets
    return set()


def _charge(act: Draft, verb: Token, sent: Span) -> Draft:
    modality = Modality.REPORTED if act.modality is Modality.REPORTED else Modality.ASSERTED
    return Draft(
        source=act.source,
        target=act.target,
        cameo=ACCUSE,
        trigger=verb.text,
        modality=modality,
        confidence=CONFIDENCE,
        trigger_start=verb.idx - sent.start_char,
    )
