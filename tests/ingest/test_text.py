"""Tests for the plain-text article format."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError, LimitError, RecordError
from dyadwatch.ingest import read_file

DATA = Path(__file__).parent / "data"


def test_text_reads_seed_format_with_body_on_date_line():
    (article,) = read_file(DATA / "seed-style.txt")
    assert article.date == datetime.date(2023, 11, 12)
    assert article.title == ""
    assert article.text.startswith("Russia turned to North Korea for artillery shells")
    assert article.text.endswith("halt the arms talks with Moscow.")
    assert "dragged on.\n\nThe United States" in article.text


def test_text_reads_several_articles_with_headers():
    articles = list(read_file(DATA / "multi.txt"))
    assert [a.date.isoformat() for a in articles] == ["2023-11-10", "2023-11-11", "2023-11-12"]
    first = articles[0]
    assert first.title == "Cuba accuses Russia of recruiting its citizens"
    assert first.source == "Caribbean Wire"
    assert first.url == "https://caribbeanwire.example/cuba-russia"
    assert first.text.startswith("Havana said on Friday")
    assert first.text.endswith("Officials in Moscow did not comment.")
    assert [a.title for a in articles[1:]] == ["", ""]
    assert articles[2].text.startswith("Putin and Kim")


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("date 2023-11-12\ntitle Talks\nBody.", "Talks", "Body."),
        ("date 2023-11-12\n\ntitle of the talks was peace\n", "", "title of the talks was peace"),
        ("date 2023-11-12 title Talks\nBody.", "", "title Talks\nBody."),
        ("date 2023-11-12\nBody.\ntitle Late\n", "", "Body.\ntitle Late"),
    ],
    ids=["header", "blank-line-ends-headers", "body-on-date-line", "header-after-body"],
)
def test_text_headers_only_right_after_the_date_line(tmp_path, content, title, text):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    (article,) = read_file(path)
    assert (article.title, article.text) == (title, text)


@pytest.mark.parametrize(
    ("content", "error", "where", "problem"),
    [
        (b"Preface\ndate 2023-11-12 Body.", RecordError, 1, "text before the first `date"),
        (b"\n\ndate 2023-13-45 Body.", RecordError, 3, "unparsable date '2023-13-45'"),
        (b"date 2023-11-12 Body.\n date 2023-11-13\n\n", RecordError, 2, "empty text"),
        (
            b"date 2023-11-12 caf\xe9 talks\n",
            RecordError,
            1,
            "not valid UTF-8 (byte 0xe9 at byte offset 19)",
        ),
        (
            b"date 2023-11-12 A.\ndate 2023-11-13 B\n\xff\n",
            RecordError,
            3,
            "not valid UTF-8 (byte 0xff at byte offset 37)",
        ),
        (
            b"date 2023-11-12 " + b"long " * 10,
            LimitError,
            1,
            "article of 49 characters is over ingest.max_article_chars=20",
        ),
    ],
    ids=["no-date-line", "bad-date", "empty", "latin-1", "bad-byte-later", "too-long"],
)
def test_text_bad_input_names_file_and_line(tmp_path, content, error, where, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        list(read_file(path, settings=IngestSettings(max_article_chars=20)))
    assert str(caught.value).startswith(f"{path}:{where}: {problem}")
    assert caught.value.line == where


def test_text_on_bad_skips_the_article_and_goes_on(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"date 2023-11-12 One.\ndate 2023-11-31 Two.\n\ndate 2023-11-14 Three.\n")
    errors: list[InputError] = []
    articles = list(read_file(path, on_bad=errors.append))
    assert [a.text for a in articles] == ["One.", "Three."]
    assert [(e.path, e.line) for e in errors] == [(str(path), 2)]


def test_text_long_lines_stream_without_holding_the_article(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("date 2023-11-12\n")
        handle.writelines("word " * 2000 + "\n" for _ in range(50))
        handle.write("date 2023-11-13 Short.\n")
    errors: list[InputError] = []
    articles = list(
        read_file(path, settings=IngestSettings(max_article_chars=1000), on_bad=errors.append)
    )
    assert [a.text for a in articles] == ["Short."]
    assert [(type(e), e.line) for e in errors] == [(LimitError, 1)]
