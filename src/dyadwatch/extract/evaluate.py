"""Score the event coder against human-coded gold sentences: the library behind ``dyadwatch eval``.

Two gold formats are read (see ``docs/evaluation.md``): PLOVER's gold-standard records
(ISO alpha-3 actors, PLOVER types) and PETRARCH2's unit-test suite (CAMEO-style actor
codes, CAMEO event codes). Coded events are reduced to the gold's vocabulary and matched
one-to-one, record by record; the figures are micro-averaged over all records.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from dyadwatch.config import CoderSettings
from dyadwatch.extract.gold import Coded, GoldKind, GoldRecord, read_gold
from dyadwatch.records import Actor, ActorKind, Article, Event, Modality

logger = logging.getLogger(__name__)
#: Actors ``(predicted, gold)`` -> do they name the same actor in the gold's vocabulary?
ActorMatch = Callable[[str, str], bool]
#: A matching key: the actors it needs, then a label (type, CAMEO root or code; "" for none).
Key = tuple[tuple[str, ...], str]

#: Lower edges of the confidence bins of the reliability table; the last bin ends at 1.0.
BIN_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
#: Codes of non-state actors kept as they are in PLOVER gold (README of the gold files).
NON_STATE_CODES = ("IGO", "NGO", "IMG")


class EventCoder(Protocol):
    """Anything that codes articles into events, in article order (``extract.Coder``)."""

    def code(self, articles: Iterable[Article]) -> Iterator[Event]: ...


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0.0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the counts with precision, recall and F1 (four decimals)."""
        rates = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn} | {
            k: round(v, 4) for k, v in rates.items()
        }


