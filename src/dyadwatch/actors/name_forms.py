"""Other ways event datasets write a person's name: middle names and transliterations.

ICEWS writes people in full ("John R. Bolton", "Sergey Kuzhugetovich Shoygu", "Klaus
Johannis") where the gazetteer has the name news uses ("John Bolton", "Sergei Shoigu",
"Klaus Iohannis"). ``PersonForms`` offers the gazetteer aliases such a name may stand
for: its first and last names alone, then the one person whose first and last names are
spelled alike (``near``). Only dataset names go through it, never article text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dyadwatch.actors._text import key, tokens
from dyadwatch.actors.entries import MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.datafiles import package_words

# Spellings transliterations swap: y/j/i ('Sergey', 'Sergei'; 'Johannis', 'Iohannis'), w/v,
# kh/h, ph/f, ou/u, c/k; doubled letters fold ('Berdymukhammedov', 'Berdimuhamedow').
_SWAPS = (
    ("ph", "f"), ("kh", "h"), ("ck", "k"), ("ou", "u"), ("j", "i"), ("y", "i"), ("w", "v"),
    ("c", "k"),
)  # fmt: skip
# Words between the names that are no name of their own ('bin', 'al-', 'de').
PARTICLES = package_words("dyadwatch.actors", "context.tsv")["NAME_PARTICLES"]
SHORTEST_LAST_NAME = 5
"""A shorter last name ('Lee', 'Ali', 'Khan') is too common to match loosely."""
SHORTEST_FIRST_NAME = 3


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name as first name, middle names and last name, spelled loosely."""

    first: str
    middles: tuple[str, ...]
    last: str


def plain(word: str) -> str:
    """Return the loose spelling of one name word.

    Example:
        >>> plain("Shoygu") == plain("Shoigu"), plain("Johannis") == plain("Iohannis")
        (True, True)
    """
    low = key(word)
    for old, new in _SWAPS:
        low = low.replace(old, new)
    return "".join(ch for i, ch in enumerate(low) if i == 0 or ch != low[i - 1])


def parts(name: str) -> NameParts | None:
    """Split a person's name into loose parts; ``None`` for one of fewer than two words."""
    words = [w for w in tokens(name) if w.isalpha() and key(w) not in PARTICLES]
    if len(words) < 2:
        return None
    return NameParts(plain(words[0]), tuple(plain(w) for w in words[1:-1]), plain(words[-1]))


def near(a: NameParts, b: NameParts) -> bool:
    """Whether two names may be one person's: first and last names one letter apart at
    most (two in a last name of nine letters or more), and middle names, where both have
    them, one letter apart too ('Ram Gopal Yadav' is not 'Ram Baran Yadav', nor 'Abdallah
    bin Khalid Al-Thani' 'Abdullah bin Khalifa Al Thani'). Initials match nothing.

    Example:
        >>> near(parts("Shavkat Mirziyayev"), parts("Shavkat Mirziyoyev"))
        True
        >>> near(parts("Youssouf Bakayoko"), parts("Joseph Boakai"))
        False
    """
    if min(len(a.last), len(b.last)) < SHORTEST_LAST_NAME:
        return False
    if min(len(a.first), len(b.first)) < SHORTEST_FIRST_NAME:
        return False  # initials ('B.N. Singh', 'AK Singh') tell no one apart
    last_slack = 2 if min(len(a.last), len(b.last)) >= 9 else 1
    if _distance(a.first, b.first) > 1 or _distance(a.last, b.last) > last_slack:
        return False
    return all(_distance(x, y) <= 1 for x, y in zip(a.middles, b.middles, strict=False))


def first_and_last(name: str) -> str | None:
    """Return a name of three or more words as its first and last word ('John R. Bolton':
    'John Bolton'); ``None`` for a shorter one."""
    words = tokens(name)
    return f"{words[0]} {words[-1]}" if len(words) >= 3 else None


class PersonForms:
    """The people of a gazetteer, by the first letter of their last names.

    Example:
        >>> forms = PersonForms(ActorGazetteer.load())
        >>> list(forms.forms("Sergey Kuzhugetovich Shoygu"))
        ['Sergey Shoygu', 'Sergei Shoigu']
    """

    def __init__(self, gazetteer: ActorGazetteer) -> None:
        self._people: dict[str, list[tuple[NameParts, str, str]]] = {}
        for entry, aliases in zip(gazetteer.entries, gazetteer.aliases, strict=True):
            if entry.kind is not MentionKind.PERSON:
                continue
            for alias in dict.fromkeys((entry.name, *aliases)):
                found = parts(alias)
                if found is not None:
                    self._people.setdefault(found.last[:1], []).append((found, alias, entry.name))

    def forms(self, name: str) -> Iterator[str]:
        """Yield the other ways ``name`` may be written in the gazetteer, likeliest first:
        its first and last names alone, then the alias of the one person whose name is
        ``near`` it (none when two people's are)."""
        short = first_and_last(name)
        if short is not None:
            yield short
        wanted = parts(name)
        if wanted is None:
            return
        close = [
            (alias, person)
            for found, alias, person in self._people.get(wanted.last[:1], ())
            if near(wanted, found)
        ]
        if len({person for _, person in close}) == 1:
            yield close[0][0]


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
