"""The resumable file loop shared by ``dyadwatch ingest`` and ``dyadwatch run``.

Each input file is one unit of work and one transaction: its articles, their events and
its checkpoint row are committed together, so a crash loses at most the file in hand and
a rerun redoes only that file. The checkpoint key is the file's resolved path, size and
modification time (plus the coder version when coding), so an edited file, or a new
coder, is done again.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.errors import InputError, StoreLockedError, UnreadableError, printable
from dyadwatch.ingest import RejectsWriter, identity, input_status, iter_input_files, read_file
from dyadwatch.records import Article, Event
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store.collapse import OnStep
from dyadwatch.store.db import Connection, Store

logger = logging.getLogger(__name__)

BATCH_ARTICLES = 256
"""Articles read and coded per batch."""

BUFFER_ARTICLES = 20_000
"""Articles of one file kept in memory before the file's transaction is opened.

Files up to this size are read and coded first and then written in one short
transaction, so a dashboard reading the store waits only for the write; bigger files keep
the writer open while the rest is read.
"""

Coder = Callable[[list[Article]], list[Event]]
OnBad = Callable[[InputError], None]
Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did; ``shards``/``shards_reused`` count coded and resumed shards."""

    files_seen: int
    files_skipped: int
    files_done: int
    articles: int
    new_articles: int
    events: int
    rejects: int
    rejects_path: str | None
    elapsed: float
    shards: int = 0
    shards_reused: int = 0
    stories_elapsed: float | None = None  # seconds spent rebuilding stories; None: not rebuilt
    # Sentences over coder.max_sentence_tokens in the shards this run coded (not in shards
    # an interrupted earlier run finished).
    sentences_skipped: int = 0


@dataclass(frozen=True, slots=True)
class _FileTally:
    articles: int
    new_articles: int
    events: int
    rejects: int


def checkpoint_key(path: Path, *, coder_version: str | None = None) -> str:
    """Return the checkpoint key of an input file: resolved path, size, mtime (and coder).

    Undecodable bytes of the path are written as ``\\xNN`` (#15.6).

    Raises:
        UnreadableError: a broken link, a link loop, or not a regular file.

    Example:
        >>> checkpoint_key(Path("a.txt"), coder_version="0.1")   # doctest: +SKIP
        '/home/me/a.txt|1042|1700000000000000000|0.1'
    """
    status = input_status(path)
    key = f"{printable(str(identity(path)))}|{status.st_size}|{status.st_mtime_ns}"
    return f"{key}|{coder_version}" if coder_version is not None else key


def default_rejects_path(db: str | Path) -> Path:
    """Return ``<db stem>.rejects.jsonl`` beside the store file."""
    db = Path(db)
    return db.with_name(f"{db.stem}.rejects.jsonl")


def run_files(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    code: Coder | None = None,
    coder_version: str = "",
    fmt: str | None = None,
    skip_bad: bool = False,
    rejects_path: str | Path | None = None,
    wait: bool = False,
    progress: Progress | None = None,
) -> RunSummary:
    """Store the articles (and, with ``code``, the events) of every input file, resumably.

    Args:
        paths: files and folders to read (folders are walked).
        settings: the store path (``settings.db``) and ingest settings.
        code: codes a batch of articles into events; ``None`` only ingests.
        coder_version: part of the checkpoint key when coding, so a new coder redoes files.
        fmt: input format for every file; ``None`` detects it per file.
        skip_bad: write bad records to the rejects file and go on, instead of stopping.
        rejects_path: where rejects go; default ``<db stem>.rejects.jsonl``.
        wait: wait for another run on the same store instead of failing.
        progress: called as ``progress(files_finished, n_files, path)`` after each file.

    Returns:
        The summary of the run.

    Raises:
        InputError: a bad record and not ``skip_bad``; earlier files stay stored.
        StoreLockedError: another run holds the store and not ``wait``.

    Example:
        >>> run_files(["news/"], settings=Settings(db="news.duckdb"))  # doctest: +SKIP
        RunSummary(files_seen=3, files_skipped=0, files_done=3, articles=120, ...)
    """
    started = time.perf_counter()
    store = Store(Path(settings.db))
    version = coder_version if code is not None else None
    rejects_file = Path(rejects_path) if rejects_path else default_rejects_path(settings.db)
    totals = _FileTally(0, 0, 0, 0)
    skipped = unread = 0
    # Take the run lock before touching the database, so a second run fails at once.
    with store.run_lock(wait=wait), ExitStack() as stack:
        store.create()
        rejects = stack.enter_context(RejectsWriter(rejects_file)) if skip_bad else None
        files = input_files(paths, own=own_paths(store, rejects_file), on_bad=rejects)
        done = store.done_keys()
        for n_finished, path in enumerate(files, start=1):
            key = key_or_reject(path, coder_version=version, rejects=rejects)
            if key is None:
                unread += 1  # in the rejects file, not checkpointed
            elif key in done:
                skipped += 1
            else:
                job = _FileJob(store, path, key, settings, code, fmt, rejects)
                totals = _add(totals, job.run())
                unread += job.unreadable
                done.add(key)
            if progress is not None:
                progress(n_finished, len(files), path)
        rebuilt = rebuild_stories(store) if code is not None and store.stories_stale() else None
        n_rejects = rejects.count if rejects is not None else totals.rejects
    return RunSummary(
        files_seen=len(files),
        files_skipped=skipped,
        files_done=len(files) - skipped - unread,
        articles=totals.articles,
        new_articles=totals.new_articles,
        events=totals.events,
        rejects=n_rejects,
        rejects_path=str(rejects_file) if n_rejects else None,
        elapsed=round(time.perf_counter() - started, 3),
        stories_elapsed=rebuilt,
    )


