"""Content-hash article ids, so the same article read twice, from any format, is one article."""

from __future__ import annotations

import datetime
import hashlib
import unicodedata


def normalise_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of white space collapsed and ends stripped.

    Case is kept: "US" and "us" are different words to the event coder.

    Example:
        >>> normalise_text("  Russia\\n\\n and  North Korea ")
        'Russia and North Korea'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str, date: datetime.date) -> str:
    """Return the id of an article: the SHA-1 hex digest of its ISO date and normalised text.

    Two copies of an article that differ only in white space or Unicode composition get
    the same id; any other difference (a word, the case of a letter, the date) does not.

    Example:
        >>> article_id("Russia  met Cuba.", datetime.date(2023, 11, 12)) == article_id(
        ...     "Russia met Cuba.", datetime.date(2023, 11, 12))
        True
    """
    key = f"{date.isoformat()}\n{normalise_text(text)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()
