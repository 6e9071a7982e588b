"""Other ways event datasets write a person's name: initials, patronymics, transliterations.

ICEWS writes people in full ("John R. Bolton", "Sergey Kuzhugetovich Shoygu", "Klaus
Johannis") where the gazetteer has the name news uses ("John Bolton", "Sergei Shoigu",
"Klaus Iohannis"). ``PersonForms`` offers the gazetteer aliases such a name may stand
for: the name without its initials and patronymics, then the one person whose name is
spelled alike (``near``). Only dataset names go through it, never article text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dyadwatch.actors._text import key, tokens
from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.datafiles import package_words

# Spellings transliterations swap, after doubled letters fold ('Berdymukhammedov',
# 'Berdimuhamedow'): ph/f, c/k, kh/h ('Michail', 'Mikhail'), ou/u, y/j/i ('Sergey',
# 'Sergei'; 'Johannis', 'Iohannis'), w/v. Folding first keeps 'Jiang' from 'Yang'.
_SWAPS = (
    ("ph", "f"), ("ck", "k"), ("c", "k"), ("kh", "h"), ("ou", "u"), ("j", "i"), ("y", "i"),
    ("w", "v"),
)  # fmt: skip
# Words between the names that are no name of their own ('bin', 'al-', 'de').
PARTICLES = package_words("dyadwatch.actors", "context.tsv")["NAME_PARTICLES"]
# A Russian-style patronymic ('Platonovich', 'Kuzhugetovich', 'Viktorovna').
_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna)$")
SHORTEST_LAST_NAME = 5
"""A shorter last name ('Lee', 'Ali', 'Khan') is too common to match loosely."""
SHORTEST_FIRST_NAME = 3
LOOSE_FIRST_NAME = 6
"""First names this long may be a letter apart ('Zabihollah', 'Zabihullah'); shorter ones
('Ivan', 'Juan'; 'Mark', 'Mary') must be spelled alike."""
LOOSE_LAST_NAME = 7
"""Last names this long may be a letter apart ('Mirziyayev', 'Mirziyoyev'); a shorter one
only after a first name of ``VOUCHING_FIRST_NAME`` letters or more spelled alike."""
VOUCHING_FIRST_NAME = 5
CACHE_SIZE = 50_000


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name as first name, middle names and last name, spelled loosely."""

    first: str
    middles: tuple[str, ...]
    last: str


def plain(word: str) -> str:
    """Return the loose spelling of one name word.

    Example:
        >>> plain("Shoygu") == plain("Shoigu"), plain("Jiang") == plain("Yang")
        (True, False)
    """
    low = key(word)
    low = "".join(ch for i, ch in enumerate(low) if i == 0 or ch != low[i - 1])
    for old, new in _SWAPS:
        low = low.replace(old, new)
    return low


def parts(name: str) -> NameParts | None:
    """Split a person's name into loose parts, patronymics left out; ``None`` for one of
    fewer than two words."""
    words = [w for w in tokens(name) if w.isalpha() and key(w) not in PARTICLES]
    if len(words) < 2:
        return None
    middles = tuple(plain(w) for w in words[1:-1] if not _PATRONYMIC.search(key(w)))
    return NameParts(plain(words[0]), middles, plain(words[-1]))


def near(a: NameParts, b: NameParts) -> bool:
    """Whether dataset name ``a`` may be gazetteer name ``b``: first and last names spelled
    alike or, when long (``LOOSE_FIRST_NAME``, ``LOOSE_LAST_NAME``), a letter apart (two in
    a last name of nine letters or more); ``b``'s middle names all in ``a`` ('Mohammed
    Ahmed' is not 'Mohammed Nasser Ahmed'), middle names only ``a`` has only before a
    last name of ``LOOSE_LAST_NAME`` letters, and middle names both have alike, initials
    exactly ('Ram Gopal Yadav' is not 'Ram Baran Yadav').

    Example:
        >>> near(parts("Shavkat Mirziyayev"), parts("Shavkat Mirziyoyev"))
        True
        >>> near(parts("Youssouf Bakayoko"), parts("Joseph Boakai"))
        False
    """
    shortest_last = min(len(a.last), len(b.last))
    if shortest_last < SHORTEST_LAST_NAME:
        return False
    if min(len(a.first), len(b.first)) < SHORTEST_FIRST_NAME:
        return False  # initials ('B.N. Singh', 'AK Singh') tell no one apart
    if b.middles and not a.middles:
        return False
    own = [m for m in a.middles if len(m) > 1]
    if own and not b.middles and shortest_last < LOOSE_LAST_NAME:
        return False  # 'Abdul Karim Hamid' is not 'Abdul Hamid': a common name
    if not _alike(a.first, b.first, LOOSE_FIRST_NAME):
        return False
    vouched = a.first == b.first and len(a.first) >= VOUCHING_FIRST_NAME
    if a.last != b.last and not (shortest_last >= LOOSE_LAST_NAME or vouched):
        return False
    slack = 2 if shortest_last >= 9 else 1
    if _distance(a.last, b.last) > slack:
        return False
    return all(_alike(x, y, 2) for x, y in zip(a.middles, b.middles, strict=False))


def without_initials(name: str) -> str | None:
    """Return a name of three or more words without its initials and patronymics ('John
    R. Bolton': 'John Bolton'; 'Nikolai Platonovich Patrushev': 'Nikolai Patrushev');
    ``None`` when it has other middle names, or none."""
    words = tokens(name)
    if len(words) < 3:
        return None
    middles = words[1:-1]
    if not all(len(w) <= 2 or _PATRONYMIC.search(key(w)) for w in middles):
        return None
    return f"{words[0]} {words[-1]}"


class PersonForms:
    """The people of a gazetteer, by the first letter of their last names.

    Example:
        >>> forms = PersonForms(ActorGazetteer.load())
        >>> forms.forms("Sergey Kuzhugetovich Shoygu")
        ('Sergey Shoygu', 'Sergei Shoigu')
    """

    def __init__(self, gazetteer: ActorGazetteer) -> None:
        self._people: dict[str, list[tuple[NameParts, str, str]]] = {}
        self._cached = functools.lru_cache(maxsize=CACHE_SIZE)(self._all_forms)
        for entry, aliases in zip(gazetteer.entries, gazetteer.aliases, strict=True):
            if entry.kind is not MentionKind.PERSON:
                continue
            for alias in dict.fromkeys((entry.name, *aliases)):
                found = parts(alias)
                if found is not None:
                    self._people.setdefault(found.last[:1], []).append((found, alias, entry.name))

    def forms(self, name: str) -> tuple[str, ...]:
        """Return the other ways ``name`` may be written in the gazetteer, likeliest first:
        without its initials and patronymics, then the alias of the one person whose name
        is ``near`` it (none when two people's are). Answers are kept per name."""
        return self._cached(name)

    def _all_forms(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._forms(name)))

    def _forms(self, name: str) -> Iterator[str]:
        short = without_initials(name)
        if short is not None:
            yield short
        wanted = parts(name)
        if wanted is None:
            return
        close = [
            (alias, person)
            for found, alias, person in self._people.get(wanted.last[:1], ())
            if abs(len(found.last) - len(wanted.last)) <= 2 and near(wanted, found)
        ]
        if len({person for _, person in close}) == 1:
            yield close[0][0]


def _alike(a: str, b: str, loose_from: int) -> bool:
    """Whether two name words are spelled alike, or a letter apart when both are at least
    ``loose_from`` letters long."""
    if a == b:
        return True
    return min(len(a), len(b)) >= loose_from and _distance(a, b) <= 1


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
