"""Read the plain-text article format: a ``date YYYY-MM-DD`` line, optional headers, the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.config import IngestSettings
from dyadwatch.errors import InputError, LimitError, RecordError
from dyadwatch.ingest.fields import DATE_FIX, Where, line_limit, make_article, parse_date
from dyadwatch.ingest.files import Line, iter_lines
from dyadwatch.records import Article

# A date line: optional blanks, the word "date", blanks, a token starting YYYY-, then
# optionally the first line of the body (the seed format puts the whole body there).
_DATE_LINE = re.compile(r"\s*date\s+(\d{4}-\S*)(?:\s+(.*))?")
_HEADER = re.compile(r"\s*(title|source|url)[ \t]+(\S.*)")
_ORPHAN_FIX = "start each article with a line `date YYYY-MM-DD`, e.g. `date 2023-11-12 Russia ...`"


@dataclass(slots=True)
class _Draft:
    """An article being collected line by line (internal, mutable)."""

    line: int
    token: str
    body: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    in_headers: bool = True
    size: int = 0
    error: InputError | None = None

    def add(self, line: Line, *, path: str, settings: IngestSettings) -> None:
        if self.error is not None:
            return
        if line.error is not None:
            self.error, self.body = line.error, []
            return
        header = _HEADER.fullmatch(line.text) if self.in_headers else None
        if header is not None:
            self.headers[header[1]] = header[2]
            return
        self.in_headers = False
        self.body.append(line.text)
        self.size += len(line.text) + 1
        if self.size > 4 * settings.max_article_chars:
            problem = f"article of more than {4 * settings.max_article_chars:,} characters"
            fix = "split the article, or raise the limit: --set ingest.max_article_chars=N"
            self.error, self.body = LimitError(path, self.line, problem, fix), []

    def finish(self, *, path: str, settings: IngestSettings) -> Article | InputError:
        if self.error is not None:
            return self.error
        date = parse_date(self.token)
        if date is None:
            problem = f"unparsable date {self.token!r} on the date line"
            return RecordError(path, self.line, problem, DATE_FIX)
        return make_article(
            Where(path, self.line),
            text="\n".join(self.body),
            date=date,
            settings=settings,
            title=self.headers.get("title", ""),
            source=self.headers.get("source", ""),
            url=self.headers.get("url", ""),
        )


def _start(line: Line, match: re.Match[str]) -> _Draft:
    first = match[2] or ""
    draft = _Draft(line.number, match[1], error=line.error)
    if first.strip():
        draft.body.append(first)
        draft.in_headers = False
    return draft


def read_text(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """Yield the articles of a text file, one per ``date YYYY-MM-DD`` line.

    Example:
        >>> next(read_text(Path("seed.txt"), IngestSettings())).date  # doctest: +SKIP
        datetime.date(2023, 11, 12)
    """
    shown = str(path)
    draft: _Draft | None = None
    orphan_reported = False
    for line in iter_lines(
        path, max_line_bytes=line_limit(settings), max_ratio=settings.max_gzip_ratio
    ):
        match = _DATE_LINE.fullmatch(line.text)
        if match is not None:
            if draft is not None:
                yield draft.finish(path=shown, settings=settings)
            draft = _start(line, match)
        elif draft is not None:
            draft.add(line, path=shown, settings=settings)
        elif not orphan_reported and (line.error is not None or line.text.strip()):
            orphan_reported = True
            yield line.error or RecordError(
                shown, line.number, "text before the first `date YYYY-MM-DD` line", _ORPHAN_FIX
            )
    if draft is not None:
        yield draft.finish(path=shown, settings=settings)
