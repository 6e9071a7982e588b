"""Word tokens, match keys and alias case rules shared by the gazetteer and the resolver.

The resolver never sees spaCy tokens: it splits plain text into runs of letters and digits
with character offsets, so that "U.S.", "Russia's" and "Guinea-Bissau" all reduce to the
same keys as the gazetteer aliases they match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

TOKEN = re.compile(r"[^\W_]+")

# Characters that may join two tokens of one alias ("Guinea-Bissau", "U.S.", "Côte d'Ivoire").
_JOINERS = frozenset(" \u00a0-\u2010\u2011\u2013'\u2019.")


class CaseRule(StrEnum):
    """How an alias compares with the text's letter case."""

    ANY = "any"  # case-insensitive (the default)
    EXACT = "exact"  # "=US": the text must spell it exactly so ("us" is a pronoun)
    CAPITALISED = "capitalised"  # "^Turkey": capitals where the alias has them


_MARKERS = {"=": CaseRule.EXACT, "^": CaseRule.CAPITALISED}


def key(token: str) -> str:
    """Return the match key of one token: lower case, accents removed.

    Example:
        >>> key("Côte")
        'cote'
    """
    low = token.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def split_marker(alias: str) -> tuple[str, CaseRule]:
    """Split a leading case marker (``=`` exact, ``^`` capitalised) off an alias."""
    rule = _MARKERS.get(alias[:1])
    if rule is None:
        return alias, CaseRule.ANY
    return alias[1:], rule


def tokens(text: str) -> list[str]:
    """Return the surface tokens of a short string (an alias or a query)."""
    return TOKEN.findall(text)


def joins(text: str, left_end: int, right_start: int, left_len: int) -> bool:
    """Tell whether two neighbouring tokens may belong to one alias.

    A single space, hyphen, apostrophe or full stop joins tokens, as does an apostrophe
    followed by a space ("Workers' Party"); a full stop followed by
    a space joins only after a short abbreviation ("U.S. Army", "St. Kitts"), so that
    "... in Guinea. Bissau ..." is not read as Guinea-Bissau.
    """
    gap = text[left_end:right_start]
    if len(gap) > 2 or any(ch not in _JOINERS for ch in gap):
        return False
    if len(gap) == 2:
        if gap[0] in "'’" and gap[1] == " ":
            return True  # a plural possessive inside a name: "Kurdistan Workers' Party"
        return gap[0] == "." and gap[1].isspace() and left_len <= 3
    return True


class Surfaces(Protocol):
    """Anything that gives a token as written by its index."""

    def surface(self, index: int) -> str: ...


@dataclass(frozen=True, slots=True)
class Alias:
    """One spelling of a gazetteer entry, as the trie stores it."""

    surface: tuple[str, ...]
    rule: CaseRule
    entry: int  # index into the gazetteer's entries
    text: str  # the alias as written in the data file
    dotted: bool  # written with a final full stop ("U.S."): the match keeps the stop

    def accepts(self, tokens: Surfaces, start: int) -> bool:
        """Tell whether the text tokens from ``start`` satisfy this alias's case rule."""
        if self.rule is CaseRule.ANY:
            return True
        found = tuple(tokens.surface(start + k) for k in range(len(self.surface)))
        if self.rule is CaseRule.EXACT:
            return found == self.surface
        return all(
            not want[:1].isupper() or got[:1].isupper()
            for want, got in zip(self.surface, found, strict=True)
        )
