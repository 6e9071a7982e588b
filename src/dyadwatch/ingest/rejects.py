"""Keep the records that ``--skip-bad`` passes over, as JSON Lines a user can read and fix."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import TracebackType
from typing import TextIO

from dyadwatch.errors import InputError

logger = logging.getLogger(__name__)


class RejectsWriter:
    """Append each rejected record to a JSON Lines file; pass it as ``on_bad``.

    Each line is ``{"path", "line", "problem", "fix"}``. The file is created at the first
    reject, so a clean run leaves none behind.

    Example:
        >>> with RejectsWriter("rejects.jsonl") as rejects:  # doctest: +SKIP
        ...     articles = list(read_articles(["news/"], on_bad=rejects))
        >>> rejects.count  # doctest: +SKIP
        3
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._handle: TextIO | None = None

    def __call__(self, error: InputError) -> None:
        """Write one rejected record."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        row = {"path": error.path, "line": error.line, "problem": error.problem, "fix": error.fix}
        self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._handle.flush()
        self.count += 1
        logger.debug("rejected %s", error)

    def close(self) -> None:
        """Close the file, if one was opened."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RejectsWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
