"""Scaling benchmark: code a fixed corpus with 1 and 2 workers on the local and Ray engines.

Run from the repository root:

    .venv/bin/python bench/scale.py [--sentences 20000] [--shard-articles 125] [--repeat 3]

The corpus is made of the bundled examples' sentences, shuffled with a fixed seed,
eight sentences to an article, in four JSONL files. Each configuration codes it into a
fresh store; the table gives sentences per second (model loads and the merge included),
the speed-up from 1 to 2 workers, the Ray engine's overhead over the local one at equal
workers, the peak resident memory of a worker (``VmHWM`` from ``/proc``), and the CPU
time of the driver plus, for Ray, of every Ray process but the coding actors (daemons,
agents, Ray Data's helper actors). Ray is started once before the timed runs, and its
start-up time is printed apart. Figures on a shared machine move with its load, so the
four runs are repeated in rounds and each row is its configuration's median run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _proc import Poller, field_kib, parent_pid

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.extract import CodeStage
from dyadwatch.ingest import read_articles
from dyadwatch.runner import LocalRunner, RayRunner, Runner, run_sharded
from dyadwatch.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PER_ARTICLE = 8
N_FILES = 4


@dataclass(frozen=True, slots=True)
class Result:
    engine: str
    workers: int
    seconds: float
    sentences_per_s: float
    peak_worker_mib: float
    overhead_cpu_s: float
    event_ids: frozenset[str]


def example_sentences() -> list[tuple[str, str]]:
    inputs = [*sorted(p for p in EXAMPLES.iterdir() if p.is_dir()), EXAMPLES / "seed-article.txt"]
    return [
        (article.date.isoformat(), sentence.strip().rstrip(".") + ".")
        for article in read_articles(inputs)
        for sentence in article.text.replace("\n", " ").split(". ")
        if len(sentence.split()) > 4
    ]


def write_corpus(folder: Path, n_sentences: int) -> list[Path]:
    """Write ``n_sentences`` shuffled example sentences as ``N_FILES`` JSONL files."""
    pool = example_sentences()
    rng = random.Random(20231112)
    picked = [pool[i % len(pool)] for i in range(n_sentences)]
    rng.shuffle(picked)
    articles = [picked[i : i + PER_ARTICLE] for i in range(0, n_sentences, PER_ARTICLE)]
    paths = []
    for part in range(N_FILES):
        lines = [
            json.dumps(
                {"date": group[0][0], "title": f"A{n}", "text": " ".join(s for _, s in group)}
            )
            for n, group in enumerate(articles)
            if n % N_FILES == part
        ]
        path = folder / f"corpus{part}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class PeakMemory(Poller):
    """Poll ``/proc`` for worker processes and keep each one's peak RSS (``VmHWM``).

    ``VmHWM`` is the kernel's own high-water mark, so a sample a second loses nothing
    for workers that live longer than that; each pid's command line is read once. The
    poller runs in the driver, so a cheap one keeps it from slowing the runs it measures.
    """

    def __init__(self, engine: str) -> None:
        super().__init__(1.0)
        self.engine = engine
        self.peaks: dict[int, int] = {}
        self._seen: set[int] = set()

    def peak_mib(self) -> float:
        if not self.peaks:
            return _hwm_kib(os.getpid()) / 1024  # in-process: the driver is the worker
        return max(self.peaks.values()) / 1024

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self.sample()  # workers still alive at the end (a local pool has exited by now)

    def sample(self) -> None:
        for pid in self._new_workers():
            self.peaks[pid] = 0
        for pid in self.peaks:
            self.peaks[pid] = max(self.peaks[pid], _hwm_kib(pid))

    def _new_workers(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in self._seen:
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = parent_pid(entry)
            ray_actor = self.engine == "ray" and b"ShardCoder" in cmdline
            pool_worker = ppid == os.getpid() and b"spawn_main" in cmdline
            if ray_actor or (self.engine == "local" and pool_worker):
                found.append(int(entry.name))
            # An idle Ray worker may become an actor, and a forked child execs later:
            # look at those again; every other process is settled.
            unsettled = cmdline.startswith(b"ray::") or ppid == os.getpid()
            if ray_actor or pool_worker or not unsettled:
                self._seen.add(int(entry.name))
        return found


def _hwm_kib(pid: int) -> int:
    return field_kib(pid, "status", "VmHWM:")


RAY_DAEMONS = (b"gcs_server", b"raylet", b"dashboard", b"log_monitor", b"runtime_env", b"monitor")
"""Ray's daemons, by their command line's first word."""


def ray_system_ticks() -> dict[int, int]:
    """Return the CPU clock ticks used so far by each of Ray's own processes, by pid.

    That is its daemons and every Ray worker process other than the coding actors:
    Ray Data's helper actors (stats, autoscaling coordinator, actor location tracker),
    Ray's dashboard and runtime-env agents, and idle workers. The coding actors are left
    out, as the local engine's worker processes are.
    """
    ticks = {}
    for entry in Path("/proc").iterdir():
        try:
            head = (entry / "cmdline").read_bytes().split(b"\0")[0]
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ray_worker = head.startswith(b"ray::") and b"ShardCoder" not in head
        if entry.name.isdigit() and (ray_worker or any(name in head for name in RAY_DAEMONS)):
            ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    return ticks


def ray_system_cpu_s(before: dict[int, int]) -> float:
    """Return the CPU seconds Ray's own processes used since ``before``.

    Counted per process, so an idle worker that became a coding actor in between drops
    out of both sides rather than being subtracted.
    """
    after = ray_system_ticks()
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / os.sysconf("SC_CLK_TCK")


def measure(runner: Runner, inputs: list[Path], n_sentences: int, shard_articles: int) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            db=str(Path(tmp) / "bench.duckdb"),
            runner=RunnerSettings(shard_articles=shard_articles),
        )
        stage = CodeStage(settings.coder)
        cpu_before, ray_before = time.process_time(), ray_system_ticks()
        with PeakMemory(runner.name) as memory:
            started = time.perf_counter()
            run_sharded(inputs, settings=settings, stage=stage, runner=runner, coder_version="b")
            seconds = time.perf_counter() - started
        overhead_cpu = time.process_time() - cpu_before + ray_system_cpu_s(ray_before)
        if runner.workers == 1 and runner.name == "local":
            overhead_cpu = float("nan")  # the stage runs in the driver: no split to make
        ids = frozenset(event.id for event in Store.open(settings.db, read_only=True).events())
    return Result(
        runner.name,
        runner.workers,
        seconds,
        n_sentences / seconds,
        memory.peak_mib(),
        overhead_cpu,
        ids,
    )


def table(results: list[Result], ray_start: float, n_sentences: int) -> str:
    by = {(r.engine, r.workers): r for r in results}
    lines = [
        f"corpus: {n_sentences} sentences; Ray start-up {ray_start:.1f} s (not in the figures)",
        "| engine | workers | seconds | sentences/s | speed-up 1→2 | overhead vs local | "
        "peak RSS per worker | driver + Ray system CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        one = by[(r.engine, 1)]
        speedup = f"{one.seconds / r.seconds:.2f}×" if r.workers == 2 else ""
        local = by[("local", r.workers)]
        overhead = f"{(r.seconds / local.seconds - 1) * 100:+.1f} %" if r.engine == "ray" else ""
        lines.append(
            f"| {r.engine} | {r.workers} | {r.seconds:.1f} | {r.sentences_per_s:.0f} | "
            f"{speedup} | {overhead} | {r.peak_worker_mib:.0f} MiB | "
            f"{_cpu(r.overhead_cpu_s, r.seconds)} |"
        )
    same = len({r.event_ids for r in results}) == 1
    lines.append(f"identical event ids across all runs: {'yes' if same else 'NO'}")
    return "\n".join(lines)


def _cpu(seconds: float, wall: float) -> str:
    if seconds != seconds:  # NaN: in-process run
        return "(in-process)"
    return f"{seconds:.1f} s ({seconds / wall * 100:.0f} % of a core)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--shard-articles", type=int, default=125)
    parser.add_argument(
        "--repeat", type=int, default=3, help="Rounds of all four runs; medians are reported."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_corpus(Path(tmp), args.sentences)
        rounds = [_round(inputs, args.sentences, args.shard_articles) for _ in range(args.repeat)]
    results = [_median_run([r[i] for r, _ in rounds]) for i in range(len(rounds[0][0]))]
    print(table(results, statistics.median(start for _, start in rounds), args.sentences))
    spread = [r[3].seconds / r[1].seconds - 1 for r, _ in rounds]
    print(
        f"{args.repeat} rounds (local 1, local 2, Ray 1, Ray 2 each round); each row is the "
        f"median run of its configuration; Ray's cost at 2 workers per round: "
        + ", ".join(f"{x * 100:+.1f} %" for x in spread)
    )


def _round(inputs: list[Path], n_sentences: int, shard_articles: int) -> tuple[list[Result], float]:
    """Run the four configurations once; Ray runs only while its own runs do."""
    import ray

    results = [measure(LocalRunner(workers=w), inputs, n_sentences, shard_articles) for w in (1, 2)]
    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray_start = time.perf_counter() - started
    try:
        for workers in (1, 2):
            results.append(measure(RayRunner(workers=workers), inputs, n_sentences, shard_articles))
    finally:
        ray.shutdown()
    return results, ray_start


def _median_run(runs: list[Result]) -> Result:
    """Return the run with the median time (the lower middle one for an even count)."""
    return sorted(runs, key=_seconds)[(len(runs) - 1) // 2]


def _seconds(result: Result) -> float:
    return result.seconds


if __name__ == "__main__":
    main()
