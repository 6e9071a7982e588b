"""Gazetteer entries: the records the actor tables are read into before the resolver's trie."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class MentionKind(StrEnum):
    """What sort of gazetteer entry a mention came from."""

    COUNTRY = "country"
    CAPITAL = "capital"  # a capital or seat-of-government metonym ("Moscow", "the Kremlin")
    DEMONYM = "demonym"
    PERSON = "person"
    IGO = "igo"
    NSA = "nsa"
    AGENT = "agent"  # a sector word ("troops") or a state body ("IDF")
    PAIR = "pair"  # entries only: "the two Koreas" stands for two countries
    STOP = "stop"  # entries only: a phrase that is never an actor ("Washington Post")


ROLES = frozenset({"HOS", "HOG", "FM", "DM", "OTHER", ""})

# Where entries rank when they share an alias; the lowest wins. User files rank below 0.
KIND_RANK = {
    MentionKind.COUNTRY: 0,
    MentionKind.PAIR: 0,
    MentionKind.STOP: 0,
    MentionKind.CAPITAL: 1,
    MentionKind.NSA: 2,
    MentionKind.IGO: 2,
    MentionKind.DEMONYM: 3,
    MentionKind.PERSON: 4,
    MentionKind.AGENT: 5,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor (or stop phrase) in the gazetteer, with where it was read from.

    ``code`` is the CAMEO-style code the entry resolves to when active; for a person it is
    the in-office code (country + sector). ``start``/``end`` form a half-open date window;
    ``None`` leaves a side open.
    """

    name: str
    kind: MentionKind
    code: str = ""
    country: str = ""
    sector: str = ""
    role: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    title: bool = False  # agents only: a title that may precede a person's name
    members: tuple[str, ...] = ()  # pairs only: the countries it stands for
    source: str = ""  # "countries.tsv:178" or "/path/to/user.tsv:3"
    rank: int = 0

    def active(self, date: datetime.date) -> bool:
        """Tell whether ``date`` falls in the entry's window ``[start, end)``."""
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    def window(self) -> str:
        """Return the date window as ``start..end`` (empty sides stay empty)."""
        if self.start is None and self.end is None:
            return ""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{start}..{end}"
