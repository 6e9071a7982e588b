"""The entry points of ``dyadwatch run`` and ``dyadwatch code``: pick an engine, code, store.

``run_pipeline`` builds the coder stage and the engine named in ``settings.runner`` and
hands both to the sharded run; ``code_file`` codes one file in this process, without a
store, for a quick look at what the coder makes of it.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Sequence
from pathlib import Path

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.errors import UnknownNameError
from dyadwatch.ingest import read_file
from dyadwatch.records import Event
from dyadwatch.runner.base import Runner, Stage
from dyadwatch.runner.cluster import RayRunner
from dyadwatch.runner.local import LocalRunner
from dyadwatch.runner.pipeline import RunSummary, rebuild_after_run
from dyadwatch.runner.sharded import Progress, RunOptions, run_sharded
from dyadwatch.store import Store

logger = logging.getLogger(__name__)

RUNNERS = ("local", "ray")
"""The engine names ``runner.runner`` (``--runner``) accepts."""


def make_runner(settings: RunnerSettings) -> Runner:
    """Return the engine named by ``settings.runner``, sized by ``settings.workers``.

    Raises:
        UnknownNameError: not one of ``RUNNERS``.
        MissingDependency: ``ray`` without the ``cluster`` extra installed.

    Example:
        >>> make_runner(RunnerSettings(workers=2))
        LocalRunner(workers=2, name='local')
    """
    if settings.runner == "local":
        return LocalRunner(workers=settings.workers)
    if settings.runner == "ray":
        return RayRunner.checked(workers=settings.workers, address=settings.address)
    raise UnknownNameError("runner", settings.runner, RUNNERS)


def default_stage(settings: Settings) -> tuple[Stage, str]:
    """Return the event coder stage and its version (part of every checkpoint key)."""
    from dyadwatch.extract.stage import CodeStage

    stage = CodeStage(settings.coder)
    return stage, stage.version


def run_pipeline(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Ingest, code and store every input file on the engine ``settings.runner`` names.

    Example:
        >>> run_pipeline(["examples/"], settings=Settings(db="x.duckdb"))  # doctest: +SKIP
        RunSummary(files_seen=114, files_skipped=0, files_done=114, ...)
    """
    runner = make_runner(settings.runner)
    stage, version = default_stage(settings)
    options = options or RunOptions()
    summary = run_sharded(
        paths,
        settings=settings,
        stage=stage,
        runner=runner,
        coder_version=version,
        options=options,
        progress=progress,
    )
    # Stories are stale after a stored file, or after a rebuild that a kill cut short.
    elapsed = rebuild_after_run(Store(Path(settings.db)))
    return dataclasses.replace(summary, stories_elapsed=elapsed)


def code_file(
    path: str | Path,
    *,
    settings: Settings,
    fmt: str | None = None,
    stage: Stage | None = None,
) -> list[Event]:
    """Return the events of one file, coded in this process; nothing is stored.

    Raises:
        InputError: a bad record (``path:line`` and the fix).

    Example:
        >>> code_file("examples/seed-article.txt", settings=Settings())  # doctest: +SKIP
        [Event(id='…', source=Actor(code='RUS', …), cameo='…', …), …]
    """
    stage = stage or default_stage(settings)[0]
    articles = read_file(path, fmt=fmt, settings=settings.ingest)
    size = max(settings.coder.batch_size, 1)
    events: list[Event] = []
    while batch := list(itertools.islice(articles, size)):
        events.extend(stage(batch))
    return events
