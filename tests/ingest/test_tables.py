"""Tests for the JSON Lines, CSV and TSV readers."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from dyadwatch.config import IngestSettings
from dyadwatch.errors import FormatError, InputError, LimitError, RecordError
from dyadwatch.ingest import read_file

DATA = Path(__file__).parent / "data"
RENAMED = IngestSettings(
    text_field="body",
    date_field="published",
    title_field="headline",
    url_field="link",
    source_field="outlet",
    id_field="uid",
)


def test_tables_jsonl_reads_every_record_and_skips_blank_lines():
    articles = list(read_file(DATA / "articles.jsonl"))
    assert [a.date for a in articles] == [
        datetime.date(2023, 11, 12),
        datetime.date(2023, 11, 13),  # the date part as written, not moved to UTC
        datetime.date(2023, 11, 14),
    ]
    first = articles[0]
    assert (first.title, first.source, first.url) == (
        "Seoul protests arms deal",
        "Han River Daily",
        "https://hanriver.example/1",
    )
    assert articles[1].text.endswith("\nA spokesman said sanctions would follow.")
    assert (articles[2].title, articles[2].source, articles[2].url) == ("", "", "")


def test_tables_csv_reads_quoted_multiline_cells():
    articles = list(read_file(DATA / "articles.csv"))
    assert [a.title for a in articles] == ["Ankara hosts talks", "Kyiv thanks Berlin, again"]
    assert articles[0].source == "Bosporus Post"
    assert articles[1].text == (
        "Ukraine thanked Germany for a new air defence system.\n\n"
        'President Zelensky called it "a shield for our cities".'
    )


def test_tables_tsv_reads_tab_separated_rows():
    articles = list(read_file(DATA / "articles.tsv"))
    assert [(a.date.isoformat(), a.title) for a in articles] == [
        ("2023-11-12", "Iran and Iraq sign deal"),
        ("2023-11-13", ""),
    ]
    assert articles[1].text == "India criticised Pakistan over a border shooting."


def _write_renamed(path: Path) -> None:
    record = {
        "uid": "x1",
        "published": "2023-11-12",
        "headline": "Talks",
        "link": "https://e.example/1",
        "outlet": "Wire",
        "body": "Russia met China.",
    }
    if path.suffix == ".jsonl":
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    else:
        path.write_text(
            ",".join(record) + "\n" + ",".join(record.values()) + "\n", encoding="utf-8"
        )


@pytest.mark.parametrize("name", ["renamed.jsonl", "renamed.csv"])
def test_tables_field_names_come_from_settings(tmp_path, name):
    path = tmp_path / name
    _write_renamed(path)
    (article,) = read_file(path, settings=RENAMED)
    assert (article.date, article.title, article.url, article.source, article.text) == (
        datetime.date(2023, 11, 12),
        "Talks",
        "https://e.example/1",
        "Wire",
        "Russia met China.",
    )


JSONL_FIX = 'each line needs {"date": "YYYY-MM-DD", "text": "..."}'


BAD_JSONL = {
    "bad-json": ('{"date": "2023-11-12", "text": "x"', "bad JSON (Expecting ',' delimiter)"),
    "no-date": ('{"text": "x"}', f'missing "date" field; {JSONL_FIX}'),
    "no-date-with-id": (
        '{"id": 7, "text": "x"}',
        f'missing "date" field (record id=7); {JSONL_FIX}',
    ),
    "no-date-with-newline-id": (
        '{"id": "\\n", "text": ""}',
        f'missing "date" field (record id=\\n); {JSONL_FIX}',
    ),
    "no-text": ('{"date": "2023-11-12"}', f'missing "text" field; {JSONL_FIX}'),
    "bad-date": ('{"date": "12/11/2023", "text": "x"}', "unparsable date '12/11/2023' in \"date\""),
    "number-date": ('{"date": 20231112, "text": "x"}', 'unparsable date 20231112 in "date"'),
    "empty": ('{"date": "2023-11-12", "text": "  \\n "}', "empty text"),
    "not-string": ('{"date": "2023-11-12", "text": "x", "title": 3}', '"title" is 3, not a string'),
    "array": ('["2023-11-12", "x"]', "expected a JSON object, found list; this looks like a JSON"),
    "huge-number": ('{"date": "2023-11-12", "n": ' + "9" * 5000 + "}", "unreadable JSON (Exceeds"),
    "too-long": ('{"date": "2023-11-12", "text": "' + "a" * 30 + '"}', "article of 30 characters"),
}


@pytest.mark.parametrize(("line", "message"), BAD_JSONL.values(), ids=BAD_JSONL.keys())
def test_tables_jsonl_bad_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "articles.jsonl"
    path.write_text('{"date": "2023-11-11", "text": "Fine."}\n\n' + line + "\n", encoding="utf-8")
    error = LimitError if "characters" in message else RecordError
    with pytest.raises(error) as caught:
        list(read_file(path, settings=IngestSettings(max_article_chars=20)))
    assert str(caught.value).startswith(f"{path}:3: {message}")


def test_tables_jsonl_on_bad_reports_each_bad_line_and_goes_on(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_bytes(
        b'{"date": "2023-11-11", "text": "One."}\n'
        b"not json\n"
        b'{"date": "2023-11-12", "text": "caf\xe9"}\n'
        b'{"date": "2023-11-13", "text": "Two."}\n'
    )
    errors: list[InputError] = []
    articles = list(read_file(path, on_bad=errors.append))
    assert [a.text for a in articles] == ["One.", "Two."]
    assert [e.line for e in errors] == [2, 3]
    assert "not valid UTF-8 (byte 0xe9 at byte offset" in errors[1].problem


def test_tables_csv_bad_row_names_its_first_line(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        'date,text\n2023-11-12,"Two\nlines"\n,No date here.\n2023-11-13,Fine.\n', encoding="utf-8"
    )
    errors: list[InputError] = []
    articles = list(read_file(path, on_bad=errors.append))
    assert [a.text for a in articles] == ["Two\nlines", "Fine."]
    assert [str(e) for e in errors] == [
        f'{path}:4: missing "date" field; each row needs a "date" cell (YYYY-MM-DD) '
        'and a "text" cell'
    ]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_tables_header_without_text_column_is_a_format_error(tmp_path, suffix):
    path = tmp_path / f"articles{suffix}"
    path.write_text("date,body\n2023-11-12,x\n".replace(",", "," if suffix == ".csv" else "\t"))
    with pytest.raises(FormatError, match=r':1: no "text" column in the header row') as caught:
        list(read_file(path))
    assert "set ingest.text_field" in str(caught.value)


def test_tables_csv_non_utf8_row_is_reported_with_its_line(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes(b"date,text\n2023-11-12,Fine.\n2023-11-13,Caf\xe9 talks\n")
    with pytest.raises(RecordError) as caught:
        list(read_file(path))
    assert str(caught.value).startswith(f"{path}:3: not valid UTF-8 (byte 0xe9 at byte offset 41)")


@pytest.mark.parametrize("content", ["", "\n"])
def test_tables_empty_csv_holds_no_articles(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    assert list(read_file(path)) == []


@pytest.mark.issue(15)
def test_tables_a_quoted_cell_over_the_old_field_limit_is_one_limit_error(tmp_path: Path) -> None:
    long_text = "word " * 180_000  # 900,000 characters, over 4 x ingest.max_article_chars
    path = tmp_path / "news.csv"
    path.write_text(
        f'date,text\n2024-01-01,"{long_text}"\n2024-01-02,Russia met China in Moscow.\n',
        encoding="utf-8",
    )
    bad: list[InputError] = []
    articles = list(read_file(path, on_bad=bad.append))
    assert [article.text for article in articles] == ["Russia met China in Moscow."]
    assert [type(error) for error in bad] == [LimitError]
    assert "is over ingest.max_article_chars=200,000" in str(bad[0])


@pytest.mark.issue(15)
def test_tables_an_unclosed_quote_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    runaway = ("word " * 100 + "\n") * 110_000  # 55 million characters in one cell
    path.write_text(f'date,text\n2024-01-02,Russia met China.\n2024-01-01,"{runaway}', "utf-8")
    bad: list[InputError] = []
    assert len(list(read_file(path, on_bad=bad.append))) == 1
    assert "probably from a quote that is never closed" in str(bad[0])
    assert bad[0].line == 3
