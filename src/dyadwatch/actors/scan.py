"""First pass of actor resolution: leftmost-longest gazetteer matches over word tokens.

``scan`` walks the gazetteer trie once from each token, so its cost grows with the length
of the text (times the longest alias, a small constant), not with the size of the
gazetteer. Context rules then drop or swap ambiguous matches.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dyadwatch.actors import context
from dyadwatch.actors._text import TOKEN, Alias, joins, key
from dyadwatch.actors.entries import Entry, MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer, Node


@dataclass(slots=True)
class Tokens:
    """The word tokens of a text, with character offsets and match keys."""

    text: str
    starts: list[int]
    ends: list[int]
    keys: list[str]

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Split ``text`` into tokens."""
        spans = [match.span() for match in TOKEN.finditer(text)]
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
        if text.isascii():
            keys = TOKEN.findall(text.lower())
        else:
            keys = [key(text[start:end]) for start, end in spans]
        return cls(text, starts, ends, keys)

    def surface(self, index: int) -> str:
        """Return token ``index`` as written."""
        return self.text[self.starts[index] : self.ends[index]]


@dataclass(slots=True)  # internal and short-lived: not frozen, for speed
class Hit:
    """One gazetteer match: tokens ``[first, last)``, the alias and the chosen entry."""

    first: int
    last: int
    start: int  # character offsets of the matched text
    end: int
    alias: Alias
    entry: Entry
    note: str = ""  # why a context rule changed the entry


def scan(gazetteer: ActorGazetteer, tokens: Tokens, date: datetime.date) -> list[Hit]:
    """Return the leftmost-longest, non-overlapping matches, context rules applied."""
    hits: list[Hit] = []
    children = gazetteer.root.children
    keys = tokens.keys
    i, n = 0, len(keys)
    while i < n:
        node = children.get(keys[i])
        hit = None if node is None else _longest(gazetteer, node, tokens, i, date)
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit.last
    return _second_references(tokens, _apply_context(gazetteer, tokens, hits))


def _second_references(tokens: Tokens, hits: list[Hit]) -> list[Hit]:
    """Add the lone first or last name of a person the text has already named in full.

    News names a person once in full, then by one name: "Kim Jong Un ... Putin thanked
    Kim". The gazetteer cannot hold "Kim" alone (many people bear it); after "Kim Jong Un"
    in the same text it is him. A name two people of the text share stays unresolved, and
    a name that is part of a longer name ("Kim Yo Jong") is none.
    """
    if not hits:
        return hits
    named: dict[str, Hit] = {}
    clash: set[str] = set()
    for hit in hits:
        if hit.entry.kind is not MentionKind.PERSON:
            continue
        words = hit.entry.name.split()
        if len(words) < 2:
            continue
        for word in {words[0], words[-1]}:
            name = key(word)
            if name in context.NEVER_ALONE or name in context.NAME_STARTERS:
                continue
            seen = named.get(name)
            if seen is not None and seen.entry is not hit.entry:
                clash.add(name)
            elif seen is None:
                named[name] = hit
    for name in clash:
        named.pop(name, None)
    if not named:
        return hits
    taken = {i for hit in hits for i in range(hit.first, hit.last)}
    lone: list[int] = []
    for index, name in enumerate(tokens.keys):
        if name not in named or index in taken:
            continue
        surface = tokens.surface(index)
        if not surface[:1].isupper() or surface.isupper():
            continue  # 'the UN', a common word in lower case
        before, after = index - 1, index + 1
        if (
            before >= 0
            and tokens.keys[before] not in context.NAME_TITLES
            and _name_word(tokens, before, index)
        ) or (after < len(tokens.keys) and _name_word(tokens, after, index)):
            clash.add(name)  # 'Kim Yo Jong': another person of that name is in the text
        elif index >= named[name].last:
            lone.append(index)
    added: list[Hit] = []
    for index in lone:
        if tokens.keys[index] in clash:
            continue
        person = named[tokens.keys[index]]
        why = f"second reference to {person.entry.name}"
        start, end = tokens.starts[index], tokens.ends[index]
        added.append(Hit(index, index + 1, start, end, person.alias, person.entry, why))
    return sorted([*hits, *added], key=lambda hit: hit.first) if added else hits


def _longest(
    gazetteer: ActorGazetteer, node: Node, tokens: Tokens, i: int, date: datetime.date
) -> Hit | None:
    ends: list[tuple[int, Node]] = []
    j, n = i, len(tokens.keys)
    while True:
        if node.aliases:
            ends.append((j + 1, node))
        j += 1
        if j >= n or not node.children:
            break
        if not joins(tokens.text, tokens.ends[j - 1], tokens.starts[j], len(tokens.keys[j - 1])):
            break
        nxt = node.children.get(tokens.keys[j])
        if nxt is None:
            break
        node = nxt
    for last, terminal in reversed(ends):
        alias = _first_usable(gazetteer, terminal.aliases, tokens, i, date)
        if alias is not None:
            return _hit(tokens, i, last, alias, gazetteer.entries[alias.entry])
    return None


