"""A kill inside the final story rebuild, then a rerun: the collapsed tables come back (#15.5)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.store import Store

from .harness import ROOT, write_news_corpus

N_FILES, PER_FILE = 4, 20


def worker(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [
        *(sys.executable, "-m", "tests.reliability.worker", str(corpus), "--db", str(db)),
        *("--shard", "10", *extra),
    ]


def run_to_end(command: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary: dict[str, object] = json.loads(done.stdout)
    return summary


def kill_inside_rebuild(command: list[str]) -> list[str]:
    """Start ``command``, SIGKILL it once its rebuild has written everything; return stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seen: list[str] = []
    for line in process.stderr or ():
        seen.append(line.strip())
        if line.startswith("rebuild: written"):
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(60)
    assert process.returncode == -signal.SIGKILL, seen
    return seen


def unique_ids(db: Path) -> list[str]:
    with Store.open(db, read_only=True).reader() as con:
        rows = con.execute('SELECT "id" FROM "unique_events" ORDER BY "id"').fetchall()
    return [row[0] for row in rows]


@pytest.mark.issue(15)
@pytest.mark.slow
def test_rebuild_crash_kill_inside_the_rebuild_is_redone_by_the_next_run(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=N_FILES, per_file=PER_FILE)
    db, clean_db, hold = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb", tmp_path / "hold"
    run_to_end(worker(corpus, clean_db))
    expected = unique_ids(clean_db)
    assert expected
    hold.touch()
    seen = kill_inside_rebuild(worker(corpus, db, "--hold-rebuild", str(hold)))
    assert sum(line.startswith("run: ") for line in seen) == N_FILES
    assert unique_ids(db) == []  # the kill landed before the rebuild committed
    hold.unlink()
    summary = run_to_end(worker(corpus, db))
    assert summary["files_done"] == 0 and summary["files_skipped"] == N_FILES
    assert summary["stories_elapsed"] is not None
    assert unique_ids(db) == expected
    again = run_to_end(worker(corpus, db))
    assert again["stories_elapsed"] is None  # nothing stale: no rebuild
