"""Reliability bench: the larger manual versions of ``tests/reliability`` (issue #8).

Run from the repository root:

    .venv/bin/python bench/reliability.py [--fuzz 5000] [--kills 12] [--writers 4]
                                          [--readers 2] [--megabytes 10 100 1000]

It fuzzes the real coder and the JSONL reader with hypothesis, SIGKILLs a 10,000-article
fake-stage run at ``--kills`` points and compares it with an uninterrupted run, starts
``--writers`` runs on one store at once (without and with ``--wait``) while ``--readers``
processes poll it, and streams JSONL files of the given sizes through ``read_articles``
in a fresh process each, printing peak resident memory. Every row ends with the losses
found (0 expected). Figures on a shared machine move with its load.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the harness lives with the tests it serves

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.reliability import harness  # noqa: E402
from tests.reliability.test_fuzz_coder import TEXTS, check_events  # noqa: E402
from tests.reliability.test_fuzz_records import (  # noqa: E402
    JSONL_LINES,
    check_located,
    read_all,
)

from dyadwatch.extract import Coder, build_nlp  # noqa: E402
from dyadwatch.store import Store  # noqa: E402

N_FILES, PER_FILE, SHARD = 40, 250, 50
ROWS: list[tuple[str, str, str, int]] = []


def row(check: str, inputs: str, result: str, losses: int) -> None:
    ROWS.append((check, inputs, result, losses))
    print(f"{check:<24} {inputs:<28} {result:<58} {losses}", flush=True)


def fuzz(n: int, scratch: Path) -> None:
    coder = Coder(build_nlp())
    seen = {"coder": 0, "jsonl": 0}
    budget = settings(max_examples=n, deadline=None, database=None)

    @budget
    @given(text=TEXTS)
    def coder_case(text: str) -> None:
        seen["coder"] += 1
        check_events(coder, text)

    @settings(budget, suppress_health_check=list(HealthCheck))
    @given(lines=JSONL_LINES)
    def jsonl_case(lines: list[str]) -> None:
        seen["jsonl"] += 1
        path = scratch / f"{uuid.uuid4().hex}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        check_located(path, read_all(path)[1], len(lines))

    for name, case in (("coder", coder_case), ("jsonl", jsonl_case)):
        started = time.perf_counter()
        case()
        took = time.perf_counter() - started
        row(f"fuzz {name}", f"{seen[name]} inputs", f"no crash, offsets ok ({took:.0f} s)", 0)


def kills(n: int, scratch: Path) -> None:
    corpus = harness.write_news_corpus(scratch / "corpus", n_files=N_FILES, per_file=PER_FILE)
    plan = [harness.Kill(harness.PHASES[i % 3], 1 + i % 3) for i in range(n)]
    db, clean_db = scratch / "killed.duckdb", scratch / "clean.duckdb"

    def command(store: Path) -> list[str]:
        return [
            *(sys.executable, "-m", "tests.reliability.worker", str(corpus), "--db", str(store)),
            *("--shard", str(SHARD), "--pause", "0.02"),
        ]

    killed, final, recorded = harness.kill_and_resume(command(db), db, plan, per_file=PER_FILE)
    harness.kill_and_resume(command(clean_db), clean_db, [], per_file=PER_FILE)
    summary = json.loads(final.stdout)
    by_phase = {p: sum(a.phase == p for a in killed) for p in harness.PHASES}
    sigkilled = sum(a.returncode == -9 for a in killed)
    same = harness.ids(db) == harness.ids(clean_db) and harness.integrity(db) == harness.integrity(
        clean_db
    )
    n_shards = N_FILES * PER_FILE // SHARD
    calls = sum(line.startswith("coding ") for a in [*killed, final] for line in a.stderr)
    at = ",".join(str(a.files_done) for a in killed)
    row(
        "kill -9 and resume",
        f"{N_FILES * PER_FILE} articles, {sigkilled} kills",
        str(by_phase),
        0 if same else 1,
    )
    row("  files done at kills", at, f"last run skipped {summary['files_skipped']} files", 0)
    row(
        "  work redone",
        f"{n_shards} shards",
        f"recorded once each: {recorded + summary['shards'] == n_shards}; {calls} stage calls",
        abs(recorded + summary["shards"] - n_shards),
    )


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", *args], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def writers(n: int, readers: int, scratch: Path) -> None:
    corpora = [
        harness.write_news_corpus(scratch / f"w{i}", n_files=10, per_file=50, seed=100 + i)
        for i in range(n)
    ]
    for wait in (False, True):
        db, stop = scratch / f"shared-{wait}.duckdb", scratch / f"stop-{wait}"
        Store.open(db)
        polls = [start("tests.reliability.reader", str(db), str(stop)) for _ in range(readers)]
        extra = ["--wait"] if wait else []
        runs = [
            start("tests.reliability.worker", str(c), "--db", str(db), "--pause", "0.01", *extra)
            for c in corpora
        ]
        outcomes = [(r.wait(600), r.stderr.read() if r.stderr else "") for r in runs]
        stop.touch()
        snapshots = [
            json.loads(line) for p in polls for line in p.communicate(timeout=120)[0].splitlines()
        ]
        finished = sum(code == 0 for code, _ in outcomes)
        locked = sum("StoreLockedError" in err for code, err in outcomes if code)
        counts = harness.integrity(db)
        expected = finished * 500
        bad = sum(s["orphans"] > 0 for s in snapshots) + abs(counts["articles"] - expected)
        bad += finished + locked != n
        row(
            f"{n} writers{' --wait' if wait else ''}",
            f"{readers} readers, {len(snapshots)} snapshots",
            f"{finished} finished, {locked} StoreLockedError; store {counts['articles']} articles",
            bad,
        )


def memory(sizes: list[int], scratch: Path) -> None:
    for megabytes in sizes:
        path = scratch / f"big-{megabytes}.jsonl"
        n = harness.write_big_jsonl(path, megabytes=megabytes)
        started = time.perf_counter()
        read, peak = harness.stream_peak_rss(path)
        took = time.perf_counter() - started
        path.unlink()
        row(
            "stream JSONL",
            f"{megabytes} MB, {n} articles",
            f"peak RSS {peak:.0f} MiB in {took:.0f} s",
            n - read,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--megabytes", type=int, nargs="+", default=[1, 10, 100, 1000])
    args = parser.parse_args()
    print(f"reliability bench, {datetime.date.today()}")
    print(f"{'check':<24} {'inputs':<28} {'result':<58} losses")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        fuzz(args.fuzz, scratch)
        kills(args.kills, scratch)
        writers(args.writers, args.readers, scratch)
        memory(args.megabytes, scratch)
    print(f"total losses: {sum(losses for *_, losses in ROWS)}")


if __name__ == "__main__":
    main()
