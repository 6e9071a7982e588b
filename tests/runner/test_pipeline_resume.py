"""Kill a real ``dyadwatch ingest`` process mid-run, rerun it, and compare with a clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadwatch.config import Settings
from dyadwatch.errors import StoreError
from dyadwatch.runner import ingest_files
from dyadwatch.store import Store

N_FILES = 120
PER_FILE = 25


def make_corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(N_FILES):
        lines = [
            json.dumps(
                {
                    "date": f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                    "title": f"Report {n}",
                    "text": f"Article number {n}: officials met in Pyongyang to talk. " * 3,
                }
            )
            for n in range(i * PER_FILE, (i + 1) * PER_FILE)
        ]
        (folder / f"batch{i:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def files_done(db: Path) -> int:
    """Return the finished-file count, or -1 while the store cannot be read yet."""
    if not db.exists():
        return -1
    try:
        return Store(db, timeout=0.05).counts()["progress"]
    except StoreError:
        return -1


def kill_when_some_files_are_done(process: subprocess.Popen[bytes], db: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if files_done(db) >= 3:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store.open(db, read_only=True).reader() as con:
        return {
            "articles": con.execute(
                'SELECT * EXCLUDE (ingested_at) FROM "articles" ORDER BY "id"'
            ).fetchall(),
            "progress": con.execute(
                'SELECT "key", "n_articles" FROM "progress" ORDER BY 1'
            ).fetchall(),
        }


@pytest.mark.slow
def test_pipeline_resume_after_sigkill_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    killed_db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "dyadwatch", "ingest", str(corpus), "--db", str(killed_db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_when_some_files_are_done(process, killed_db)
    assert process.returncode == -signal.SIGKILL
    done_at_kill = Store.open(killed_db).counts()["progress"]
    assert 0 < done_at_kill < N_FILES

    resumed = ingest_files([corpus], settings=Settings(db=str(killed_db)))
    clean = ingest_files([corpus], settings=Settings(db=str(tmp_path / "clean.duckdb")))

    assert (resumed.files_skipped, resumed.files_done) == (done_at_kill, N_FILES - done_at_kill)
    assert clean.new_articles == N_FILES * PER_FILE
    assert snapshot(killed_db) == snapshot(tmp_path / "clean.duckdb")
