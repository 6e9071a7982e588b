"""Tests for the DuckDB store: round trips, upserts, exports, locks and concurrent readers."""

from __future__ import annotations

import dataclasses
import datetime
import multiprocessing
import multiprocessing.synchronize
import tempfile
from multiprocessing.queues import Queue
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_strategies import articles, events

from dyadwatch.errors import StoreError, StoreLockedError, UnknownNameError
from dyadwatch.records import Actor, Article, Event, Location, Modality, QuadClass
from dyadwatch.store import Store, schema
from dyadwatch.store.db import _replace_rows


def make_article(n: int) -> Article:
    return Article(
        id=f"a{n:05d}",
        date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 300),
        title=f"Title {n}",
        text=f"Text of article {n} — ünïcode ✓",
    )


def make_event(n: int, *, article: int = 0) -> Event:
    return Event(
        id=f"e{n:06d}",
        article_id=f"a{article:05d}",
        date=datetime.date(2023, 11, 12),
        sentence_index=n % 7,
        start=n,
        end=n + 40,
        source=Actor(code="RUSGOV", country="RUS", sector="GOV", name="Kremlin"),
        target=Actor(code="PRK", country="PRK"),
        cameo="042",
        root="04",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=1.9,
        plover_type="CONSULT",
        plover_mode="visit",
        modality=Modality.REPORTED,
        trigger="visited",
        evidence="Putin visited Pyongyang.",
        confidence=0.8,
        coder_version="test",
        location=Location(name="Pyongyang", country="PRK", latitude=39.0, longitude=125.7),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "test.duckdb", timeout=2.0)


def table_contents(store: Store, table: str) -> list[tuple[object, ...]]:
    exclude = " EXCLUDE (ingested_at)" if table == "articles" else ""
    with store.reader() as con:
        return con.execute(f'SELECT *{exclude} FROM "{table}" ORDER BY 1').fetchall()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(articles, max_size=8, unique_by=lambda a: a.id),
    st.lists(events, max_size=8, unique_by=lambda e: e.id),
)
def test_db_round_trip_gives_equal_records(arts: list[Article], evs: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "prop.duckdb")
        with store.writer() as con:
            store.upsert_articles(con, arts)
            store.upsert_events(con, evs)
        assert store.articles() == sorted(arts, key=lambda a: a.id)
        assert store.events() == sorted(evs, key=lambda e: e.id)


def test_db_upsert_twice_equals_once(store: Store) -> None:
    arts = [make_article(n) for n in range(50)]
    evs = [make_event(n, article=n % 50) for n in range(200)]
    with store.writer() as con:
        assert store.upsert_articles(con, arts) == 50
        store.upsert_events(con, evs)
    once = {t: table_contents(store, t) for t in ("articles", "events")}
    with store.writer() as con:
        assert store.upsert_articles(con, arts) == 0
        store.upsert_events(con, evs)
    assert {t: table_contents(store, t) for t in ("articles", "events")} == once


def test_db_events_and_provenance_carry_no_primary_key_index(store: Store) -> None:
    # DuckDB keeps primary-key indexes in memory and cannot spill them: an import of
    # millions of events filled its pool (#18). The writer keeps the ids unique instead.
    with store.reader() as con:
        keyed = con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    assert {"articles", "progress"} <= {name for (name,) in keyed}
    assert not {"events", "provenance"} & {name for (name,) in keyed}


