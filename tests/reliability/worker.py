"""A `dyadwatch run` stand-in with the fake stage: ``python -m tests.reliability.worker``.

Prints ``run: k/n path`` to stderr after each merged file, as the CLI does, and the run
summary as one JSON line on stdout at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from tests.reliability.stages import PacedStage

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.runner import LocalRunner, RunOptions, run_sharded


def progress(done: int, total: int, path: Path) -> None:
    sys.stderr.write(f"run: {done}/{total} {path}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--db", required=True)
    parser.add_argument("--shard", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--hold", default="", help="wait in the stage while this file exists")
    args = parser.parse_args(argv)
    runner = RunnerSettings(shard_articles=args.shard, workers=args.workers)
    summary = run_sharded(
        [args.corpus],
        settings=Settings(db=args.db, runner=runner),
        stage=PacedStage(pause=args.pause, hold=args.hold),
        runner=LocalRunner(workers=args.workers),
        coder_version=PacedStage.version,
        options=RunOptions(wait=args.wait),
        progress=progress,
    )
    print(json.dumps(dataclasses.asdict(summary)), flush=True)


if __name__ == "__main__":
    main()