def _first_usable(
    gazetteer: ActorGazetteer, aliases: list[Alias], tokens: Tokens, i: int, date: datetime.date
) -> Alias | None:
    """Return the best-ranked alias the text and date allow (aliases come sorted by rank)."""
    for alias in aliases:
        if not alias.accepts(tokens, i):
            continue
        entry = gazetteer.entries[alias.entry]
        if entry.kind is MentionKind.PERSON:
            return _choose(gazetteer, [a for a in aliases if a.accepts(tokens, i)], date)
        if entry.active(date):
            return alias
    return None


def _choose(gazetteer: ActorGazetteer, accepted: list[Alias], date: datetime.date) -> Alias | None:
    """Pick the best-ranked usable alias; among persons, prefer one in office on ``date``.

    A person without a country (an organisation's official, ``officials.tsv``) is usable
    only in the term: out of it, the name is the person's national offices or nobody.
    """
    usable = [
        a for a in accepted
        if (gazetteer.entries[a.entry].kind is MentionKind.PERSON
            and bool(gazetteer.entries[a.entry].country))
        or gazetteer.entries[a.entry].active(date)
    ]  # fmt: skip
    if not usable:
        return None
    best = gazetteer.entries[usable[0].entry]
    if best.kind is not MentionKind.PERSON:
        return usable[0]
    people = [a for a in usable if gazetteer.entries[a.entry].rank == best.rank]
    in_office = [a for a in people if gazetteer.entries[a.entry].active(date)]
    pool = in_office or people
    return max(pool, key=lambda a: _recency(gazetteer.entries[a.entry], date))  # not pickled


def _recency(entry: Entry, date: datetime.date) -> datetime.date:
    """Order people out of office by the latest start on or before ``date``."""
    start = entry.start or datetime.date.min
    return start if start <= date else datetime.date.min


def _hit(tokens: Tokens, first: int, last: int, alias: Alias, entry: Entry) -> Hit:
    end = tokens.ends[last - 1]
    if alias.dotted and tokens.text[end : end + 1] == ".":
        end += 1
    return Hit(first, last, tokens.starts[first], end, alias, entry)


