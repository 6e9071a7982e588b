"""Decide which reader handles a file: the format the user gave, the extension, or the content."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from dyadwatch.errors import FormatError
from dyadwatch.ingest.files import read_head

FORMATS = ("text", "jsonl", "csv", "tsv", "html", "feed")

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_COMPRESSED = (".gz", ".gzip")
_FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_TAGS = (b"<html", b"<!doctype html")
_TEXT_START = re.compile(rb"\s*date\s+\d{4}-")


def detect_format(path: Path, *, fmt: str | None = None) -> str:
    """Return the format of ``path``: ``fmt`` if given, else by extension, else by content.

    A ``.gz`` ending is looked through (``x.jsonl.gz`` is JSON Lines).

    Raises:
        FormatError: ``fmt`` is not a known format, or the format cannot be told.

    Example:
        >>> detect_format(Path("articles.jsonl.gz"))
        'jsonl'
    """
    if fmt is not None:
        return _checked(fmt, path)
    suffixes = [suffix.lower() for suffix in path.suffixes]
    while suffixes and suffixes[-1] in _COMPRESSED:
        suffixes.pop()
    if suffixes and suffixes[-1] in EXTENSIONS:
        return EXTENSIONS[suffixes[-1]]
    found = sniff_format(read_head(path))
    if found is None:
        raise FormatError(
            str(path),
            None,
            "cannot tell the input format from the name or the content",
            f"name the file with a known extension ({', '.join(EXTENSIONS)}) "
            f"or pass --format-in {'|'.join(FORMATS)}",
        )
    return found


def sniff_format(head: bytes) -> str | None:
    """Return the format the first bytes of a file suggest, or None.

    Example:
        >>> sniff_format(b'  {"date": "2023-11-12", "text": "..."}')
        'jsonl'
    """
    start = head.lstrip()
    if start.startswith(b"{"):
        return "jsonl"
    if _TEXT_START.match(start):
        return "text"
    if start.startswith(b"<"):
        lowered = start[:2048].lower()
        if any(tag in lowered for tag in _FEED_TAGS):
            return "feed"
        if any(tag in lowered for tag in _HTML_TAGS):
            return "html"
    return None


def _checked(fmt: str, path: Path) -> str:
    if fmt in FORMATS:
        return fmt
    close = difflib.get_close_matches(fmt, FORMATS, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise FormatError(
        str(path), None, f"unknown format {fmt!r}", f"{hint}use one of {', '.join(FORMATS)}"
    )
