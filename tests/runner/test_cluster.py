"""The Ray engine on a real local Ray cluster (2 CPUs): same store as the local engine."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from runner_stages import SentenceStage, example_inputs, write_corpus, write_sentence_corpus

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.errors import EngineError, ExtractError
from dyadwatch.runner import LocalRunner, RayRunner, run_sharded
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store import Store

pytestmark = pytest.mark.cluster


def raylet_pids() -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and b"/raylet" in cmdline.split(b"\0")[0]:
            pids.add(int(entry.name))
    return pids


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """A local Ray cluster of 2 CPUs whose workers can import the test stages."""
    ray = pytest.importorskip("ray")
    before = raylet_pids()
    old_path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), old_path]))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
    if old_path is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = old_path
    deadline = time.monotonic() + 15
    while raylet_pids() - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not raylet_pids() - before, "a raylet outlived ray.shutdown()"


def settings_for(db: Path, shard_articles: int = 40) -> Settings:
    return Settings(db=str(db), runner=RunnerSettings(shard_articles=shard_articles))


def snapshot(db: Path) -> tuple[list[Any], list[Any]]:
    store = Store.open(db, read_only=True)
    return store.articles(), store.events()


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    generated = tmp_path_factory.mktemp("generated") / "sentences.jsonl"
    # three of the example folders and the seed article (39 files) and 80 generated
    # sentences: three runs of the real coder, most of whose time is loading it
    examples = example_inputs()
    return [*examples[:3], examples[-1], write_sentence_corpus(generated, n_sentences=80)]


@pytest.mark.issue(16)
def test_cluster_local_1_equals_local_2_equals_ray(
    ray_cluster: Any, real_corpus: list[Path], tmp_path: Path
) -> None:
    from dyadwatch.extract import CodeStage

    stage = CodeStage(Settings().coder)
    runners = {
        "local1": LocalRunner(workers=1),
        "local2": LocalRunner(workers=2),
        "ray": RayRunner(workers=2),
    }
    stores = {}
    for name, runner in runners.items():
        db = tmp_path / f"{name}.duckdb"
        summary = run_sharded(
            real_corpus, settings=settings_for(db), stage=stage, runner=runner, coder_version="v"
        )
        assert summary.files_done == summary.files_seen == 40
        stores[name] = snapshot(db)
    assert stores["local1"] == stores["local2"] == stores["ray"]
    assert len(stores["ray"][1]) > 100


def test_cluster_resume_after_a_failed_shard_equals_a_clean_run(
    ray_cluster: Any, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=2, per_file=30, marker=(1, 25))
    settings = settings_for(tmp_path / "x.duckdb", shard_articles=5)
    with pytest.raises(ExtractError, match="cannot code it"):
        run_sharded(
            [corpus],
            settings=settings,
            stage=SentenceStage(fail_on="extract"),
            runner=RayRunner(workers=2),
        )
    finished = len(ShardDir.for_store(settings.db).finished())
    resumed = run_sharded(
        [corpus], settings=settings, stage=SentenceStage(), runner=RayRunner(workers=2)
    )
    clean = tmp_path / "clean.duckdb"
    run_sharded(
        [corpus], settings=settings_for(clean, 5), stage=SentenceStage(), runner=LocalRunner()
    )
    assert resumed.shards_reused == finished
    assert resumed.files_done + resumed.files_skipped == 2
    assert snapshot(Path(settings.db)) == snapshot(clean)


def test_cluster_crash_is_an_engine_error_naming_the_logs(ray_cluster: Any, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=1, per_file=4, marker=(0, 1))
    with pytest.raises(EngineError, match="Ray worker logs"):
        run_sharded(
            [corpus],
            settings=settings_for(tmp_path / "x.duckdb"),
            stage=SentenceStage(fail_on="crash"),
            runner=RayRunner(workers=1),
        )
