"""Find names the English model tags as actors (people, organisations, places, groups) that
the gazetteer does not resolve: the spaCy half of ``dyadwatch actors unresolved``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.actors import ActorGazetteer, Resolver
from dyadwatch.actors.unresolved import (
    ACTOR_LABELS,
    Candidate,
    Sighting,
    UnresolvedName,
    rank,
    title_names,
    title_pattern,
    unresolved,
)
from dyadwatch.extract.nlp import load_model
from dyadwatch.records import Article

BATCH_SIZE = 64


def find_unresolved(
    articles: Iterable[Article],
    *,
    user_files: Sequence[str | Path] = (),
    nlp: Language | None = None,
    limit: int | None = 50,
) -> list[UnresolvedName]:
    """Return names that look like actors but resolve to none, most frequent first.

    Args:
        articles: the articles to read (their ``text``).
        user_files: user gazetteer files loaded with the package gazetteer.
        nlp: a pipeline with sentence boundaries and, for entity candidates, ``ner``;
            the bare English model by default.
        limit: how many names to return (``None``: all).

    Example:
        >>> find_unresolved(store.articles(), limit=20)  # doctest: +SKIP
        [UnresolvedName(name='Ada Example', label='TITLE', count=4, ...), ...]
    """
    nlp = nlp or load_model()
    resolver = Resolver(ActorGazetteer.load(user_files=user_files))
    return rank(sightings(articles, nlp=nlp, resolver=resolver), limit=limit)


def sightings(
    articles: Iterable[Article], *, nlp: Language, resolver: Resolver
) -> Iterator[Sighting]:
    """Yield every unresolved candidate of every sentence, article by article."""
    pattern = title_pattern(resolver.gazetteer)
    pairs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=BATCH_SIZE)
    for doc, article in pairs:
        mentions = [(m.start, m.end) for m in resolver.find(article.text, date=article.date)]
        for start, end, sentence in _sentences(doc):
            candidates = [
                Candidate(e.start_char, e.end_char, e.text, e.label_)
                for e in doc.ents
                if e.label_ in ACTOR_LABELS and start <= e.start_char < end
            ]
            titled = title_names(sentence, pattern)
            candidates += [
                Candidate(c.start + start, c.end + start, c.text, c.label) for c in titled
            ]
            for found in unresolved(candidates, mentions):
                yield Sighting(found.text, found.label, article.id, sentence)


def _sentences(doc: Doc) -> Iterator[tuple[int, int, str]]:
    if not doc.has_annotation("SENT_START"):
        yield 0, len(doc.text), doc.text
        return
    for sent in doc.sents:
        yield sent.start_char, sent.end_char, sent.text
