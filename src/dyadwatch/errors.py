"""The one exception hierarchy of dyadwatch; every error a user sees is one of these.

::

    DyadwatchError
    ├── InputError            (path, line): a file or record that cannot be read
    │   ├── FormatError       unknown or undetectable input format
    │   ├── RecordError       one bad record (missing date, empty text, bad JSON, ...)
    │   ├── LimitError        an article or sentence over a configured limit
    │   └── UnreadableError   a file or folder the system will not read (permissions, a
    │                         broken link, a FIFO); never checkpointed, so a rerun retries
    ├── ConfigError           a bad setting, CLI choice or settings file
    │   └── UnknownNameError  an unknown actor, CAMEO code, ... with "did you mean"
    ├── ExtractError          the NLP pipeline or coder failed
    │   └── ModelError        (path): the learned model's files are missing or broken
    ├── StoreError            the DuckDB store or an export failed
    │   ├── StoreLockedError  another process is writing to the store
    │   │   └── StoreBusyError  the file stayed busy (readers, a writer) past the timeout
    │   ├── StoreFullError    the disk is full (ENOSPC) or a file size limit was hit
    │   └── StoreMemoryError  DuckDB ran out of the memory it may use for a write
    ├── EngineError           a runner (local or cluster) failed
    │   └── TransientEngineError  a failure worth retrying (lost worker, timeout)
    │       └── WorkerDiedError   (engine): a worker process died (killed, out of memory)
    └── MissingDependency     (also an ImportError) an optional extra is not installed

Each subclass takes structured arguments and builds its own one-line message: where,
what, what to do. All of them pickle, so they cross process and cluster boundaries.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


class DyadwatchError(Exception):
    """Root of all dyadwatch errors."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the finished message and the instance dict, so subclasses with
        # structured constructors still pickle across processes (#8).
        return (_rebuild, (type(self), self.message, self.__dict__))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls: type[DyadwatchError], message: str, state: dict[str, Any]) -> DyadwatchError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(DyadwatchError):
    """A file or record that cannot be read; carries ``path`` and ``line``."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str = "") -> None:
        self.path = printable(str(path))
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line is not None else self.path
        message = f"{where}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)

    def with_hint(self, hint: str) -> InputError:
        """Return the same error (same class, path and line) with ``hint`` after its fix.

        Example:
            >>> str(InputError("a.jsonl", 2, "bad JSON").with_hint("or use --skip-bad"))
            'a.jsonl:2: bad JSON; or use --skip-bad'
        """
        fix = f"{self.fix}; {hint}" if self.fix else hint
        return type(self)(self.path, self.line, self.problem, fix)


def printable(text: str) -> str:
    """Return ``text`` with undecodable file-name bytes shown as ``\\xNN`` escapes.

    Python keeps a file name's non-UTF-8 bytes as lone surrogates, which no UTF-8 file,
    terminal or database accepts (#15.6).

    Example:
        >>> printable("bad\udcff.jsonl")
        'bad\\xff.jsonl'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape") if _escaped_only(text) else None
        if raw is not None:
            return raw.decode("utf-8", "backslashreplace")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _escaped_only(text: str) -> bool:
    # surrogateescape can encode only U+DC80..U+DCFF (the bytes 0x80..0xFF it decoded).
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


class FormatError(InputError):
    """The input format is unknown or could not be detected."""


class RecordError(InputError):
    """One record is malformed (bad JSON, missing or unparsable date, empty text)."""


class LimitError(InputError):
    """An article or sentence exceeds a configured limit."""


class UnreadableError(InputError):
    """The system will not read a file or folder: permissions, a broken link, not a file."""


class ConfigError(DyadwatchError):
    """A setting, settings file or CLI choice is invalid."""


class UnknownNameError(ConfigError):
    """An unknown name (CAMEO code, actor, layout) with close matches offered."""

    def __init__(self, kind: str, name: str, choices: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        matches = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class ExtractError(DyadwatchError):
    """The NLP pipeline or the event coder failed."""


class ModelError(ExtractError):
    """The learned model's files are missing or broken; carries ``path``."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: {problem}; reinstall dyadwatch, or rebuild the model with `make train`"
        )


class StoreError(DyadwatchError):
    """The store or an export failed."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""

    def __init__(self, path: str) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: the store is being written by another dyadwatch process; "
            "wait for it to finish, or use another --db"
        )


class StoreBusyError(StoreLockedError):
    """The store file stayed held by other processes for the whole wait; names who held it."""

    def __init__(self, path: str, holder: str) -> None:
        self.path = str(path)
        self.holder = holder
        StoreError.__init__(
            self,
            f"{self.path}: the store stayed busy while waiting to open it ({holder}); "
            "retry when they are done, or stop long readers (dashboard, export) during a run",
        )


class StoreFullError(StoreError):
    """A write to the store (or its run files) failed for lack of space; nothing half-written."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(
            f"{self.path}: {reason} while writing; the file in hand was rolled back and "
            "finished files are kept: free space there (or use a --db on a disk with room), "
            "then rerun the same command to resume"
        )


class StoreMemoryError(StoreError):
    """DuckDB ran out of the memory it may use for a write; the transaction was rolled back."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(
            f"{self.path}: the store ran out of memory while writing ({detail}); the write "
            "in hand was rolled back and everything committed before it is kept: free "
            "memory (close other programs), then rerun the same command to resume"
        )


class EngineError(DyadwatchError):
    """A runner failed."""


class TransientEngineError(EngineError):
    """A runner failure that is worth retrying."""


class WorkerDiedError(TransientEngineError):
    """A worker process died mid-run (killed, or out of memory); carries ``engine``."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        super().__init__(
            f"a {engine} worker process died (killed, or out of memory); rerun the same "
            "command to resume from the finished shards, with fewer --workers "
            "(runner.workers) or a smaller coder.batch_size if memory is short"
        )


class MissingDependency(DyadwatchError, ImportError):
    """An optional dependency is missing; the message gives the pip line."""

    def __init__(self, package: str, extra: str, install: str = "") -> None:
        self.package = package
        self.extra = extra
        self.install = install or f'pip install "dyadwatch[{extra}]"'
        super().__init__(
            f"{package} is not installed; it comes with the {extra!r} extra: {self.install}"
        )
