"""Two runs on one store at once, and a reader polling while a run writes (real processes)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from dyadwatch.store import Store

from .harness import integrity, start_module, write_news_corpus

LOCKED = "the store is being written by another dyadwatch process"


def start_writer(corpus: Path, db: Path, hold: Path | None = None) -> subprocess.Popen[str]:
    """Start a fake-stage run; return once it codes (with ``hold``, it waits there)."""
    process = start_module(
        *("tests.reliability.worker", str(corpus), "--db", str(db), "--shard", "25"),
        *("--pause", "0.02", "--hold", str(hold or "")),
    )
    for line in process.stderr or ():
        if line.startswith("coding "):
            return process
    raise AssertionError(f"the writer ended early: {process.wait()}")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpora")
    first = write_news_corpus(root / "a", n_files=12, per_file=50, seed=1)
    second = write_news_corpus(root / "b", n_files=3, per_file=40, seed=2)
    return first, second


@pytest.mark.slow
def test_concurrent_second_run_stops_with_the_lock_message(
    tmp_path: Path, corpora: tuple[Path, Path]
) -> None:
    db, hold = tmp_path / "news.duckdb", tmp_path / "hold"
    hold.touch()
    writer = start_writer(corpora[0], db, hold)
    second = start_module("dyadwatch", "ingest", str(corpora[1]), "--db", str(db))
    _, err = second.communicate(timeout=120)
    hold.unlink()
    writer.communicate(timeout=300)
    assert writer.returncode == 0
    assert second.returncode == 1
    assert err.strip() == f"Error: {db}: {LOCKED}; wait for it to finish, or use another --db"
    assert integrity(db) | {"orphans": 0} == {
        "articles": 600,
        "events": 1800,
        "progress": 12,
        "orphans": 0,
    }


@pytest.mark.slow
def test_concurrent_second_run_with_wait_runs_after_the_first(
    tmp_path: Path, corpora: tuple[Path, Path]
) -> None:
    db, hold = tmp_path / "news.duckdb", tmp_path / "hold"
    hold.touch()
    writer = start_writer(corpora[0], db, hold)
    second = start_module("dyadwatch", "ingest", str(corpora[1]), "--db", str(db), "--wait")
    time.sleep(3)  # the second run starts and waits for the lock (or is still importing)
    assert second.poll() is None
    hold.unlink()
    writer.communicate(timeout=300)
    _, err = second.communicate(timeout=300)
    assert (writer.returncode, second.returncode) == (0, 0), err
    counts = integrity(db)
    assert counts == {"articles": 720, "events": 1800, "progress": 15, "orphans": 0}


@pytest.mark.slow
def test_concurrent_reader_sees_only_growing_consistent_snapshots(
    tmp_path: Path, corpora: tuple[Path, Path]
) -> None:
    db, stop = tmp_path / "news.duckdb", tmp_path / "stop"
    Store.open(db)  # the tables exist before the reader's first look
    reader = start_module("tests.reliability.reader", str(db), str(stop))
    time.sleep(0.5)
    writer = start_writer(corpora[0], db)
    writer.communicate(timeout=300)
    stop.touch()
    out, err = reader.communicate(timeout=120)
    assert (writer.returncode, reader.returncode) == (0, 0), err
    snapshots = [json.loads(line) for line in out.splitlines()]
    assert all(s["orphans"] == 0 for s in snapshots)
    for table in ("articles", "events", "progress"):
        counts = [s[table] for s in snapshots]
        assert counts == sorted(counts)
    assert len({s["progress"] for s in snapshots}) >= 3  # it did look in mid-run
    assert snapshots[-1] == integrity(db)
