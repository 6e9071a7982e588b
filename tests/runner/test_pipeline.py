"""Tests for ingest, a run that codes nothing: checkpoints, idempotence, bad input, rejects,
locks; and for how it sits beside coding runs on the same store."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.synchronize
import os
from pathlib import Path

import pytest

from dyadwatch.config import RunnerSettings, Settings
from dyadwatch.errors import InputError, StoreLockedError
from dyadwatch.records import Actor, Article, Event, Modality, QuadClass
from dyadwatch.runner import RunOptions, checkpoint_key, ingest_files, run_pipeline
from dyadwatch.runner.shardfiles import ShardDir
from dyadwatch.store import Store


def write_jsonl(path: Path, first: int, count: int, *, bad_line: int | None = None) -> Path:
    lines = []
    for n in range(first, first + count):
        record = {
            "date": f"2023-11-{n % 28 + 1:02d}",
            "title": f"T{n}",
            "text": f"Article {n} body.",
        }
        lines.append("{not json" if bad_line == n - first else json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_inputs(folder: Path, n_files: int = 4, per_file: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        write_jsonl(folder / f"part{i:03d}.jsonl", i * per_file, per_file)
    return folder


class CountryCoder:
    """A real, tiny coding stage: one event per article, versioned."""

    def __init__(self, cameo: str, *, fail_on: str = "") -> None:
        self.cameo = cameo
        self.fail_on = fail_on

    def __call__(self, articles: list[Article]) -> list[Event]:
        if self.fail_on and any(self.fail_on in article.text for article in articles):
            raise RuntimeError("the stage crashed")
        return [self._event(article) for article in articles]

    def _event(self, article: Article) -> Event:
        actor = Actor(code="RUS", country="RUS")
        return Event(
            id=f"{article.id}:{self.cameo}",
            article_id=article.id,
            date=article.date,
            sentence_index=0,
            start=0,
            end=len(article.text),
            source=actor,
            target=Actor(code="PRK", country="PRK"),
            cameo=self.cameo,
            root=self.cameo[:2],
            quad_class=QuadClass.VERBAL_COOPERATION,
            goldstein=1.0,
            plover_type="CONSULT",
            plover_mode="",
            modality=Modality.ASSERTED,
            trigger="met",
            evidence=article.text,
            confidence=1.0,
            coder_version=self.cameo,
        )


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    store = Store.open(db, read_only=True)
    with store.reader() as con:
        return {
            "articles": con.execute(
                'SELECT * EXCLUDE (ingested_at) FROM "articles" ORDER BY 1'
            ).fetchall(),
            "events": con.execute('SELECT * FROM "events" ORDER BY 1').fetchall(),
            "progress": con.execute('SELECT "key" FROM "progress" ORDER BY 1').fetchall(),
        }


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "store" / "test.duckdb"))


def test_pipeline_ingests_every_file(tmp_path: Path, settings: Settings) -> None:
    summary = ingest_files([make_inputs(tmp_path / "in")], settings=settings)
    assert (summary.files_seen, summary.files_done, summary.files_skipped) == (4, 4, 0)
    assert (summary.articles, summary.new_articles, summary.events, summary.rejects) == (
        40,
        40,
        0,
        0,
    )
    assert Store.open(settings.db).counts() == {"articles": 40, "events": 0, "progress": 4}


def test_pipeline_rerun_skips_done_files_and_changes_nothing(
    tmp_path: Path, settings: Settings
) -> None:
    inputs = make_inputs(tmp_path / "in")
    ingest_files([inputs], settings=settings)
    before = contents(Path(settings.db))
    summary = ingest_files([inputs], settings=settings)
    assert (summary.files_skipped, summary.files_done, summary.articles) == (4, 0, 0)
    assert contents(Path(settings.db)) == before


def test_pipeline_same_articles_in_a_new_file_are_not_duplicated(
    tmp_path: Path, settings: Settings
) -> None:
    inputs = make_inputs(tmp_path / "in")
    ingest_files([inputs], settings=settings)
    write_jsonl(tmp_path / "again.jsonl", 0, 10)
    summary = ingest_files([tmp_path / "again.jsonl"], settings=settings)
    assert (summary.files_done, summary.articles, summary.new_articles) == (1, 10, 0)
    assert Store.open(settings.db).counts()["articles"] == 40


def test_pipeline_redoes_a_changed_file(tmp_path: Path, settings: Settings) -> None:
    inputs = make_inputs(tmp_path / "in")
    ingest_files([inputs], settings=settings)
    changed = write_jsonl(inputs / "part001.jsonl", 100, 12)
    summary = ingest_files([inputs], settings=settings)
    assert (summary.files_done, summary.files_skipped, summary.new_articles) == (1, 3, 12)
    assert Store.open(settings.db).is_done(checkpoint_key(changed))


def code(inputs: Path, settings: Settings, cameo: str):
    return run_pipeline([inputs], settings=settings, stage=CountryCoder(cameo), coder_version=cameo)


def test_pipeline_codes_events_and_recodes_with_a_new_coder(
    tmp_path: Path, settings: Settings
) -> None:
    inputs = make_inputs(tmp_path / "in")
    first = code(inputs, settings, "042")
    again = code(inputs, settings, "042")
    second = code(inputs, settings, "043")
    assert (first.events, again.files_skipped, second.files_done) == (40, 4, 4)
    assert {e.cameo for e in Store.open(settings.db).events()} == {"043"}
    assert Store.open(settings.db).counts()["events"] == 40


@pytest.mark.issue(16)
def test_pipeline_ingest_after_a_coding_run_leaves_its_events_alone(
    tmp_path: Path, settings: Settings
) -> None:
    inputs = make_inputs(tmp_path / "in")
    code(inputs, settings, "042")
    before = contents(Path(settings.db))
    write_jsonl(tmp_path / "again.jsonl", 0, 10)  # articles already coded, in a new file
    summary = ingest_files([inputs, tmp_path / "again.jsonl"], settings=settings)
    # Ingest keys carry no coder version, so the coded files are ingested once more.
    assert (summary.files_done, summary.new_articles, summary.events, summary.shards) == (
        5,
        0,
        0,
        0,
    )
    after = contents(Path(settings.db))
    assert (after["articles"], after["events"]) == (before["articles"], before["events"])


@pytest.mark.issue(16)
def test_pipeline_ingest_keeps_the_shards_a_killed_coding_run_left(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", n_files=2)
    settings = Settings(db=str(tmp_path / "x.duckdb"), runner=RunnerSettings(shard_articles=5))
    failing = CountryCoder("042", fail_on="Article 15 ")
    with pytest.raises(RuntimeError):
        run_pipeline([inputs], settings=settings, stage=failing, coder_version="042")
    left = set(ShardDir.for_store(settings.db).finished())
    assert len(left) == 1  # articles 10-14 of the second file; 15-19 failed
    ingest_files([inputs], settings=settings)
    assert set(ShardDir.for_store(settings.db).finished()) == left
    resumed = code(inputs, settings, "042")
    assert (resumed.files_skipped, resumed.shards_reused, resumed.shards) == (1, 1, 1)
    assert not ShardDir.for_store(settings.db).root.exists()


def test_pipeline_bad_record_stops_before_writing_that_file(
    tmp_path: Path, settings: Settings
) -> None:
    folder = make_inputs(tmp_path / "in", n_files=1)
    bad = write_jsonl(folder / "part999.jsonl", 500, 10, bad_line=7)
    with pytest.raises(InputError) as caught:
        ingest_files([folder], settings=settings)
    assert (caught.value.path, caught.value.line) == (str(bad), 8)
    assert Store.open(settings.db).counts() == {"articles": 10, "events": 0, "progress": 1}


def test_pipeline_skip_bad_writes_the_rejects_file(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", 0, 10, bad_line=3)
    summary = ingest_files([folder], settings=settings, options=RunOptions(skip_bad=True))
    assert (summary.articles, summary.rejects) == (9, 1)
    assert summary.rejects_path == str(Path(settings.db).with_name("test.rejects.jsonl"))
    lines = Path(summary.rejects_path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert "bad JSON" in lines[0]


def test_pipeline_skip_bad_honours_an_explicit_rejects_path(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", 0, 4, bad_line=0)
    options = RunOptions(skip_bad=True, rejects_path=tmp_path / "r.jsonl")
    summary = ingest_files([folder], settings=settings, options=options)
    assert summary.rejects_path == str(tmp_path / "r.jsonl")


def test_pipeline_reports_progress_per_file(tmp_path: Path, settings: Settings) -> None:
    calls: list[tuple[int, int, str]] = []

    def record(done: int, total: int, path: Path) -> None:
        calls.append((done, total, path.name))

    ingest_files([make_inputs(tmp_path / "in", n_files=3)], settings=settings, progress=record)
    assert calls == [(1, 3, "part000.jsonl"), (2, 3, "part001.jsonl"), (3, 3, "part002.jsonl")]


def _hold(
    db: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    with Store.open(db).run_lock(wait=False):
        ready.set()
        release.wait(30)


def test_pipeline_second_run_stops_with_store_locked(tmp_path: Path, settings: Settings) -> None:
    inputs = make_inputs(tmp_path / "in", n_files=1)
    Store.open(settings.db)
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    process = context.Process(target=_hold, args=(settings.db, ready, release))
    process.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreLockedError, match="wait for it to finish, or use another --db"):
            ingest_files([inputs], settings=settings)
    finally:
        release.set()
        process.join(30)
    assert ingest_files([inputs], settings=settings).files_done == 1


def test_pipeline_checkpoint_key_changes_with_content(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 0, 1)
    before = checkpoint_key(path)
    write_jsonl(path, 0, 2)
    os.utime(path, ns=(1, 1))
    assert checkpoint_key(path) != before
    assert checkpoint_key(path, coder_version="v2").endswith("|v2")
