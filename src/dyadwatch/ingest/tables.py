"""Read JSON Lines and CSV/TSV files, one article per line or row, with configurable field names."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.config import IngestSettings
from dyadwatch.errors import FormatError, InputError, LimitError, RecordError
from dyadwatch.ingest.fields import Where, article_from_record, line_limit
from dyadwatch.ingest.files import MAX_DOCUMENT_BYTES, Line, iter_lines
from dyadwatch.records import Article

if TYPE_CHECKING:
    from _csv import Reader


def read_jsonl(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield one article per non-blank line of a JSON Lines file.

    Example:
        >>> next(read_jsonl(Path("articles.jsonl"), IngestSettings())).title  # doctest: +SKIP
        'Russia and North Korea draw closer'
    """
    fix = (
        f'each line needs {{"{settings.date_field}": "YYYY-MM-DD", "{settings.text_field}": "..."}}'
    )
    for line in iter_lines(
        path, max_line_bytes=line_limit(settings), max_ratio=settings.max_gzip_ratio
    ):
        if line.error is not None:
            yield line.error
        elif line.text.strip():
            yield _json_article(line, str(path), settings=settings, fix=fix)


def _json_article(
    line: Line, path: str, *, settings: IngestSettings, fix: str
) -> Article | InputError:
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as error:
        return RecordError(path, line.number, f"bad JSON ({error.msg})", _json_fix(line.text, fix))
    except (ValueError, RecursionError) as error:
        # Valid JSON that Python refuses: a number of over 4,300 digits, or deep nesting.
        problem = f"unreadable JSON ({error or 'nested too deeply'})"
        return RecordError(path, line.number, problem, _json_fix(line.text, fix))
    if not isinstance(record, dict):
        problem = f"expected a JSON object, found {type(record).__name__}"
        return RecordError(path, line.number, problem, _json_fix(line.text, fix))
    return article_from_record(record, Where(path, line.number), settings=settings, fix=fix)


def _json_fix(text: str, fix: str) -> str:
    if text.lstrip().startswith("["):
        return "this looks like a JSON array; write one object per line: jq -c '.[]' IN > OUT"
    return fix


def read_csv(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield one article per row of a CSV file with a header row."""
    return _read_table(path, settings, dialect="excel")


def read_tsv(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield one article per row of a tab-separated file with a header row."""
    return _read_table(path, settings, dialect="excel-tab")


def _read_table(
    path: Path, settings: IngestSettings, *, dialect: str
) -> Iterator[Article | InputError]:
    # csv has one process-wide field limit (131,072 by default). Raise it far above the
    # article limit, so an over-long article is one LimitError and the rows after it are
    # read; only a runaway cell (an unclosed quote) still stops the file (#15.8).
    csv.field_size_limit(max(csv.field_size_limit(), field_limit(settings)))
    shown = str(path)
    bad_lines: dict[int, InputError] = {}
    lines = _checked_lines(path, settings, bad_lines)
    reader = csv.reader(lines, dialect=dialect)
    header = _header(reader, shown, settings)
    if header is None:
        return
    fix = (
        f'each row needs a "{settings.date_field}" cell (YYYY-MM-DD) '
        f'and a "{settings.text_field}" cell'
    )
    start = reader.line_num + 1
    while (row := _next_row(reader, shown, start)) is not None:
        if isinstance(row, InputError):
            yield row
            return
        bad = [bad_lines.pop(n) for n in sorted(bad_lines) if start <= n <= reader.line_num]
        if bad:
            yield bad[0]
        elif any(cell.strip() for cell in row):
            record = dict(zip(header, row, strict=False))
            yield article_from_record(record, Where(shown, start), settings=settings, fix=fix)
        start = reader.line_num + 1


def _checked_lines(
    path: Path, settings: IngestSettings, bad_lines: dict[int, InputError]
) -> Iterator[str]:
    """Yield the lines for the csv module, noting unusable ones in ``bad_lines``."""
    for line in iter_lines(
        path, max_line_bytes=line_limit(settings), max_ratio=settings.max_gzip_ratio
    ):
        if line.error is not None:
            bad_lines[line.number] = line.error
        yield line.text + "\n"


def _header(reader: Reader, path: str, settings: IngestSettings) -> list[str] | None:
    """Return the header row, or None for an empty file."""
    try:
        first = next(reader, None)
        while first == []:  # blank lines before the header
            first = next(reader, None)
    except csv.Error as error:
        problem = f"malformed header row ({error})"
        raise FormatError(path, reader.line_num, problem, "fix the header row") from None
    if first is None:
        return None
    header = [cell.strip() for cell in first]
    for name in (settings.date_field, settings.text_field):
        if name not in header:
            shown = ", ".join(repr(cell) for cell in header[:12]) or "none"
            raise FormatError(
                path,
                reader.line_num,
                f'no "{name}" column in the header row (columns: {shown})',
                f'name the column "{name}", or set ingest.{_setting(name, settings)} to its name',
            )
    return header


def _setting(name: str, settings: IngestSettings) -> str:
    return "date_field" if name == settings.date_field else "text_field"


def field_limit(settings: IngestSettings) -> int:
    """Return the longest cell, in characters, read from a CSV or TSV file.

    Example:
        >>> field_limit(IngestSettings(max_article_chars=200_000))
        52428800
    """
    return max(line_limit(settings), MAX_DOCUMENT_BYTES)


def _next_row(reader: Iterator[list[str]], path: str, start: int) -> list[str] | InputError | None:
    """Return the next row, None at the end, or the error that stops the file."""
    try:
        return next(reader, None)
    except csv.Error as error:
        # csv.Error has no subclasses; its text is the only way to tell a runaway cell.
        if "field larger than field limit" in str(error):
            problem = (
                f"a cell runs on for more than {csv.field_size_limit():,} characters, "
                "probably from a quote that is never closed; the rest of the file is skipped"
            )
            return LimitError(path, start, problem, "close the quote that opens this cell")
        fix = "check the quoting: a cell holding the delimiter, a quote or a line break is quoted"
        return RecordError(
            path, start, f"malformed row ({error}); the rest of the file is skipped", fix
        )
