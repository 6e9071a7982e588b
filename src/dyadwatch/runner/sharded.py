"""The one run loop, behind ``dyadwatch run`` and ``ingest``: read, code on an engine, merge.

The driver reads each input file in order and cuts it into shards of
``runner.shard_articles`` consecutive articles (a small file is one shard). Shards go to
the engine (``LocalRunner`` or ``RayRunner``); each finished shard's events are written as
Parquet under ``<db>.shards/`` and noted in its manifest. When every shard of a file is
back, the file is merged into the store in one transaction, in input order, together
with its checkpoint row. So a rerun after a kill skips merged files and finished shards,
and the store ends up the same, event id for event id, whatever the engine or the number
of workers.

``dyadwatch ingest`` is a run whose stage (``IngestOnly``) codes nothing: its checkpoint
keys carry no coder version, it leaves the events already stored for its articles alone,
and it counts no shards.

A bad record stops the run before that file is merged (earlier files stay stored), with
the ``path:line`` error of the reader, unless ``skip_bad``.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.errors import InputError, UnreadableError
from dyadwatch.ingest import RejectsWriter, read_file
from dyadwatch.records import Article
from dyadwatch.runner.base import (
    Runner,
    ShardResult,
    ShardTask,
    Stage,
    check_picklable,
    codes_events,
)
from dyadwatch.runner.pipeline import (
    Progress,
    RunSummary,
    checkpoint_key,
    default_rejects_path,
    input_files,
    own_paths,
)
from dyadwatch.runner.shardfiles import ManifestEntry, ShardDir
from dyadwatch.store import Store

logger = logging.getLogger(__name__)

_TOTALS = (
    "files_done",
    "articles",
    "new_articles",
    "events",
    "rejects",
    "shards",
    "shards_reused",
    "sentences_skipped",
)


@dataclass(slots=True)
class _File:
    """One input file being coded: its shards, and which of them are back."""

    path: Path
    key: str
    shard_ids: list[str] = field(default_factory=list)
    planned: bool = False
    n_rejects: int = 0
    unreadable: bool = False  # the system would not read it: merged, never checkpointed

    def ready(self, finished: set[str]) -> bool:
        return self.planned and all(shard_id in finished for shard_id in self.shard_ids)


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How ``run_sharded`` reads its input and treats bad records."""

    fmt: str | None = None
    skip_bad: bool = False
    rejects_path: str | Path | None = None
    wait: bool = False


def shard_id(key: str, start: int, stop: int) -> str:
    """Return the id of the shard of articles ``[start, stop)`` of the input ``key``.

    Example:
        >>> shard_id("/data/a.jsonl|10|1|0.1", 0, 500)
        'f312a2673c32b2916f87'
    """
    return hashlib.sha1(f"{key}|{start}:{stop}".encode()).hexdigest()[:20]


def run_sharded(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    stage: Stage,
    runner: Runner,
    coder_version: str = "",
    options: RunOptions = RunOptions(),
    progress: Progress | None = None,
) -> RunSummary:
    """Code and store every input file on ``runner``, resumably, shard by shard.

    Args:
        paths: files and folders to read (folders are walked).
        settings: the store (``settings.db``), ingest settings and ``runner.shard_articles``.
        stage: codes a batch of articles; pickled once per worker. ``IngestOnly`` codes
            nothing and makes the run an ingest.
        runner: the engine (``LocalRunner``, ``RayRunner``).
        coder_version: part of every checkpoint key, so a new coder redoes files (an
            ingest's keys have none).
        options: input format, bad-record handling, waiting for the store.
        progress: called as ``progress(files_finished, n_files, path)``.

    Raises:
        EngineError: the stage or the settings cannot be pickled, or a shard failed.
        InputError: a bad record and not ``options.skip_bad``; earlier files stay stored.
        StoreLockedError: another run holds the store and not ``options.wait``.

    Example:
        >>> run_sharded(["news/"], settings=settings, stage=CodeStage(settings.coder),
        ...             runner=LocalRunner(workers=2))  # doctest: +SKIP
    """
    check_picklable(stage, name="the stage")
    check_picklable(settings, name="the settings")
    store = Store(Path(settings.db))
    rejects_file = Path(options.rejects_path or default_rejects_path(settings.db))
    with store.run_lock(wait=options.wait), ExitStack() as stack:
        store.create()
        rejects = stack.enter_context(RejectsWriter(rejects_file)) if options.skip_bad else None
        files = input_files(paths, own=own_paths(store, rejects_file), on_bad=rejects)
        run = _ShardedRun(store, ShardDir.for_store(settings.db), settings, options, rejects)
        return run.execute(files, stage, runner, coder_version, progress, rejects_file)


