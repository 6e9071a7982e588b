"""Story clusters: near-duplicate articles (wire copies, edited reprints) grouped by MinHash LSH.

Each article's normalised text is cut into word shingles and summarised by a MinHash
signature; ``datasketch.MinHashLSH`` proposes candidate pairs, a pair is linked when the
estimated Jaccard similarity of its shingles reaches the threshold and the dates are at
most ``window_days`` apart, and a story is a connected component of links. The story id
is the smallest article id in the component, so it does not depend on the order in which
articles were stored. Titles are left out: copies of one wire story often carry other
headlines (issue #10).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped,unused-ignore]


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Ordered)

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"  # datasketch 2 default, named so shared permutations match it
_SEED = 10  # fixed, so signatures are the same in every process and run
# CRC-32 is a fifth of the cost of datasketch's default SHA-1 here, and datasketch mixes
# each 32-bit value (murmur finaliser) before the permutations.


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How near two articles must be to belong to one story.

    Attributes:
        threshold: the estimated Jaccard similarity of word shingles that links two
            articles (0.5 links a copy that lost one paragraph in four).
        num_perm: MinHash permutations; more is slower and estimates more precisely.
        shingle_words: words per shingle.
        window_days: the most days between two linked articles' dates.
    """

    threshold: float = 0.5
    num_perm: int = 128
    shingle_words: int = 3
    window_days: int = 3


@dataclass(frozen=True, slots=True)
class StoryText:
    """What clustering needs of an article."""

    id: str
    date: datetime.date
    text: str


def shingles(text: str, *, size: int = 3) -> set[str]:
    """Return the word ``size``-grams of ``text`` after case folding and dropping punctuation.

    A text shorter than ``size`` words gives one shingle of all its words (none if empty).

    Example:
        >>> sorted(shingles("Russia, and North-Korea!", size=3))
        ['and north korea', 'russia and north']
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, *, options: StoryOptions) -> MinHash | None:
    """Return the MinHash signature of ``text``'s shingles, or ``None`` for an empty text."""
    grams = shingles(text, size=options.shingle_words)
    if not grams:
        return None
    minhash = MinHash(
        num_perm=options.num_perm,
        seed=_SEED,
        hashfunc=zlib.crc32,
        permutations=_permutations(options.num_perm),
        scheme=_SCHEME,
    )
    minhash.update_batch([gram.encode("utf-8") for gram in grams])
    return minhash


@functools.cache
def _permutations(num_perm: int) -> Any:
    # Drawing the permutations is a third of the cost of a signature; share them.
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def cluster_stories(
    articles: Iterable[StoryText], *, options: StoryOptions | None = None
) -> dict[str, str]:
    """Return ``{article id: story id}``; a story id is its smallest article id.

    Example:
        >>> wire = "Russia and North Korea signed a defence pact in Pyongyang on Tuesday."
        >>> day = datetime.date(2024, 6, 19)
        >>> cluster_stories([StoryText("b", day, wire), StoryText("a", day, wire + "!")])
        {'a': 'a', 'b': 'a'}
    """
    options = options or StoryOptions()
    texts = sorted(articles, key=_by_id)
    dates = {article.id: article.date for article in texts}
    signatures = {article.id: signature(article.text, options=options) for article in texts}
    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.num_perm)
    for article_id, minhash in signatures.items():
        if minhash is not None:
            lsh.insert(article_id, minhash)
    stories = Components(dates)
    window = datetime.timedelta(days=options.window_days)
    for article_id, minhash in signatures.items():
        if minhash is None:
            continue
        for other in lsh.query(minhash):
            near = abs(dates[other] - dates[article_id]) <= window
            if other > article_id and near and _similar(minhash, signatures[other], options):
                stories.union(article_id, other)
    return {article_id: stories.find(article_id) for article_id in dates}


def _by_id(article: StoryText) -> str:
    return article.id


def _similar(a: MinHash, b: MinHash | None, options: StoryOptions) -> bool:
    return b is not None and float(a.jaccard(b)) >= options.threshold


class Components(Generic[K]):
    """Union-find whose representative is always the smallest member.

    Example:
        >>> parts = Components(["c", "b", "a"])
        >>> parts.union("c", "b")
        >>> parts.find("c"), parts.find("a")
        ('b', 'a')
    """

    def __init__(self, members: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {member: member for member in members}

    def add(self, member: K) -> None:
        """Add ``member`` as its own component (a no-op if it is known)."""
        self.parent.setdefault(member, member)

    def find(self, member: K) -> K:
        """Return the smallest member of ``member``'s component."""
        root = member
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[member] != root:  # path compression
            self.parent[member], member = root, self.parent[member]
        return root

    def union(self, a: K, b: K) -> None:
        """Join the components of ``a`` and ``b``."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            low, high = sorted((root_a, root_b))
            self.parent[high] = low
