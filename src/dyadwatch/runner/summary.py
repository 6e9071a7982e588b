"""The closing summary of a run, read back from the store: events by quad class, top dyads.

It reads every stored event, which is fine for the stores a run summary is shown for;
a store of many millions of events would want these counts as queries in ``store/``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.records import QuadClass
from dyadwatch.store import Store


@dataclass(frozen=True, slots=True)
class DyadCount:
    """How many events one ordered dyad has."""

    source: str
    target: str
    events: int


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """What a store holds after a run."""

    articles: int
    events: int
    by_quad_class: dict[str, int]
    top_dyads: tuple[DyadCount, ...]


def summarize_store(db: str | Path, *, top: int = 5) -> StoreSummary:
    """Return the article and event counts, events per quad class and the busiest dyads.

    Dyads are ordered (source, target) country codes, counting events whose actors both
    have a country; ties go alphabetically.

    Example:
        >>> summarize_store("news.duckdb").by_quad_class  # doctest: +SKIP
        {'verbal_cooperation': 41, 'material_cooperation': 9, ...}
    """
    store = Store.open(db, read_only=True)
    events = store.events()
    quads = Counter(event.quad_class for event in events)
    dyads = Counter(
        (event.source.country, event.target.country)
        for event in events
        if event.source.country and event.target.country
    )
    busiest = sorted(dyads.items(), key=_busiest_first)[:top]
    return StoreSummary(
        articles=store.counts()["articles"],
        events=len(events),
        by_quad_class={quad.label: quads[quad] for quad in QuadClass},
        top_dyads=tuple(DyadCount(source, target, n) for (source, target), n in busiest),
    )


def _busiest_first(item: tuple[tuple[str, str], int]) -> tuple[int, tuple[str, str]]:
    dyad, count = item
    return -count, dyad
