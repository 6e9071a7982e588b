"""Rank names that look like actors but resolve to none, so users can add them to a gazetteer.

The candidates come from two places: named entities found by the English model (passed in
by ``dyadwatch.extract.unresolved_entities``, the only part that needs spaCy) and title + name
patterns ("Minister Ada Example", "President Yoon") found here with the gazetteer's own
titles. A candidate that no resolver mention overlaps is unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer

#: Entity labels that may name an actor.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
#: The label given to a name found after a title.
TITLE_LABEL = "TITLE"
_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of text that looks like an actor's name: ``text[start:end]``."""

    start: int
    end: int
    text: str
    label: str  # an entity label (PERSON, ORG, GPE, NORP) or TITLE


@dataclass(frozen=True, slots=True)
class Sighting:
    """One unresolved candidate in one sentence of one article."""

    name: str
    label: str
    article_id: str
    sentence: str


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A name seen ``count`` times in ``articles`` articles that resolved to no actor."""

    name: str
    label: str
    count: int
    articles: int
    example: str
    article_id: str


def title_pattern(gazetteer: ActorGazetteer) -> re.Pattern[str]:
    """Return a pattern for a gazetteer title followed by one to three capitalised words.

    The name is the pattern's ``name`` group.

    Example:
        >>> title_pattern(ActorGazetteer.load()).search("said Minister Ada Example")["name"]
        'Ada Example'
    """
    titles = {
        alias
        for entry, aliases in zip(gazetteer.entries, gazetteer.aliases, strict=True)
        if entry.kind is MentionKind.AGENT and entry.title
        for alias in aliases
        if alias
    }
    words = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\b(?i:{words})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})")


def title_names(text: str, pattern: re.Pattern[str]) -> list[Candidate]:
    """Return the names that follow a title in ``text`` ("President Y" gives "Y")."""
    found = []
    for match in pattern.finditer(text):
        start, end = match.span("name")
        name = text[start:end].rstrip(".")
        found.append(Candidate(start, start + len(name), name, TITLE_LABEL))
    return found


def unresolved(
    candidates: Iterable[Candidate], mentions: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """Return the candidates that overlap no resolved mention ``(start, end)``.

    Of candidates that overlap each other (an entity and a title pattern over the same
    name), the first is kept.

    Example:
        >>> unresolved([Candidate(0, 5, "Arnor", "GPE")], [(10, 16)])
        [Candidate(start=0, end=5, text='Arnor', label='GPE')]
    """
    kept: list[Candidate] = []
    for c in candidates:
        if (
            _worth(c.text)
            and not any(_overlap(c, span) for span in mentions)
            and not any(_overlap(c, (k.start, k.end)) for k in kept)
        ):
            kept.append(c)
    return kept


def _overlap(candidate: Candidate, span: tuple[int, int]) -> bool:
    return span[0] < candidate.end and candidate.start < span[1]


def _worth(text: str) -> bool:
    """Tell whether a candidate could be a name: a capital letter, not only digits."""
    return any(ch.isupper() for ch in text) and not text.replace(" ", "").isdigit()


def clean_name(text: str) -> str:
    """Return a candidate's name without a leading "the", a possessive or extra spaces.

    Example:
        >>> clean_name("the  Example Brigade's")
        'Example Brigade'
    """
    name = " ".join(text.split())
    name = _LEADING.sub("", name)
    return _POSSESSIVE.sub("", name).strip(" .,")


def rank(sightings: Iterable[Sighting], *, limit: int | None = None) -> list[UnresolvedName]:
    """Group sightings by name (case-insensitive) and rank them, most frequent first.

    Ties go to the name seen in more articles, then alphabetically. The example is the
    first sentence the name was seen in, and the label the one seen most.
    """
    groups: dict[str, list[Sighting]] = {}
    for sighting in sightings:
        name = clean_name(sighting.name)
        if name:
            groups.setdefault(name.casefold(), []).append(sighting)
    names = [_summary(group) for group in groups.values()]
    names.sort(key=_order)
    return names[:limit] if limit is not None else names


def _summary(group: list[Sighting]) -> UnresolvedName:
    first = group[0]
    labels = [s.label for s in group]
    return UnresolvedName(
        name=clean_name(first.name),
        label=max(dict.fromkeys(labels), key=labels.count),
        count=len(group),
        articles=len({s.article_id for s in group}),
        example=" ".join(first.sentence.split()),
        article_id=first.article_id,
    )


def _order(name: UnresolvedName) -> tuple[int, int, str]:
    return (-name.count, -name.articles, name.name.casefold())
