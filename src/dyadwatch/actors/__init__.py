"""Actor resolution: a dated gazetteer of countries, capitals, organisations, armed groups,
sector words and people, matched against plain text with character offsets.

Example:
    >>> import datetime
    >>> from dyadwatch.actors import Gazetteer, Resolver
    >>> resolver = Resolver(Gazetteer.load())
    >>> [m.actor.code for m in resolver.find("North Korean officials met the Kremlin.",
    ...                                      date=datetime.date(2023, 9, 13))]
    ['PRKGOV', 'RUSGOV']
"""

from __future__ import annotations

from dyadwatch.actors.entries import Entry, MentionKind
from dyadwatch.actors.gazetteer import Gazetteer
from dyadwatch.actors.resolver import Mention, Resolution, Resolver, lookup

__all__ = ["Entry", "Gazetteer", "Mention", "MentionKind", "Resolution", "Resolver", "lookup"]
