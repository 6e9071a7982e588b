"""The actor gazetteer: every entry and alias, compiled once into a word-token trie.

The resolver walks this trie over a sentence's tokens; building it is the only costly step,
so an ``ActorGazetteer`` is built once (per process) and shared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from dyadwatch.actors import tables
from dyadwatch.actors._text import Alias, CaseRule, key, split_marker, tokens
from dyadwatch.actors.entries import Entry, MentionKind

_CAPITALISED = re.compile(r"[A-Z][\w'-]+")


class Node:
    """One trie node: the next token keys, and the aliases that end here."""

    __slots__ = ("aliases", "children")

    def __init__(self) -> None:
        self.children: dict[str, Node] = {}
        self.aliases: list[Alias] = []


class ActorGazetteer:
    """All actor entries and their aliases, ready to match.

    Example:
        >>> gazetteer = ActorGazetteer.load()
        >>> gazetteer.countries["PRK"].name
        'North Korea'
    """

    __slots__ = ("aliases", "countries", "entries", "root")

    def __init__(self, rows: Iterable[tables.Row]) -> None:
        """Build the trie from (entry, aliases) rows; later rows do not override earlier ones,
        ranks do (see ``Entry.rank``)."""
        self.entries: list[Entry] = []
        self.aliases: list[list[str]] = []
        self.root = Node()
        self.countries: dict[str, Entry] = {}
        for entry, aliases in rows:
            self._add(entry, aliases)

    @classmethod
    def load(cls, *, user_files: Sequence[str | Path] = ()) -> ActorGazetteer:
        """Load the package tables plus user TSV files (see docs/actors.md).

        Entries from user files win over package entries that share an alias; among user
        files the later one wins.

        Example:
            >>> ActorGazetteer.load(user_files=["my_actors.tsv"])  # doctest: +SKIP
        """
        if not user_files:
            return _package_gazetteer()
        rows = list(_package_rows())
        countries = frozenset(
            entry.country for entry, _ in rows if entry.kind is MentionKind.COUNTRY
        )
        for index, path in enumerate(user_files):
            rows.extend(tables.read_user_file(Path(path), rank=-1 - index, countries=countries))
        return cls(rows)

    def _add(self, entry: Entry, aliases: Sequence[str]) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        self.aliases.append([alias.lstrip("=^") for alias in aliases])
        if entry.kind is MentionKind.COUNTRY and entry.rank >= 0:
            self.countries.setdefault(entry.country, entry)
        for alias in dict.fromkeys(aliases):
            self._insert(alias, index)

    def _insert(self, written: str, index: int) -> None:
        alias, rule = split_marker(written)
        if rule is CaseRule.ANY and alias.lower().startswith("the "):
            alias = alias[4:]  # mentions never include a leading article
        surface = tuple(tokens(alias))
        if not surface:
            return
        node = self.root
        for token in surface:
            node = node.children.setdefault(key(token), Node())
        node.aliases.append(Alias(surface, rule, index, written, alias.endswith(".")))
        node.aliases.sort(key=self._alias_rank)

    def _alias_rank(self, alias: Alias) -> int:
        return self.entries[alias.entry].rank

    def names(self) -> list[str]:
        """Return every alias, for "did you mean" suggestions."""
        return sorted({alias for aliases in self.aliases for alias in aliases})

    def alternatives(self, alias: Alias) -> list[Entry]:
        """Return every entry reachable by the same token keys as ``alias``."""
        node = self.root
        for token in alias.surface:
            node = node.children[key(token)]
        return [self.entries[other.entry] for other in node.aliases]


@functools.cache
def _package_rows() -> tuple[tables.Row, ...]:
    return (
        *tables.read_countries(),
        *tables.read_institutions(),
        *tables.read_organisations(),
        *tables.read_agents_and_stops(),
        *tables.read_people(),
    )


@functools.cache
def person_words() -> frozenset[str]:
    """Return every capitalised word of the packaged people's names and aliases ('Kim',
    'Ali', 'Obama'): one alone may be a person the gazetteer cannot resolve."""
    words: set[str] = set()
    for entry, aliases in _package_rows():
        if entry.kind is MentionKind.PERSON:
            for alias in aliases:
                words.update(_CAPITALISED.findall(alias))
    return frozenset(words)


@functools.cache
def _package_gazetteer() -> ActorGazetteer:
    return ActorGazetteer(_package_rows())
