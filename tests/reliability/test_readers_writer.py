"""Sixteen readers polling a store do not starve its writer (#15.12).

Readers (the dashboard, ``stats``, ``export``) and the writer pass a writer-preferring
gate beside the store, so a run waits at most for the reads in progress when it asks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.errors import StoreBusyError
from dyadwatch.store import Store

from .harness import integrity, start_module, write_news_corpus

N_READERS = 16


@pytest.mark.issue(15)
@pytest.mark.slow
def test_readers_writer_sixteen_readers_do_not_starve_a_run(tmp_path: Path) -> None:
    first = write_news_corpus(tmp_path / "first", n_files=2, per_file=20, seed=1)
    second = write_news_corpus(tmp_path / "second", n_files=3, per_file=20, seed=2)
    db, stop = tmp_path / "news.duckdb", tmp_path / "stop"
    seed = start_module("tests.reliability.worker", str(first), "--db", str(db), "--shard", "20")
    assert seed.wait(120) == 0
    readers = [
        start_module("tests.reliability.reader", str(db), str(stop), "0") for _ in range(N_READERS)
    ]
    try:
        for reader in readers:  # every reader is polling before the run starts
            assert reader.stdout is not None and reader.stdout.readline()
        run = start_module(
            "tests.reliability.worker", str(second), "--db", str(db), "--shard", "20"
        )
        out, err = run.communicate(timeout=300)
    finally:
        stop.touch()
        outputs = [reader.communicate(timeout=120)[0] for reader in readers]
    assert run.returncode == 0, err
    assert json.loads(out)["files_done"] == 3
    assert integrity(db)["articles"] == 100
    snapshots = [json.loads(line) for text in outputs for line in text.splitlines()]
    assert max(snap["articles"] for snap in snapshots) == 100  # readers saw the new rows
    assert all(snap["orphans"] == 0 for snap in snapshots)


HOLD_OPEN = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(120)
"""


@pytest.mark.issue(15)
def test_readers_writer_a_busy_store_names_the_process_holding_it(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    Store.open(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(StoreBusyError) as caught, Store(db, timeout=0.5).writer():
            pass
    finally:
        holder.kill()
        holder.wait(30)
    message = str(caught.value)
    assert f"process {holder.pid} (" in message and "holds it open" in message
    assert "another dyadwatch process" not in message
