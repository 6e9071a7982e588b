"""The runner seam: what an engine receives (shards of articles) and hands back (their events).

An engine (``LocalRunner``, ``RayRunner``) implements one method, ``map``, and knows
nothing of files, Parquet or the store: the sharded driver in ``runner/sharded.py`` plans
the shards, writes what comes back and merges it. Everything that crosses to a worker is
checked with ``pickle.dumps`` first, so a lambda or an open connection fails here, with a
message saying what to change, rather than halfway through a cluster job.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from dyadwatch.errors import DyadwatchError, EngineError
from dyadwatch.records import Article, Event

Stage = Callable[[list[Article]], list[Event]]
"""A picklable callable that codes a batch of articles, such as ``extract.CodeStage``."""


class IngestOnly:
    """The stage of ``dyadwatch ingest``: it codes nothing, so a run only stores articles.

    The driver treats a run with this stage as an ingest: its checkpoint keys carry no
    coder version, and the events already stored for its articles are left alone.

    Example:
        >>> IngestOnly()([])
        []
    """

    def __call__(self, articles: list[Article]) -> list[Event]:
        return []


def codes_events(stage: Stage) -> bool:
    """Return whether a run with ``stage`` codes events (every stage but ``IngestOnly``)."""
    return not isinstance(stage, IngestOnly)


@dataclass(frozen=True, slots=True)
class ShardTask:
    """One unit of work sent to a worker: a run of consecutive articles of one input file."""

    shard_id: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a worker hands back for one shard: its events, or the error that stopped it."""

    shard_id: str
    events: tuple[Event, ...] = ()
    error: DyadwatchError | None = None
    skipped_sentences: int = 0  # over coder.max_sentence_tokens, so not coded


class Runner(Protocol):
    """An execution engine: code shards with a stage, yielding results as they finish.

    Results may come back in any order; ``map`` stops at the first failed shard by
    raising its error.
    """

    @property
    def name(self) -> str:
        """The engine's name, as ``--runner`` spells it."""
        ...

    @property
    def workers(self) -> int:
        """How many stages run at once."""
        ...

    def map(self, stage: Stage, tasks: Iterable[ShardTask]) -> Iterator[ShardResult]:
        """Code every task with ``stage`` on the engine's workers."""
        ...


def code_shard(stage: Stage, task: ShardTask) -> ShardResult:
    """Code one shard; a ``DyadwatchError`` comes back as data so it keeps its type.

    Engines that wrap worker exceptions (Ray does) would otherwise lose the path, line
    and fix of an ``InputError`` or ``ExtractError``.
    """
    before = _skipped(stage)
    try:
        events = stage(list(task.articles))
    except DyadwatchError as error:
        return ShardResult(task.shard_id, error=error)
    skipped = _skipped(stage) - before
    return ShardResult(task.shard_id, events=tuple(events), skipped_sentences=skipped)


def _skipped(stage: Stage) -> int:
    """Sentences the stage has left uncoded so far (stages that never skip have no count)."""
    return int(getattr(stage, "skipped_sentences", 0))


def check_picklable(obj: object, *, name: str) -> bytes:
    """Return ``pickle.dumps(obj)``, or raise ``EngineError`` saying what to change.

    Call it on every stage and setting before any work is sent to a worker.

    Example:
        >>> check_picklable(print, name="the stage")[:1]
        b'\\x80'
    """
    try:
        return pickle.dumps(obj)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        what = getattr(obj, "__qualname__", None) or f"a {type(obj).__qualname__} object"
        raise EngineError(
            f"{name} ({what}) cannot be sent to worker processes: {error}; define it at "
            "module level (no lambda or nested function) and keep open files, locks and "
            "connections out of its attributes"
        ) from None
