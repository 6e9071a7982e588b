"""Score the event coder against human-coded gold sentences: the library behind ``dyadwatch eval``.

Two gold formats are read (see ``docs/evaluation.md``): PLOVER's gold-standard records
(ISO alpha-3 actors, PLOVER types) and PETRARCH2's unit-test suite (CAMEO-style actor
codes, CAMEO event codes). Coded events are reduced to the gold's vocabulary and matched
one-to-one, record by record (``matching``); the figures are micro-averaged over all
records (``scores``).
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import operator
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from dyadwatch.config import CoderSettings
from dyadwatch.evaluate.gold import GoldKind, GoldRecord, read_gold
from dyadwatch.evaluate.matching import (
    ActorMatch,
    petrarch_actor_matches,
    reduce_event,
    score_record,
)
from dyadwatch.evaluate.scores import Counts, EvalReport, Share, calibration
from dyadwatch.records import Article, Event, Modality

logger = logging.getLogger(__name__)


class EventCoder(Protocol):
    """Anything that codes articles into events, in article order (``extract.Coder``)."""

    def code(self, articles: Iterable[Article]) -> Iterator[Event]: ...


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
    cameo_gold = kind != "plover"  # PETRARCH and corpus gold: codes and record shares too
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
        codes=_total(s.codes for s in scores) if cameo_gold else None,
        all_types=_share(s.all_types for s in scores) if cameo_gold else None,
        all_codes=_share(s.all_codes for s in scores) if cameo_gold else None,
        quiet=_share(s.quiet for s in scores) if cameo_gold else None,
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
