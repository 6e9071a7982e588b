"""Fold place names and split text into words the same way for the index and the search."""

from __future__ import annotations

import re
import unicodedata

# Words, with inner hyphens, dots and apostrophes ("Rostov-on-Don", "U.S", "N'Djamena"); a
# trailing possessive "'s" is left out so "Kherson's" names Kherson. Commas are kept for
# "City, Country" and to mark where a name cannot run on.
TOKEN = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*|[,;:()]")


def fold(word: str) -> str:
    """Fold case and accents so "Zaporizhzhia", "ZAPORIZHZHIA" and "Zapórizhzhia" agree."""
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def namefold(name: str) -> str:
    """Fold a whole name into the space-joined keys of its words."""
    if name.isascii() and name.replace(" ", "").isalpha() and "  " not in name:
        return name.lower()  # the common case, twenty times faster than tokenising
    return " ".join(fold(m.group()) for m in TOKEN.finditer(name))
