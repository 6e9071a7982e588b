"""A `dyadwatch run` stand-in with the fake stage: ``python -m tests.reliability.worker``.

Prints ``run: k/n path`` to stderr after each merged file, as the CLI does, and the run
summary as one JSON line on stdout at the end. Like ``run_pipeline`` it then rebuilds the
stories when they are stale, printing ``rebuild: <step>`` as each step starts; with
``--hold-rebuild FILE`` it waits, everything written but not committed, while FILE exists.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from tests.reliability.stages import PacedStage

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.runner import LocalRunner, RunOptions, run_sharded
from dyadwatch.runner.pipeline import rebuild_after_run
from dyadwatch.store import Store


def progress(done: int, total: int, path: Path) -> None:
    sys.stderr.write(f"run: {done}/{total} {path}\n")
    sys.stderr.flush()


class RebuildSteps:
    """Print each rebuild step; hold the open transaction at ``written`` while ``hold`` exists."""

    def __init__(self, hold: str) -> None:
        self.hold = hold

    def __call__(self, step: str) -> None:
        sys.stderr.write(f"rebuild: {step}\n")
        sys.stderr.flush()
        while step == "written" and self.hold and Path(self.hold).exists():
            time.sleep(0.01)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--db", required=True)
    parser.add_argument("--shard", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--hold", default="", help="wait in the stage while this file exists")
    parser.add_argument("--hold-rebuild", default="", help="wait before the rebuild commits")
    parser.add_argument("--skip-bad", action="store_true")
    args = parser.parse_args(argv)
    runner = RunnerSettings(shard_articles=args.shard, workers=args.workers)
    summary = run_sharded(
        [args.corpus],
        settings=Settings(db=args.db, runner=runner),
        stage=PacedStage(pause=args.pause, hold=args.hold),
        runner=LocalRunner(workers=args.workers),
        coder_version=PacedStage.version,
        options=RunOptions(wait=args.wait, skip_bad=args.skip_bad),
        progress=progress,
    )
    rebuilt = rebuild_after_run(Store(Path(args.db)), on_step=RebuildSteps(args.hold_rebuild))
    summary = dataclasses.replace(summary, stories_elapsed=rebuilt)
    print(json.dumps(dataclasses.asdict(summary)), flush=True)


if __name__ == "__main__":
    main()
