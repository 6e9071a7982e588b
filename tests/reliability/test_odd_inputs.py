"""Odd things in an input folder: bad names, link loops, broken links, FIFOs, the store itself.

Each runs as a real process (``dyadwatch ingest``, or the fake-stage ``run`` stand-in),
under a timeout, so a hang fails the test instead of the suite (#15.6, #15.7, #15.9).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.store import Store

from .harness import ROOT, ids, write_news_corpus

RECORD = '{{"date": "2024-01-0{day}", "text": "Russia and China signed a deal {n}."}}\n'


def launch(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def command(kind: str, folder: Path, db: Path, *extra: str) -> list[str]:
    if kind == "ingest":
        return ["dyadwatch", "ingest", str(folder), "--db", str(db), *extra]
    return ["tests.reliability.worker", str(folder), "--db", str(db), "--shard", "1", *extra]


def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.jsonl").write_text(RECORD.format(day=1, n=1), encoding="utf-8")
    bad_name = os.path.join(os.fsencode(folder), b"bad\xff.jsonl")
    with open(bad_name, "w", encoding="utf-8") as handle:  # one article, one bad line
        handle.write(RECORD.format(day=2, n=2) + "{not json\n")
    (folder / "self.jsonl").symlink_to("self.jsonl")
    (folder / "dangling.jsonl").symlink_to("nowhere.jsonl")
    return folder


def rejects_of(db: Path) -> list[dict[str, object]]:
    path = db.with_name(f"{db.stem}.rejects.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def articles(db: Path) -> int:
    return Store.open(db, read_only=True).counts()["articles"]


@pytest.mark.issue(15)
@pytest.mark.parametrize("kind", ["ingest", "run"])
def test_odd_inputs_bad_names_and_links_are_rejects_under_skip_bad(
    tmp_path: Path, kind: str
) -> None:
    folder, db = odd_folder(tmp_path), tmp_path / "news.duckdb"
    done = launch(*command(kind, folder, db, "--skip-bad"))
    assert done.returncode == 0, done.stderr
    problems = {Path(str(r["path"])).name: r["problem"] for r in rejects_of(db)}
    assert problems == {
        "bad\\xff.jsonl": "bad JSON (Expecting property name enclosed in double quotes)",
        "dangling.jsonl": "broken symbolic link (to nowhere.jsonl)",
        "self.jsonl": "symbolic link loop",
    }
    assert articles(db) == 2
    with Store.open(db, read_only=True).reader() as con:
        keys = [key for (key,) in con.execute('SELECT "key" FROM "progress"').fetchall()]
    assert sorted(Path(key.split("|")[0]).name for key in keys) == ["bad\\xff.jsonl", "good.jsonl"]


@pytest.mark.issue(15)
@pytest.mark.parametrize("kind", ["ingest", "run"])
def test_odd_inputs_a_broken_link_stops_the_run_with_one_line(tmp_path: Path, kind: str) -> None:
    folder, db = odd_folder(tmp_path), tmp_path / "news.duckdb"
    (folder / "bad\udcff.jsonl").unlink()
    failed = launch(*command(kind, folder, db))
    assert failed.returncode == 1
    last = failed.stderr.strip().splitlines()[-1]
    assert last.endswith(
        "dangling.jsonl: broken symbolic link (to nowhere.jsonl); fix or remove the link"
    )
    assert "Traceback" not in failed.stderr or kind == "run"  # the stand-in has no CLI


@pytest.mark.issue(15)
@pytest.mark.parametrize("kind", ["ingest", "run"])
def test_odd_inputs_a_fifo_is_rejected_not_waited_for(tmp_path: Path, kind: str) -> None:
    folder, db = tmp_path / "in", tmp_path / "news.duckdb"
    folder.mkdir()
    for n in (1, 3):
        (folder / f"part{n}.jsonl").write_text(RECORD.format(day=n, n=n), encoding="utf-8")
    os.mkfifo(folder / "part2.jsonl")  # nobody ever writes to it
    done = launch(*command(kind, folder, db, "--skip-bad"), timeout=60)
    assert done.returncode == 0, done.stderr
    assert [r["problem"] for r in rejects_of(db)] == ["not a regular file (a FIFO)"]
    assert articles(db) == 2


@pytest.mark.issue(15)
def test_odd_inputs_a_file_is_merged_before_the_next_file_is_read(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=2, per_file=20)
    db = tmp_path / "news.duckdb"
    done = launch("tests.reliability.worker", str(corpus), "--db", str(db), "--shard", "10")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    merged = next(i for i, line in enumerate(lines) if line.startswith("run: 1/2"))
    second = next(i for i, line in enumerate(lines) if line.startswith("coding f001-"))
    assert merged < second


@pytest.mark.issue(15)
@pytest.mark.slow
def test_odd_inputs_a_store_inside_its_input_folder_resumes(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=4, per_file=20)
    db, clean_db = corpus / "news.duckdb", tmp_path / "clean.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [*(sys.executable, "-m"), *command("run", corpus, db, "--pause", "0.05")],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    for line in process.stderr or ():
        if line.startswith("coding f001-a0005"):  # the first file is merged, shards on disk
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    assert list((corpus / "news.duckdb.shards").glob("*.parquet"))
    resumed = launch(*command("run", corpus, db))
    assert resumed.returncode == 0, resumed.stderr
    clean = write_news_corpus(tmp_path / "clean", n_files=4, per_file=20)
    assert launch(*command("run", clean, clean_db)).returncode == 0
    assert ids(db) == ids(clean_db)
    assert len(ids(db)[0]) == 80
