"""Coder throughput beside a bare parse of the same sentences, in one run (#4, #10, #16).

Prints a table: sentences per second for the bare spaCy pipeline (parse + NER) and for
the rules coder and the default (hybrid) coder (parse + NER + actors + events + places +
dates, and for the hybrid the pair model), with 1 and 2 processes, their ratio, and peak
memory; then the cost of story clustering and of geolocation measured on the same text.
The coders run on the local runner, as ``dyadwatch run`` does (shards of
``SHARD_ARTICLES`` articles), with 2 workers once per start method
(``runner.start_method``): ``spawn`` workers each load their own pipeline, ``fork``
workers share the one loaded before the fork. Every time includes loading the pipeline
(the bare parse's too), since each run pays it. The bare parse with 2 processes is
spaCy's own ``nlp.pipe(n_process=2)``.
Targets: the rules coder at >= 85 % and the default coder at >= 50 % of the bare parse
speed with 2 processes (#17), 2 processes of the default coder under 1.2 GiB total PSS,
clustering plus geolocation under 10 % of the bare parse time.

    .venv/bin/python bench/throughput.py [--repeat 20] [--batch 32]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _proc import Poller, field_kib, parent_pid

from dyadwatch.config import CoderSettings
from dyadwatch.extract import CodeStage
from dyadwatch.extract.nlp import load_model
from dyadwatch.geo import PlaceGazetteer
from dyadwatch.ingest import read_articles
from dyadwatch.records import Article
from dyadwatch.runner import LocalRunner, ShardTask
from dyadwatch.store.stories import StoryText, cluster_stories

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARD_ARTICLES = 50
"""Articles per shard handed to a runner worker (400 sentences)."""


def sentences() -> list[str]:
    """Return the bundled examples' sentences (real news-style text written for dyadwatch)."""
    nlp = load_model()
    nlp.select_pipes(enable=["tok2vec", "parser"])
    found: list[str] = []
    for article in read_articles([EXAMPLES]):
        found.extend(s.text.strip() for s in nlp(article.text).sents if len(s) > 3)
    return found


def articles(texts: list[str], size: int = 8) -> list[Article]:
    """Group sentences into short articles, as the coder sees them."""
    day = datetime.date(2024, 1, 1)
    return [
        Article(id=f"a{i}", date=day, title="", text=" ".join(texts[i : i + size]))
        for i in range(0, len(texts), size)
    ]


def peak_mib() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child (a worker), in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, child / 1024


class TotalPss(Poller):
    """Sample the summed PSS of this process and its children; keep the peak, in MiB.

    RSS counts every page a forked worker shares with its parent once per process, so
    main + 2 workers' RSS overstates the memory the run takes. PSS splits each shared
    page between the processes that map it, so the sum is the run's real footprint.
    """

    def __init__(self, interval: float = 0.1) -> None:
        super().__init__(interval)
        self.peak_kib = 0

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024

    def sample(self) -> None:
        pids = [os.getpid(), *_children(os.getpid())]
        self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in pids))


def _children(pid: int) -> list[int]:
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and parent_pid(entry) == pid
    ]


def _pss_kib(pid: int) -> int:
    return field_kib(pid, "smaps_rollup", "Pss:")


def time_bare(docs: list[Article], *, processes: int, batch: int) -> float:
    start = time.perf_counter()
    nlp = load_model()
    for _ in nlp.pipe((a.text for a in docs), batch_size=batch, n_process=processes):
        pass
    return time.perf_counter() - start


def time_coder(
    docs: list[Article], *, processes: int, batch: int, kind: str, start_method: str
) -> tuple[float, int]:
    """Code the articles on the local runner; return the seconds and the event count."""
    stage = CodeStage(CoderSettings(kind=kind, batch_size=batch))
    runner = LocalRunner(workers=processes, start_method=start_method)
    tasks = [
        ShardTask(f"shard{i}", tuple(docs[i : i + SHARD_ARTICLES]))
        for i in range(0, len(docs), SHARD_ARTICLES)
    ]
    start = time.perf_counter()
    n_events = sum(len(result.events) for result in runner.map(stage, tasks))
    return time.perf_counter() - start, n_events