def test_db_upsert_replaces_events_in_a_store_made_with_an_index(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store.open(path)
    with duckdb.connect(str(path)) as con:  # events and provenance as stores made before #18
        for table in ("events", "provenance"):
            key = "id" if table == "events" else "event_id"
            con.execute(f'CREATE TABLE "old" AS SELECT * FROM "{table}"')
            con.execute(f'DROP TABLE "{table}"')
            con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM "old" LIMIT 0')
            con.execute('DROP TABLE "old"')
            con.execute(f'ALTER TABLE "{table}" ADD PRIMARY KEY ("{key}")')
    store = Store.open(path)
    first = [make_event(n) for n in range(5)]
    changed = [dataclasses.replace(e, confidence=0.5) for e in first[:3]]
    with store.writer() as con:
        store.upsert_events(con, first)
    with store.writer() as con:  # as a shard merge: delete an article's events, store again
        store.delete_events(con, ["a00000"])
        store.upsert_events(con, first)
        store.upsert_events(con, changed)
    rows = table_contents(store, "events")
    assert [row[0] for row in rows] == [e.id for e in first]
    confidence = {e.id: e.confidence for e in store.events()}
    expected = [0.5, 0.5, 0.5, first[3].confidence, first[4].confidence]
    assert [confidence[e.id] for e in first] == expected


def test_db_upsert_of_one_batch_with_a_repeated_key_is_refused(store: Store) -> None:
    # Without a primary-key index nothing else would catch it (#18).
    row = schema.event_to_row(make_event(1))
    with pytest.raises(ValueError, match="repeats a key"), store.writer() as con:
        _replace_rows(con, "events", schema.EVENT_COLUMNS, [row, row])


def test_db_upsert_replaces_changed_fields_and_keeps_ingested_at(store: Store) -> None:
    article = make_article(1)
    with store.writer() as con:
        store.upsert_articles(con, [article])
    with store.reader() as con:
        first = con.execute('SELECT "ingested_at" FROM "articles"').fetchone()
    with store.writer() as con:
        store.upsert_articles(con, [dataclasses.replace(article, title="New title")])
        store.upsert_events(con, [make_event(1)])
        store.upsert_events(con, [dataclasses.replace(make_event(1), cameo="043")])
    with store.reader() as con:
        assert con.execute('SELECT "ingested_at" FROM "articles"').fetchone() == first
    assert store.articles()[0].title == "New title"
    assert [e.cameo for e in store.events()] == ["043"]


def test_db_upsert_of_10k_events_keeps_them_all(store: Store) -> None:
    evs = [make_event(n, article=n % 100) for n in range(10_000)]
    with store.writer() as con:
        assert store.upsert_events(con, evs) == 10_000
    assert store.counts()["events"] == 10_000


def test_db_delete_events_removes_only_those_articles(store: Store) -> None:
    with store.writer() as con:
        store.upsert_events(con, [make_event(n, article=n % 3) for n in range(9)])
        store.delete_events(con, ["a00000", "a00002"])
    assert {e.article_id for e in store.events()} == {"a00001"}


def test_db_writer_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(ZeroDivisionError), store.writer() as con:
        store.upsert_articles(con, [make_article(1)])
        store.mark_done(con, "k", n_articles=1, n_events=0, n_rejects=0)
        _ = 1 / 0
    assert store.counts() == {"articles": 0, "events": 0, "progress": 0}
    assert not store.is_done("k")


def test_db_mark_done_is_seen_by_is_done(store: Store) -> None:
    with store.writer() as con:
        store.mark_done(con, "file|1|2", n_articles=3, n_events=4, n_rejects=0)
    assert store.is_done("file|1|2")
    assert store.done_keys() == {"file|1|2"}


def test_db_stats_counts_and_date_span(store: Store) -> None:
    with store.writer() as con:
        store.upsert_articles(con, [make_article(n) for n in range(3)])
    stats = store.stats()
    assert (stats.articles, stats.events, stats.files_done) == (3, 0, 0)
    assert (stats.first_date, stats.last_date) == (
        datetime.date(2023, 1, 1),
        datetime.date(2023, 1, 3),
    )


def test_db_open_read_only_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dyadwatch ingest"):
        Store.open(tmp_path / "none.duckdb", read_only=True)


def test_db_read_only_store_refuses_a_writer(store: Store) -> None:
    with (
        pytest.raises(StoreError, match="read-only"),
        Store.open(store.path, read_only=True).writer(),
    ):
        pass


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [("parquet", "read_parquet"), ("csv", "read_csv"), ("jsonl", "read_json")],
)
def test_db_export_reads_back_with_header_and_rows(
    store: Store, tmp_path: Path, fmt: str, reader: str
) -> None:
    with store.writer() as con:
        store.upsert_events(con, [make_event(n) for n in range(25)])
    out = tmp_path / f"events.{fmt}"
    assert store.export_table("events", out, fmt=fmt) == 25
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM {reader}(?)", params=[str(out)])
    assert relation.columns[:3] == ["id", "article_id", "date"]
    assert len(relation.fetchall()) == 25


