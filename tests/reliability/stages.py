"""A paced, picklable fake coding stage, so SIGKILLs can land inside the coding step."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.runner.runner_stages import SentenceStage

from dyadwatch.records import Article, Event


class PacedStage:
    """``SentenceStage`` (one event per sentence) that sleeps ``pause`` seconds per shard.

    Each call writes ``coding <first title> <n>`` to stderr first, so a watcher can count
    stage calls across killed and resumed runs; while the file ``hold`` exists it waits,
    so a test can keep the run (and its store lock) open as long as it needs.
    """

    version = SentenceStage.version

    def __init__(self, *, pause: float = 0.0, hold: str = "") -> None:
        self.pause = pause
        self.hold = hold
        self.inner = SentenceStage()

    def __call__(self, articles: list[Article]) -> list[Event]:
        if not articles:  # a forked runner loading its stage before it forks: no shard
            return []
        first = articles[0].title
        sys.stderr.write(f"coding {first} {len(articles)}\n")
        sys.stderr.flush()
        if self.pause:
            time.sleep(self.pause)
        while self.hold and Path(self.hold).exists():
            time.sleep(0.01)
        return self.inner(articles)
