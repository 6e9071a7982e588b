"""The default engine: a pool of local worker processes, each holding one loaded stage.

The stage is pickled once and unpickled once per worker by the pool initializer, so the
spaCy pipeline loads once per process, not once per shard. With one worker the stage
runs in this process (no pool, no pickling round trip). With ``start_method="fork"`` the
stage is loaded here first and the workers are forked from this process, so they share
its loaded pipeline instead of each loading its own (see ``bench/throughput.py``).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from dyadwatch.config import DEFAULT_START_METHOD
from dyadwatch.errors import EngineError, UnknownNameError, WorkerDiedError
from dyadwatch.runner.base import ShardResult, ShardTask, Stage, check_picklable, code_shard

logger = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2
"""Shards queued per worker: enough to keep each busy, few enough to bound memory."""

PARENT_POLL_S = 0.5
"""How often a worker checks that the run that started it is still there."""

START_METHODS = ("spawn", "fork")
"""How local workers start (``runner.start_method``): a fresh interpreter each, or a fork
of the run's process that shares its loaded stage. ``fork`` needs a POSIX system."""

_worker_stage: Stage | None = None


def _init_worker(stage: Stage | bytes, parent: int) -> None:
    global _worker_stage
    # Spawned workers get the pickled stage; forked ones inherit the loaded object.
    _worker_stage = pickle.loads(stage) if isinstance(stage, bytes) else stage
    watch = threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True)
    watch.start()


def _exit_with(parent: int) -> None:
    """End this worker once the run that started it is gone (#15.11).

    A killed driver left its workers blocked on the task queue for good, each holding a
    loaded pipeline; an orphan is adopted by another process, so its parent id changes.
    """
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _run_task(task: ShardTask) -> ShardResult:
    if _worker_stage is None:
        raise EngineError("worker process started without a stage; this is a bug in dyadwatch")
    return code_shard(_worker_stage, task)


@dataclass(frozen=True, slots=True)
class LocalRunner:
    """Run shards in ``workers`` local processes, started by ``start_method``.

    ``spawn`` (the default off Linux) starts each worker as a fresh interpreter that loads its own
    stage, and inherits no locks or threads. ``fork`` first calls the stage on an empty
    batch here, so a stage that loads on first use (``CodeStage``) loads once, then forks
    the workers, which share that memory (the default on Linux: ``DEFAULT_START_METHOD``).

    Raises:
        UnknownNameError: ``start_method`` is not one of ``START_METHODS``.

    Example:
        >>> results = list(LocalRunner(workers=2).map(stage, tasks))  # doctest: +SKIP
    """

    workers: int = 1
    start_method: str = DEFAULT_START_METHOD
    name: str = "local"

    def __post_init__(self) -> None:
        if self.start_method not in START_METHODS:
            raise UnknownNameError("runner.start_method", self.start_method, START_METHODS)

    def map(self, stage: Stage, tasks: Iterable[ShardTask]) -> Iterator[ShardResult]:
        """Code every task, yielding results as they finish.

        Raises:
            EngineError: the stage cannot be pickled, or ``workers`` is below 1.
            WorkerDiedError: a worker process died (out of memory, killed).
        """
        if self.workers < 1:
            raise EngineError(f"runner.workers is {self.workers}; set it to 1 or more")
        payload = check_picklable(stage, name="the stage")
        if self.workers == 1:
            yield from (code_shard(stage, task) for task in tasks)
            return
        if self.start_method == "fork":
            stage([])  # load a lazily built stage here, so the forked workers share it
        shipped = payload if self.start_method == "spawn" else stage
        yield from self._pooled(shipped, iter(tasks))

    def _pooled(self, stage: Stage | bytes, tasks: Iterator[ShardTask]) -> Iterator[ShardResult]:
        context = multiprocessing.get_context(self.start_method)
        limit = self.workers * IN_FLIGHT_PER_WORKER
        with ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(stage, os.getpid()),
        ) as pool:
            pending: set[Future[ShardResult]] = set()
            failure: Exception | None = None
            try:
                while True:
                    if failure is None:
                        more = _take(tasks, limit - len(pending))
                        pending |= {pool.submit(_run_task, task) for task in more}
                    if not pending:
                        break
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        try:
                            result = _result(future)
                        except WorkerDiedError:
                            raise  # the pool is broken: nothing in flight will finish
                        except Exception as error:
                            # Send nothing new, but keep the shards already in flight,
                            # so a rerun resumes after them; then raise (#7).
                            failure = failure or error
                            continue
                        yield result
            finally:
                for future in pending:
                    future.cancel()
            if failure is not None:
                raise failure


def _take(tasks: Iterator[ShardTask], count: int) -> list[ShardTask]:
    return list(itertools.islice(tasks, max(count, 0)))


def _result(future: Future[ShardResult]) -> ShardResult:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDiedError("local") from None
