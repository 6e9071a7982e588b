"""Checkpoints and the run summary shared by ``dyadwatch ingest``, ``run`` and ``import-events``.

The run loop itself is ``runner/sharded.py`` (``ingest`` is a run whose stage codes
nothing). This module holds what every loop agrees on: which input files a run reads, the
checkpoint key that says a file is done, the summary a run returns, and the story rebuild
that closes a coding run. The checkpoint key is the file's resolved path, size and
modification time (plus the coder version when coding), so an edited file, or a new
coder, is done again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.errors import InputError, StoreLockedError, printable
from dyadwatch.ingest import identity, input_status, iter_input_files
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store.collapse import OnStep
from dyadwatch.store.db import Store

logger = logging.getLogger(__name__)

OnBad = Callable[[InputError], None]
Progress = Callable[[int, int, Path], None]
"""Called as ``progress(files_finished, n_files, path)`` after each file is stored."""


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did; ``shards``/``shards_reused`` count coded and resumed shards.

    An ingest codes nothing, so its ``shards``, ``shards_reused`` and ``events`` are 0.
    """

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
