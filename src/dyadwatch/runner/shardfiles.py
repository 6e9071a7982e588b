"""The run directory beside the store: one Parquet file per coded shard plus a manifest.

``<db>.shards/`` holds ``<shard>.articles.parquet`` (written when a shard is planned),
``<shard>.events.parquet`` (written when its events come back) and ``manifest.jsonl``, one
JSON line per finished shard, appended only after its events file is complete. Files are
written under a temporary name and renamed, so a kill never leaves a half file that a
rerun would trust. A rerun reads the manifest and sends only unfinished shards again.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

from dyadwatch.errors import StoreError
from dyadwatch.records import Article, Event
from dyadwatch.store import schema
from dyadwatch.store.faults import disk_full

logger = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One finished shard: where its articles came from and how many events it gave."""

    shard_id: str
    key: str
    start: int
    stop: int
    n_events: int
    status: str = "done"


@dataclass(frozen=True, slots=True)
class ShardDir:
    """The run directory of one store.

    Example:
        >>> ShardDir.for_store("news.duckdb").root
        PosixPath('news.duckdb.shards')
    """

    root: Path

    @classmethod
    def for_store(cls, db: str | Path) -> ShardDir:
        """Return the run directory beside the store file ``db``."""
        db = Path(db)
        return cls(db.with_name(db.name + ".shards"))

    @property
    def manifest(self) -> Path:
        """The manifest file."""
        return self.root / MANIFEST

    def finished(self) -> dict[str, ManifestEntry]:
        """Return the finished shards whose Parquet files are both still present, by id."""
        if not self.manifest.exists():
            return {}
        entries: dict[str, ManifestEntry] = {}
        for line in self.manifest.read_text(encoding="utf-8").splitlines():
            entry = _entry(line)
            if entry is not None and self._complete(entry.shard_id):
                entries[entry.shard_id] = entry
        return entries

    def record(self, entry: ManifestEntry) -> None:
        """Append ``entry`` to the manifest and flush it to disk.

        Raises:
            StoreError: the manifest cannot be written (``StoreFullError``: no space).
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.manifest, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(dataclasses.asdict(entry)) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise _write_error(self.manifest, error) from None

    def write_articles(self, shard_id: str, articles: Iterable[Article]) -> None:
        """Write the articles of a shard."""
        rows = [schema.article_to_row(article) for article in articles]
        self._write(self._path(shard_id, "articles"), rows, schema.ARTICLE_COLUMNS)

    def write_events(self, shard_id: str, events: Iterable[Event]) -> None:
        """Write the events of a shard."""
        rows = [schema.event_to_row(event) for event in events]
        self._write(self._path(shard_id, "events"), rows, schema.EVENT_COLUMNS)

    def read_articles(self, shard_id: str) -> list[Article]:
        """Read back the articles of a shard."""
        rows = _read(self._path(shard_id, "articles"), schema.ARTICLE_COLUMNS)
        return [schema.row_to_article(row) for row in rows]

    def read_events(self, shard_id: str) -> list[Event]:
        """Read back the events of a shard."""
        rows = _read(self._path(shard_id, "events"), schema.EVENT_COLUMNS)
        return [schema.row_to_event(row) for row in rows]

    def remove(self, shard_ids: Iterable[str]) -> None:
        """Delete the Parquet files of shards already merged into the store."""
        for shard_id in shard_ids:
            for part in ("articles", "events"):
                self._path(shard_id, part).unlink(missing_ok=True)

    def clear(self) -> None:
        """Delete the whole run directory (after a run that merged everything)."""
        shutil.rmtree(self.root, ignore_errors=True)

    def has_articles(self, shard_id: str) -> bool:
        """Return whether the articles of a shard are on disk."""
        return self._path(shard_id, "articles").exists()

    def _complete(self, shard_id: str) -> bool:
        return self.has_articles(shard_id) and self._path(shard_id, "events").exists()

    def _path(self, shard_id: str, part: str) -> Path:
        return self.root / f"{shard_id}.{part}.parquet"

    def _write(self, path: Path, rows: list[tuple[Any, ...]], columns: Any) -> None:
        partial = path.with_name(path.name + ".partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(schema.rows_to_arrow(rows, columns), partial)
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise _write_error(path, error) from None


def _write_error(path: Path, error: OSError) -> StoreError:
    full = disk_full(path, error)
    return full or StoreError(f"{path}: cannot write a run file ({error.strerror or error})")


def _entry(line: str) -> ManifestEntry | None:
    # A kill can cut the last line short; that shard is simply done again.
    try:
        return ManifestEntry(**json.loads(line))
    except (json.JSONDecodeError, TypeError):
        return None


def _read(path: Path, columns: tuple[schema.Column, ...]) -> list[tuple[Any, ...]]:
    table: pa.Table = pq.read_table(path, schema=schema.arrow_schema(columns))
    values = [table.column(column.name).to_pylist() for column in columns]
    return list(zip(*values, strict=True))