def rebuild_stories(store: Store, *, on_step: OnStep | None = None) -> float:
    """Rebuild the store's stories and collapsed events; return the seconds it took.

    Called at the end of every run that coded a file, or that found the stories stale
    (a rebuild cut short by a kill or a full disk, #15.5), so ``unique_events`` (and the
    GDELT/POLECAT/MIRAI exports) match the events stored. The rebuild covers the whole
    store (see docs/dedup.md), in one transaction with the clearing of the stale mark.
    """
    started = time.perf_counter()
    with store.writer() as con:
        summary = store.rebuild_stories(con, on_step=on_step)
    logger.info("stories rebuilt after the run: %s", summary)
    return round(time.perf_counter() - started, 3)


def rebuild_after_run(store: Store, *, on_step: OnStep | None = None) -> float | None:
    """Rebuild the stories if they are stale, under the run lock; return the seconds, or None.

    A run that took the lock since ours ended rebuilds at its own end, so ours is skipped.
    """
    try:
        with store.run_lock(wait=False):
            return rebuild_stories(store, on_step=on_step) if store.stories_stale() else None
    except StoreLockedError:
        logger.info("%s: another run holds the store; it rebuilds the stories", store.path)
        return None


def input_files(
    paths: Sequence[str | Path], *, own: Sequence[Path], on_bad: OnBad | None = None
) -> list[Path]:
    """Return the input files under ``paths``, leaving out the store's own files and folders.

    Args:
        own: files and folders of the store (``own_paths``); nothing at or under them is read.
        on_bad: called with each folder that cannot be listed; None raises the first.
    """
    # A store kept inside the folder it ingests must not read itself (#15.9).
    skip = [identity(path) for path in own]
    found = iter_input_files(paths, on_bad=on_bad)
    return [path for path in found if not _inside(identity(path), skip)]


def own_paths(store: Store, rejects_file: Path) -> tuple[Path, ...]:
    """Return what a run keeps beside the store: its files, the shard folder, the rejects."""
    return (*store.own_files(), ShardDir.for_store(store.path).root, rejects_file)


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)


def key_or_reject(path: Path, *, coder_version: str | None, rejects: OnBad | None) -> str | None:
    """Return the checkpoint key of ``path``, or None after rejecting an unreadable file.

    Raises:
        UnreadableError: the file cannot be read and ``rejects`` is None.
    """
    try:
        return checkpoint_key(path, coder_version=coder_version)
    except UnreadableError as error:
        if rejects is None:
            raise
        rejects(error)
        return None


def _add(a: _FileTally, b: _FileTally) -> _FileTally:
    return _FileTally(
        a.articles + b.articles,
        a.new_articles + b.new_articles,
        a.events + b.events,
        a.rejects + b.rejects,
    )


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _FileJob:
    """One input file: read, code, and store it in a single transaction."""

    def __init__(
        self,
        store: Store,
        path: Path,
        key: str,
        settings: Settings,
        code: Coder | None,
        fmt: str | None,
        rejects: RejectsWriter | None,
    ) -> None:
        self.store, self.path, self.key, self.code = store, path, key, code
        self.settings, self.fmt, self.rejects = settings, fmt, rejects
        self.n_rejects = 0
        self.unreadable = False
        self.pending: list[tuple[list[Article], list[Event]]] = []
        self.tally = _FileTally(0, 0, 0, 0)

    def run(self) -> _FileTally:
        """Store the file and its checkpoint; roll everything back on any error."""
        with ExitStack() as stack:
            con: Connection | None = None
            for batch in _batches(self._read(), BATCH_ARTICLES):
                self.pending.append((batch, self.code(batch) if self.code else []))
                if con is None and len(self.pending) * BATCH_ARTICLES >= BUFFER_ARTICLES:
                    con = stack.enter_context(self.store.writer())
                if con is not None:
                    self._flush(con)
            con = con or stack.enter_context(self.store.writer())
            self._flush(con)
            self.tally = _add(self.tally, _FileTally(0, 0, 0, self.n_rejects))
            if not self.unreadable:  # a file the system would not read is retried (#15.8)
                self.store.mark_done(
                    con,
                    self.key,
                    n_articles=self.tally.articles,
                    n_events=self.tally.events,
                    n_rejects=self.n_rejects,
                )
        logger.info("%s: %d articles, %d events", self.path, self.tally.articles, self.tally.events)
        return self.tally

    def _read(self) -> Iterator[Article]:
        on_bad = self._reject if self.rejects is not None else None
        return read_file(self.path, fmt=self.fmt, settings=self.settings.ingest, on_bad=on_bad)

    def _reject(self, error: InputError) -> None:
        if self.rejects is not None:
            self.rejects(error)
        self.n_rejects += 1
        self.unreadable = self.unreadable or isinstance(error, UnreadableError)

    def _flush(self, con: Connection) -> None:
        for articles, events in self.pending:
            new = self.store.upsert_articles(con, articles)
            if self.code is not None:
                self.store.delete_events(con, [article.id for article in articles])
            n_events = self.store.upsert_events(con, events)
            self.tally = _add(self.tally, _FileTally(len(articles), new, n_events, 0))
        self.pending.clear()
