"""An event draft: what one predicate's parse supports, how confident, and one per dyad.

A draft is what the parse supports before the ontology adds quad class, Goldstein and
PLOVER: source, target, CAMEO code, trigger, modality and a confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyadwatch.extract.arguments import Found, Via
from dyadwatch.extract.lexicon import Rule
from dyadwatch.records import Actor, ActorKind, Modality


@dataclass(frozen=True, slots=True)
class Draft:
    """An event found in a sentence, before ontology look-ups."""

    source: Actor
    target: Actor
    cameo: str
    trigger: str
    modality: Modality
    confidence: float
    nominal: bool = False
    trigger_start: int = 0  # offset of the predicate in its sentence
    clause: str = ""  # the words that can say when this predicate happened
    symmetric: bool = False  # coded both ways ('met', 'fought'): no side's country is the scene
    # Where the act begins that the predicate, a verb of saying, reports ('said Canada had
    # expelled'): the model's drafts set it, so the hybrid tells the rules' own act from
    # another one of the same pair. Equal to ``trigger_start`` when no speech is between.
    act_start: int | None = None


def confidence(
    rule: Rule,
    source: Found,
    target: Found,
    *,
    nominal: bool,
    sent_len: int,
    modality: Modality = Modality.ASSERTED,
) -> float:
    """Score how likely a draft is right, from how its parts were found.

    The weights follow what predicts a wrong event on gold data (docs/evaluation.md):
    actors found indirectly, organisations and armed groups (their codes vary most
    between coders), long sentences, hedged events.
    """
    score = 0.85 if rule.specificity else 0.75
    if nominal:
        score -= 0.1
    for found in (source, target):
        if found.via is Via.INHERITED:
            score -= 0.05
        elif found.via in {Via.DISCOURSE, Via.PLACE, Via.NAMESAKE, Via.SITE, Via.IMPLICIT}:
            score -= 0.15
        if found.actor.kind in {ActorKind.IGO, ActorKind.NSA}:
            score -= 0.1
    if sent_len > 40:
        score -= 0.1
    if modality is Modality.SPECULATIVE:
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 3)


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """Keep one draft per (source, target, CAMEO root): the most specific, most confident."""
    best: dict[tuple[str, str, str], Draft] = {}
    for draft in drafts:
        key = (draft.source.code, draft.target.code, draft.cameo[:2])
        kept = best.get(key)
        if kept is None or (len(draft.cameo), draft.confidence) > (
            len(kept.cameo),
            kept.confidence,
        ):
            best[key] = draft
    return list(best.values())


def party(actor: Actor) -> str:
    """Whom an actor stands for as a party: its country, else its own code (an IGO)."""
    return actor.country or actor.code


def unseen(found: Sequence[Draft], drafts: Sequence[Draft]) -> list[Draft]:
    """Return the drafts of ``found`` whose pair and CAMEO root ``drafts`` lack, once each:
    for the events a sentence tells in passing (``meetings``, ``accusations``), which add
    nothing where the pair already has such an event ('met' beside 'after talks')."""
    seen = {_pair_root(d) for d in drafts}
    out: list[Draft] = []
    for draft in found:
        if (key := _pair_root(draft)) not in seen:
            seen.add(key)
            out.append(draft)
    return out


def _pair_root(draft: Draft) -> tuple[str, str, str]:
    """A pair of countries and a root; within one country, a pair of actors (the army and
    the rebels' talks are two events, one each way)."""
    source, target = draft.source, draft.target
    if source.country and target.country and source.country != target.country:
        return source.country, target.country, draft.cameo[:2]
    return source.code, target.code, draft.cameo[:2]


def trigger_text(pred: Token, *, nominal: bool) -> str:
    """Return the words that name the act.

    A noun alone, or a verb with its particle, negation and noun object: 'cut off',
    'not attack', 'sent troops'.
    """
    if nominal:
        return pred.text
    words = [pred]
    words.extend(c for c in pred.children if c.dep_ in {"prt", "neg"})
    words.extend(c for c in pred.children if c.dep_ == "dobj" and c.pos_ == "NOUN")
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
