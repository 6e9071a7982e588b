"""The entry point of ``dyadwatch import-events``: store event datasets (GDELT, ICEWS, POLECAT).

Each file is one checkpoint, as in ``run_sharded``: a re-import of a finished file is
skipped. Rows are read, resolved and written in batches of ``ImportOptions.batch_events``,
each batch its own transaction, so reading a file of any size takes constant memory: one
transaction per file made DuckDB hold the whole file's changes (the ICEWS sample grew the
process to about 500 MB, #18). Events and their provenance carry no primary-key index
(``store.schema.UNINDEXED_TABLES``: DuckDB keeps indexes in memory), so the store's growth
costs no memory either; a store made before keeps its indexes, and ``memory_limit_mb``
makes room for them. The ``progress`` row commits after the last batch; a file
cut off midway is read again from its start, and because event ids are hashes of the
dataset's own ids, its rows are rewritten, never duplicated. Imported events are one row per event
already, so they do not go through the story collapse (``store.collapse``, which holds
the whole store in memory): analyses count them as they count the events of articles not
yet clustered.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.actors import ActorGazetteer
from dyadwatch.actors.names import NameResolver
from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.ingest import RejectsWriter
from dyadwatch.runner.pipeline import (
    Progress,
    checkpoint_key,
    default_rejects_path,
    input_files,
)
from dyadwatch.store import Store
from dyadwatch.store.db import Connection
from dyadwatch.store.eventfiles import Imported, read_event_file

logger = logging.getLogger(__name__)

BATCH_EVENTS = 20_000
"""Events written per batch: what one file holds in memory at a time."""
MEMORY_BASE_MB = 256
"""DuckDB's buffer pool while importing, besides the store's keys (data spills to disk)."""
KEY_BYTES_PER_ROW = 160
"""Memory allowed for each stored row's primary key (DuckDB 2.0 took about 120 bytes)."""
INDEXED_ROWS = """
    SELECT coalesce(sum(t.estimated_size), 0) FROM duckdb_tables() AS t
    JOIN duckdb_constraints() AS c
      ON c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
"""
"""The store's rows that have a primary-key index (a store made before events went without
one has them for every event: ``schema.UNINDEXED_TABLES``)."""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one ``import_events`` did."""

    layout: str
    files_seen: int
    files_skipped: int
    files_done: int
    events: int
    unplaced_events: int  # events with an actor that has no country (not a dyad)
    names: int  # distinct actor names looked up
    unresolved_names: int  # of those, names the gazetteer could not place
    unresolved_examples: str
    rejects: int
    rejects_path: str | None
    elapsed: float


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How ``import_events`` treats bad rows and a busy store."""

    skip_bad: bool = False
    rejects_path: str | Path | None = None
    wait: bool = False
    batch_events: int = BATCH_EVENTS  # rows held and written at a time


@dataclass
class _Tally:
    events: int = 0
    unplaced: int = 0
    rejects: int = 0


