"""The entry points of ``dyadwatch run``, ``ingest`` and ``code``: pick an engine, code, store.

``run_pipeline`` builds the coder stage and the engine named in ``settings.runner`` and
hands both to the sharded run; ``ingest_files`` is the same run with a stage that codes
nothing, in this process; ``code_file`` codes one file in this process, without a store,
for a quick look at what the coder makes of it.
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
from dyadwatch.runner.base import IngestOnly, Runner, Stage
from dyadwatch.runner.cluster import RayRunner
from dyadwatch.runner.local import LocalRunner
from dyadwatch.runner.pipeline import Progress, RunSummary, rebuild_after_run
from dyadwatch.runner.sharded import RunOptions, run_sharded
from dyadwatch.store import Store

logger = logging.getLogger(__name__)

RUNNERS = ("local", "ray")
"""The engine names ``runner.runner`` (``--runner``) accepts."""


def make_runner(settings: RunnerSettings) -> Runner:
    """Return the engine named by ``settings.runner``, sized by ``settings.workers``.

    Raises:
        UnknownNameError: not one of ``RUNNERS``, or an unknown ``start_method``.
        MissingDependency: ``ray`` without the ``cluster`` extra installed.

    Example:
        >>> make_runner(RunnerSettings(workers=2))
        LocalRunner(workers=2, start_method='spawn', name='local')
    """
    if settings.runner == "local":
        return LocalRunner(workers=settings.workers, start_method=settings.start_method)
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
    stage: Stage | None = None,
    coder_version: str = "",
) -> RunSummary:
    """Ingest, code and store every input file on the engine ``settings.runner`` names.

    Then rebuild the stories if the store's are stale.

    Args:
        stage: codes a batch of articles; default the event coder of ``settings.coder``,
            whose version then keys the checkpoints instead of ``coder_version``.

    Example:
        >>> run_pipeline(["examples/"], settings=Settings(db="x.duckdb"))  # doctest: +SKIP
        RunSummary(files_seen=114, files_skipped=0, files_done=114, ...)
    """
    runner = make_runner(settings.runner)
    if stage is None:
        stage, coder_version = default_stage(settings)
    summary = run_sharded(
        paths,
        settings=settings,
        stage=stage,
        runner=runner,
        coder_version=coder_version,
        options=options or RunOptions(),
        progress=progress,
    )
    # Stories are stale after a stored file, or after a rebuild that a kill cut short.
    elapsed = rebuild_after_run(Store(Path(settings.db)))
    return dataclasses.replace(summary, stories_elapsed=elapsed)


def ingest_files(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Store the articles of every input file without coding them; a rerun resumes.

    A run whose stage (``IngestOnly``) codes nothing, in this process: there is no work
    for other processes. Events already stored for the articles stay, and the stories are
    left for the next coding run to rebuild.

    Example:
        >>> ingest_files(["news/"], settings=Settings(db="news.duckdb"))  # doctest: +SKIP
        RunSummary(files_seen=3, files_skipped=0, files_done=3, articles=120, ...)
    """
    return run_sharded(
        paths,
        settings=settings,
        stage=IngestOnly(),
        runner=LocalRunner(),
        options=options or RunOptions(),
        progress=progress,
    )


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
