"""The runner stage: ingest or code input files on a local or cluster engine, resumably.

The names below load on first use (PEP 562), so a worker process, which unpickles only
``runner.base`` and its engine's module, does not import the store, the readers and
their libraries: a local or Ray worker starts about 0.4 s sooner.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any

if typing.TYPE_CHECKING:
    from dyadwatch.runner.base import (
        IngestOnly,
        Runner,
        ShardResult,
        ShardTask,
        Stage,
        check_picklable,
    )
    from dyadwatch.runner.cluster import RayRunner
    from dyadwatch.runner.local import LocalRunner
    from dyadwatch.runner.pipeline import Progress, RunSummary, checkpoint_key
    from dyadwatch.runner.run import RUNNERS, code_file, ingest_files, make_runner, run_pipeline
    from dyadwatch.runner.sharded import RunOptions, run_sharded
    from dyadwatch.runner.summary import DyadCount, StoreSummary, summarize_store

_HOMES = {
    "base": ("IngestOnly", "Runner", "ShardResult", "ShardTask", "Stage", "check_picklable"),
    "cluster": ("RayRunner",),
    "local": ("LocalRunner",),
    "pipeline": ("Progress", "RunSummary", "checkpoint_key"),
    "run": ("RUNNERS", "code_file", "ingest_files", "make_runner", "run_pipeline"),
    "sharded": ("RunOptions", "run_sharded"),
    "summary": ("DyadCount", "StoreSummary", "summarize_store"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "RUNNERS",
    "DyadCount",
    "IngestOnly",
    "LocalRunner",
    "Progress",
    "RayRunner",
    "RunOptions",
    "RunSummary",
    "Runner",
    "ShardResult",
    "ShardTask",
    "Stage",
    "StoreSummary",
    "check_picklable",
    "checkpoint_key",
    "code_file",
    "ingest_files",
    "make_runner",
    "run_pipeline",
    "run_sharded",
    "summarize_store",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
