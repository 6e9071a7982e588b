"""Find political actors in plain text: character spans with CAMEO-style actor codes.

The coder (``dyadwatch.extract``) calls ``Resolver.find`` on each sentence and maps the
character spans onto its spaCy tokens; this module never sees spaCy.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.actors.combine import Group, group
from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.actors.scan import Tokens, scan
from dyadwatch.errors import UnknownNameError
from dyadwatch.records import Actor


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention: ``text[start:end]`` names ``actor``.

    Mentions never overlap, except that a pair alias ("the two Koreas") yields one mention
    per country over the same span.
    """

    start: int
    end: int
    text: str
    actor: Actor
    kind: MentionKind
    why: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one mention resolves on a date, and why (for ``dyadwatch actors lookup``)."""

    query: str
    date: datetime.date
    matched: str
    actor: Actor
    kind: MentionKind
    entry: str  # the gazetteer entry that decided the actor
    alias: str  # the alias it matched, as written in the table
    source: str  # table file and line
    window: str  # the entry's date window, "start..end" ("" when undated)
    why: str
    alternatives: tuple[str, ...]  # other entries sharing the alias


class Resolver:
    """Resolve actor mentions against a gazetteer.

    Example:
        >>> resolver = Resolver(ActorGazetteer.load())
        >>> [m.actor.code for m in resolver.find("Russian troops entered Georgia.",
        ...                                      date=datetime.date(2008, 8, 8))]
        ['RUSMIL', 'GEO']
    """

    __slots__ = ("gazetteer",)

    def __init__(self, gazetteer: ActorGazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, text: str, *, date: datetime.date) -> list[Mention]:
        """Return every actor mention in ``text``, left to right.

        Args:
            text: a sentence or a whole article; more text gives context rules more cues.
            date: the article date; it decides who holds an office.
        """
        return [_mention(text, g) for g in self._groups(text, date)]

    def lookup(self, text: str, *, date: datetime.date) -> Resolution:
        """Explain how the first mention in ``text`` resolves on ``date``.

        Raises:
            UnknownNameError: no actor is named in ``text``; close aliases are suggested.

        Example:
            >>> resolver = Resolver(ActorGazetteer.load())
            >>> resolver.lookup("the Kremlin", date=datetime.date(2023, 11, 12)).actor.code
            'RUSGOV'
        """
        groups = self._groups(text, date)
        if not groups:
            raise UnknownNameError("actor", text.strip(), self.gazetteer.names())
        return self._explain(text, date, groups[0])

    def _groups(self, text: str, date: datetime.date) -> list[Group]:
        tokens = Tokens.of(text)
        return group(self.gazetteer, tokens, scan(self.gazetteer, tokens, date), date)

    def _explain(self, text: str, date: datetime.date, found: Group) -> Resolution:
        main = found.main
        others = tuple(
            f"{entry.name} ({entry.kind}, {entry.code or '-'}, {entry.source})"
            for entry in self.gazetteer.alternatives(main.alias)
            if entry is not main.entry
        )
        start, end = found.hits[0].start, found.hits[-1].end
        return Resolution(
            query=text, date=date, matched=text[start:end], actor=found.actor, kind=found.kind,
            entry=main.entry.name, alias=main.alias.text.lstrip("=^"), source=main.entry.source,
            window=main.entry.window(), why=found.why, alternatives=others,
        )  # fmt: skip


def _mention(text: str, found: Group) -> Mention:
    start, end = found.hits[0].start, found.hits[-1].end
    return Mention(start, end, text[start:end], found.actor, found.kind, found.why)


def lookup(text: str, *, date: datetime.date, user_files: Sequence[str | Path] = ()) -> Resolution:
    """Explain how ``text`` resolves on ``date`` with the package and user gazetteers.

    Example:
        >>> lookup("the Kremlin", date=datetime.date(2023, 11, 12)).actor.code
        'RUSGOV'
    """
    return Resolver(ActorGazetteer.load(user_files=user_files)).lookup(text, date=date)
