"""Shared machinery for the reliability tests and ``bench/reliability.py``.

A news-like corpus written from templates, a loop that SIGKILLs a real run at chosen
moments and restarts it, a store integrity check, and a child process that streams a
file through ``read_articles`` and reports its peak memory.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.errors import StoreError
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store import Store

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    ("Russia", "North Korea"),
    ("Iran", "Saudi Arabia"),
    ("France", "Niger"),
    ("China", "Japan"),
    ("Israel", "Iran"),
    ("Vladimir Putin", "Kim Jong Un"),
]
TEMPLATES = [
    "{a} condemned {b} for the missile test.",
    "{a} and {b} signed a trade agreement.",
    "Officials of {a} met envoys of {b} for talks.",
    "{a} accused {b} of violating the ceasefire.",
    "{a} promised aid to {b}.",
]
PHASES = ("ingest", "coding", "writing")
POLL_S = 0.002
ORPHANS = 'SELECT count(*) FROM "events" WHERE "article_id" NOT IN (SELECT "id" FROM "articles")'


def start_module(*args: str) -> subprocess.Popen[str]:
    """Start ``python -m ARGS`` from the repository root, its output piped as text."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_news_corpus(folder: Path, *, n_files: int, per_file: int, seed: int = 8) -> Path:
    """Write ``n_files`` JSONL files of ``per_file`` three-sentence articles naming actors.

    Titles are ``f<file>-a<article>``; every article's text is unique.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        lines = []
        for j in range(per_file):
            n = i * per_file + j
            a, b = rng.choice(PAIRS)
            sentences = [t.format(a=a, b=b) for t in rng.sample(TEMPLATES, 2)]
            text = " ".join([*sentences, f"Report {seed}-{n} was filed on day {n % 28 + 1}."])
            date = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
            lines.append(json.dumps({"date": date, "title": f"f{i:03d}-a{j:04d}", "text": text}))
        (folder / f"part{i:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass(frozen=True, slots=True)
class Kill:
    """Where to SIGKILL an attempt: after the ``nth`` trigger of ``phase`` since it started.

    ``ingest``: a file was merged (the driver goes on reading the next file);
    ``coding``: a shard that is not its file's last was recorded (the next shard is being
    coded); ``writing``: a file's last shard was recorded (its merge transaction runs).
    """

    phase: str
    nth: int


@dataclass(slots=True)
class Attempt:
    """What one attempt did before it was killed (or finished)."""

    phase: str
    returncode: int
    files_done: int
    stderr: list[str] = field(default_factory=list)
    stdout: str = ""


def manifest_entries(db: Path) -> list[dict[str, object]]:
    """Return the complete lines of the shard manifest of ``db`` (none when absent)."""
    path = ShardDir.for_store(db).manifest
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short by a kill
    return entries


def files_done(db: Path) -> int:
    """Return the number of merged files, or -1 while the store cannot be read."""
    if not db.exists():
        return -1
    try:
        return Store(db, read_only=True, timeout=5).counts()["progress"]
    except StoreError:
        return -1


def _count(phase: str, lines: list[str], entries: list[dict[str, object]], per_file: int) -> int:
    if phase == "ingest":
        return sum(line.startswith("run: ") for line in lines)
    last = [entry["stop"] == per_file for entry in entries]
    return sum(last) if phase == "writing" else len(last) - sum(last)


def _pump(stream: object, lines: list[str]) -> None:
    for raw in stream:  # type: ignore[attr-defined]
        lines.append(raw.decode("utf-8", "replace").rstrip("\n"))


def _start(command: Sequence[str]) -> tuple[subprocess.Popen[bytes], list[str], threading.Thread]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        list(command), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    lines: list[str] = []
    pump = threading.Thread(target=_pump, args=(process.stderr, lines), daemon=True)
    pump.start()
    return process, lines, pump


def attempt(
    command: Sequence[str], db: Path, kill: Kill | None, *, per_file: int, rng: random.Random
) -> Attempt:
    """Run ``command`` once; with ``kill``, SIGKILL it at that point (it must not finish first)."""
    process, lines, pump = _start(command)
    if kill is None:
        # Read stdout here and leave stderr to the pump (communicate would read both).
        stdout = process.stdout.read() if process.stdout else b""
        process.wait(600)
        pump.join(10)
        return Attempt("none", process.returncode, files_done(db), lines, stdout.decode())
    base = len(manifest_entries(db))
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if _count(kill.phase, lines, manifest_entries(db)[base:], per_file) >= kill.nth:
            break
        time.sleep(POLL_S)
    time.sleep(rng.uniform(0, 0.004))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    pump.join(10)
    return Attempt(kill.phase, process.returncode, files_done(db), lines)


def kill_and_resume(
    command: Sequence[str], db: Path, kills: Sequence[Kill], *, per_file: int, seed: int = 8
) -> tuple[list[Attempt], Attempt, int]:
    """Kill ``command`` at each point in turn, then let it finish.

    Returns:
        The killed attempts, the finishing attempt, and the number of shards recorded in
        the manifest before the finishing attempt (each shard recorded exactly once means
        no finished shard was coded again).
    """
    rng = random.Random(seed)
    killed = [attempt(command, db, kill, per_file=per_file, rng=rng) for kill in kills]
    recorded = [entry["shard_id"] for entry in manifest_entries(db)]
    if len(set(recorded)) != len(recorded):
        raise AssertionError(f"a shard was recorded twice: {len(recorded)} lines")
    final = attempt(command, db, None, per_file=per_file, rng=rng)
    return killed, final, len(recorded)


def integrity(db: Path) -> dict[str, int]:
    """Scan every table of ``db`` in full and return its counts; raise on any inconsistency."""
    with Store.open(db, read_only=True).reader() as con:
        con.execute("PRAGMA database_size").fetchall()
        rows = {
            table: len(con.execute(f'SELECT * FROM "{table}"').fetchall())
            for table in ("articles", "events", "progress")
        }
        for table in ("articles", "events"):
            ((distinct,),) = con.execute(f'SELECT count(DISTINCT "id") FROM "{table}"').fetchall()
            if distinct != rows[table]:
                raise AssertionError(f"{table}: {rows[table]} rows but {distinct} distinct ids")
        ((rows["orphans"],),) = con.execute(ORPHANS).fetchall()
    return rows


def ids(db: Path) -> tuple[list[str], list[str]]:
    """Return the sorted article ids and event ids of ``db``."""
    store = Store.open(db, read_only=True)
    return [a.id for a in store.articles()], [e.id for e in store.events()]


def write_big_jsonl(path: Path, *, megabytes: int, seed: int = 8) -> int:
    """Write a JSONL corpus of about ``megabytes`` MB (~1 kB articles); return its article count."""
    rng = random.Random(seed)
    filler = " ".join(["The talks went on late into the night."] * 24)
    target = megabytes * 1_000_000
    n = written = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            a, b = rng.choice(PAIRS)
            text = f"{a} met {b} in round {n}. {filler}"
            line = json.dumps({"date": f"2024-01-{n % 28 + 1:02d}", "text": text}) + "\n"
            written += handle.write(line)
            n += 1
    return n


# VmHWM is this process's own peak; ru_maxrss would carry over the peak of the forked
# parent (the test runner, with spaCy loaded) across exec on Linux.
PEAK_SCRIPT = """
import sys
from dyadwatch.ingest import read_articles
n = sum(1 for _ in read_articles(sys.argv[1]))
with open("/proc/self/status") as status:
    kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(n, kib)
"""


def stream_peak_rss(path: Path) -> tuple[int, float]:
    """Read ``path`` through ``read_articles`` in a fresh process; return (articles, peak MiB)."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    n, kib = result.stdout.split()
    return int(n), int(kib) / 1024
