"""Compound actors in the model's events: each actor of a compound of one country is a side
of its own, as CAMEO codes a compound (coder 0.18, docs/training.md).

"The United States urged Sudan's army and the Rapid Support Forces to stop" gives two
events (USA -> SDNMIL, USA -> SDNREBRSF) where one pair of parties gave one; "the military
council and the opposition coalition agreed" gives both directions of the mutual act.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Span

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.conjoined import distinct_conjunct
from dyadwatch.extract.events import Draft


class DraftKey(NamedTuple):
    """What makes one of the model's events in a sentence: the pair of parties, the root,
    and the codes of the sides that are actors of a compound (empty for the others)."""

    source: str
    target: str
    root: str
    compound: tuple[str, ...] = ()


def compound_sides(
    sent: Span, source: ActorSpan, target: ActorSpan, mentions: Sequence[ActorSpan]
) -> tuple[str, ...]:
    """The codes of the sides that are one actor of a compound of their own country ('the
    army and the Rapid Support Forces'), each marked with its role."""
    return tuple(
        f"{role}:{side.actor.code}"
        for role, side in (("source", source), ("target", target))
        if distinct_conjunct(sent, side, mentions)
    )


def one_per_actor(best: Mapping[DraftKey, tuple[float, Draft]]) -> list[tuple[float, Draft]]:
    """Keep one event of a root per actor pair, its likeliest (the army named again outside
    its compound); a party-level event on the verb of a compound's event of that root is the
    compound's act told through another mention ('urged Sudan's army and the RSF, and
    Khartoum ...') and is dropped. An act of the pair on another verb stands ('and accused
    Khartoum of blocking aid')."""
    compound_acts: dict[tuple[str, str, str], set[int]] = {}
    for key, (_, draft) in best.items():
        if key.compound:
            parties = (key.source, key.target, key.root)
            compound_acts.setdefault(parties, set()).add(draft.trigger_start)
    kept: dict[tuple[str, str, str], tuple[float, Draft]] = {}
    for key, (likelihood, draft) in best.items():
        parties = (key.source, key.target, key.root)
        if not key.compound and draft.trigger_start in compound_acts.get(parties, set()):
            continue
        actors = (draft.source.code, draft.target.code, key.root)
        if actors not in kept or likelihood > kept[actors][0]:
            kept[actors] = (likelihood, draft)
    return list(kept.values())
