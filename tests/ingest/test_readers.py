"""Tests for reading many files at once and routing bad records."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from dyadwatch.errors import InputError, RecordError
from dyadwatch.ingest import read_articles, read_file

DATA = Path(__file__).parent / "data"


def test_readers_read_a_whole_folder_of_mixed_formats():
    articles = list(read_articles([DATA]))
    assert len(articles) == 19
    assert len({a.id for a in articles}) == 19
    texts = " ".join(a.text for a in articles)
    assert "must not be read" not in texts


def test_readers_accept_a_single_path():
    assert list(read_articles(DATA / "multi.txt")) == list(read_file(DATA / "multi.txt"))


def test_readers_on_bad_goes_on_across_files_and_missing_paths(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "no date"}\n{"date": "2023-11-12", "text": "ok"}\n')
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_text("date 2023-11-13 fine\n")
    errors: list[InputError] = []
    articles = list(read_articles([tmp_path, tmp_path / "gone.txt"], on_bad=errors.append))
    assert [a.text for a in articles] == ["ok", "fine"]
    assert [(Path(e.path).name, e.line) for e in errors] == [
        ("gone.txt", None),
        ("a.jsonl", 1),
        ("b.txt", 1),
    ]


def test_readers_without_on_bad_the_first_bad_record_raises(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"date": "2023-11-12", "text": "ok"}\n{"text": "no date"}\n')
    read = read_articles([tmp_path])
    assert next(read).text == "ok"
    with pytest.raises(RecordError, match=r"a\.jsonl:2: missing \"date\" field"):
        next(read)


def test_readers_errors_pickle_with_their_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("{bad\n")
    with pytest.raises(RecordError) as caught:
        list(read_file(path))
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), copy.path, copy.line, str(copy)) == (
        RecordError, str(path), 1, str(caught.value),
    )  # fmt: skip
