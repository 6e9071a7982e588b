"""The DuckDB store: every stage that keeps articles, events or checkpoints goes through here.

DuckDB lets one process write a database file, or many processes read it, never both at
once. So connections are short-lived: a writer opens, runs one transaction and closes,
and a reader (the dashboard, ``dyadwatch stats``) gets in between. Opening a file that
another process holds is retried with backoff for ``timeout`` seconds before
``StoreBusyError``, which names the process; readers and writers also pass a
writer-preferring gate (``store.gate``), so polling readers cannot starve a run. A whole
ingest or run also holds ``<db>.lock`` (``run_lock``), so two runs never interleave their
files.
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb

from dyadwatch.errors import (
    StoreBusyError,
    StoreError,
    StoreFullError,
    StoreLockedError,
)
from dyadwatch.records import Article, Event, Provenance
from dyadwatch.store import collapse, dumps, faults, layouts, schema
from dyadwatch.store.gate import Gate
from dyadwatch.store.stories import StoryOptions

logger = logging.getLogger(__name__)

ExportFormat = Literal["parquet", "csv", "jsonl"]

Connection = duckdb.DuckDBPyConnection
"""A DuckDB connection; ``writer()`` yields one inside an open transaction."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    """What a store holds, for ``dyadwatch stats``."""

    db: str
    articles: int
    events: int
    files_done: int
    first_date: datetime.date | None
    last_date: datetime.date | None


@dataclass(frozen=True, slots=True)
class Store:
    """A DuckDB store file; open with ``Store.open``.

    Example:
        >>> store = Store.open(tmp_path / "x.duckdb")          # doctest: +SKIP
        >>> with store.writer() as con:                          # doctest: +SKIP
        ...     store.upsert_articles(con, articles)
    """

    path: Path
    read_only: bool = False
    timeout: float = 30.0

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, timeout: float = 30.0) -> Store:
        """Open (and, unless ``read_only``, create) the store at ``path``.

        Raises:
            StoreError: ``read_only`` and there is no store at ``path`` yet.
            StoreLockedError: another process held the file for ``timeout`` seconds.
        """
        store = cls(Path(path), read_only=read_only, timeout=timeout)
        if read_only and not store.path.exists():
            raise StoreError(f"{store.path}: no store here yet; run `dyadwatch ingest` first")
        if not read_only:
            store.create()
        return store

    def create(self) -> None:
        """Create the file and any missing table (a no-op on an up-to-date store).

        Raises:
            StoreFullError: no room; a store this call began is removed, not left half-made.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        try:
            with self.writer() as con:
                for statement in [
                    *schema.create_statements(),
                    *schema.create_derived_statements(),
                    *schema.create_state_statements(),
                    *schema.create_sighting_statements(),
                ]:
                    con.execute(statement)
        except StoreFullError:
            if new:
                for path in (self.path, self._sibling(".wal")):
                    path.unlink(missing_ok=True)
            raise

    def _connect(self, *, read_only: bool) -> Connection:
        delay = 0.01
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as error:
                # DuckDB raises IOException for a held lock and for other I/O failures
                # alike; only the lock is worth waiting for.
                if "lock" not in str(error).lower():
                    full = faults.disk_full(self.path, error)
                    if full is not None:
                        raise full from None
                    raise StoreError(f"{self.path}: cannot open the store ({error})") from None
                if time.monotonic() + delay > deadline:
                    raise StoreBusyError(str(self.path), faults.holder(error)) from None
            logger.info("%s is busy; retrying in %.2fs", self.path, delay)
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """Open a read-write connection in one transaction: commit on success, else roll back.

        Raises:
            StoreFullError: a write or the commit ran out of disk space (#15.13).
        """
        if self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")
        with self.gate.writing(timeout=self.timeout, store=self.path), self._transaction() as con:
            yield con

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        con = self._connect(read_only=False)
        try:
            con.execute("BEGIN TRANSACTION")
            yield con
            con.execute("COMMIT")
        except BaseException as error:
            faults.rollback(con)
            fault = faults.disk_full(self.path, error) or faults.out_of_memory(self.path, error)
            if fault is not None:
                raise fault from None
            raise
        finally:
            faults.close(con)

    @contextmanager
    def reader(self) -> Iterator[Connection]:
        """Open a read-only connection for the length of the ``with`` block.

        Readers queue behind a writer that is waiting (``store.gate``), so they never
        starve it (#15.12).
        """
        with self.gate.reading(timeout=self.timeout, store=self.path):
            con = self._connect(read_only=True)
            try:
                yield con
            finally:
                con.close()

    @property
    def gate(self) -> Gate:
        """The lock files that order this store's readers and writer."""
        return Gate.for_store(self.path)

    @contextmanager
    def run_lock(self, *, wait: bool = False) -> Iterator[None]:
        """Hold ``<db>.lock`` for a whole ingest or run.

        Args:
            wait: block until another run finishes, instead of failing at once.

        Raises:
            StoreLockedError: another process holds the lock and ``wait`` is false.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._sibling(".lock"), "a+b") as handle:
            flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
            try:
                fcntl.flock(handle, flags)
            except BlockingIOError:
                raise StoreLockedError(str(self.path)) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def own_files(self) -> tuple[Path, ...]:
        """Return the files this store keeps: database, WAL, run lock, temp folder, gate."""
        return (
            self.path,
            self._sibling(".wal"),
            self._sibling(".lock"),
            self._sibling(".tmp"),
            *self.gate.files(),
        )

    def fingerprint(self) -> tuple[int, ...]:
        """Return the size and modification time of the database file and its WAL.

        Every committed write changes one of them, so a cache keyed on the fingerprint
        never serves results from before a write (the dashboard's forecast, #19). Reading
        leaves it alone; a missing file counts as ``(-1, -1)``.
        """
        out: list[int] = []
        for path in (self.path, self._sibling(".wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                out += [-1, -1]
                continue
            out += [stat.st_size, stat.st_mtime_ns]
        return tuple(out)

    def _sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def upsert_articles(self, con: Connection, articles: Iterable[Article]) -> int:
        """Insert or update articles by id, and keep every sighting; return how many were new.

        An article stored again keeps its first ``ingested_at``. Each copy's source, url,
        title and date go to ``sightings`` (#15.20), once however often it is read.
        """
        articles = list(articles)
        unique = {article.id: article for article in articles}
        if not unique:
            return 0
        _insert_new(con, "sightings", schema.SIGHTING_COLUMNS, _sightings(articles))
        rows = [schema.article_to_row(article) for article in unique.values()]
        batch = schema.rows_to_arrow(rows, schema.ARTICLE_COLUMNS)
        names = schema.column_list(schema.ARTICLE_COLUMNS)
        updates = ", ".join(
            f"{schema.quote(c.name)} = excluded.{schema.quote(c.name)}"
            for c in schema.ARTICLE_COLUMNS[1:]
        )
        con.register("_batch", batch)
        try:
            row = con.execute(
                'SELECT count(*) FROM _batch WHERE "id" NOT IN (SELECT "id" FROM "articles")'
            ).fetchone()
            now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
            con.execute(
                f'INSERT INTO "articles" ({names}, "ingested_at") SELECT {names}, ? FROM _batch '
                f'ON CONFLICT ("id") DO UPDATE SET {updates}',
                [now],
            )
        finally:
            faults.unregister(con, "_batch")
        return int(row[0]) if row else 0

    def upsert_events(self, con: Connection, events: Iterable[Event]) -> int:
        """Insert or replace events by id; return how many rows were written."""
        unique = {event.id: event for event in events}
        if not unique:
            return 0
        rows = [schema.event_to_row(event) for event in unique.values()]
        _replace_rows(con, "events", schema.EVENT_COLUMNS, rows)
        return len(rows)

    def upsert_provenance(self, con: Connection, provenance: Iterable[Provenance]) -> int:
        """Insert or replace where imported events came from, by event id (#18)."""
        unique = {item.event_id: item for item in provenance}
        if not unique:
            return 0
        rows = [schema.provenance_to_row(item) for item in unique.values()]
        _replace_rows(con, "provenance", schema.PROVENANCE_COLUMNS, rows)
        return len(rows)

    def delete_events(self, con: Connection, article_ids: Iterable[str]) -> None:
        """Delete the events of these articles (before storing a fresh coding of them)."""
        ids = sorted(set(article_ids))
        if ids:
            con.execute('DELETE FROM "events" WHERE "article_id" IN (SELECT unnest(?))', [ids])

    def mark_done(
        self, con: Connection, key: str, *, n_articles: int, n_events: int, n_rejects: int
    ) -> None:
        """Record that the input with checkpoint ``key`` is fully stored.

        In the same transaction the stories are marked stale, so whatever ends the run
        before its rebuild commits (a kill, a full disk), the next run rebuilds them (#15.5).
        """
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        names = schema.column_list(schema.PROGRESS_COLUMNS)
        con.execute(
            f'INSERT OR REPLACE INTO "progress" ({names}) VALUES (?, ?, ?, ?, ?)',
            [key, now, n_articles, n_events, n_rejects],
        )
        _set_stale(con, stale=True)

    def stories_stale(self) -> bool:
        """Return whether stories and unique events are behind the stored events.

        A store written before the mark existed counts as stale when it holds events.
        """
        with self.reader() as con:
            row = con.execute(_STALE_QUERY, [_STORIES]).fetchone()
            return bool(row[0]) if row else _count(con, "events") > 0

    def is_done(self, key: str) -> bool:
        """Return whether the input with checkpoint ``key`` is fully stored."""
        return key in self.done_keys()

    def done_keys(self) -> set[str]:
        """Return every finished checkpoint key."""
        with self.reader() as con:
            return {key for (key,) in con.execute('SELECT "key" FROM "progress"').fetchall()}

    def articles(self) -> list[Article]:
        """Return every stored article, ordered by id."""
        names = schema.column_list(schema.ARTICLE_COLUMNS)
        with self.reader() as con:
            rows = con.execute(f'SELECT {names} FROM "articles" ORDER BY "id"').fetchall()
        return [schema.row_to_article(row) for row in rows]

    def events(self) -> list[Event]:
        """Return every stored event, ordered by id."""
        names = schema.column_list(schema.EVENT_COLUMNS)
        with self.reader() as con:
            rows = con.execute(f'SELECT {names} FROM "events" ORDER BY "id"').fetchall()
        return [schema.row_to_event(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        with self.reader() as con:
            return {table: _count(con, table) for table in schema.TABLES}

    def quad_counts(self) -> dict[int, int]:
        """Return the number of events per quad class (1–4), counted in the database."""
        quad = schema.quote("quad_class")
        sql = f"SELECT {quad}, count(*) FROM events GROUP BY {quad}"
        with self.reader() as con:
            return {int(quad_class): int(n) for quad_class, n in con.execute(sql).fetchall()}

    def top_dyads(self, n: int) -> list[tuple[str, str, int]]:
        """Return the ``n`` ordered country dyads with most events, ties alphabetically.

        Only events whose two actors both have a country count.
        """
        source, target = schema.quote("source_country"), schema.quote("target_country")
        sql = (
            f"SELECT {source}, {target}, count(*) AS n FROM events "
            f"WHERE {source} <> '' AND {target} <> '' "
            f"GROUP BY {source}, {target} ORDER BY n DESC, {source}, {target} LIMIT ?"
        )
        with self.reader() as con:
            rows = con.execute(sql, [n]).fetchall()
        return [(str(a), str(b), int(count)) for a, b, count in rows]

    def stats(self) -> StoreStats:
        """Return what the store holds: row counts and the span of article dates."""
        with self.reader() as con:
            counts = {table: _count(con, table) for table in schema.TABLES}
            row = con.execute('SELECT min("date"), max("date") FROM "articles"').fetchone()
        first, last = row if row else (None, None)
        return StoreStats(
            db=str(self.path),
            articles=counts["articles"],
            events=counts["events"],
            files_done=counts["progress"],
            first_date=first,
            last_date=last,
        )

    def export_table(self, table: str, out_path: str | Path, *, fmt: str = "parquet") -> int:
        """Write a whole table to ``out_path``; return the number of rows written.

        Args:
            table: one of ``schema.TABLES``, ``provenance`` (#18) or ``schema.DERIVED_TABLES``
                (``stories``, ``event_mentions``, ``unique_events``).
            out_path: the file to write (replaced if it exists).
            fmt: ``parquet``, ``csv`` (with a header; text cells made spreadsheet-safe,
                ``store.cells``) or ``jsonl`` (one object a line).

        Raises:
            UnknownNameError: an unknown table or format.
        """
        with self.reader() as con:
            return dumps.export_table(con, table, out_path, fmt=fmt)

    def rebuild_stories(
        self,
        con: Connection,
        *,
        options: StoryOptions | None = None,
        on_step: collapse.OnStep | None = None,
    ) -> collapse.RebuildSummary:
        """Rebuild ``stories``, ``event_mentions`` and ``unique_events`` on a writer ``con``.

        Call it after a run, in its own writer transaction; it redoes the whole store
        (about 4 s of CPU for 10,000 articles), so the result never depends on ingestion order.
        The stale mark is cleared in the same transaction, so the tables and the mark
        commit together (#15.5).

        Args:
            options: how near two articles must be to share a story.
            on_step: called with ``cluster``, ``collapse``, ``write`` and, with everything
                written but not yet committed, ``written``.

        Example:
            >>> with store.writer() as con:                     # doctest: +SKIP
            ...     store.rebuild_stories(con)
        """
        summary = collapse.rebuild(con, options=options, on_step=on_step)
        _set_stale(con, stale=False)
        if on_step is not None:
            on_step("written")
        return summary

    def export_layout(
        self, layout: str, out_path: str | Path, *, header: bool = False
    ) -> layouts.LayoutExport:
        """Write the collapsed events as ``gdelt``, ``polecat`` or ``mirai`` (``store.layouts``).

        Raises:
            UnknownNameError: an unknown layout.
            StoreError: the collapsed events are not built, or the file cannot be written.
        """
        with self.reader() as con:
            return layouts.export_layout(con, layout, out_path, header=header)


def _sightings(articles: list[Article]) -> list[tuple[Any, ...]]:
    rows = {row[0]: row for row in map(schema.article_to_sighting, articles)}
    return list(rows.values())


def _insert_new(
    con: Connection, table: str, columns: tuple[schema.Column, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows whose key is not in ``table`` yet."""
    names = schema.column_list(columns)
    con.register("_new", schema.rows_to_arrow(rows, columns))
    try:
        con.execute(
            f"INSERT INTO {schema.quote(table)} ({names}) SELECT {names} FROM _new "
            "ON CONFLICT DO NOTHING"
        )
    finally:
        faults.unregister(con, "_new")


def _replace_rows(
    con: Connection, table: str, columns: tuple[schema.Column, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows, replacing those whose key (first column) is already in ``table``.

    ``INSERT OR REPLACE`` needs a primary-key index, which ``schema.UNINDEXED_TABLES`` do
    without in stores made since #18: there, delete the batch's keys, then insert, in the
    caller's transaction (the delete reads the whole key column: 0.3-0.45 s a batch at 10 M
    events). A store made before keeps its index and its faster ``INSERT OR REPLACE``.
    """
    if len({row[0] for row in rows}) != len(rows):
        raise ValueError(f"{table}: a batch repeats a key; keep one row per key")
    names = schema.column_list(columns)
    key = schema.quote(columns[0].name)
    target = schema.quote(table)
    con.register("_batch", schema.rows_to_arrow(rows, columns))
    try:
        if _indexed(con, table):
            con.execute(f"INSERT OR REPLACE INTO {target} ({names}) SELECT {names} FROM _batch")
        else:
            con.execute(f"DELETE FROM {target} WHERE {key} IN (SELECT {key} FROM _batch)")
            con.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM _batch")
    finally:
        faults.unregister(con, "_batch")


def _indexed(con: Connection, table: str) -> bool:
    """Whether ``table`` has a primary-key index (every table but ``schema.UNINDEXED_TABLES``
    in stores made since #18; all of them in stores made before)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return bool(found[0][0])


_STORIES = "stories"
_STALE_QUERY = 'SELECT "stale" FROM "derived_state" WHERE "name" = ?'


def _set_stale(con: Connection, *, stale: bool) -> None:
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    names = schema.column_list(schema.DERIVED_STATE_COLUMNS)
    con.execute(
        f'INSERT OR REPLACE INTO "derived_state" ({names}) VALUES (?, ?, ?)', [_STORIES, stale, now]
    )


def _count(con: Connection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {schema.quote(schema.check_table(table))}").fetchone()
    return int(row[0]) if row else 0
