"""Tests for the sharded run: engine equivalence, Parquet shards, resume, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from runner_stages import SentenceStage, write_corpus

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.errors import EngineError, ExtractError, InputError, WorkerDiedError
from dyadwatch.runner import LocalRunner, RunOptions, run_sharded
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store import Store


def settings_for(db: Path, *, shard_articles: int = 7) -> Settings:
    return Settings(db=str(db), runner=RunnerSettings(shard_articles=shard_articles))


def snapshot(db: Path) -> dict[str, object]:
    store = Store.open(db, read_only=True)
    with store.reader() as con:
        progress = con.execute('SELECT "key", "n_articles", "n_events" FROM "progress" ORDER BY 1')
        return {
            "articles": store.articles(),
            "events": store.events(),
            "progress": progress.fetchall(),
        }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "in", n_files=3, per_file=20)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The store one process makes with one shard per file."""
    db = tmp_path_factory.mktemp("reference") / "plain.duckdb"
    run_sharded(
        [corpus],
        settings=Settings(db=str(db)),
        stage=SentenceStage(),
        runner=LocalRunner(),
        coder_version="s1",
    )
    return snapshot(db)


LOCAL_RUNNERS = [LocalRunner(), LocalRunner(workers=2), LocalRunner(workers=2, start_method="fork")]
LOCAL_IDS = ["local1", "local2", "local2-fork"]


@pytest.mark.parametrize("runner", LOCAL_RUNNERS, ids=LOCAL_IDS)
def test_sharded_local_runner_equals_the_single_process_path(
    corpus: Path, reference: dict[str, object], tmp_path: Path, runner: LocalRunner
) -> None:
    db = tmp_path / "sharded.duckdb"
    summary = run_sharded(
        [corpus],
        settings=settings_for(db),
        stage=SentenceStage(),
        runner=runner,
        coder_version="s1",
    )
    assert (summary.files_done, summary.articles, summary.shards) == (3, 60, 9)
    assert summary.events == 180
    assert snapshot(db) == reference


def test_sharded_two_workers_use_two_processes(corpus: Path, tmp_path: Path) -> None:
    pids = tmp_path / "pids.txt"
    run_sharded(
        [corpus],
        settings=settings_for(tmp_path / "x.duckdb", shard_articles=2),
        stage=SentenceStage(pid_log=str(pids)),
        runner=LocalRunner(workers=2),
    )
    assert len(set(pids.read_text().split())) == 2


def test_sharded_run_removes_its_run_directory_when_done(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    run_sharded([corpus], settings=settings_for(db), stage=SentenceStage(), runner=LocalRunner())
    assert not ShardDir.for_store(db).root.exists()


def test_sharded_rerun_skips_merged_files(corpus: Path, tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "x.duckdb")
    run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=LocalRunner())
    again = run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=LocalRunner())
    assert (again.files_skipped, again.files_done, again.shards) == (3, 0, 0)


@pytest.mark.parametrize(("fail_on", "error"), [("crash", RuntimeError), ("extract", ExtractError)])
@pytest.mark.parametrize("workers", [1, 2])
def test_sharded_resume_after_a_failed_shard_equals_a_clean_run(
    tmp_path: Path, reference: dict[str, object], fail_on: str, error: type, workers: int
) -> None:
    # The failing article is in file 2, shard 2: files 0 and 1 merge, later shards wait.
    corpus = write_corpus(tmp_path / "in", n_files=3, per_file=20, marker=(2, 16))
    settings = settings_for(tmp_path / "x.duckdb")
    runner = LocalRunner(workers=workers)
    with pytest.raises(error):
        run_sharded(
            [corpus], settings=settings, stage=SentenceStage(fail_on=fail_on), runner=runner
        )
    finished = ShardDir.for_store(settings.db).finished()
    assert Store.open(settings.db).counts()["progress"] == 2
    assert len(finished) >= 2
    resumed = run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=runner)
    clean = tmp_path / "clean.duckdb"
    run_sharded([corpus], settings=settings_for(clean), stage=SentenceStage(), runner=runner)
    assert (resumed.files_skipped, resumed.shards_reused) == (2, len(finished))
    assert resumed.shards + resumed.shards_reused == 3
    assert snapshot(Path(settings.db)) == snapshot(clean)


def test_sharded_manifest_names_each_shard_and_its_input_range(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=1, per_file=20, marker=(0, 19))
    settings = settings_for(tmp_path / "x.duckdb")
    with pytest.raises(RuntimeError):
        run_sharded(
            [corpus], settings=settings, stage=SentenceStage(fail_on="crash"), runner=LocalRunner()
        )
    manifest = ShardDir.for_store(settings.db).manifest.read_text().splitlines()
    entries = [json.loads(line) for line in manifest]
    assert [(e["start"], e["stop"], e["n_events"], e["status"]) for e in entries] == [
        (0, 7, 21, "done"),
        (7, 14, 21, "done"),
    ]
    assert entries[0]["key"].startswith(str((corpus / "part000.jsonl").resolve()))


