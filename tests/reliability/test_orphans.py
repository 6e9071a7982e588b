"""Killing the driver of ``run --workers 2`` does not leave its workers behind (#15.11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .harness import ROOT, write_news_corpus

GRACE_S = 30  # a bound for the wait, not a timing claim: workers check every 0.5 s


def children(pid: int) -> list[int]:
    """Return the ids of the live processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _stat(int(entry.name))
            if state is not None and state[1] == pid and state[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    state = _stat(pid)
    return state is not None and state[0] != "Z"


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, ...
    return fields[0], int(fields[1])


@pytest.mark.issue(15)
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_orphans_workers_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=2, per_file=20)
    hold = tmp_path / "hold"
    hold.touch()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    driver = subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.reliability.worker", str(corpus)),
            *("--db", str(tmp_path / "news.duckdb"), "--workers", "2", "--shard", "5"),
            *("--hold", str(hold)),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        coding = 0
        for line in driver.stderr or ():
            coding += line.startswith("coding ")
            if coding == 2:  # both workers hold a shard
                break
        workers = [pid for pid in children(driver.pid) if _is_worker(pid)]
        assert len(workers) == 2
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(30)
        hold.unlink()  # the stage returns; an orphan would now wait for tasks for good
        deadline = time.monotonic() + GRACE_S
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if alive(pid)] == []
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def _is_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    # Spawned workers run multiprocessing's entry point; forked ones keep the driver's command
    # line. Either way the resource tracker is no worker.
    return b"resource_tracker" not in command
