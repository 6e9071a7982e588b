"""The coding stage as a plain picklable callable: a batch of articles in, their events out.

Runners (local process pools, Ray actors) ship this object to workers; the spaCy
pipeline is built lazily on first use in each process and never pickled.
"""

from __future__ import annotations

from typing import Any

from dyadwatch.config import CoderSettings
from dyadwatch.records import Article, Event


class CodeStage:
    """Code batches of articles with a pipeline loaded once per process.

    Example:
        >>> stage = CodeStage(CoderSettings())
        >>> events = stage(articles)  # doctest: +SKIP
    """

    def __init__(self, settings: CoderSettings) -> None:
        self.settings = settings
        self._coder: Any = None

    def __call__(self, articles: list[Article]) -> list[Event]:
        if self._coder is None:
            from dyadwatch.extract.coder import Coder
            from dyadwatch.extract.nlp import build_nlp

            self._coder = Coder(build_nlp(self.settings), batch_size=self.settings.batch_size)
        return list(self._coder.code(articles))

    @property
    def skipped_sentences(self) -> int:
        """Sentences too long to code (``coder.max_sentence_tokens``) in this process so far."""
        return self._coder.skipped_sentences if self._coder is not None else 0

    @property
    def version(self) -> str:
        """Return the coder version, part of every resume checkpoint key."""
        from dyadwatch.extract.coder import CODER_VERSION

        return CODER_VERSION

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._coder = None
