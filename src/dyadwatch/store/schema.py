"""The one mapping between records and storage: table and column names, DuckDB and Arrow types.

Nothing else in dyadwatch spells a column name. Rows are plain tuples in column order;
``event_to_row``/``row_to_event`` (and the article pair) convert, and a round trip through
them gives back an equal record. Nested actors and the location are flattened with a
``source_``/``target_``/``location_`` prefix; the evidence offsets are ``char_start`` and
``char_end`` because ``end`` is an SQL keyword.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

from dyadwatch.errors import UnknownNameError
from dyadwatch.records import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    GeoPrecision,
    Location,
    Modality,
    Provenance,
    QuadClass,
    UniqueEvent,
)


@dataclass(frozen=True, slots=True)
class Column:
    """One stored column: its name, DuckDB type and Arrow type."""

    name: str
    sql_type: str
    arrow_type: pa.DataType


def _col(name: str, sql_type: str) -> Column:
    return Column(name, sql_type, _ARROW[sql_type])


_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _actor_columns(prefix: str) -> tuple[Column, ...]:
    return tuple(_col(f"{prefix}_{part}", "VARCHAR") for part in _ACTOR_PARTS)


_ACTOR_PARTS = ("code", "country", "sector", "name", "kind")

ARTICLE_COLUMNS: tuple[Column, ...] = (
    _col("id", "VARCHAR"),
    _col("date", "DATE"),
    _col("title", "VARCHAR"),
    _col("text", "VARCHAR"),
    _col("source", "VARCHAR"),
    _col("url", "VARCHAR"),
)
"""The columns that come from an ``Article``; the table adds ``ingested_at`` after them."""

INGESTED_AT = _col("ingested_at", "TIMESTAMP")
"""When an article was first stored (UTC); kept unchanged when it is stored again."""

EVENT_COLUMNS: tuple[Column, ...] = (
    _col("id", "VARCHAR"),
    _col("article_id", "VARCHAR"),
    _col("date", "DATE"),
    _col("sentence_index", "INTEGER"),
    _col("char_start", "INTEGER"),
    _col("char_end", "INTEGER"),
    *_actor_columns("source"),
    *_actor_columns("target"),
    _col("cameo", "VARCHAR"),
    _col("root", "VARCHAR"),
    _col("quad_class", "INTEGER"),
    _col("goldstein", "DOUBLE"),
    _col("plover_type", "VARCHAR"),
    _col("plover_mode", "VARCHAR"),
    _col("modality", "VARCHAR"),
    _col("trigger", "VARCHAR"),
    _col("evidence", "VARCHAR"),
    _col("confidence", "DOUBLE"),
    _col("coder_version", "VARCHAR"),
    _col("date_precision", "VARCHAR"),
    _col("is_root", "BOOLEAN"),
    _col("location_name", "VARCHAR"),
    _col("location_country", "VARCHAR"),
    _col("location_admin1", "VARCHAR"),
    _col("location_lat", "DOUBLE"),
    _col("location_lon", "DOUBLE"),
    _col("location_geonames_id", "BIGINT"),
    _col("geo_precision", "VARCHAR"),
)

PROGRESS_COLUMNS: tuple[Column, ...] = (
    _col("key", "VARCHAR"),
    _col("finished_at", "TIMESTAMP"),
    _col("n_articles", "INTEGER"),
    _col("n_events", "INTEGER"),
    _col("n_rejects", "INTEGER"),
)
"""One row per finished input file: the checkpoint that makes a run resumable."""

PROVENANCE_COLUMNS: tuple[Column, ...] = (
    _col("event_id", "VARCHAR"),
    _col("dataset", "VARCHAR"),
    _col("file", "VARCHAR"),
    _col("line", "INTEGER"),
)
"""One row per imported event (#18): the dataset layout, file name and line it came from."""

SIDE_TABLES: dict[str, tuple[Column, ...]] = {"provenance": PROVENANCE_COLUMNS}
"""Tables beside the ingest's own (so not in its summary counts); first column is the key."""

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (*ARTICLE_COLUMNS, INGESTED_AT),
    "events": EVENT_COLUMNS,
    "progress": PROGRESS_COLUMNS,
}
"""Every table, by name, with its full column list; the first column is the key (a primary
key, except in ``UNINDEXED_TABLES``)."""