SKIP_BAD_HINT = "or rerun with --skip-bad to set bad records aside in the rejects file and go on"
"""Appended to a bad record's error when the run stops on it (#15.17)."""


class _ShardedRun:
    """The state of one sharded run: files in order, finished shards, running totals."""

    def __init__(
        self,
        store: Store,
        shards: ShardDir,
        settings: Settings,
        options: RunOptions,
        rejects: RejectsWriter | None,
    ) -> None:
        self.store, self.shards, self.settings = store, shards, settings
        self.options, self.rejects = options, rejects
        self.finished = set(shards.finished())
        self.queue: list[_File] = []
        # The first failure (a bad record, a failed shard): no new shard is sent after
        # it, shards already sent still finish and are kept, then it is raised (#7).
        self.error: Exception | None = None
        self.origins: dict[str, tuple[str, int, int]] = {}
        self.totals = dict.fromkeys(_TOTALS, 0)
        self.n_finished = self.n_files = 0
        self.progress: Progress | None = None
        self.codes = True  # False for an ingest (IngestOnly): events are left alone

    def execute(
        self,
        files: list[Path],
        stage: Stage,
        runner: Runner,
        coder_version: str,
        progress: Progress | None,
        rejects_file: Path,
    ) -> RunSummary:
        started = time.perf_counter()
        self.codes = codes_events(stage)
        version = coder_version if self.codes else None
        done = self.store.done_keys()
        todo = [(p, _key(p, version)) for p in files]
        todo = [(p, key) for p, key in todo if not isinstance(key, str) or key not in done]
        self.n_finished, self.n_files, self.progress = len(files) - len(todo), len(files), progress
        for result in runner.map(stage, self._tasks(todo)):
            self._keep(result)
            self._merge_ready()
        self._merge_ready()
        if self.error is not None:
            raise self.error
        # An ingest keeps the shards a killed coding run left, so that run still resumes.
        if self.codes or not self.shards.finished():
            self.shards.clear()
        if self.rejects is not None:  # with the folders that could not be listed
            self.totals["rejects"] = self.rejects.count
        return RunSummary(
            files_seen=len(files),
            files_skipped=len(files) - len(todo),
            rejects_path=str(rejects_file) if self.totals["rejects"] else None,
            elapsed=round(time.perf_counter() - started, 3),
            **self.totals,
        )

    def _tasks(self, todo: list[tuple[Path, str | UnreadableError]]) -> Iterator[ShardTask]:
        """Read files in order and yield the shards not finished by an earlier run."""
        for path, key in todo:
            if self.error is not None:
                return
            if isinstance(key, UnreadableError):
                self._unreadable(path, key)
                continue
            entry = _File(path, key)
            self.queue.append(entry)
            try:
                yield from self._file_tasks(entry)
            except InputError as error:
                # Stop reading; shards already sent finish, but this file is never merged.
                self.queue.pop()
                self.error = error.with_hint(SKIP_BAD_HINT)
                return
            if self.error is not None:
                return  # stopped part-way: this file is never merged
            entry.planned = True
            self._merge_ready()  # a file with no shard to code is merged at once

    def _unreadable(self, path: Path, error: UnreadableError) -> None:
        if self.rejects is None:
            self.error = error
            return
        self.rejects(error)
        self.queue.append(_File(path, "", planned=True, n_rejects=1, unreadable=True))
        self._merge_ready()

    def _file_tasks(self, entry: _File) -> Iterator[ShardTask]:
        size = max(self.settings.runner.shard_articles, 1)
        articles = read_file(
            entry.path,
            fmt=self.options.fmt,
            settings=self.settings.ingest,
            on_bad=self._on_bad(entry) if self.rejects is not None else None,
        )
        for index, (chunk, last) in enumerate(_chunks(articles, size)):
            if self.error is not None:
                return
            start = index * size
            task_id = shard_id(entry.key, start, start + len(chunk))
            entry.shard_ids.append(task_id)
            self.origins[task_id] = (entry.key, start, start + len(chunk))
            # Planned before its last shard goes out, so the file is merged as soon as that
            # shard is back, not when the next file yields its first one (#15.7).
            entry.planned = last
            if task_id in self.finished:
                self.totals["shards_reused"] += self.codes
                continue
            self.shards.write_articles(task_id, chunk)
            yield ShardTask(task_id, tuple(chunk))

    def _on_bad(self, entry: _File) -> Callable[[InputError], None]:
        def reject(error: InputError) -> None:
            if self.rejects is not None:
                self.rejects(error)
            entry.n_rejects += 1
            entry.unreadable = entry.unreadable or isinstance(error, UnreadableError)

        return reject

    def _keep(self, result: ShardResult) -> None:
        if result.error is not None:
            self.error = self.error or result.error
            return
        self.shards.write_events(result.shard_id, result.events)
        key, start, stop = self.origins[result.shard_id]
        self.shards.record(ManifestEntry(result.shard_id, key, start, stop, len(result.events)))
        self.finished.add(result.shard_id)
        self.totals["shards"] += self.codes
        self.totals["sentences_skipped"] += result.skipped_sentences

    def _merge_ready(self) -> None:
        """Merge, in input order, every file at the head of the queue whose shards are back."""
        while self.queue and self.queue[0].ready(self.finished):
            entry = self.queue.pop(0)
            self._merge(entry)
            self.n_finished += 1
            if self.progress is not None:
                self.progress(self.n_finished, self.n_files, entry.path)

    def _merge(self, entry: _File) -> None:
        n_articles = n_events = n_new = 0
        with self.store.writer() as con:
            for task_id in entry.shard_ids:
                articles = self.shards.read_articles(task_id)
                n_new += self.store.upsert_articles(con, articles)
                n_articles += len(articles)
                if not self.codes:
                    continue  # an ingest leaves the articles' stored events alone
                self.store.delete_events(con, [article.id for article in articles])
                n_events += self.store.upsert_events(con, self.shards.read_events(task_id))
            if not entry.unreadable:  # a file the system would not read is retried (#15.8)
                self.store.mark_done(
                    con, entry.key, n_articles=n_articles, n_events=n_events,
                    n_rejects=entry.n_rejects,
                )  # fmt: skip
        self.shards.remove(entry.shard_ids)
        logger.info("%s: %d articles, %d events", entry.path, n_articles, n_events)
        for name, value in (
            ("articles", n_articles),
            ("new_articles", n_new),
            ("events", n_events),
        ):
            self.totals[name] += value
        self.totals["rejects"] += entry.n_rejects
        self.totals["files_done"] += not entry.unreadable


def _chunks(articles: Iterator[Article], size: int) -> Iterator[tuple[list[Article], bool]]:
    """Yield ``(chunk, is_last)``; a chunk is read ahead to know whether it is the last."""
    chunk = list(itertools.islice(articles, size))
    while chunk:
        following = list(itertools.islice(articles, size))
        yield chunk, not following
        chunk = following


def _key(path: Path, coder_version: str | None) -> str | UnreadableError:
    try:
        return checkpoint_key(path, coder_version=coder_version)
    except UnreadableError as error:
        return error  # rejected, or raised, when its turn comes
