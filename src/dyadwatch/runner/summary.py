"""The closing summary of a run, read back from the store: events by quad class, top dyads.

The counts are queries run by the store, so the summary costs the same for a small
store and for one of millions of events.
"""

from __future__ import annotations

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
    counts = store.counts()
    quads = store.quad_counts()
    return StoreSummary(
        articles=counts["articles"],
        events=counts["events"],
        by_quad_class={quad.label: quads.get(quad.value, 0) for quad in QuadClass},
        top_dyads=tuple(DyadCount(a, b, n) for a, b, n in store.top_dyads(top)),
    )
