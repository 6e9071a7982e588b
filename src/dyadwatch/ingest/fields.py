"""Turn the fields a reader found (text, date, title, ...) into a checked ``Article``."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError, LimitError, RecordError
from dyadwatch.ingest.ids import article_id
from dyadwatch.records import Article

DATE_FIX = "write dates as YYYY-MM-DD or an ISO datetime such as 2023-11-12T08:30:00Z"
EMPTY_FIX = "give every article some text, or drop the record"
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a record was found, for error messages."""

    path: str
    line: int | None
    label: str = ""  # e.g. ' (record id=a17)', appended to problems


def parse_date(value: str) -> datetime.date | None:
    """Return the date of ``YYYY-MM-DD`` or of an ISO datetime, or None if it is neither.

    The date part is taken as written; a time zone does not move it to another day.

    Example:
        >>> parse_date("2023-11-12T23:30:00-05:00")
        datetime.date(2023, 11, 12)
    """
    value = value.strip()
    if not _ISO_PREFIX.match(value):
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def line_limit(settings: IngestSettings) -> int:
    """Return the longest line, in bytes, that an article within the limit can need.

    A character takes at most 4 bytes in UTF-8 and 12 as a JSON ``\\u`` surrogate pair.
    """
    return 12 * settings.max_article_chars + 2**20


def clean_text(text: str) -> str:
    """Return article text in NFC with ``\\r\\n`` line ends made ``\\n`` and ends stripped."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()


def clean_line(value: str) -> str:
    """Return a one-line field (title, source, url) in NFC with white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def make_article(
    where: Where,
    *,
    text: str,
    date: datetime.date,
    settings: IngestSettings,
    title: str = "",
    source: str = "",
    url: str = "",
) -> Article | InputError:
    """Return the checked article, or the error that says why it cannot be one."""
    text = clean_text(text)
    if not text:
        return RecordError(where.path, where.line, f"empty text{where.label}", EMPTY_FIX)
    if len(text) > settings.max_article_chars:
        problem = (
            f"article of {len(text):,} characters is over "
            f"ingest.max_article_chars={settings.max_article_chars:,}{where.label}"
        )
        fix = "split the article, or raise the limit: --set ingest.max_article_chars=N"
        return LimitError(where.path, where.line, problem, fix)
    return Article(
        id=article_id(text, date),
        date=date,
        title=clean_line(title),
        text=text,
        source=clean_line(source),
        url=clean_line(url),
    )


def article_from_record(
    record: Mapping[str, object], where: Where, *, settings: IngestSettings, fix: str
) -> Article | InputError:
    """Return the article held by one JSON object or CSV row, using the configured field names.

    ``fix`` is the hint for a missing field (it says what a record of this format needs).
    """
    where = Where(where.path, where.line, _id_label(record.get(settings.id_field)))
    date = _record_date(record, where, settings=settings, fix=fix)
    if isinstance(date, InputError):
        return date
    strings = _record_strings(record, where, settings=settings)
    if isinstance(strings, InputError):
        return strings
    text = strings.get(settings.text_field)
    if text is None:
        problem = f'missing "{settings.text_field}" field{where.label}'
        return RecordError(where.path, where.line, problem, fix)
    return make_article(
        where,
        text=text,
        date=date,
        settings=settings,
        title=strings.get(settings.title_field) or "",
        source=strings.get(settings.source_field) or "",
        url=strings.get(settings.url_field) or "",
    )


def _id_label(value: object) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    if not text.isprintable():
        text = repr(text)[1:-1]  # one line: a newline in an id is shown as \n
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f" (record id={shown})"


def _record_date(
    record: Mapping[str, object], where: Where, *, settings: IngestSettings, fix: str
) -> datetime.date | InputError:
    name = settings.date_field
    value = record.get(name)
    if value is None or value == "":
        return RecordError(where.path, where.line, f'missing "{name}" field{where.label}', fix)
    date = parse_date(value) if isinstance(value, str) else None
    if date is None:
        problem = f'unparsable date {_shown(value)} in "{name}"{where.label}'
        return RecordError(where.path, where.line, problem, DATE_FIX)
    return date


def _record_strings(
    record: Mapping[str, object], where: Where, *, settings: IngestSettings
) -> dict[str, str] | InputError:
    names = (settings.text_field, settings.title_field, settings.source_field, settings.url_field)
    strings: dict[str, str] = {}
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problem = f'"{name}" is {_shown(value)}, not a string{where.label}'
            return RecordError(where.path, where.line, problem, f'write "{name}" as a string')
        strings[name] = value
    return strings


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
