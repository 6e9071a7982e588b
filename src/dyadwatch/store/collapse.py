"""Collapse mentions into events: rebuild ``stories``, ``event_mentions`` and ``unique_events``.

The ``events`` table holds one row per mention (an article sentence, like GDELT's
Mentions). After a run, ``rebuild`` groups the articles into stories (``store.stories``)
and folds mentions with the same (source code, target code, CAMEO code, modality) into one
event when they share a story or an event date, transitively. A collapsed event keeps the
fields of its most confident mention (ties: the smallest id), counts mentions, articles
and outlets, and gets the id ``sha1("unique:" + smallest mention id)``, so every result
is the same whatever order articles and events were stored in (issue #10).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import duckdb

from dyadwatch.records import Modality, UniqueEvent
from dyadwatch.store import faults, schema
from dyadwatch.store.stories import Components, StoryOptions, StoryText, cluster_stories

logger = logging.getLogger(__name__)

OnStep = Callable[[str], None]
"""Called with the name of each rebuild step as it starts (a progress seam)."""

Key = tuple[str, str, str, str]
"""What makes two mentions the same event: (source code, target code, CAMEO, modality)."""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What collapsing needs of an article: its story, outlets and publication date.

    ``outlets`` holds one outlet per sighting (#15.20): identical wire copies share an
    article, not an outlet.
    """

    story_id: str
    outlets: tuple[str, ...]
    date: datetime.date


@dataclass(frozen=True, slots=True)
class EventMention:
    """What collapsing needs of an ``events`` row."""

    id: str
    article_id: str
    date: datetime.date
    key: Key
    confidence: float
    is_root: bool


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One collapsed event as ``rebuild`` writes it: its id, representative and members.

    Reading ``unique_events`` back gives ``records.UniqueEvent`` (``read_unique_events``).
    """

    id: str
    mention_id: str
    is_root: bool
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    story_ids: tuple[str, ...]
    first_seen: datetime.date
    last_seen: datetime.date

    @property
    def n_mentions(self) -> int:
        """Return the number of mentions folded into this event."""
        return len(self.mention_ids)


@dataclass(frozen=True, slots=True)
class RebuildSummary:
    """What one ``rebuild`` did."""

    articles: int
    stories: int
    mentions: int
    events: int
    elapsed: float


def outlet(source: str, url: str, article_id: str) -> str:
    """Return an article's outlet: its source, else its URL's host, else its own id.

    Example:
        >>> outlet("", "https://www.example.org/a/1", "x1")
        'example.org'
    """
    if source.strip():
        return " ".join(source.split())
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or article_id


def collapse_mentions(
    mentions: Iterable[EventMention], articles: dict[str, ArticleInfo]
) -> list[EventGroup]:
    """Fold mentions into events; return them ordered by id.

    Mentions with one key are linked when they share a story or an event date; an event
    is a connected component. A mention whose article is unknown is its own story.
    """
    parts: Components[tuple[Key, str, str]] = Components()
    tokens: list[tuple[EventMention, tuple[Key, str, str]]] = []
    for mention in mentions:
        by_story = (mention.key, "story", _info(mention, articles).story_id)
        by_day = (mention.key, "day", mention.date.isoformat())
        parts.add(by_story)
        parts.add(by_day)
        parts.union(by_story, by_day)
        tokens.append((mention, by_story))
    groups: dict[tuple[Key, str, str], list[EventMention]] = defaultdict(list)
    for mention, token in tokens:
        groups[parts.find(token)].append(mention)
    events = [_unique_event(members, articles) for members in groups.values()]
    return sorted(events, key=_event_id)


def _event_id(event: EventGroup) -> str:
    return event.id


def _info(mention: EventMention, articles: dict[str, ArticleInfo]) -> ArticleInfo:
    found = articles.get(mention.article_id)
    return found or ArticleInfo(mention.article_id, (mention.article_id,), mention.date)


def _rank(mention: EventMention) -> tuple[float, str]:
    return (-mention.confidence, mention.id)


def _unique_event(members: list[EventMention], articles: dict[str, ArticleInfo]) -> EventGroup:
    infos = [_info(mention, articles) for mention in members]
    days = [info.date for info in infos]
    first_id = min(mention.id for mention in members)
    return EventGroup(
        id=hashlib.sha1(f"unique:{first_id}".encode()).hexdigest(),
        mention_id=min(members, key=_rank).id,
        is_root=any(mention.is_root for mention in members),
        mention_ids=tuple(sorted(mention.id for mention in members)),
        article_ids=tuple(sorted({mention.article_id for mention in members})),
        sources=tuple(sorted({name for info in infos for name in info.outlets})),
        story_ids=tuple(sorted({info.story_id for info in infos})),
        first_seen=min(days),
        last_seen=max(days),
    )


def rebuild(
    con: duckdb.DuckDBPyConnection,
    *,
    options: StoryOptions | None = None,
    on_step: OnStep | None = None,
) -> RebuildSummary:
    """Rebuild the stories and collapsed events of the whole store on ``con``.

    Call it inside a writer transaction after a run (``Store.rebuild_stories``). The
    rebuild is complete rather than incremental: a new article can join two old stories.

    Example:
        >>> with store.writer() as con:                     # doctest: +SKIP
        ...     rebuild(con)
        RebuildSummary(articles=10000, stories=8120, mentions=..., events=..., elapsed=...)
    """
    started = time.perf_counter()
    step = on_step or _quiet
    for statement in schema.create_derived_statements():
        con.execute(statement)
    step("cluster")
    rows = con.execute('SELECT "id", "date", "text", "source", "url" FROM "articles"').fetchall()
    story_of = cluster_stories((StoryText(r[0], r[1], r[2]) for r in rows), options=options)
    seen = _outlets(con)
    infos = {
        r[0]: ArticleInfo(story_of[r[0]], seen.get(r[0]) or (outlet(r[3], r[4], r[0]),), r[1])
        for r in rows
    }
    step("collapse")
    mentions = [_mention(row) for row in con.execute(_MENTION_QUERY).fetchall()]
    events = collapse_mentions(mentions, infos)
    step("write")
    _replace(con, "stories", schema.STORY_COLUMNS, sorted(story_of.items()))
    links = sorted((m, event.id) for event in events for m in event.mention_ids)
    _replace(con, "event_mentions", schema.EVENT_MENTION_COLUMNS, links)
    _write_unique_events(con, events)
    summary = RebuildSummary(
        articles=len(rows),
        stories=len(set(story_of.values())),
        mentions=len(mentions),
        events=len(events),
        elapsed=round(time.perf_counter() - started, 3),
    )
    logger.info("rebuilt stories and events: %s", summary)
    return summary


def _outlets(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    """Return the outlets of every article's sightings (none for a store older than them)."""
    found: dict[str, set[str]] = defaultdict(set)
    for article_id, source, url in con.execute(_SIGHTING_QUERY).fetchall():
        found[article_id].add(outlet(source, url, article_id))
    return {article_id: tuple(sorted(names)) for article_id, names in found.items()}


