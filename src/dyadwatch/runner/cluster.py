"""The cluster engine: Ray Data ``map_batches`` over a pool of actors, one loaded stage each.

This is the only module that imports Ray, and only through ``_optional.require``, so
``dyadwatch`` works without the ``cluster`` extra. Shards travel as pickled bytes (one
shard per batch) and come back the same way; the driver writes the Parquet files, so
workers need no shared file system. Tasks are fed in windows of ``WINDOW_ARTICLES``
articles to keep the driver's memory bounded; each window starts a fresh actor pool,
which costs one model load per worker per window.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from dyadwatch._optional import require
from dyadwatch.errors import EngineError, TransientEngineError
from dyadwatch.runner.base import ShardResult, ShardTask, Stage, check_picklable, code_shard

logger = logging.getLogger(__name__)

WINDOW_ARTICLES = 50_000
"""Articles handed to Ray in one dataset; more shards wait in the driver's reader."""

WINDOW_SHARDS = 2_000
"""Shards handed to Ray in one dataset, for inputs made of many tiny files."""

IN_FLIGHT_PER_ACTOR = 2
"""Shards sent to an actor at once: one running, one queued behind it (see ``_run_window``)."""

_TRANSIENT = (
    "ActorDiedError",
    "ActorUnavailableError",
    "NodeDiedError",
    "ObjectLostError",
    "OwnerDiedError",
    "WorkerCrashedError",
    "GetTimeoutError",
    "RaySystemError",
)
"""Ray exception classes worth a retry: the cluster lost something, the code did not fail."""


class ShardCoder:
    """The Ray actor: unpickles the stage once, then codes one pickled shard per batch."""

    def __init__(self, payload: bytes) -> None:
        self.stage: Stage = pickle.loads(payload)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy

        results = [pickle.dumps(code_shard(self.stage, pickle.loads(raw))) for raw in batch["task"]]
        return {"result": numpy.array(results, dtype=object)}


@dataclass(frozen=True, slots=True)
class RayRunner:
    """Run shards on a Ray cluster with ``workers`` actors.

    Args:
        workers: actors in the pool, each holding one loaded stage (one CPU each).
        address: ``""`` starts (or reuses) a local Ray instance; ``"auto"`` joins the
            cluster of ``ray start`` on this machine; ``"ray://host:10001"`` connects a
            client to a remote head node.

    Example:
        >>> runner = RayRunner(workers=4, address="auto")  # doctest: +SKIP
    """

    workers: int = 1
    address: str = ""
    name: str = "ray"

    @classmethod
    def checked(cls, *, workers: int = 1, address: str = "") -> RayRunner:
        """Return a runner once Ray is known to be importable, before any work starts.

        Raises:
            MissingDependency: Ray is not installed (``pip install "dyadwatch[cluster]"``).
        """
        require("ray", extra="cluster")
        return cls(workers=workers, address=address)

    def map(self, stage: Stage, tasks: Iterable[ShardTask]) -> Iterator[ShardResult]:
        """Code every task on the cluster, yielding results as they stream back.

        Raises:
            MissingDependency: Ray is not installed (``pip install "dyadwatch[cluster]"``).
            EngineError: the stage cannot be pickled, or a shard failed on the cluster.
            TransientEngineError: the cluster lost a worker, node or object.
        """
        ray = require("ray", extra="cluster")
        if self.workers < 1:
            raise EngineError(f"runner.workers is {self.workers}; set it to 1 or more")
        payload = check_picklable(stage, name="the stage")
        started = self._connect(ray)
        try:
            for window in _windows(tasks):
                yield from self._run_window(ray, payload, window)
        finally:
            if started:
                ray.shutdown()

    def _connect(self, ray: ModuleType) -> bool:
        """Join or start Ray; return whether this call started it (and so must stop it)."""
        if ray.is_initialized():
            return False
        # Ray logs every dataset's plan at INFO; show that only under ``dyadwatch -v``.
        level = logging.INFO if logger.isEnabledFor(logging.INFO) else logging.WARNING
        logging.getLogger("ray").setLevel(level)
        if self.address:
            ray.init(address=self.address, log_to_driver=False, logging_level=level)
        else:
            ray.init(include_dashboard=False, log_to_driver=False, logging_level=level)
        return True

    def _run_window(
        self, ray: ModuleType, payload: bytes, window: list[ShardTask]
    ) -> Iterator[ShardResult]:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        # Ray Data sets up its loggers on import; quiet its per-dataset INFO lines after that.
        quiet = not logger.isEnabledFor(logging.INFO)
        logging.getLogger("ray.data").setLevel(logging.ERROR if quiet else logging.INFO)
        items = [{"task": pickle.dumps(task)} for task in window]
        # One block per shard, so every actor in the pool gets work.
        dataset = ray.data.from_items(items, override_num_blocks=len(items))
        coded = dataset.map_batches(
            ShardCoder,
            fn_constructor_kwargs={"payload": payload},
            # Queue a shard behind the running one: with one in flight, an actor idles
            # 0.1-0.2 s after each shard until Ray Data's scheduling loop (it polls
            # ``ray.wait`` with a 0.1 s timeout) notices and sends the next. The cost:
            # at the end of a window, an actor may still hold a queued shard that an
            # idle one could have taken.
            compute=ray.data.ActorPoolStrategy(
                size=min(self.workers, len(items)),
                max_tasks_in_flight_per_actor=IN_FLIGHT_PER_ACTOR,
            ),
            batch_size=1,
            batch_format="numpy",
            num_cpus=1,
        )
        rows = iter(coded.iter_rows())
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except ray.exceptions.RayError as error:
                raise _engine_error(error) from None
            yield pickle.loads(row["result"])


def _windows(tasks: Iterable[ShardTask]) -> Iterator[list[ShardTask]]:
    window: list[ShardTask] = []
    n_articles = 0
    for task in tasks:
        window.append(task)
        n_articles += len(task.articles)
        if n_articles >= WINDOW_ARTICLES or len(window) >= WINDOW_SHARDS:
            yield window
            window, n_articles = [], 0
    if window:
        yield window


def _engine_error(error: Exception) -> EngineError:
    names = {cls.__name__ for cls in type(error).__mro__}
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if names & set(_TRANSIENT):
        return TransientEngineError(
            f"the Ray cluster lost a worker ({first_line}); rerun the same command to "
            "resume from the finished shards"
        )
    return EngineError(
        f"a shard failed on the Ray cluster ({first_line}); see the Ray worker logs "
        "(/tmp/ray/session_latest/logs) for the traceback"
    )
