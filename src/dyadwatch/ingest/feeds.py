"""Read saved RSS and Atom files with feedparser: one article per entry, never fetching a URL."""

from __future__ import annotations

import datetime
import email.utils
import io
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import feedparser

from dyadwatch.config import IngestSettings
from dyadwatch.errors import FormatError, InputError, RecordError
from dyadwatch.ingest.fields import Where, make_article, parse_date
from dyadwatch.ingest.files import read_document
from dyadwatch.ingest.markup import html_to_text
from dyadwatch.records import Article

logger = logging.getLogger(__name__)

_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_DATE_KEYS = ("published", "updated", "created")
_DATE_FIX = "give each RSS <item> a <pubDate>, or each Atom <entry> a <published> or <updated>"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield one article per entry of an RSS or Atom file.

    The date is the entry's published (else updated) date as written in the feed; the text
    is its content, else its summary, with HTML stripped.

    Example:
        >>> [a.title for a in read_feed(Path("wire.rss"), IngestSettings())]  # doctest: +SKIP
        ['Russia & North Korea', ...]
    """
    shown = str(path)
    data = read_document(path, max_ratio=settings.max_gzip_ratio)
    parsed = _parse(data, path=shown)
    # Plain dicts: feedparser's own mapping falls back from "updated" to "published"
    # with a DeprecationWarning, and we choose between the two ourselves.
    entries: list[Mapping[str, Any]] = [dict(entry) for entry in parsed.entries]
    if not parsed.get("version") and not entries:
        raise FormatError(
            shown,
            None,
            f"not an RSS or Atom feed{_parse_problem(parsed)}",
            "check that the file is a saved RSS 2.0 or Atom document",
        )
    if parsed.get("bozo") and entries:
        logger.warning("%s: malformed feed, read leniently%s", shown, _parse_problem(parsed))
    lines = _entry_lines(data, len(entries))
    source = _plain(parsed.feed.get("title_detail") or {}, parsed.feed.get("title", ""))
    for number, (entry, line) in enumerate(zip(entries, lines, strict=True), start=1):
        where = Where(shown, line, f" (entry {number})")
        yield _entry_article(entry, where, source=source, settings=settings)


def _parse(data: bytes, *, path: str) -> Any:
    try:
        # A file object, never a string: feedparser fetches strings that look like URLs.
        return feedparser.parse(io.BytesIO(data))
    except UnicodeError as error:
        # feedparser decodes the <?xml encoding="..."?> name strictly (feedparser 6.0).
        problem = f"cannot decode the feed ({error.__class__.__name__}: {error})"
        fix = 'save the feed as UTF-8 with <?xml version="1.0" encoding="utf-8"?>'
        raise FormatError(path, 1, problem, fix) from None


def _parse_problem(parsed: Mapping[str, Any]) -> str:
    error = parsed.get("bozo_exception")
    return f" ({error})" if error is not None else ""


def _entry_lines(data: bytes, count: int) -> list[int | None]:
    """Return the line of each entry's opening tag, or None for all when they do not match."""
    starts = [match.start() for match in _ENTRY_TAG.finditer(data)]
    if len(starts) != count:
        return [None] * count
    lines: list[int | None] = []
    line, last = 1, 0
    for start in starts:
        line += data.count(b"\n", last, start)
        lines.append(line)
        last = start
    return lines


def _entry_article(
    entry: Mapping[str, Any], where: Where, *, source: str, settings: IngestSettings
) -> Article | InputError:
    date = _entry_date(entry)
    if date is None:
        problem = f"no published or updated date{where.label}"
        return RecordError(where.path, where.line, problem, _DATE_FIX)
    return make_article(
        where,
        text=_entry_text(entry),
        date=date,
        settings=settings,
        title=_plain(entry.get("title_detail") or {}, entry.get("title", "")),
        source=source,
        url=str(entry.get("link", "")),
    )


def _entry_date(entry: Mapping[str, Any]) -> datetime.date | None:
    for key in _DATE_KEYS:
        written = entry.get(key)
        if isinstance(written, str) and (date := _written_date(written)) is not None:
            return date
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None and (date := _struct_date(parsed)) is not None:
            return date
    return None


def _struct_date(parsed: Any) -> datetime.date | None:
    """Return the date of feedparser's own parse (already moved to UTC), if it is one."""
    try:
        return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None


def _written_date(written: str) -> datetime.date | None:
    """Return the date as written (RFC 822 for RSS, ISO 8601 for Atom), keeping its day."""
    date = parse_date(written)
    if date is not None:
        return date
    try:
        return email.utils.parsedate_to_datetime(written).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _entry_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return _plain(content, content["value"])
    return _plain(entry.get("summary_detail") or {}, entry.get("summary", ""))


def _plain(detail: Mapping[str, Any], value: object) -> str:
    """Return ``value`` as plain text, stripping HTML when its ``detail`` says it is HTML."""
    text = str(value or "")
    return html_to_text(text) if detail.get("type") in _HTML_TYPES else text