_SIGHTING_QUERY = 'SELECT "article_id", "source", "url" FROM "sightings"'


def _quiet(step: str) -> None:
    """The default ``on_step``: say nothing."""


_MENTION_QUERY = (
    'SELECT "id", "article_id", "date", "source_code", "target_code", "cameo", "modality", '
    '"confidence", "is_root" FROM "events"'
)


def _mention(row: tuple[Any, ...]) -> EventMention:
    id_, article_id, date, source, target, cameo, modality, confidence, is_root = row
    return EventMention(
        id=id_,
        article_id=article_id,
        date=date,
        key=(source, target, cameo, modality),
        confidence=float(confidence) if confidence is not None else 0.0,
        is_root=bool(is_root),
    )


def _replace(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: tuple[schema.Column, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    con.execute(f"DELETE FROM {schema.quote(table)}")
    if not rows:
        return
    names = schema.column_list(columns)
    con.register("_derived", schema.rows_to_arrow(rows, columns))
    try:
        con.execute(f"INSERT INTO {schema.quote(table)} ({names}) SELECT {names} FROM _derived")
    finally:
        faults.unregister(con, "_derived")


def _write_unique_events(con: duckdb.DuckDBPyConnection, events: list[EventGroup]) -> None:
    tallies = (
        schema.UNIQUE_EVENT_COLUMNS[0],
        schema.UNIQUE_EVENT_COLUMNS[1],
        *(c for c in schema.EVENT_COLUMNS if c.name == "is_root"),
        *schema.UNIQUE_EVENT_TALLIES,
    )
    rows = [
        (
            event.id,
            event.mention_id,
            event.is_root,
            event.n_mentions,
            len(event.article_ids),
            len(event.sources),
            list(event.article_ids),
            list(event.sources),
            list(event.story_ids),
            event.first_seen,
            event.last_seen,
        )
        for event in events
    ]
    con.execute('DELETE FROM "unique_events"')
    if not rows:
        return
    con.register("_tallies", schema.rows_to_arrow(rows, tallies))
    try:
        con.execute(_unique_events_insert())
    finally:
        faults.unregister(con, "_tallies")


def _unique_events_insert() -> str:
    # The event columns come from the representative mention, except is_root, which is
    # true when any mention is from a lead paragraph.
    own = {c.name for c in schema.UNIQUE_EVENT_TALLIES} | {"id", "mention_id", "is_root"}
    select = [
        f"t.{schema.quote(c.name)}" if c.name in own else f"e.{schema.quote(c.name)}"
        for c in schema.UNIQUE_EVENT_COLUMNS
    ]
    names = schema.column_list(schema.UNIQUE_EVENT_COLUMNS)
    return (
        f'INSERT INTO "unique_events" ({names}) SELECT {", ".join(select)} '
        'FROM _tallies AS t JOIN "events" AS e ON e."id" = t."mention_id"'
    )


def read_unique_events(
    con: duckdb.DuckDBPyConnection, *, modalities: Iterable[Modality] | None = None
) -> list[UniqueEvent]:
    """Return the collapsed events of the store on ``con``, by date then id.

    Args:
        modalities: keep only events with these modalities (``None``: all).

    Example:
        >>> read_unique_events(con, modalities=[Modality.ASSERTED])[0].n_mentions  # doctest: +SKIP
        3
    """
    names = schema.column_list(schema.UNIQUE_EVENT_COLUMNS)
    where, params = "", []
    if modalities is not None:
        where = 'WHERE "modality" IN (SELECT unnest(?)) '
        params = [[str(modality) for modality in modalities]]
    query = f'SELECT {names} FROM "unique_events" {where}ORDER BY "date", "id"'
    rows = con.execute(query, params).fetchall()
    return [schema.row_to_unique_event(row) for row in rows]


def representative_urls(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Return the URL of each collapsed event's representative article, by article id."""
    query = (
        'SELECT DISTINCT a."id", a."url" FROM "articles" AS a '
        'JOIN "unique_events" AS u ON u."article_id" = a."id"'
    )
    return {article_id: url for article_id, url in con.execute(query).fetchall()}
