"""Turn DuckDB's failures into dyadwatch errors: a full disk, a file held by another process.

DuckDB's exceptions carry no errno and no structured holder, only text, so this module is
the one place that reads it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import re
from pathlib import Path

import duckdb

from dyadwatch.errors import StoreFullError, StoreMemoryError

logger = logging.getLogger(__name__)


# How the C library (and so DuckDB and Arrow) spells the ways a write runs out of room;
# DuckDB's exceptions carry no errno, only this text.
_FULL = {
    "no space left on device": "no space left on device (ENOSPC)",
    "file too large": "the file size limit was reached (EFBIG; see ulimit -f)",
    "disk quota exceeded": "the disk quota is exhausted (EDQUOT)",
}
_FULL_ERRNOS = {errno.ENOSPC: "no space left on device", errno.EFBIG: "file too large"}
_FULL_ERRNOS[errno.EDQUOT] = "disk quota exceeded"


def disk_full(path: Path, error: BaseException) -> StoreFullError | None:
    """Return a ``StoreFullError`` for ``path`` if ``error`` is a write that ran out of room.

    Example:
        >>> str(disk_full(Path("x.duckdb"), OSError(28, "No space left on device")))[:44]
        'x.duckdb: no space left on device (ENOSPC) w'
    """
    errno_text = _FULL_ERRNOS.get(getattr(error, "errno", None) or 0, "")
    text = f"{errno_text} {error}".lower()
    for words, reason in _FULL.items():
        if words in text:
            return StoreFullError(str(path), reason)
    return None


def out_of_memory(path: Path, error: BaseException) -> StoreMemoryError | None:
    """Return a ``StoreMemoryError`` for ``path`` if ``error`` is DuckDB out of memory.

    Example:
        >>> oom = duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        >>> str(out_of_memory(Path("x.duckdb"), oom))[:60]
        'x.duckdb: the store ran out of memory while writing (could n'
    """
    text = str(error).splitlines()[0] if str(error) else ""
    # A commit that runs out comes back as a TransactionException ('Failed to commit:
    # failed to pin block of size 256.0 KiB (244.0 MiB/244.1 MiB used)').
    at_commit = isinstance(error, duckdb.TransactionException) and "failed to pin block" in text
    if not (isinstance(error, duckdb.OutOfMemoryException) or at_commit):
        return None
    detail = text.removeprefix("Out of Memory Error: ").removeprefix("TransactionContext Error: ")
    return StoreMemoryError(str(path), detail)


def unregister(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Unregister the view ``name``; after a failed statement (the transaction aborted) the
    view goes with the connection, and the statement's own error is the one to report."""
    with contextlib.suppress(duckdb.TransactionException):
        con.unregister(name)


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back ``con``'s transaction, if DuckDB has not already ended it."""
    # A failed COMMIT (a full disk) has already ended the transaction (#15.13).
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("ROLLBACK")


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close ``con``; a failure to close (a full disk at checkpoint) is only logged."""
    try:
        con.close()
    except duckdb.Error as error:
        logger.warning("closing the store failed: %s", error)


_PID = re.compile(r"\(PID (\d+)\)")


def holder(error: Exception) -> str:
    """Say which process DuckDB found holding the file (its message names the PID)."""
    found = _PID.search(str(error))
    if found is None:
        return "another process holds it open"
    pid = found[1]
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").strip()
    except OSError:
        return f"process {pid} holds it open"
    return f"process {pid} ({command.decode('utf-8', 'replace')[:120]}) holds it open"