@pytest.mark.parametrize(
    ("table", "fmt", "message"),
    [("event", "csv", "did you mean 'events'"), ("events", "xlsx", "unknown export format")],
)
def test_db_export_rejects_unknown_names(
    store: Store, tmp_path: Path, table: str, fmt: str, message: str
) -> None:
    with pytest.raises(UnknownNameError, match=message):
        store.export_table(table, tmp_path / "out", fmt=fmt)


def _hold_run_lock(
    path: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    with Store(Path(path)).run_lock(wait=False):
        ready.set()
        release.wait(30)


def _hold_connection(
    path: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    con = duckdb.connect(path)
    ready.set()
    release.wait(30)
    con.close()


@pytest.mark.parametrize(
    ("holder", "message"),
    # A held connection is not necessarily a dyadwatch writer: the message names the
    # process instead (#15.12).
    [(_hold_run_lock, "another dyadwatch process"), (_hold_connection, r"process \d+ \(")],
)
def test_db_second_process_gets_store_locked_error(
    store: Store, holder: object, message: str
) -> None:
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    process = context.Process(target=holder, args=(str(store.path), ready, release))
    process.start()
    try:
        assert ready.wait(30)
        fast = Store(store.path, timeout=0.2)
        with pytest.raises(StoreLockedError, match=message):
            if holder is _hold_run_lock:
                with fast.run_lock(wait=False):
                    pass
            else:
                with fast.writer():
                    pass
    finally:
        release.set()
        process.join(30)
    with store.run_lock(wait=False), store.writer():
        pass


def _write_in_steps(path: str, committed: Queue, go: Queue) -> None:
    store = Store(Path(path), timeout=10.0)
    for n in range(3):
        with store.writer() as con:
            store.upsert_articles(con, [make_article(n)])
        committed.put(n + 1)
        go.get(timeout=30)


def test_db_reader_sees_commits_while_a_writer_process_runs(store: Store) -> None:
    context = multiprocessing.get_context("spawn")
    committed, go = context.Queue(), context.Queue()
    process = context.Process(target=_write_in_steps, args=(str(store.path), committed, go))
    process.start()
    seen = []
    try:
        for _ in range(3):
            n_committed = committed.get(timeout=30)
            seen.append((n_committed, Store.open(store.path, read_only=True).counts()["articles"]))
            go.put(True)
    finally:
        process.join(30)
    assert seen == [(1, 1), (2, 2), (3, 3)]


def _dyad_event(n: int, source: str, target: str, quad: QuadClass) -> Event:
    event = make_event(n)
    return dataclasses.replace(
        event,
        id=f"dyad-{n}",
        source=Actor(code=source, country=source),
        target=Actor(code=target or "IGOUNO", country=target),
        quad_class=quad,
    )


def test_db_quad_counts_and_top_dyads_are_counted_in_the_store(store: Store) -> None:
    rows = [
        ("RUS", "PRK", QuadClass.MATERIAL_COOPERATION),
        ("RUS", "PRK", QuadClass.VERBAL_COOPERATION),
        ("CUB", "RUS", QuadClass.VERBAL_CONFLICT),
        ("AAA", "BBB", QuadClass.VERBAL_CONFLICT),
        ("USA", "", QuadClass.VERBAL_CONFLICT),  # an actor without a country: no dyad
    ]
    with store.writer() as con:
        store.upsert_events(con, [_dyad_event(n, *row) for n, row in enumerate(rows)])
    assert store.quad_counts() == {1: 1, 2: 1, 3: 3}
    assert store.top_dyads(2) == [("RUS", "PRK", 2), ("AAA", "BBB", 1)]


@pytest.mark.issue(19)
def test_db_fingerprint_changes_with_a_write_not_a_read(store: Store) -> None:
    before = store.fingerprint()
    store.counts()
    assert store.fingerprint() == before
    with store.writer() as con:
        store.upsert_events(con, [make_event(1)])
    assert store.fingerprint() != before
