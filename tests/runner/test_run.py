"""Tests for engine selection, the picklability check, ``code_file`` and the store summary."""

from __future__ import annotations

import pickle
import re
import sys
import threading
from pathlib import Path

import pytest
from runner_stages import SentenceStage, write_corpus

from dyadwatch._optional import install_hint
from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.errors import EngineError, MissingDependency, UnknownNameError
from dyadwatch.runner import (
    LocalRunner,
    RayRunner,
    ShardTask,
    check_picklable,
    code_file,
    make_runner,
    run_pipeline,
    summarize_store,
)


@pytest.mark.parametrize(
    ("runner", "expected"),
    [("local", LocalRunner(workers=3)), ("ray", RayRunner(workers=3, address="auto"))],
)
def test_run_make_runner_builds_the_named_engine(runner: str, expected: object) -> None:
    assert make_runner(RunnerSettings(runner=runner, workers=3, address="auto")) == expected


@pytest.mark.issue(16)
def test_run_make_runner_passes_the_start_method() -> None:
    runner = make_runner(RunnerSettings(workers=2, start_method="fork"))
    assert runner == LocalRunner(workers=2, start_method="fork")


@pytest.mark.issue(16)
def test_run_make_runner_unknown_start_method_suggests_one() -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown runner\.start_method 'frok'; did you mean 'fork'"
    ):
        make_runner(RunnerSettings(start_method="frok"))


def test_run_make_runner_unknown_name_suggests_one() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'ray'"):
        make_runner(RunnerSettings(runner="rey"))


def test_run_ray_runner_without_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(MissingDependency, match=re.escape(install_hint("cluster"))):
        make_runner(RunnerSettings(runner="ray"))


def nested_stage() -> object:
    def stage(articles: list[object]) -> list[object]:
        return []

    return stage


class Holder:
    """A stage-like object holding a lock."""

    def __init__(self, handle: object) -> None:
        self.handle = handle


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (nested_stage, "nested_stage.<locals>.stage"),
        (lambda: lambda articles: [], "<lambda>.<locals>.<lambda>"),
        (lambda: Holder(threading.Lock()), "a Holder object"),
    ],
)
def test_run_check_picklable_names_the_object(make, what: str) -> None:
    with pytest.raises(EngineError, match=rf"^the stage \({re.escape(what)}\) cannot be sent"):
        check_picklable(make(), name="the stage")


def test_run_check_picklable_returns_the_pickle() -> None:
    assert pickle.loads(check_picklable(SentenceStage(fail_on="x"), name="s")).fail_on == "x"


def test_run_local_runner_rejects_zero_workers() -> None:
    with pytest.raises(EngineError, match="set it to 1 or more"):
        list(LocalRunner(workers=0).map(SentenceStage(), [ShardTask("a", ())]))


def test_run_code_file_returns_the_events_of_one_file(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=1, per_file=5)
    events = code_file(corpus / "part000.jsonl", settings=Settings(), stage=SentenceStage())
    assert len(events) == 15
    assert not list(tmp_path.glob("*.duckdb"))


def test_run_summarize_store_counts_quads_and_dyads(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=2, per_file=10)
    db = tmp_path / "x.duckdb"
    run_pipeline([corpus], settings=Settings(db=str(db)), stage=SentenceStage())
    summary = summarize_store(db, top=2)
    assert (summary.articles, summary.events) == (20, 60)
    assert sum(summary.by_quad_class.values()) == 60
    assert list(summary.by_quad_class) == [
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    ]
    counts = [dyad.events for dyad in summary.top_dyads]
    assert len(counts) == 2
    assert counts == sorted(counts, reverse=True)