def _apply_context(gazetteer: ActorGazetteer, tokens: Tokens, hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    present: set[str] | None = None
    # mentions of their own after a surname; a lone surname is none ('Cameron MacKay')
    starts = frozenset(hit.first for hit in hits if not _lone_surname(hit))
    ends = frozenset(hit.last for hit in hits)
    for hit in hits:
        if (
            hit.entry.kind is MentionKind.STOP
            or _is_personal_name(tokens, hit)
            or _is_place_name(tokens, hit)
            or _is_part_of_another_name(tokens, hit, starts)
            or _is_from_elsewhere(tokens, hit, ends)
        ):
            continue
        switch = None
        if tokens.keys[hit.first] in context.SWITCH_FIRST_KEYS:
            switch = context.SWITCH_BY_KEYS.get(tuple(tokens.keys[hit.first : hit.last]))
        if switch is not None:
            present = present if present is not None else set(tokens.keys)
            if present & switch.cues and not present & switch.against:
                if not switch.to:
                    continue
                entry = gazetteer.countries[switch.to]
                hit = Hit(hit.first, hit.last, hit.start, hit.end, hit.alias, entry, switch.why)
        kept.append(hit)
    return _gate_capitals(gazetteer, tokens, kept)


def _is_from_elsewhere(tokens: Tokens, hit: Hit, ends: frozenset[int]) -> bool:
    """Tell whether a bare agent noun follows a region word ("West African leaders",
    "Western diplomats"): it names no one country's agents (``context.ELSEWHERE``). Not
    after a hyphen ("the pro-Western opposition" is its own country's), nor when the word
    ends a mention of its own (``ends``: "South African officials", "Central African
    troops")."""
    if hit.entry.kind is not MentionKind.AGENT or hit.entry.country or hit.first == 0:
        return False
    if hit.first in ends:
        return False
    word = hit.first - 1
    hyphenated = tokens.text[max(tokens.starts[word] - 1, 0) : tokens.starts[word]] == "-"
    return tokens.keys[word] in context.ELSEWHERE and not hyphenated


def _gated_keys(tokens: Tokens, hit: Hit) -> tuple[str, ...] | None:
    """Return the keys of a hit on a gated capital alias, else None (checked fast)."""
    if tokens.keys[hit.first] not in context.GATED_FIRST_KEYS:
        return None
    keys = tuple(tokens.keys[hit.first : hit.last])
    return keys if keys in context.GATED_CAPITALS else None


def _gate_capitals(gazetteer: ActorGazetteer, tokens: Tokens, hits: list[Hit]) -> list[Hit]:
    """Keep a capital that is an everyday name elsewhere only beside its country (#3)."""
    gated = [_gated_keys(tokens, hit) for hit in hits]
    if not any(gated):
        return hits
    named = {hit.entry.country for hit, keys in zip(hits, gated, strict=True) if not keys}
    kept: list[Hit] = []
    for hit, keys in zip(hits, gated, strict=True):
        found = _gate(gazetteer, hit, context.GATED_CAPITALS[keys], named) if keys else hit
        if found is not None:
            kept.append(found)
    return kept


def _gate(
    gazetteer: ActorGazetteer, hit: Hit, countries: tuple[str, ...], named: set[str]
) -> Hit | None:
    """Return the hit on the gated capital whose country the text names, else the hit
    itself if its own entry is not gated (Kingston, Jamaica), else None."""
    for entry in gazetteer.alternatives(hit.alias):
        if (
            entry.kind is MentionKind.CAPITAL
            and entry.country in countries
            and entry.country in named
        ):
            why = f"capital of {entry.country}, named in the same text"
            return Hit(hit.first, hit.last, hit.start, hit.end, hit.alias, entry, why)
    gated_own = hit.entry.kind is MentionKind.CAPITAL and hit.entry.country in countries
    return None if gated_own else hit


def _is_personal_name(tokens: Tokens, hit: Hit) -> bool:
    """Tell whether a one-word country or capital reads as part of a personal name."""
    if hit.last - hit.first != 1 or hit.entry.kind not in (
        MentionKind.COUNTRY,
        MentionKind.CAPITAL,
    ):
        return False
    word = tokens.keys[hit.first]
    before = hit.first - 1
    if word in context.SURNAMES and before >= 0 and _name_word(tokens, before, hit.first):
        return True
    after = hit.last
    return (
        word in context.FORENAMES
        and after < len(tokens.keys)
        and _name_word(tokens, after, hit.first)
    )


def _lone_surname(hit: Hit) -> bool:
    """Tell whether a hit is one word of a person's name ("Lagos", "Abbas")."""
    return hit.last - hit.first == 1 and hit.entry.kind is MentionKind.PERSON


def _is_place_name(tokens: Tokens, hit: Hit) -> bool:
    """Tell whether a lone surname follows a place preposition: "a rally in Lagos"."""
    if not _lone_surname(hit) or hit.first == 0:
        return False
    if tokens.keys[hit.first - 1] not in context.PLACE_PREPS:
        return False
    if hit.first >= 2 and tokens.keys[hit.first - 2] in context.PERSON_BEFORE_PREP:
        return False  # 'confidence in Johnson'
    after = tokens.text[hit.end : hit.end + 2]
    possessive = after[:1] in {"'", "\u2019"} and after[1:] in {"", "s", " "}
    return not possessive  # "in Lagos's honour", "in Lagos' honour": the person


def _is_part_of_another_name(tokens: Tokens, hit: Hit, starts: frozenset[int]) -> bool:
    """Tell whether a lone surname is a word of another name: followed by a name word
    ("High Commissioner Cameron MacKay was summoned", "talks at Blair House") or by a
    hyphen and a name word that together lead into a name ("Yunus-Bek Yevkurov").

    Not when the word after it is a mention of its own other than a lone surname
    (``starts``: "the Biden Administration", "the Modi Government", "the Biden-Xi summit"),
    a weekday or month, or a word of a title-case headline ("Putin Meets Xi"); nor before
    "-led", "-backed".
    """
    if not _lone_surname(hit):
        return False
    after = hit.last
    if after >= len(tokens.keys) or after in starts:
        return False
    if tokens.text[hit.end : hit.end + 1] == "-":
        # 'Yunus-Bek Yevkurov': the hyphenated word is capitalised and a name follows
        word = tokens.text[hit.end + 1 : hit.end + 2]
        return word.isupper() and _capitalised(tokens, after + 1)
    if tokens.keys[after] in context.NEVER_ALONE or not _name_word(tokens, after, hit.first):
        return False
    return not _capitalised(tokens, after + 1)  # 'Putin Meets Xi': a headline


def _capitalised(tokens: Tokens, index: int) -> bool:
    """Tell whether token ``index`` exists and is a capitalised word other than a weekday
    or a month ('Blair House Tuesday' is no headline)."""
    return (
        index < len(tokens.keys)
        and tokens.surface(index)[:1].isupper()
        and tokens.keys[index] not in context.NEVER_ALONE
    )


def _name_word(tokens: Tokens, index: int, other: int) -> bool:
    """Tell whether token ``index``, next to token ``other``, looks like part of a name."""
    left, right = sorted((index, other))
    if tokens.text[tokens.ends[left] : tokens.starts[right]] != " ":
        return False
    surface = tokens.surface(index)
    return (
        surface[:1].isupper()
        and not surface.isupper()
        and tokens.keys[index] not in context.NAME_STARTERS
        and tokens.keys[index] not in context.FILLERS
    )