def test_sharded_a_cut_manifest_line_means_that_shard_is_done_again(
    tmp_path: Path, reference: dict[str, object]
) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=3, per_file=20, marker=(2, 16))
    settings = settings_for(tmp_path / "x.duckdb")
    with pytest.raises(RuntimeError):
        run_sharded(
            [corpus], settings=settings, stage=SentenceStage(fail_on="crash"), runner=LocalRunner()
        )
    shards = ShardDir.for_store(settings.db)
    text = shards.manifest.read_text()
    shards.manifest.write_text(text[: len(text) - 10])
    resumed = run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=LocalRunner())
    assert (resumed.shards_reused, resumed.shards) == (1, 2)


def test_sharded_bad_record_stops_before_that_file_is_merged(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=2, per_file=10)
    bad = corpus / "part001.jsonl"
    lines = bad.read_text().splitlines()
    lines[8] = "{not json"
    bad.write_text("\n".join(lines) + "\n")
    settings = settings_for(tmp_path / "x.duckdb")
    with pytest.raises(InputError) as caught:
        run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=LocalRunner())
    assert (caught.value.path, caught.value.line) == (str(bad), 9)
    assert Store.open(settings.db).counts() == {"articles": 10, "events": 30, "progress": 1}


def test_sharded_skip_bad_writes_rejects_and_goes_on(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=1, per_file=10)
    bad = corpus / "part000.jsonl"
    bad.write_text(bad.read_text() + "{not json\n")
    summary = run_sharded(
        [corpus],
        settings=settings_for(tmp_path / "x.duckdb"),
        stage=SentenceStage(),
        runner=LocalRunner(),
        options=RunOptions(skip_bad=True, rejects_path=tmp_path / "bad.jsonl"),
    )
    assert (summary.articles, summary.rejects, summary.rejects_path) == (
        10,
        1,
        str(tmp_path / "bad.jsonl"),
    )


class Unpicklable:
    """A stage that holds an open file, which cannot cross to a worker."""

    def __init__(self, path: Path) -> None:
        self.handle = open(path, "w")  # noqa: SIM115 - the point of the test

    def __call__(self, articles):
        return []


@pytest.mark.parametrize("workers", [1, 2])
def test_sharded_unpicklable_stage_fails_before_any_work(
    corpus: Path, tmp_path: Path, workers: int
) -> None:
    stage = Unpicklable(tmp_path / "open.txt")
    db = tmp_path / "x.duckdb"
    try:
        with pytest.raises(EngineError, match=r"the stage \(a Unpicklable object\) cannot be sent"):
            run_sharded(
                [corpus],
                settings=settings_for(db),
                stage=stage,
                runner=LocalRunner(workers=workers),
            )
    finally:
        stage.handle.close()
    assert not db.exists()


def test_sharded_lambda_stage_message_says_what_to_change(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="define it at module level"):
        run_sharded(
            [corpus],
            settings=settings_for(tmp_path / "x.duckdb"),
            stage=lambda articles: [],
            runner=LocalRunner(),
        )


@pytest.fixture(scope="module")
def real_reference(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Path], dict[str, object]]:
    """The store one process makes with the real coder on a small input, a shard a file."""
    from runner_stages import EXAMPLES

    from dyadwatch.extract import CodeStage

    inputs = [EXAMPLES / "norway-sweden", EXAMPLES / "seed-article.txt"]
    db = tmp_path_factory.mktemp("real") / "plain.duckdb"
    stage = CodeStage(Settings().coder)
    run_sharded(
        inputs,
        settings=Settings(db=str(db)),
        stage=stage,
        runner=LocalRunner(),
        coder_version=stage.version,
    )
    return inputs, snapshot(db)


@pytest.mark.parametrize("runner", LOCAL_RUNNERS, ids=LOCAL_IDS)
def test_sharded_real_coder_gives_the_same_events_as_the_single_process_path(
    real_reference: tuple[list[Path], dict[str, object]], tmp_path: Path, runner: LocalRunner
) -> None:
    from dyadwatch.extract import CodeStage

    inputs, reference = real_reference
    stage = CodeStage(Settings().coder)
    db = tmp_path / "sharded.duckdb"
    run_sharded(
        inputs,
        settings=settings_for(db, shard_articles=3),
        stage=stage,
        runner=runner,
        coder_version=stage.version,
    )
    assert snapshot(db) == reference
    assert reference["events"]


@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_sharded_dead_worker_process_is_a_transient_error(
    tmp_path: Path, start_method: str
) -> None:
    corpus = write_corpus(tmp_path / "in", n_files=1, per_file=20, marker=(0, 15))
    settings = settings_for(tmp_path / "x.duckdb")
    with pytest.raises(WorkerDiedError, match="rerun the same command to resume") as caught:
        run_sharded(
            [corpus],
            settings=settings,
            stage=SentenceStage(fail_on="exit"),
            runner=LocalRunner(workers=2, start_method=start_method),
        )
    assert "--workers (runner.workers) or a smaller coder.batch_size" in str(caught.value)
    resumed = run_sharded([corpus], settings=settings, stage=SentenceStage(), runner=LocalRunner())
    assert resumed.articles == 20