def time_extras(texts: list[str], docs: list[Article]) -> tuple[float, float]:
    """Return seconds for story clustering of the articles and place finding of the text."""
    start = time.perf_counter()
    cluster_stories(StoryText(a.id, a.date, a.text) for a in docs)
    clustering = time.perf_counter() - start
    gazetteer = PlaceGazetteer.load()
    start = time.perf_counter()
    for text in texts:
        gazetteer.find(text)
    return clustering, time.perf_counter() - start


def measure(
    pipeline: str, processes: int, corpus: Path, batch: int, start_method: str
) -> dict[str, float]:
    """Run one configuration in this (fresh) process and return its figures."""
    texts = json.loads(corpus.read_text(encoding="utf-8"))
    docs = articles(texts)
    result: dict[str, float] = {"sentences": len(texts)}
    with TotalPss() as pss:
        if pipeline == "bare":
            result["seconds"] = time_bare(docs, processes=processes, batch=batch)
        elif pipeline in {"rules", "coder"}:
            kind = "rules" if pipeline == "rules" else CoderSettings().kind
            result["seconds"], result["events"] = time_coder(
                docs, processes=processes, batch=batch, kind=kind, start_method=start_method
            )
        else:
            result["clustering"], result["places"] = time_extras(texts, docs)
    result["total_pss_mib"] = pss.peak_mib
    result["main_mib"], result["worker_mib"] = peak_mib()
    return result


def run_fresh(
    pipeline: str, processes: int, args: argparse.Namespace, start_method: str = "spawn"
) -> dict[str, float]:
    """Measure one configuration in a new interpreter, so peaks do not carry over."""
    command = [sys.executable, __file__, "--one", pipeline, "--processes", str(processes)]
    command += ["--corpus", str(args.corpus), "--batch", str(args.batch)]
    command += ["--start-method", start_method]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(output.splitlines()[-1]))


CONFIGURATIONS = [
    (1, "spawn", "bare"),
    (1, "spawn", "rules"),
    (1, "spawn", "coder"),
    (2, "spawn", "bare"),
    *((2, method, pipeline) for pipeline in ("rules", "coder") for method in ("spawn", "fork")),
]
"""(processes, runner.start_method, pipeline) in the order measured; one process runs here."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="Copies of the example corpus.")
    parser.add_argument(
        "--batch", type=int, default=CoderSettings().batch_size, help="nlp.pipe batch size."
    )
    parser.add_argument(
        "--one", choices=["bare", "rules", "coder", "extras"], help=argparse.SUPPRESS
    )
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--start-method", default="spawn", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        figures = measure(args.one, args.processes, args.corpus, args.batch, args.start_method)
        print(json.dumps(figures))
        return
    # Split sentences once, here, so the measured processes load only what they measure.
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(sentences() * args.repeat, handle)
    args.corpus = Path(handle.name)
    header = f"{'pipeline':<8} {'proc':>4} {'start':>6} {'sent/s':>7} {'vs bare':>8}"
    print(header + f" {'events':>7} {'main RSS':>9} {'worker RSS':>11} {'total PSS':>10}")
    bare: dict[int, dict[str, float]] = {}
    for processes, start_method, pipeline in CONFIGURATIONS:
        got = run_fresh(pipeline, processes, args, start_method)
        rate = got["sentences"] / got["seconds"]
        if pipeline == "bare":
            bare[processes] = got
            versus, events = "", ""
        else:
            versus = f"{rate / (bare[processes]['sentences'] / bare[processes]['seconds']):.0%}"
            events = f"{got['events']:.0f}"
        workers = f"{got['worker_mib']:.0f}" if processes > 1 else "-"
        shown = start_method if processes > 1 and pipeline != "bare" else "-"
        print(
            f"{pipeline:<8} {processes:>4} {shown:>6} {rate:>7.0f} {versus:>8} {events:>7}"
            f" {got['main_mib']:>9.0f} {workers:>11} {got['total_pss_mib']:>10.0f}"
        )
    extras = run_fresh("extras", 1, args)
    parse_seconds = bare[1]["seconds"]
    share = (extras["clustering"] + extras["places"]) / parse_seconds
    args.corpus.unlink()
    print(
        f"{bare[1]['sentences']:.0f} sentences; story clustering {extras['clustering']:.2f} s +"
        f" places {extras['places']:.2f} s = {share:.1%} of the bare 1-process parse"
        f" ({parse_seconds:.1f} s)"
    )


if __name__ == "__main__":
    main()