def quote(name: str) -> str:
    """Return ``name`` as a quoted SQL identifier (names come only from this module)."""
    return '"' + name.replace('"', '""') + '"'


def column_list(columns: tuple[Column, ...]) -> str:
    """Return ``"a", "b", ...`` for an SQL statement."""
    return ", ".join(quote(column.name) for column in columns)


def check_table(table: str, *, derived: bool = False) -> str:
    """Return ``table`` if it is a known table, else raise ``UnknownNameError``.

    With ``derived``, the tables rebuilt after a run (``DERIVED_TABLES``) are known too.

    Example:
        >>> check_table("events"), check_table("unique_events", derived=True)
        ('events', 'unique_events')
    """
    known = {**TABLES, **SIDE_TABLES, **DERIVED_TABLES} if derived else TABLES
    if table not in known:
        raise UnknownNameError("table", table, known)
    return table


def table_columns(table: str) -> tuple[Column, ...]:
    """Return the columns of a table or derived table, key first.

    Raises:
        UnknownNameError: no such table.
    """
    check_table(table, derived=True)
    return {**TABLES, **SIDE_TABLES, **DERIVED_TABLES}[table]


UNINDEXED_TABLES = frozenset({"events", "provenance"})
"""Tables whose first column the writer keeps unique (delete, then insert: ``Store``) with no
primary-key index. DuckDB holds every such index in memory and cannot spill it to disk: two
per imported event (its row and its provenance) filled a 256 MB pool at about a million
events, and would take about 3 GB for a 1 GB ICEWS file (#18). Stores made before keep
their indexes, and the same writes serve both."""


def _create(tables: dict[str, tuple[Column, ...]]) -> list[str]:
    """Return idempotent DDL for ``tables``; the first column is each one's key, a primary
    key except in ``UNINDEXED_TABLES``."""
    statements = []
    for table, columns in tables.items():
        key, *rest = (f"{quote(c.name)} {c.sql_type}" for c in columns)
        if table in UNINDEXED_TABLES:
            body = ", ".join([f"{key} NOT NULL", *rest])
        else:
            body = ", ".join([key, *rest, f"PRIMARY KEY ({quote(columns[0].name)})"])
        statements.append(f"CREATE TABLE IF NOT EXISTS {quote(table)} ({body})")
    return statements


def create_statements() -> list[str]:
    """Return the DDL that creates every table (idempotent: ``IF NOT EXISTS``)."""
    return _create({**TABLES, **SIDE_TABLES})


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    """Return the Arrow schema for ``columns``."""
    return pa.schema([pa.field(c.name, c.arrow_type) for c in columns])


def events_arrow_schema() -> pa.Schema:
    """Return the Arrow schema of event rows, for Parquet shard files and bulk inserts."""
    return arrow_schema(EVENT_COLUMNS)


def articles_arrow_schema() -> pa.Schema:
    """Return the Arrow schema of article rows (without ``ingested_at``)."""
    return arrow_schema(ARTICLE_COLUMNS)


def rows_to_arrow(rows: list[tuple[Any, ...]], columns: tuple[Column, ...]) -> pa.Table:
    """Return rows (tuples in column order) as an Arrow table with the stored types."""
    arrays = [
        pa.array([row[i] for row in rows], type=column.arrow_type)
        for i, column in enumerate(columns)
    ]
    return pa.Table.from_arrays(arrays, schema=arrow_schema(columns))


def article_to_row(article: Article) -> tuple[Any, ...]:
    """Return ``article`` as a tuple in ``ARTICLE_COLUMNS`` order."""
    return (article.id, article.date, article.title, article.text, article.source, article.url)


def provenance_to_row(provenance: Provenance) -> tuple[Any, ...]:
    """Return ``provenance`` as a tuple in ``PROVENANCE_COLUMNS`` order."""
    return (provenance.event_id, provenance.dataset, provenance.file, provenance.line)