def import_events(
    paths: Sequence[str | Path],
    *,
    layout: str,
    settings: Settings,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Store the events of every file under ``paths``, read in ``layout``, with provenance.

    Args:
        paths: files and folders (walked) of ``gdelt``, ``icews`` or ``polecat`` rows;
            ``.gz`` files are decompressed as they are read.
        layout: the layout every file is in.
        settings: the store (``settings.db``); user gazetteer files
            (``coder.user_gazetteer``, ``|``-separated) join the package gazetteer that
            resolves names without a country.
        progress: called as ``progress(files_finished, n_files, path)`` after each file.

    Raises:
        InputError: a bad row without ``options.skip_bad``; earlier files stay stored.
        UnknownNameError: an unknown layout.
        StoreLockedError: another run holds the store and not ``options.wait``.

    Example:
        >>> import_events(["icews.tab.gz"], layout="icews", settings=Settings())  # doctest: +SKIP
        ImportSummary(layout='icews', files_seen=1, ..., events=95540, ...)
    """
    started = time.perf_counter()
    options = options or ImportOptions()
    store = Store(Path(settings.db))
    rejects_file = Path(options.rejects_path or default_rejects_path(settings.db))
    files = input_files(paths, own=(*store.own_files(), rejects_file))
    user_files = [part for part in settings.coder.user_gazetteer.split("|") if part]
    names = NameResolver(ActorGazetteer.load(user_files=user_files))
    tally, skipped = _Tally(), 0
    with store.run_lock(wait=options.wait), ExitStack() as stack:
        store.create()
        rejects = stack.enter_context(RejectsWriter(rejects_file)) if options.skip_bad else None
        done = store.done_keys()
        for n_finished, path in enumerate(files, start=1):
            key = checkpoint_key(path, coder_version=f"import:{layout}")
            if key in done:
                skipped += 1
            else:
                _import_file(
                    store, path, key, layout, names, rejects, tally,
                    batch_events=options.batch_events,
                )  # fmt: skip
                done.add(key)
            if progress is not None:
                progress(n_finished, len(files), path)
    counts = names.counts()
    return ImportSummary(
        layout=layout,
        files_seen=len(files),
        files_skipped=skipped,
        files_done=len(files) - skipped,
        events=tally.events,
        unplaced_events=tally.unplaced,
        names=counts.names,
        unresolved_names=counts.unresolved,
        unresolved_examples="; ".join(counts.unresolved_examples),
        rejects=tally.rejects,
        rejects_path=str(rejects_file) if tally.rejects else None,
        elapsed=round(time.perf_counter() - started, 3),
    )


def _import_file(
    store: Store,
    path: Path,
    key: str,
    layout: str,
    names: NameResolver,
    rejects: RejectsWriter | None,
    tally: _Tally,
    *,
    batch_events: int,
) -> None:
    before = _Tally(tally.events, tally.unplaced, tally.rejects)
    rows = _checked(read_event_file(path, layout, names=names), rejects, tally)
    for batch in _batches(rows, batch_events):
        with store.writer() as con:
            # DuckDB would otherwise cache up to 80 % of the machine's memory; a bounded
            # pool spills to disk. Primary-key indexes cannot spill: they are counted in
            # the pool, and in a store made with indexed events a fixed pool ran out at
            # about a million imported events.
            ((stored,),) = con.execute(INDEXED_ROWS).fetchall()
            limit = memory_limit_mb(stored, len(batch))
            con.execute(f"SET memory_limit = '{limit}MB'")
            _write(store, con, batch, tally)
    with store.writer() as con:
        store.mark_done(
            con,
            key,
            n_articles=0,
            n_events=tally.events - before.events,
            n_rejects=tally.rejects - before.rejects,
        )
    logger.info("%s: %d events", path, tally.events - before.events)


def memory_limit_mb(stored_rows: int, batch_events: int) -> int:
    """Return DuckDB's memory limit, in MB, for writing ``batch_events`` imported events to
    a store of ``stored_rows`` rows with a primary-key index (``INDEXED_ROWS``):
    ``MEMORY_BASE_MB`` for the data, and room for every indexed row's key (DuckDB keeps its
    indexes in memory and cannot spill them). In a store made before events went without an
    index (``schema.UNINDEXED_TABLES``), each imported event adds two keys, its own and its
    provenance's; in one made since, none, so the limit stays at the base plus the batch's
    own allowance (263 MB for 20,000 events), however large the store grows.

    Example:
        >>> memory_limit_mb(0, 20_000), memory_limit_mb(3_000_000, 20_000)
        (263, 720)
    """
    keys = stored_rows + 2 * batch_events
    return MEMORY_BASE_MB + -(-keys * KEY_BYTES_PER_ROW // 2**20)


def _checked(
    rows: Iterable[Imported | InputError], rejects: RejectsWriter | None, tally: _Tally
) -> Iterator[Imported]:
    for row in rows:
        if isinstance(row, InputError):
            if rejects is None:
                raise row.with_hint("or use --skip-bad to set bad rows aside")
            rejects(row)
            tally.rejects += 1
        else:
            yield row


def _write(store: Store, con: Connection, batch: list[Imported], tally: _Tally) -> None:
    store.upsert_events(con, [row.event for row in batch])
    store.upsert_provenance(con, [row.provenance for row in batch])
    tally.events += len(batch)
    tally.unplaced += sum(
        1 for row in batch if not (row.event.source.country and row.event.target.country)
    )


def _batches(rows: Iterable[Imported], size: int) -> Iterator[list[Imported]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