@dataclass(frozen=True, slots=True)
class Share:
    """How many of ``records`` were ``hits``."""

    records: int = 0
    hits: int = 0

    @property
    def share(self) -> float:
        """hits / records; 0.0 with no records."""
        return self.hits / self.records if self.records else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return records, hits and the share."""
        return {"records": self.records, "hits": self.hits, "share": round(self.share, 4)}


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Predicted events whose confidence lies in ``[low, high)`` (the last bin includes 1.0)."""

    low: float
    high: float
    events: int
    correct: int
    mean_confidence: float

    @property
    def precision(self) -> float:
        """Share of the bin's events that match a gold event."""
        return self.correct / self.events if self.events else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the bin with its observed precision."""
        plain: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        plain["mean_confidence"] = round(self.mean_confidence, 4)
        return plain | {"precision": round(self.precision, 4)}


@dataclass(frozen=True, slots=True)
class RecordScore:
    """The scores of one gold record; ``None`` where the record does not count."""

    types: Counts
    triples: Counts | None = None
    pairs: Counts | None = None
    codes: Counts | None = None
    by_type: tuple[tuple[str, Counts], ...] = ()
    confusion: tuple[tuple[str, str], ...] = ()
    outcomes: tuple[tuple[float, bool], ...] = ()
    all_types: bool | None = None
    all_codes: bool | None = None
    quiet: bool | None = None


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Every figure of one evaluation; ``to_dict`` gives the JSON form."""

    path: str
    kind: GoldKind
    include_negated: bool
    records: int
    skipped: int
    one_sided: int
    gold_events: int
    predicted_events: int
    gold_scored: int
    predicted_scored: int
    negated_excluded: int
    triples: Counts
    types: Counts
    pairs: Counts
    codes: Counts | None
    all_types: Share | None
    all_codes: Share | None
    quiet: Share | None
    by_type: tuple[tuple[str, Counts], ...]
    confusion: tuple[tuple[str, str, int], ...]
    modality: tuple[tuple[str, int], ...]
    calibration: tuple[CalibrationBin, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable values."""
        plain: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            plain[name] = value.to_dict() if hasattr(value, "to_dict") else value
        plain["by_type"] = [{"type": name} | counts.to_dict() for name, counts in self.by_type]
        plain["confusion"] = [{"gold": g, "predicted": p, "count": n} for g, p, n in self.confusion]
        plain["modality"] = dict(self.modality)
        plain["calibration"] = [row.to_dict() for row in self.calibration]
        return plain


# --- matching -------------------------------------------------------------------------


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


def calibration(outcomes: Iterable[tuple[float, bool]]) -> tuple[CalibrationBin, ...]:
    """Bin predicted events by confidence and give each bin's observed precision.

    Example:
        >>> [b.events for b in calibration([(0.95, True), (0.55, False), (1.0, True)])]
        [0, 1, 0, 0, 0, 2]
    """
    bins: list[list[tuple[float, bool]]] = [[] for _ in BIN_EDGES]
    for confidence, correct in outcomes:
        index = sum(1 for edge in BIN_EDGES[1:] if confidence >= edge)
        bins[index].append((confidence, correct))
    highs = (*BIN_EDGES[1:], 1.0)
    return tuple(
        _bin(low, high, rows) for low, high, rows in zip(BIN_EDGES, highs, bins, strict=True)
    )


def _bin(low: float, high: float, rows: list[tuple[float, bool]]) -> CalibrationBin:
    mean = sum(confidence for confidence, _ in rows) / len(rows) if rows else 0.0
    correct = sum(1 for _, ok in rows if ok)
    return CalibrationBin(
        low=low, high=high, events=len(rows), correct=correct, mean_confidence=mean
    )


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
    return Coded(event.source.code, event.target.code, event.root, event.cameo, event.confidence)


# --- the driver -----------------------------------------------------------------------


def evaluate_file(
    path: str | Path, *, coder: EventCoder, include_negated: bool = False, limit: int | None = None
) -> EvalReport:
    """Code every valid sentence of a gold file and score the events against the gold.

    Args:
        path: a ``plover-gsr.jsonl``- or ``petrarch-unit.jsonl``-shaped file.
        coder: the coder to measure, e.g. ``Coder(build_nlp(settings.coder))``.
        include_negated: also score events the coder marked negated.
        limit: read only the first ``limit`` records.

    Example:
        >>> report = evaluate_file("plover-gsr.jsonl", coder=coder)  # doctest: +SKIP
        >>> report.triples.f1  # doctest: +SKIP
    """
    gold = read_gold(path)
    records = gold.records[:limit]
    valid = [record for record in records if record.valid]
    ids = dict(zip(_unique_ids(valid, path=str(path)), valid, strict=True))
    articles = [Article(id=i, date=r.date, title="", text=r.text) for i, r in ids.items()]
    events: dict[str, list[Event]] = collections.defaultdict(list)
    for event in coder.code(articles):
        events[event.article_id].append(event)
    coded = [(record, events[i]) for i, record in ids.items()]
    skipped = len(records) - len(valid)
    return summarise(
        coded, kind=gold.kind, path=str(path), include_negated=include_negated, skipped=skipped
    )


def evaluate_coders(
    path: str | Path,
    *,
    kinds: Sequence[str],
    settings: CoderSettings,
    include_negated: bool = False,
    limit: int | None = None,
) -> dict[str, EvalReport]:
    """Score each coder kind ("rules", "learned", "hybrid") on one gold file."""
    from dyadwatch.extract.coder import Coder
    from dyadwatch.extract.nlp import build_nlp

    reports = {}
    for kind in kinds:
        nlp = build_nlp(dataclasses.replace(settings, kind=kind))
        coder = Coder(nlp, batch_size=settings.batch_size)
        reports[kind] = evaluate_file(
            path, coder=coder, include_negated=include_negated, limit=limit
        )
    return reports


def _unique_ids(records: Sequence[GoldRecord], *, path: str) -> list[str]:
    """Return the records' ids, with ``#2``, ``#3`` ... added to repeats (the gold has some)."""
    seen: collections.Counter[str] = collections.Counter()
    ids = []
    for record in records:
        seen[record.id] += 1
        ids.append(record.id if seen[record.id] == 1 else f"{record.id}#{seen[record.id]}")
    if repeated := sorted(name for name, n in seen.items() if n > 1):
        logger.warning(
            "%s: %d ids repeat (%s); each record is scored on its own",
            path,
            len(repeated),
            ", ".join(repeated),
        )
    return ids


def summarise(
    coded: Sequence[tuple[GoldRecord, Sequence[Event]]],
    *,
    kind: GoldKind,
    path: str = "",
    include_negated: bool = False,
    skipped: int = 0,
) -> EvalReport:
    """Score each gold record against its coded events and add the scores up."""
    actors: ActorMatch = petrarch_actor_matches if kind == "petrarch" else operator.eq
    kept = [
        (r, [e for e in events if include_negated or e.modality != Modality.NEGATED])
        for r, events in coded
    ]
    scores = [
        score_record(r.events, [reduce_event(e, kind) for e in events], actors=actors)
        for r, events in kept
    ]
    modality = collections.Counter(event.modality.value for _, events in coded for event in events)
    confusion = collections.Counter(cell for score in scores for cell in score.confusion)
    petrarch = kind == "petrarch"
    return EvalReport(
        path=path, kind=kind, include_negated=include_negated, records=len(coded), skipped=skipped,
        one_sided=sum(1 for r, _ in kept if not r.two_sided),
        gold_events=sum(len(r.events) for r, _ in kept),
        predicted_events=modality.total(),
        gold_scored=sum(len(r.events) for r, _ in kept if r.two_sided),
        predicted_scored=sum(len(events) for r, events in kept if r.two_sided),
        negated_excluded=modality.total() - sum(len(events) for _, events in kept),
        triples=_total(s.triples for s in scores),
        types=_total(s.types for s in scores),
        pairs=_total(s.pairs for s in scores),
        codes=_total(s.codes for s in scores) if petrarch else None,
        all_types=_share(s.all_types for s in scores) if petrarch else None,
        all_codes=_share(s.all_codes for s in scores) if petrarch else None,
        quiet=_share(s.quiet for s in scores) if petrarch else None,
        by_type=_type_table(row for s in scores for row in s.by_type),
        confusion=tuple((gold, predicted, n) for (gold, predicted), n in sorted(confusion.items())),
        modality=tuple(sorted(modality.items())),
        calibration=calibration(outcome for s in scores for outcome in s.outcomes),
    )  # fmt: skip


def _total(counts: Iterable[Counts | None]) -> Counts:
    return sum((c for c in counts if c is not None), Counts())


def _share(flags: Iterable[bool | None]) -> Share:
    known = [flag for flag in flags if flag is not None]
    return Share(records=len(known), hits=sum(known))


def _type_table(rows: Iterable[tuple[str, Counts]]) -> tuple[tuple[str, Counts], ...]:
    """Add up counts per type, worst (most FN + FP) first."""
    totals: dict[str, Counts] = collections.defaultdict(Counts)
    for name, counts in rows:
        totals[name] += counts
    return tuple(sorted(totals.items(), key=_badness))


def _badness(row: tuple[str, Counts]) -> tuple[int, str]:
    return (-(row[1].fn + row[1].fp), row[0])
