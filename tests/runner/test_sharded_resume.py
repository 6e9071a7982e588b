"""Kill a real ``dyadwatch run`` mid-file, rerun it, and compare with an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runner_stages import write_sentence_corpus

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.runner import run_pipeline
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store import Store

SHARD = 10
SENTENCES, SHARDS = 600, 8  # 75 articles of 8 sentences, shards of 10 articles


def kill_after_some_shards(process: subprocess.Popen[bytes], db: Path) -> int:
    manifest = ShardDir.for_store(db).manifest
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    return len(ShardDir.for_store(db).finished())


@pytest.mark.slow
def test_sharded_resume_after_sigkill_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = write_sentence_corpus(tmp_path / "corpus.jsonl", n_sentences=SENTENCES)
    killed = tmp_path / "killed.duckdb"
    command = [
        *(sys.executable, "-m", "dyadwatch", "run", str(corpus), "--db", str(killed)),
        *("--set", f"runner.shard_articles={SHARD}"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = kill_after_some_shards(process, killed)
    assert process.returncode == -signal.SIGKILL
    assert 2 <= finished < SHARDS

    runner = RunnerSettings(shard_articles=SHARD)
    resumed = run_pipeline([corpus], settings=Settings(db=str(killed), runner=runner))
    clean = tmp_path / "clean.duckdb"
    run_pipeline([corpus], settings=Settings(db=str(clean), runner=runner))

    assert (resumed.shards_reused, resumed.shards) == (finished, SHARDS - finished)
    stores = [Store.open(db, read_only=True) for db in (killed, clean)]
    assert stores[0].events() == stores[1].events()
    assert stores[0].articles() == stores[1].articles()
