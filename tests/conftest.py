"""Shared fixtures: the loaded coder, the coded examples and the imported ICEWS sample (each
once per session), and paths to shared data; and the order the suite runs its files in."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Tests assert correctness, never wall-clock time: on a busy 2-core CI machine one example
# of an otherwise fast property test can take 300 ms, which Hypothesis's default 200 ms
# deadline turns into a flaky failure.
settings.register_profile("dyadwatch", deadline=None)
settings.load_profile("dyadwatch")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
ICEWS_SAMPLE = ROOT.parent / "shared" / "dev-data" / "icews-2018-aug-oct.tab.gz"

# The slowest files run first (tests/data/slow_files.txt), so that the suite's two workers
# finish together: run last, they kept one worker busy for minutes after the other was done.
# xdist gives each worker whole files, the next one when its queue runs low; the Makefile
# passes --no-loadscope-reorder so that it keeps this order rather than sorting files by
# how many tests they hold.
SLOW_FILES_LIST = ROOT / "tests" / "data" / "slow_files.txt"


def slow_files() -> list[str]:
    """The slowest test files, slowest first, as listed in SLOW_FILES_LIST."""
    lines = SLOW_FILES_LIST.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="session")
def listed_slow_files() -> list[str]:
    """The slow files as the suite orders them (``slow_files``)."""
    return slow_files()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slow files first, in their listed order, and the rest as collected."""
    rank = {name: index for index, name in enumerate(slow_files())}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """Return the folder ``build`` fills once per test run, shared by the run's workers.

    Under pytest-xdist each worker has its own session, so a session fixture ran once per
    worker: both workers coded the examples and imported the ICEWS sample. The workers'
    temporary folders share a parent, which holds the folder and a lock; the first worker
    builds it and the other waits and reads it. Without xdist the session's own temporary
    folder holds it (the parent is shared by earlier runs).
    """
    base = tmp_path_factory.getbasetemp()
    # A local xdist worker's folder is popen-gwN inside the run's own folder; anything else
    # (no xdist, remote workers) keeps to the session's folder, never one shared by runs.
    worker = os.environ.get("PYTEST_XDIST_WORKER") and base.name.startswith("popen-")
    root = base.parent if worker else base
    folder, done = root / name, root / f"{name}.built"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(exist_ok=True)
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def coder() -> Any:
    """The full coder with the packaged model, gazetteer and lexicon, loaded once."""
    from dyadwatch.extract import Coder, build_nlp

    return Coder(build_nlp())


@pytest.fixture(scope="session")
def rules_coder() -> Any:
    """The rule coder alone (no model): what the lexicon rows code by themselves."""
    import dataclasses

    from dyadwatch.config import CoderSettings
    from dyadwatch.extract import Coder, build_nlp
    from dyadwatch.records import CoderKind

    return Coder(build_nlp(dataclasses.replace(CoderSettings(), kind=CoderKind.RULES)))


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled ``examples/`` coded once by the full coder through the run loop.

    As ``dyadwatch run examples/`` codes them. The examples corpus tests read it, and the
    dashboard and report tests copy it and add one article (#16: the suite coded the
    examples twice). Built once per run (``built_once``); tests open it read-only.
    """
    from dyadwatch.config import Settings
    from dyadwatch.extract.coder import CODER_VERSION
    from dyadwatch.extract.stage import CodeStage
    from dyadwatch.runner import run_pipeline

    def build(folder: Path) -> None:
        settings = Settings(db=str(folder / "examples.duckdb"))
        stage = CodeStage(settings.coder)
        run_pipeline([EXAMPLES], settings=settings, stage=stage, coder_version=CODER_VERSION)

    return built_once(tmp_path_factory, "examples", build) / "examples.duckdb"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or skip where it is absent (as on a user's clone)."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not beside the repository (it is on CI and dev machines)")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def icews_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The ICEWS sample in ../shared/dev-data imported once: (its ImportSummary, the store).

    Four test files read it (the import itself, the network, the signals, the
    forecaster's backtest); importing its 95,540 events is among the slowest steps of the
    suite (#16). Built once per run (``built_once``); tests open the store read-only. Skip
    where the sample is absent (as on a user's clone).
    """
    if not ICEWS_SAMPLE.exists():
        pytest.skip(f"the ICEWS sample is not at {ICEWS_SAMPLE} (../shared/dev-data)")
    from dyadwatch.config import Settings
    from dyadwatch.runner.imports import import_events

    def build(folder: Path) -> None:
        settings = Settings(db=str(folder / "icews.duckdb"))
        summary = import_events([ICEWS_SAMPLE], layout="icews", settings=settings)
        (folder / "summary.pickle").write_bytes(pickle.dumps(summary))

    folder = built_once(tmp_path_factory, "icews", build)
    return pickle.loads((folder / "summary.pickle").read_bytes()), folder / "icews.duckdb"
