"""Read articles from files and folders of any supported format; bad records go to a callback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError
from dyadwatch.ingest.detect import detect_format
from dyadwatch.ingest.feeds import read_feed
from dyadwatch.ingest.files import iter_input_files
from dyadwatch.ingest.tables import read_csv, read_jsonl, read_tsv
from dyadwatch.ingest.text import read_text
from dyadwatch.ingest.webpage import read_html
from dyadwatch.records import Article

logger = logging.getLogger(__name__)

Reader = Callable[[Path, IngestSettings], Iterator[Article | InputError]]
OnBad = Callable[[InputError], None]

READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": read_tsv,
    "html": read_html,
    "feed": read_feed,
}


def read_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    settings: IngestSettings = IngestSettings(),  # noqa: B008 - frozen, so safe to share
    on_bad: OnBad | None = None,
) -> Iterator[Article]:
    """Yield the articles of one file.

    Args:
        path: The file; gzip-compressed files are read through.
        fmt: One of ``FORMATS``; detected from the name or the content when None.
        settings: Field names and limits.
        on_bad: Called with each bad record (or unreadable file), after which reading goes
            on. When None, the first one is raised.

    Raises:
        InputError: (a ``RecordError``, ``FormatError`` or ``LimitError``) when ``on_bad``
            is None; the message names the file, the line and the fix.

    Example:
        >>> [a.date for a in read_file("seed-article.txt")]  # doctest: +SKIP
        [datetime.date(2023, 11, 12)]
    """
    count = bad = 0
    for outcome in _outcomes(Path(path), fmt=fmt, settings=settings):
        if isinstance(outcome, Article):
            count += 1
            yield outcome
        elif on_bad is None:
            raise outcome
        else:
            bad += 1
            on_bad(outcome)
    if count == bad == 0:
        # An empty file used to be "coded" without a word (#15.17).
        logger.warning("%s: no articles in this file (it is empty or blank)", path)
    logger.debug("%s: %d articles", path, count)


def _outcomes(
    path: Path, *, fmt: str | None, settings: IngestSettings
) -> Iterator[Article | InputError]:
    """Yield articles and bad records; an error that ends the file comes last."""
    try:
        reader = READERS[detect_format(path, fmt=fmt)]
        yield from reader(path, settings)
    except InputError as error:
        yield error


def read_articles(
    paths: str | Path | Sequence[str | Path],
    *,
    fmt: str | None = None,
    settings: IngestSettings = IngestSettings(),  # noqa: B008 - frozen, so safe to share
    on_bad: OnBad | None = None,
) -> Iterator[Article]:
    """Yield the articles of every file named, walking folders recursively.

    Same options as ``read_file``; a missing path is raised, or passed to ``on_bad``.

    Example:
        >>> articles = list(read_articles(["news/", "extra.jsonl.gz"]))  # doctest: +SKIP
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if on_bad is not None:
        paths = _existing(paths, on_bad)
    for path in iter_input_files(paths, on_bad=on_bad):
        yield from read_file(path, fmt=fmt, settings=settings, on_bad=on_bad)


def _existing(paths: Sequence[str | Path], on_bad: OnBad) -> list[str | Path]:
    kept: list[str | Path] = []
    for path in paths:
        if Path(path).exists():
            kept.append(path)
        else:
            on_bad(InputError(str(path), None, "no such file or directory", "check the path"))
    return kept
