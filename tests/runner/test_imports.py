"""Tests for ``import-events``: GDELT, ICEWS and POLECAT files into the store (issue #18)."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.analyze.builders import event

from dyadwatch.cli import cli
from dyadwatch.config import Settings
from dyadwatch.errors import RecordError
from dyadwatch.runner import imports
from dyadwatch.runner.imports import ImportOptions, import_events
from dyadwatch.store import Store
from dyadwatch.store.eventfiles import ICEWS_COLUMNS
from dyadwatch.store.layouts import POLECAT_COLUMNS

pytestmark = pytest.mark.issue(18)


def _icews_row(**cells: str) -> str:
    row = dict.fromkeys(ICEWS_COLUMNS, "")
    row |= {"Event ID": "1", "Event Date": "2018-09-12", "CAMEO Code": "042"}
    row |= cells
    return "\t".join(row[name] for name in ICEWS_COLUMNS)


def _write_icews(path: Path, rows: list[str], *, gz: bool = False) -> Path:
    text = "\t".join(ICEWS_COLUMNS) + "\n" + "\n".join(rows) + "\n"
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


ROWS = [
    _icews_row(**{"Event ID": "1", "Source Name": "Kim Jong-Un", "Target Name": "Vladimir Putin"}),
    _icews_row(
        **{
            "Event ID": "2",
            "Source Name": "Police (Singapore)",
            "Source Country": "Singapore",
            "Target Name": "Citizen (India)",
            "Target Country": "India",
            "CAMEO Code": "173",
        }
    ),
    _icews_row(**{"Event ID": "3", "Source Name": "Zorblax Group", "Target Name": "China"}),
]


def test_import_icews_resolves_names_on_the_event_date(tmp_path: Path) -> None:
    path = _write_icews(tmp_path / "icews.tab.gz", ROWS, gz=True)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    summary = import_events([path], layout="icews", settings=settings)
    assert (summary.events, summary.unresolved_names, summary.unplaced_events) == (3, 1, 1)
    events = {e.article_id: e for e in Store.open(settings.db).events()}
    first = events["icews:1"]
    assert (first.source.code, first.target.country, first.cameo) == ("PRKGOV", "RUS", "042")
    assert first.date == datetime.date(2018, 9, 12)
    assert (events["icews:2"].source.code, events["icews:2"].target.country) == ("SGPCOP", "IND")


def test_import_reimport_leaves_the_store_unchanged(tmp_path: Path) -> None:
    path = _write_icews(tmp_path / "icews.tab", ROWS)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    import_events([path], layout="icews", settings=settings)
    store = Store.open(settings.db)
    before = (store.events(), store.counts())
    again = import_events([path], layout="icews", settings=settings)
    assert again.files_skipped == 1
    path.touch()  # a changed file is read again, and rewrites the same rows
    import_events([path], layout="icews", settings=settings)
    assert (store.events(), store.counts()["events"]) == (before[0], before[1]["events"])


def test_import_records_provenance(tmp_path: Path) -> None:
    path = _write_icews(tmp_path / "icews.tab", ROWS)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    import_events([path], layout="icews", settings=settings)
    out = tmp_path / "prov.jsonl"
    Store.open(settings.db).export_table("provenance", out, fmt="jsonl")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted((r["dataset"], r["file"], r["line"]) for r in rows) == [
        ("icews", "icews.tab", 2),
        ("icews", "icews.tab", 3),
        ("icews", "icews.tab", 4),
    ]


def test_import_bad_row_names_file_and_line(tmp_path: Path) -> None:
    bad = _icews_row(**{"Event ID": "9", "Source Name": "China", "Target Name": "Japan"})
    bad = bad.replace("2018-09-12", "12/09/2018")
    path = _write_icews(tmp_path / "bad.tab", [ROWS[0], bad])
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    with pytest.raises(RecordError, match=r"bad\.tab:3: bad Event Date '12/09/2018'"):
        import_events([path], layout="icews", settings=settings)
    assert Store.open(settings.db).counts()["events"] == 0  # the file was rolled back
    rejects = tmp_path / "rejects.jsonl"
    options = ImportOptions(skip_bad=True, rejects_path=rejects)
    summary = import_events([path], layout="icews", settings=settings, options=options)
    assert (summary.events, summary.rejects) == (1, 1)
    assert json.loads(rejects.read_text())["line"] == 3


def test_import_cli_bad_layout_header(tmp_path: Path) -> None:
    path = tmp_path / "x.tab"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["import-events", str(path), "--layout", "icews", "--db", db])
    assert result.exit_code == 1
    assert "x.tab:1: the header lacks Event ID" in result.output


def test_import_gdelt_export_round_trip(tmp_path: Path) -> None:
    days = [datetime.date(2023, 1, 1) + datetime.timedelta(days=i) for i in range(30)]
    events = [
        event(source, target, day, code, serial=i)
        for i, day in enumerate(days)
        for source, target, code in (("RUS", "PRK", "042"), ("USA", "CHN", "112"))
    ]
    source = Store.open(tmp_path / "coded.duckdb")
    with source.writer() as con:
        source.upsert_events(con, events)
    with source.writer() as con:
        source.rebuild_stories(con)
    runner = CliRunner()
    out = tmp_path / "events.export.CSV"
    db = str(tmp_path / "coded.duckdb")
    exported = runner.invoke(cli, ["export", "--layout", "gdelt", "--out", str(out), "--db", db])
    assert exported.exit_code == 0, exported.output
    n_rows = len(out.read_text().splitlines())
    target = str(tmp_path / "imported.duckdb")
    args = ["import-events", str(out), "--layout", "gdelt", "--db", target, "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert Store.open(target).counts()["events"] == n_rows == len(events)
    pairs = {(e.source.country, e.target.country) for e in Store.open(target).events()}
    assert pairs == {("RUS", "PRK"), ("USA", "CHN")}


def test_import_polecat_maps_plover_types(tmp_path: Path) -> None:
    row = dict.fromkeys(POLECAT_COLUMNS, "")
    row |= {"Event ID": "p1", "Event Date": "2023-09-13", "Event Type": "ASSAULT"}
    row |= {"Event Mode": "aerial", "Actor Name": "Russia", "Actor Country": "RUS"}
    row |= {"Recipient Name": "Ukraine", "Recipient Country": "UKR"}
    path = tmp_path / "polecat.tsv"
    lines = ["\t".join(POLECAT_COLUMNS), "\t".join(row[c] for c in POLECAT_COLUMNS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    assert import_events([path], layout="polecat", settings=settings).events == 1
    (stored,) = Store.open(settings.db).events()
    assert (stored.cameo, stored.source.country, stored.target.country) == ("195", "RUS", "UKR")


@pytest.mark.slow
def test_import_icews_sample_loads(icews_sample: tuple[Any, Path]) -> None:
    summary, db = icews_sample
    assert (summary.events, summary.rejects) == (95_540, 0)
    assert 0 < summary.unresolved_names < summary.names
    assert Store.open(db, read_only=True).counts()["events"] == 95_540


def _generated(path: Path, n_rows: int) -> Path:
    """Write ``n_rows`` ICEWS rows that repeat a few names and days (caches fill early)."""
    names = [("Kim Jong-Un", ""), ("Police (Singapore)", "Singapore"), ("China", "China")]
    rows = []
    for i in range(n_rows):
        source, country = names[i % len(names)]
        day = datetime.date(2018, 9, 1) + datetime.timedelta(days=i % 5)
        cells = {"Event ID": str(i + 1), "Event Date": day.isoformat()}
        cells |= {"Source Name": source, "Source Country": country, "Target Name": "India"}
        rows.append(_icews_row(**cells))
    return _write_icews(path, rows)


def _peak_python_memory(tmp_path: Path, n_rows: int) -> int:
    path = _generated(tmp_path / f"rows-{n_rows}.tab", n_rows)
    settings = Settings(db=str(tmp_path / f"rows-{n_rows}.duckdb"))
    options = ImportOptions(batch_events=250)
    tracemalloc.start()
    try:
        summary = import_events([path], layout="icews", settings=settings, options=options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.events == n_rows
    return peak


@pytest.mark.slow
def test_import_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    # Rows held for the whole file (a list of them, their provenance, one transaction's
    # worth) would add over 1 MB per 1,000 rows; batches keep the peak where it was (#18).
    # 1,500 rows apart (not 3,000: tracemalloc makes each row slow, #16) a held file would
    # still add over 1.5 MB.
    small = _peak_python_memory(tmp_path, 500)
    large = _peak_python_memory(tmp_path, 2_000)
    assert large - small < 1_000_000, (small, large)


@pytest.mark.slow
def test_import_memory_pool_stays_small_as_the_store_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DuckDB keeps primary-key indexes in its buffer pool and cannot spill them: when
    # events and their provenance had one, a fixed 256 MB pool was full of keys at about a
    # million imported events, and the import stopped, out of memory (#18). Scaled down to
    # a small pool (DuckDB's working memory grows with its threads, one per core): with 2
    # cores and indexed events, fixed 32, 40 and 48 MB pools stopped within the first
    # batches, at 70,000 and at 120,000 events. Unindexed, the pool is all data.
    monkeypatch.setattr(imports, "MEMORY_BASE_MB", 16 * max(2, os.cpu_count() or 2))
    monkeypatch.setattr(imports, "KEY_BYTES_PER_ROW", 0)
    path = _generated(tmp_path / "rows.tab", 160_000)
    settings = Settings(db=str(tmp_path / "big.duckdb"))
    summary = import_events(
        [path], layout="icews", settings=settings, options=ImportOptions(batch_events=10_000)
    )
    assert summary.events == 160_000
    assert Store.open(settings.db).counts()["events"] == 160_000


def test_import_memory_limit_counts_the_keys_of_every_indexed_row() -> None:
    empty = imports.memory_limit_mb(0, 0)
    assert empty == imports.MEMORY_BASE_MB
    # a million stored rows and a batch of 20,000 events (two keys each)
    grown = imports.memory_limit_mb(1_000_000, 20_000)
    assert grown - empty == -(-1_040_000 * imports.KEY_BYTES_PER_ROW // 2**20)
