"""Match coded events against gold events, one to one, and score one gold record.

Coded events are first reduced to the gold's vocabulary (``reduce_event``): ISO alpha-3
actors and PLOVER types for PLOVER gold, CAMEO-style actor codes and CAMEO codes for
PETRARCH gold.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence

from dyadwatch.evaluate.gold import Coded, GoldKind
from dyadwatch.evaluate.scores import Counts, RecordScore
from dyadwatch.records import Actor, ActorKind, Event

#: Actors ``(predicted, gold)`` -> do they name the same actor in the gold's vocabulary?
ActorMatch = Callable[[str, str], bool]
#: A matching key: the actors it needs, then a label (type, CAMEO root or code; "" for none).
Key = tuple[tuple[str, ...], str]
#: Codes of non-state actors kept as they are in PLOVER gold (README of the gold files).
NON_STATE_CODES = ("IGO", "NGO", "IMG")


def petrarch_actor_matches(predicted: str, gold: str) -> bool:
    """Compare CAMEO-style actor codes by 3-letter segments, as the PETRARCH suite codes them.

    The codes match when one is a prefix of the other segment by segment (``DAG`` and
    ``DAGGOV`` match, ``DAGGOV`` and ``DAGMIL`` do not); a gold ``---`` segment (the
    suite's "no country") matches any segment.

    Example:
        >>> petrarch_actor_matches("DAG", "DAGGOV"), petrarch_actor_matches("ARNGOV", "---GOV")
        (True, True)
    """
    if not predicted or not gold:
        return predicted == gold
    mine, theirs = _segments(predicted.upper()), _segments(gold.upper())
    return all(g in {p, "---"} for p, g in zip(mine, theirs, strict=False))


def _segments(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def match_keys(
    predicted: Sequence[Key], gold: Sequence[Key], *, actors: ActorMatch = operator.eq
) -> list[tuple[int, int]]:
    """Pair predicted keys with gold keys one-to-one; return ``(predicted, gold)`` indexes.

    Labels must be equal; actors are first compared exactly, then with ``actors``, so a
    lenient actor match never takes a gold key an exact one needs.
    """
    pairs: list[tuple[int, int]] = []
    free = list(range(len(gold)))
    taken: set[int] = set()
    for same in (operator.eq, actors):
        for i, key in enumerate(predicted):
            if i in taken:
                continue
            j = next((j for j in free if _keys_match(key, gold[j], same)), None)
            if j is not None:
                pairs.append((i, j))
                free.remove(j)
                taken.add(i)
    return pairs


def _keys_match(predicted: Key, gold: Key, actors: ActorMatch) -> bool:
    pairs = zip(predicted[0], gold[0], strict=True)
    return predicted[1] == gold[1] and all(actors(p, g) for p, g in pairs)


def keys(events: Iterable[Coded], measure: str, *, distinct: bool = False) -> list[Key]:
    """Return the matching keys of ``events`` for ``measure``: triple, code, pair or type.

    Example:
        >>> keys([Coded("RUS", "PRK", "AGREE", "AGREE")], "pair")
        [(('RUS', 'PRK'), '')]
    """
    found: list[Key] = []
    for event in events:
        label = {"triple": event.type, "type": event.type, "code": event.code}.get(measure, "")
        found.append((() if measure == "type" else (event.source, event.target), label))
    return sorted(set(found)) if distinct else found


def count(
    predicted: Iterable[Coded],
    gold: Iterable[Coded],
    measure: str,
    *,
    actors: ActorMatch = operator.eq,
) -> Counts:
    """Count TP/FP/FN of ``predicted`` against ``gold`` on one measure.

    Triples and codes are multisets; types and pairs are sets per sentence.

    Example:
        >>> agree = Coded("RUS", "PRK", "AGREE", "AGREE")
        >>> count([agree, agree], [agree], "triple"), count([agree, agree], [agree], "type")
        (Counts(tp=1, fp=1, fn=0), Counts(tp=1, fp=0, fn=0))
    """
    distinct = measure in {"type", "pair"}
    mine, theirs = (
        keys(predicted, measure, distinct=distinct),
        keys(gold, measure, distinct=distinct),
    )
    tp = len(match_keys(mine, theirs, actors=actors))
    return Counts(tp=tp, fp=len(mine) - tp, fn=len(theirs) - tp)


def score_record(
    gold: Sequence[Coded], predicted: Sequence[Coded], *, actors: ActorMatch = operator.eq
) -> RecordScore:
    """Score one record's predicted events against its gold events.

    Triples, pairs and codes need both actors, so they stay ``None`` when a gold event
    lacks one: such a one-sided record counts for types only.
    """
    types = count(predicted, gold, "type")
    if not all(event.source and event.target for event in gold):
        return RecordScore(types=types)
    matched = match_keys(keys(predicted, "triple"), keys(gold, "triple"), actors=actors)
    codes = count(predicted, gold, "code", actors=actors)
    hit = {i for i, _ in matched}
    return RecordScore(
        types=types,
        triples=Counts(tp=len(hit), fp=len(predicted) - len(hit), fn=len(gold) - len(hit)),
        pairs=count(predicted, gold, "pair", actors=actors),
        codes=codes,
        by_type=_by_type(gold, predicted, matched),
        confusion=_confusion(gold, predicted, matched, actors),
        outcomes=tuple((event.confidence, i in hit) for i, event in enumerate(predicted)),
        all_types=len(hit) == len(gold) if gold else None,
        all_codes=codes.fn == 0 if gold else None,
        quiet=not predicted if not gold else None,
    )


def _by_type(
    gold: Sequence[Coded], predicted: Sequence[Coded], matched: list[tuple[int, int]]
) -> tuple[tuple[str, Counts], ...]:
    hit, found = {i for i, _ in matched}, {j for _, j in matched}
    rows = [(gold[j].type, Counts(tp=1) if j in found else Counts(fn=1)) for j in range(len(gold))]
    rows += [(event.type, Counts(fp=1)) for i, event in enumerate(predicted) if i not in hit]
    return tuple(rows)


def _confusion(
    gold: Sequence[Coded],
    predicted: Sequence[Coded],
    matched: list[tuple[int, int]],
    actors: ActorMatch,
) -> tuple[tuple[str, str], ...]:
    """Return (gold type, predicted type) for events whose actor pair matches."""
    hit, found = {i for i, _ in matched}, {j for _, j in matched}
    rest_p = [event for i, event in enumerate(predicted) if i not in hit]
    rest_g = [event for j, event in enumerate(gold) if j not in found]
    pairs = match_keys(keys(rest_p, "pair"), keys(rest_g, "pair"), actors=actors)
    cells = [(gold[j].type, predicted[i].type) for i, j in matched]
    return tuple(cells + [(rest_g[j].type, rest_p[i].type) for i, j in pairs])


# --- vocabularies -----------------------------------------------------------------------


def iso_actor(actor: Actor) -> str:
    """Map a coded actor onto PLOVER gold's vocabulary (ISO alpha-3, IGO, NGO or IMG).

    An ``IGO``/``NGO``/``IMG`` code prefix wins; then the actor's country; then its kind
    (an IGO without that prefix -> ``IGO``; a non-state group with no country -> ``IMG``,
    the gold's "international militarised group"). A national rebel group keeps its
    country, as the gold codes domestic groups.

    Example:
        >>> iso_actor(Actor(code="IGOUNO", country=""))
        'IGO'

    """
    prefix = actor.code[:3].upper()
    if prefix in NON_STATE_CODES:
        return prefix
    if actor.country:
        return actor.country
    return {ActorKind.IGO: "IGO", ActorKind.NSA: "IMG"}.get(actor.kind, "")


def reduce_event(event: Event, kind: GoldKind) -> Coded:
    """Reduce a coded event to the gold vocabulary of ``kind``."""
    if kind == "plover":
        source, target = iso_actor(event.source), iso_actor(event.target)
        return Coded(source, target, event.plover_type, event.plover_type, event.confidence)
    if kind == "corpus":
        source, target = iso_actor(event.source), iso_actor(event.target)
        return Coded(source, target, event.root, event.cameo, event.confidence)
    return Coded(event.source.code, event.target.code, event.root, event.cameo, event.confidence)
