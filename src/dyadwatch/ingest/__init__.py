"""The ingest stage: files, folders and feeds in; checked ``Article`` records with hashed ids out.

Example:
    >>> from dyadwatch.ingest import read_articles
    >>> for article in read_articles(["news/"]):  # doctest: +SKIP
    ...     print(article.date, article.title)
"""

from __future__ import annotations

from dyadwatch.ingest.detect import FORMATS, detect_format
from dyadwatch.ingest.files import identity, input_status, iter_input_files
from dyadwatch.ingest.ids import article_id, normalise_text
from dyadwatch.ingest.readers import read_articles, read_file
from dyadwatch.ingest.rejects import RejectsWriter

__all__ = [
    "FORMATS",
    "RejectsWriter",
    "article_id",
    "detect_format",
    "identity",
    "input_status",
    "iter_input_files",
    "normalise_text",
    "read_articles",
    "read_file",
]
