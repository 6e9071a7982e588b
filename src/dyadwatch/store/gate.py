"""A writer-preferring gate between the store's readers and its writer (#15.12).

DuckDB lets one process write a file or many read it, and a writer that finds a reader
there can only retry. With a dashboard polling, some reader nearly always holds the file,
so a run waited 30 s and gave up. Two lock files beside the store fix the order, in the
classic turnstile pattern: a reader passes ``<db>.gate`` (exclusive, held only while it
takes its place) and holds ``<db>.readers`` shared while it reads; the writer holds the
gate, so no new reader gets in, and takes ``<db>.readers`` exclusive once the reads in
progress end. ``flock`` locks belong to an open file, so threads of one dashboard queue
like processes do, and a killed process lets go of them.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dyadwatch.errors import StoreBusyError

_FIRST_DELAY, _MAX_DELAY = 0.002, 0.05


@dataclass(frozen=True, slots=True)
class Gate:
    """The two lock files of one store.

    Example:
        >>> Gate.for_store(Path("news.duckdb")).turnstile
        PosixPath('news.duckdb.gate')
    """

    turnstile: Path
    room: Path

    @classmethod
    def for_store(cls, db: Path) -> Gate:
        """Return the gate beside the store file ``db``."""
        return cls(db.with_name(db.name + ".gate"), db.with_name(db.name + ".readers"))

    def files(self) -> tuple[Path, Path]:
        """Return both lock files (never read as input)."""
        return (self.turnstile, self.room)

    @contextmanager
    def reading(self, *, timeout: float, store: Path) -> Iterator[None]:
        """Hold a reader's place for the ``with`` block.

        Raises:
            StoreBusyError: a writer kept the gate for ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with ExitStack() as stack:
            with _locked(self.turnstile, fcntl.LOCK_EX, deadline, store, "a writer"):
                stack.enter_context(_locked(self.room, fcntl.LOCK_SH, deadline, store, "a writer"))
            yield

    @contextmanager
    def writing(self, *, timeout: float, store: Path) -> Iterator[None]:
        """Keep new readers out and wait for those inside, for the ``with`` block.

        Raises:
            StoreBusyError: readers kept the store for ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with (
            _locked(self.turnstile, fcntl.LOCK_EX, deadline, store, "a writer"),
            _locked(self.room, fcntl.LOCK_EX, deadline, store, "readers"),
        ):
            yield


@contextmanager
def _locked(path: Path, mode: int, deadline: float, store: Path, holder: str) -> Iterator[None]:
    handle = _open(path)
    if handle is None:  # a store on a read-only disk: no writer to keep out
        yield
        return
    with handle:
        _acquire(handle, mode, deadline, store, holder)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open(path: Path) -> BinaryIO | None:
    try:
        return open(path, "a+b")  # closed by the caller's with block
    except OSError:
        return None


def _acquire(handle: BinaryIO, mode: int, deadline: float, store: Path, holder: str) -> None:
    delay = _FIRST_DELAY
    while True:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() + delay > deadline:
                raise StoreBusyError(str(store), f"{holder} kept it busy") from None
        time.sleep(delay)
        delay = min(delay * 2, _MAX_DELAY)
