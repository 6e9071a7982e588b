"""Tests for format detection by option, extension and content."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.errors import FormatError
from dyadwatch.ingest import FORMATS, detect_format, read_file


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.TXT.gz", "text"),
        ("a.2023.jsonl.gz", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.csv", "csv"),
        ("a.tsv", "tsv"),
        ("a.htm", "html"),
        ("a.atom", "feed"),
        ("a.xml", "feed"),
    ],
)
def test_detect_by_extension(name, fmt):
    assert detect_format(Path(name)) == fmt


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'\n  {"date": "2023-11-12", "text": "x"}', "jsonl"),
        (b" date 2023-11-12 Body.", "text"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html>\n<html><body>", "html"),
        (b"<HTML><BODY>", "html"),
    ],
)
def test_detect_by_content_when_the_name_says_nothing(tmp_path, content, fmt):
    path = tmp_path / "download"
    path.write_bytes(content)
    assert detect_format(path) == fmt


def test_detect_undetectable_file_is_a_format_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(
        FormatError, match=r"notes\.md: cannot tell the input format .* --format-in text"
    ):
        list(read_file(path))


def test_detect_format_option_overrides_the_extension(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("date 2023-11-12 Chile and Peru settled a fishing dispute.\n", encoding="utf-8")
    assert [a.text for a in read_file(path, fmt="text")] == [
        "Chile and Peru settled a fishing dispute."
    ]


def test_detect_unknown_format_option_suggests_a_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2023-11-12 x\n", encoding="utf-8")
    with pytest.raises(
        FormatError, match=r"unknown format 'json'; did you mean 'jsonl'\? use one of"
    ):
        list(read_file(path, fmt="json"))


def test_detect_formats_are_the_documented_six():
    assert FORMATS == ("text", "jsonl", "csv", "tsv", "html", "feed")
