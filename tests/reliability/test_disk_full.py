"""A full disk (a file size limit, a tiny tmpfs) stops a run in one line; reruns resume (#15.13)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.store import Store

from .harness import ROOT

FILLER = " ".join(["The talks went on late into the night."] * 20)


def write_news(path: Path, n: int) -> Path:
    lines = [
        json.dumps({"date": "2024-01-02", "text": f"Russia met China in round {i}. {FILLER}"})
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class FileSizeLimit:
    """A ``preexec_fn`` that caps every file the child writes at ``limit`` bytes.

    SIGXFSZ is ignored, so a write past the limit fails with EFBIG as it would with ENOSPC
    instead of killing the process.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self) -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.limit, self.limit))


def dyadwatch(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "dyadwatch", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=FileSizeLimit(limit) if limit else None,
    )


def assert_one_line(stderr: str, code: str) -> None:
    lines = [line for line in stderr.splitlines() if not line.startswith("WARNING:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ") and f"({code}" in lines[0], stderr
    assert "rerun the same command" in lines[0] and "rollback" not in lines[0]


@pytest.mark.issue(15)
def test_disk_full_ingest_over_the_file_size_limit_is_one_line_then_resumes(
    tmp_path: Path,
) -> None:
    news = write_news(tmp_path / "news.jsonl", 2000)
    db = tmp_path / "news.duckdb"
    failed = dyadwatch("ingest", str(news), "--db", str(db), limit=news.stat().st_size // 2)
    assert failed.returncode == 1
    assert_one_line(failed.stderr, "EFBIG")
    resumed = dyadwatch("ingest", str(news), "--db", str(db))
    assert resumed.returncode == 0, resumed.stderr
    assert Store.open(db, read_only=True).counts()["articles"] == 2000


@pytest.mark.issue(15)
@pytest.mark.slow
@pytest.mark.parametrize(
    ("n_articles", "limit"),
    [(40, 4096), (40, 20_000), (200, 30_000)],
    ids=["creating-the-store", "merging-a-file", "writing-a-shard"],
)
def test_disk_full_run_is_one_line_then_resumes(
    tmp_path: Path, n_articles: int, limit: int
) -> None:
    news = write_news(tmp_path / "news.jsonl", n_articles)
    db = tmp_path / "news.duckdb"
    failed = dyadwatch("run", str(news), "--db", str(db), limit=limit)
    assert failed.returncode == 1
    assert_one_line(failed.stderr, "EFBIG")
    resumed = dyadwatch("run", str(news), "--db", str(db))
    assert resumed.returncode == 0, resumed.stderr
    assert "1 files coded, 0 already done" in resumed.stdout


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.issue(15)
@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare to mount a small tmpfs")
def test_disk_full_ingest_on_a_full_tmpfs_names_enospc(tmp_path: Path) -> None:
    news = write_news(tmp_path / "news.jsonl", 2000)
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs -o size=1m tmpfs {disk} && "
        f"{sys.executable} -m dyadwatch ingest {news} --db {disk}/news.duckdb"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    failed = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert failed.returncode == 1
    assert_one_line(failed.stderr, "ENOSPC")
