"""Actor resolution: a dated gazetteer of countries, capitals, organisations, armed groups,
sector words and people, matched against plain text with character offsets.

Example:
    >>> import datetime
    >>> from dyadwatch.actors import ActorGazetteer, Resolver
    >>> resolver = Resolver(ActorGazetteer.load())
    >>> [m.actor.code for m in resolver.find("North Korean officials met the Kremlin.",
    ...                                      date=datetime.date(2023, 9, 13))]
    ['PRKGOV', 'RUSGOV']
"""

from __future__ import annotations

from dyadwatch.actors.entries import Entry, MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer, person_words
from dyadwatch.actors.resolver import Mention, Resolution, Resolver, lookup

__all__ = [
    "ActorGazetteer",
    "Entry",
    "Mention",
    "MentionKind",
    "Resolution",
    "Resolver",
    "lookup",
    "person_words",
]
