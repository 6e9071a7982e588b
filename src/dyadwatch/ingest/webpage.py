"""Read saved HTML pages: the main text, title and date are extracted offline with trafilatura."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped,unused-ignore]
import trafilatura

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError, RecordError
from dyadwatch.ingest.fields import Where, make_article, parse_date
from dyadwatch.ingest.files import read_document
from dyadwatch.ingest.markup import html_to_text, nesting_depth
from dyadwatch.records import Article

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LXML_DEPTH = 255  # libxml2's nesting limit without XML_PARSE_HUGE
_LXML_HUGE_DEPTH = 2000  # and with it (2,048), less a margin for <html>, <body>, ...
_DATE_FIX = (
    'the page names no publication date; add <meta property="article:published_time" '
    'content="YYYY-MM-DD"> to it, or give the article as JSON Lines'
)


def read_html(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield the one article of a saved HTML page, without navigation, ads or footer.

    Example:
        >>> next(read_html(Path("page.html"), IngestSettings())).title  # doctest: +SKIP
        'Russia and North Korea draw closer'
    """
    shown = str(path)
    markup = decode_markup(read_document(path, max_ratio=settings.max_gzip_ratio), path=shown)
    metadata = _metadata(markup, path=shown)
    if isinstance(metadata, InputError):
        yield metadata
        return
    date = parse_date(metadata.date) if metadata.date else None
    if date is None:
        yield RecordError(shown, None, "no publication date found", _DATE_FIX)
        return
    title = metadata.title or ""
    text = _drop_headline(_main_text(markup), title)
    yield make_article(
        Where(shown, None),
        text=text,
        date=date,
        settings=settings,
        title=title,
        source=metadata.sitename or metadata.hostname or "",
        url=metadata.url or "",
    )


def _main_text(markup: str) -> str:
    """Return the page's main text, also when it nests deeper than lxml parses by default.

    libxml2 drops what lies below 255 levels, which left such a page with its navigation
    only (#15.8): up to 2,048 levels the page is parsed with libxml2's larger limit; deeper
    still, all of its text is kept, boilerplate included.
    """
    depth = nesting_depth(markup)
    if depth <= _LXML_DEPTH:
        return trafilatura.extract(markup, include_comments=False) or ""
    if depth > _LXML_HUGE_DEPTH:
        return html_to_text(markup)
    deep = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    return trafilatura.extract(deep, include_comments=False) or html_to_text(markup)


def _metadata(markup: str, *, path: str) -> Any:
    try:
        return trafilatura.extract_metadata(markup)
    except ValueError as error:
        # htmldate (under trafilatura 2.3) raises on impossible dates such as "+60:00".
        problem = f"unreadable date in the page's metadata ({error})"
        return RecordError(path, None, problem, _DATE_FIX.split("; ", 1)[1])


def _drop_headline(text: str, title: str) -> str:
    """Drop a first line that repeats the title, so the coder does not read it twice."""
    first, _, rest = text.partition("\n")
    return rest if title and first.strip() == title.strip() else text


def decode_markup(data: bytes, *, path: str) -> str:
    """Decode an HTML page as UTF-8, or in the charset it declares near its top.

    Raises:
        RecordError: the page is neither UTF-8 nor in a declared, known charset.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as bad:
        error = bad
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        text = _decode_declared(data, declared[1].decode("ascii"))
        if text is not None:
            return text
    line = data.count(b"\n", 0, error.start) + 1
    problem = (
        f"not valid UTF-8 (byte 0x{data[error.start]:02x} at byte offset {error.start}) "
        "and no known charset declared"
    )
    fix = 'save the page as UTF-8, or declare its charset: <meta charset="windows-1252">'
    raise RecordError(path, line, problem, fix)


def _decode_declared(data: bytes, name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
        # A page that claims UTF-8 but is not stays an error rather than mojibake.
        return None if codec == "utf-8" else data.decode(codec, "replace")
    except (LookupError, UnicodeError, ValueError):
        return None
