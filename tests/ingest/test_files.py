"""Tests for folder walks, gzip, and binary or damaged files."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

from dyadwatch.config import IngestSettings
from dyadwatch.errors import FormatError, InputError, LimitError
from dyadwatch.ingest import iter_input_files, read_file

DATA = Path(__file__).parent / "data"


def test_files_walks_folders_sorted_without_hidden_files():
    found = list(iter_input_files([DATA / "nested"]))
    assert [p.relative_to(DATA).as_posix() for p in found] == [
        "nested/2023/11/a.txt",
        "nested/2023/b.jsonl",
        "nested/c.txt",
    ]


def test_files_a_file_named_twice_is_yielded_once():
    path = DATA / "multi.txt"
    found = list(iter_input_files([path, DATA / "nested", str(path), DATA / "nested" / "c.txt"]))
    assert [p.name for p in found] == ["multi.txt", "a.txt", "b.jsonl", "c.txt"]


def test_files_missing_path_is_an_input_error_before_any_file():
    with pytest.raises(InputError, match=r"^nope/articles\.txt: no such file or directory; check"):
        list(iter_input_files([DATA / "multi.txt", "nope/articles.txt"]))


@pytest.mark.parametrize(
    "name", ["multi.txt", "articles.jsonl", "articles.csv", "wire.rss", "page.html"]
)
def test_files_gzip_files_read_like_plain_ones(tmp_path, name):
    packed = tmp_path / f"{name}.gz"
    with (DATA / name).open("rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert list(read_file(packed)) == list(read_file(DATA / name))


def test_files_truncated_gzip_is_an_input_error(tmp_path):
    packed = tmp_path / "articles.jsonl.gz"
    packed.write_bytes(gzip.compress((DATA / "articles.jsonl").read_bytes())[:60])
    with pytest.raises(
        InputError, match=r"articles\.jsonl\.gz: cannot read the file \(Compressed file ended"
    ):
        list(read_file(packed))


def test_files_zip_archive_is_a_format_error(tmp_path):
    path = tmp_path / "articles.jsonl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(DATA / "articles.jsonl", "articles.jsonl")
    with pytest.raises(
        FormatError, match=r"articles\.jsonl: this is a zip archive.*; unzip it first"
    ):
        list(read_file(path))


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv", ".html", ".rss", ""])
def test_files_binary_file_is_a_format_error(tmp_path, suffix):
    path = tmp_path / f"image{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(
        FormatError, match=r"image[.a-z]*:3: binary file \(NUL byte at byte offset 8\)"
    ):
        list(read_file(path))


def test_files_utf8_bom_is_ignored(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfdate,text\n2023-11-12,Fine.\n")
    assert [a.text for a in read_file(path)] == ["Fine."]


@pytest.mark.issue(15)
@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.txt.gz", "bomb.csv.gz"])
def test_files_a_gzip_bomb_of_newlines_stops_after_a_few_megabytes(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b"date,text\n" if name.endswith(".csv.gz") else b"")
        for _ in range(16):
            handle.write(b"\n" * 2**20)
        handle.write(b'{"date": "2024-01-01", "text": "Russia met China."}\n')
    bad: list[InputError] = []
    assert list(read_file(path, on_bad=bad.append)) == []
    assert [type(error) for error in bad] == [LimitError]
    assert str(bad[0]).startswith(f"{path}: gzip file decompresses to over 100 times its size")
    assert "ingest.max_gzip_ratio" in str(bad[0])
    read = int(str(bad[0]).split("(")[1].split(" bytes")[0].replace(",", ""))
    assert read < 2 * 2**20  # stopped after about a megabyte, not 16


@pytest.mark.issue(15)
def test_files_the_gzip_ratio_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "padded.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b"\n" * 2 * 2**20 + b'{"date": "2024-01-01", "text": "Russia met China."}\n')
    settings = IngestSettings(max_gzip_ratio=0)
    assert [a.text for a in read_file(path, settings=settings)] == ["Russia met China."]
