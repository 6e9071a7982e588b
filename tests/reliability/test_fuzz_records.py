"""Fuzz the JSONL and CSV readers with odd record shapes: only path:line ``InputError``s escape.

``tests/ingest/test_properties.py`` feeds arbitrary bytes; this feeds well-formed files
whose records have wrong types, nesting, huge numbers, nulls and junk lines.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError
from dyadwatch.ingest import read_file
from dyadwatch.records import Article

FUZZ_EXAMPLES = 500
LIMITS = IngestSettings(max_article_chars=2_000)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**30)
    | st.floats()
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
DATE_TEXT = (
    st.dates().map(datetime.date.isoformat)
    | st.datetimes().map(datetime.datetime.isoformat)
    | st.sampled_from(["2023-02-30", "2023-13-01", "0000-01-01", "2023-01-01T25:00", " 2023-1-1"])
)
TEXT = st.text(max_size=80) | st.text(min_size=2_001, max_size=2_100)
FIELDS = {"date": DATE_TEXT | JSON_VALUES, "text": TEXT | JSON_VALUES}
EXTRA = {name: JSON_VALUES for name in ("title", "url", "source", "id", "other")}
RECORDS = st.fixed_dictionaries({}, optional={**FIELDS, **EXTRA})
JUNK_LINES = st.sampled_from(
    [
        "[1, 2]",
        '"just a string"',
        "12",
        "null",
        '{"date": "2023-01-01", "text": ',
        '{"date": "2023-01-01", "text": "x", "n": ' + "9" * 5_000 + "}",
        "[" * 5_000 + "]" * 5_000,
        '{"date": 1e999, "text": NaN}',
        "   ",
    ]
)
JSONL_LINES = st.lists(
    st.builds(json.dumps, RECORDS, ensure_ascii=st.booleans()) | JUNK_LINES, min_size=1, max_size=8
)
CELLS = (DATE_TEXT | st.text(max_size=30) | JSON_VALUES.map(json.dumps)).map(str)
HEADERS = st.permutations(["date", "text", "title", "other"]) | st.lists(
    st.sampled_from(["date", "text", "title", "", "text"]), min_size=1, max_size=5
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("records")


def read_all(path: Path) -> tuple[list[Article], list[InputError]]:
    """Read ``path`` with and without ``on_bad``; check that only ``InputError``s escape."""
    errors: list[InputError] = []
    articles = list(read_file(path, settings=LIMITS, on_bad=errors.append))
    try:
        assert list(read_file(path, settings=LIMITS)) == articles
    except InputError as error:
        assert (error.path, error.line) == (errors[0].path, errors[0].line)
    return articles, errors


def check_located(path: Path, errors: list[InputError], n_lines: int) -> None:
    for error in errors:
        assert isinstance(error, InputError)
        assert error.path == str(path)
        assert isinstance(error.line, int) and 1 <= error.line <= n_lines
        assert str(error).startswith(f"{path}:{error.line}: ")
        assert "\n" not in str(error)


@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=JSONL_LINES)
def test_fuzz_records_jsonl_shapes_give_articles_or_located_errors(
    scratch: Path, lines: list[str]
) -> None:
    path = scratch / f"{uuid.uuid4().hex}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read_all(path)
    check_located(path, errors, len(lines))
    assert len(articles) + len(errors) == sum(1 for line in lines if line.strip())
    assert all(0 < len(article.text) <= LIMITS.max_article_chars for article in articles)


@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=HEADERS, rows=st.lists(st.lists(CELLS, max_size=6), max_size=6))
def test_fuzz_records_csv_shapes_give_articles_or_located_errors(
    scratch: Path, header: list[str], rows: list[list[str]]
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path = scratch / f"{uuid.uuid4().hex}.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    articles, errors = read_all(path)
    check_located(path, errors, buffer.getvalue().count("\n"))
    assert len(articles) + len(errors) <= len(rows) + 1
    assert all(0 < len(article.text) <= LIMITS.max_article_chars for article in articles)