def row_to_article(row: tuple[Any, ...]) -> Article:
    """Return the ``Article`` of a row in ``ARTICLE_COLUMNS`` order (extra columns ignored)."""
    id_, date, title, text, source, url = row[: len(ARTICLE_COLUMNS)]
    return Article(id=id_, date=date, title=title, text=text, source=source, url=url)


def _actor_values(actor: Actor) -> tuple[str, ...]:
    return (actor.code, actor.country, actor.sector, actor.name, actor.kind.value)


def _actor(values: dict[str, Any], prefix: str) -> Actor:
    code, country, sector, name, kind = (values[f"{prefix}_{part}"] for part in _ACTOR_PARTS)
    return Actor(code=code, country=country, sector=sector, name=name, kind=ActorKind(kind))


def event_to_row(event: Event) -> tuple[Any, ...]:
    """Return ``event`` as a tuple in ``EVENT_COLUMNS`` order."""
    where = event.location
    return (
        event.id,
        event.article_id,
        event.date,
        event.sentence_index,
        event.start,
        event.end,
        *_actor_values(event.source),
        *_actor_values(event.target),
        event.cameo,
        event.root,
        int(event.quad_class),
        event.goldstein,
        event.plover_type,
        event.plover_mode,
        event.modality.value,
        event.trigger,
        event.evidence,
        event.confidence,
        event.coder_version,
        event.date_precision.value,
        event.is_root,
        where.name,
        where.country,
        where.admin1,
        where.latitude,
        where.longitude,
        where.geonames_id,
        where.precision.value,
    )


def row_to_event(row: tuple[Any, ...]) -> Event:
    """Return the ``Event`` of a row in ``EVENT_COLUMNS`` order."""
    v = dict(zip(_EVENT_NAMES, row, strict=True))
    return Event(
        id=v["id"],
        article_id=v["article_id"],
        date=_as_date(v["date"]),
        sentence_index=v["sentence_index"],
        start=v["char_start"],
        end=v["char_end"],
        source=_actor(v, "source"),
        target=_actor(v, "target"),
        cameo=v["cameo"],
        root=v["root"],
        quad_class=QuadClass(v["quad_class"]),
        goldstein=v["goldstein"],
        plover_type=v["plover_type"],
        plover_mode=v["plover_mode"],
        modality=Modality(v["modality"]),
        trigger=v["trigger"],
        evidence=v["evidence"],
        confidence=v["confidence"],
        coder_version=v["coder_version"],
        date_precision=DatePrecision(v["date_precision"]),
        is_root=v["is_root"],
        location=Location(
            name=v["location_name"],
            country=v["location_country"],
            admin1=v["location_admin1"],
            latitude=v["location_lat"],
            longitude=v["location_lon"],
            geonames_id=v["location_geonames_id"],
            precision=GeoPrecision(v["geo_precision"]),
        ),
    )


_EVENT_NAMES = tuple(column.name for column in EVENT_COLUMNS)


def _as_date(value: Any) -> datetime.date:
    # DuckDB hands back datetime.date for DATE; Parquet readers may hand back datetime.
    return value.date() if isinstance(value, datetime.datetime) else value


# Derived tables (#10): rebuilt from ``articles`` and ``events`` by ``store.collapse``, so
# they stay out of ``TABLES`` (whose counts are the ingest summary) and have their own DDL.

STORY_COLUMNS: tuple[Column, ...] = (
    _col("article_id", "VARCHAR"),
    _col("story_id", "VARCHAR"),
)
"""One row per article: the story (cluster of near-duplicate articles) it belongs to."""

EVENT_MENTION_COLUMNS: tuple[Column, ...] = (
    _col("mention_id", "VARCHAR"),
    _col("event_id", "VARCHAR"),
)
"""One row per mention (an ``events`` row): the collapsed event it was folded into."""

UNIQUE_EVENT_TALLIES: tuple[Column, ...] = (
    _col("n_mentions", "INTEGER"),
    _col("n_articles", "INTEGER"),
    _col("n_sources", "INTEGER"),
    _col("article_ids", "VARCHAR[]"),
    _col("sources", "VARCHAR[]"),
    _col("story_ids", "VARCHAR[]"),
    _col("first_seen", "DATE"),
    _col("last_seen", "DATE"),
)
"""What a collapsed event adds to its representative mention's fields."""

