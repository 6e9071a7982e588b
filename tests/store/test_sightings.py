"""Identical wire copies keep their outlets: sightings are kept; n_sources counts them (#15.20)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.fake_stages import FirstSentenceStage

from dyadwatch.config import Settings
from dyadwatch.runner import run_pipeline
from dyadwatch.store import Store

TEXT = (
    "Norway and Sweden signed an agreement on joint patrols of their northern border on "
    "Tuesday, the two foreign ministers said after meeting in Oslo."
)
OUTLETS = ["Wire A", "Paper B", "Site C", "Daily D", "Radio E"]


def write_copies(folder: Path, *, files: int) -> None:
    """Five outlets publish the same text; spread over ``files`` JSONL files."""
    folder.mkdir()
    for index, source in enumerate(OUTLETS):
        record = {
            "date": "2024-10-01",
            "source": source,
            "title": f"Border pact ({source})",
            "url": f"https://{source.split()[1].lower()}.example/{index}",
            "text": TEXT,
        }
        with (folder / f"copies{index % files}.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def tallies(db: Path) -> tuple[int, int, list[tuple[int, int, list[str]]]]:
    with Store(db).reader() as con:
        (articles,) = con.execute('SELECT count(*) FROM "articles"').fetchone()
        (sightings,) = con.execute('SELECT count(*) FROM "sightings"').fetchone()
        rows = con.execute(
            'SELECT "n_articles", "n_sources", "sources" FROM "unique_events"'
        ).fetchall()
    return articles, sightings, rows


@pytest.mark.issue(15)
@pytest.mark.parametrize("files", [1, 5], ids=["one-file", "five-files"])
def test_sightings_five_identical_copies_count_five_sources(tmp_path: Path, files: int) -> None:
    folder, db = tmp_path / "news", tmp_path / "news.duckdb"
    write_copies(folder, files=files)
    run_pipeline(
        [folder], settings=Settings(db=str(db)), stage=FirstSentenceStage(), coder_version="1"
    )
    articles, sightings, rows = tallies(db)
    assert (articles, sightings) == (1, 5)
    assert rows == [(1, 5, sorted(OUTLETS))]


@pytest.mark.issue(15)
def test_sightings_reading_a_file_again_adds_none(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "news.duckdb"
    write_copies(folder, files=1)
    settings = Settings(db=str(db))
    run_pipeline([folder], settings=settings, stage=FirstSentenceStage(), coder_version="1")
    path = folder / "copies0.jsonl"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # redo it
    again = run_pipeline([folder], settings=settings, stage=FirstSentenceStage(), coder_version="1")
    assert again.files_done == 1 and again.files_skipped == 0
    assert tallies(db) == (1, 5, [(1, 5, sorted(OUTLETS))])
