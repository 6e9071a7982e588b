"""The runner stage: the resumable loop that reads, codes and stores input files."""

from __future__ import annotations

from dyadwatch.runner.pipeline import RunSummary, checkpoint_key, run_files

__all__ = ["RunSummary", "checkpoint_key", "run_files"]