UNIQUE_EVENT_COLUMNS: tuple[Column, ...] = (
    _col("id", "VARCHAR"),
    _col("mention_id", "VARCHAR"),
    *EVENT_COLUMNS[1:],
    *UNIQUE_EVENT_TALLIES,
)
"""One row per collapsed event: the representative mention's event columns (with
``is_root`` true when any mention is from a lead paragraph) and the tallies."""

DERIVED_TABLES: dict[str, tuple[Column, ...]] = {
    "stories": STORY_COLUMNS,
    "event_mentions": EVENT_MENTION_COLUMNS,
    "unique_events": UNIQUE_EVENT_COLUMNS,
}
"""Tables rebuilt from the others after a run; the first column is the primary key."""


def row_to_unique_event(row: tuple[Any, ...]) -> UniqueEvent:
    """Return the ``UniqueEvent`` of a row in ``UNIQUE_EVENT_COLUMNS`` order."""
    v = dict(zip(_UNIQUE_EVENT_NAMES, row, strict=True))
    mention = (v["mention_id"], *(v[name] for name in _EVENT_NAMES[1:]))
    return UniqueEvent(
        id=v["id"],
        event=row_to_event(mention),
        n_mentions=v["n_mentions"],
        article_ids=tuple(v["article_ids"]),
        sources=tuple(v["sources"]),
        story_ids=tuple(v["story_ids"]),
        first_seen=_as_date(v["first_seen"]),
        last_seen=_as_date(v["last_seen"]),
    )


_UNIQUE_EVENT_NAMES = tuple(column.name for column in UNIQUE_EVENT_COLUMNS)


def create_derived_statements() -> list[str]:
    """Return the DDL that creates the derived tables (idempotent: ``IF NOT EXISTS``)."""
    return _create(DERIVED_TABLES)


# Sightings (#15.20): every copy of an article as read, since identical copies from several
# outlets share one content-hash id and one ``articles`` row.

SIGHTING_COLUMNS: tuple[Column, ...] = (
    _col("id", "VARCHAR"),
    _col("article_id", "VARCHAR"),
    _col("source", "VARCHAR"),
    _col("url", "VARCHAR"),
    _col("title", "VARCHAR"),
    _col("date", "DATE"),
)
"""One row per distinct (article, source, url, title, date) read; ``id`` hashes those five
values, so reading a file again adds nothing."""

SIGHTING_TABLES: dict[str, tuple[Column, ...]] = {"sightings": SIGHTING_COLUMNS}


def create_sighting_statements() -> list[str]:
    """Return the DDL that creates the sightings table (idempotent: ``IF NOT EXISTS``)."""
    return _create(SIGHTING_TABLES)


def article_to_sighting(article: Article) -> tuple[Any, ...]:
    """Return the sighting of ``article`` as a tuple in ``SIGHTING_COLUMNS`` order.

    Example:
        >>> day = datetime.date(2024, 1, 2)
        >>> article_to_sighting(Article("a1", day, "T", "text", "Wire", "u"))[1:]
        ('a1', 'Wire', 'u', 'T', datetime.date(2024, 1, 2))
    """
    parts = (article.id, article.source, article.url, article.title, article.date.isoformat())
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return (digest, article.id, article.source, article.url, article.title, article.date)


# Store state (#15.5): whether the derived tables are behind ``articles`` and ``events``.

DERIVED_STATE_COLUMNS: tuple[Column, ...] = (
    _col("name", "VARCHAR"),
    _col("stale", "BOOLEAN"),
    _col("changed_at", "TIMESTAMP"),
)
"""One row per group of derived tables (``stories``): set stale in the transaction that
stores a file, cleared in the transaction that rebuilds them, so a rebuild cut short by a
kill or a full disk is redone by the next run."""

STATE_TABLES: dict[str, tuple[Column, ...]] = {"derived_state": DERIVED_STATE_COLUMNS}
"""Bookkeeping tables; the first column is the primary key."""


def create_state_statements() -> list[str]:
    """Return the DDL that creates the bookkeeping tables (idempotent: ``IF NOT EXISTS``)."""
    return _create(STATE_TABLES)
