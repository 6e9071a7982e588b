"""Synthetic events and stores for the analyze tests (no coder, no articles needed)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from pathlib import Path

from dyadwatch.ontology import cameo
from dyadwatch.records import Actor, ActorKind, Event, Modality
from dyadwatch.store import Store


def event(
    source: str,
    target: str,
    day: datetime.date | str,
    code: str,
    *,
    modality: Modality = Modality.ASSERTED,
    article: str = "",
    sector: str = "",
    target_sector: str = "",
    target_kind: ActorKind | None = None,
    serial: int = 0,
) -> Event:
    """Return an event coded ``code`` from ``source`` to ``target`` on ``day``; ``sector``
    and ``target_sector`` make its sides agents of those countries (``target_kind`` another
    kind of mention: a capital is a ``COUNTRY`` with the sector GOV)."""
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    entry = cameo.get(code)
    article = article or f"art-{source}-{target}-{day.isoformat()}"
    key = f"{article}|{serial}|{source}|{target}|{code}|{modality.value}|{sector}"
    if target_sector or target_kind:  # ids of events without them stay as they were
        key += f"|{target_sector}|{target_kind.value if target_kind else ''}"
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest(),
        article_id=article,
        date=day,
        sentence_index=serial,
        start=0,
        end=10,
        source=Actor(code=source + sector, country=source, sector=sector),
        target=Actor(
            code=target + target_sector,
            country=target,
            sector=target_sector,
            kind=target_kind or (ActorKind.AGENT if target_sector else ActorKind.COUNTRY),
        ),
        cameo=code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover_type=entry.plover_type,
        plover_mode=entry.plover_mode,
        modality=modality,
        trigger="x",
        evidence=f"{source} {entry.name.lower()} {target}.",
        confidence=0.9,
        coder_version="test",
    )


def build_store(path: Path, events: Iterable[Event]) -> Store:
    """Write ``events`` into a new store at ``path`` and return it."""
    store = Store.open(path)
    with store.writer() as con:
        store.upsert_events(con, events)
    return store
