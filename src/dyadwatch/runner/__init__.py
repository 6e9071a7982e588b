"""The runner stage: run the coder over input files on a local or cluster engine, resumably."""

from __future__ import annotations

from dyadwatch.runner.base import Runner, ShardResult, ShardTask, Stage, check_picklable
from dyadwatch.runner.cluster import RayRunner
from dyadwatch.runner.local import LocalRunner
from dyadwatch.runner.pipeline import RunSummary, checkpoint_key, run_files
from dyadwatch.runner.run import RUNNERS, code_file, make_runner, run_pipeline
from dyadwatch.runner.sharded import RunOptions, run_sharded
from dyadwatch.runner.summary import DyadCount, StoreSummary, summarize_store

__all__ = [
    "RUNNERS",
    "DyadCount",
    "LocalRunner",
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
    "make_runner",
    "run_files",
    "run_pipeline",
    "run_sharded",
    "summarize_store",
]
