"""The spaCy component that finds actor mentions with the gazetteer and pins them to tokens.

NER labels are not trusted for actors (the small model calls Armenia an ORG); the
gazetteer resolver decides, on the article's date, and this component maps its character
spans onto the parse's tokens so the event extractor can walk the tree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyadwatch.actors import MentionKind
from dyadwatch.errors import ExtractError
from dyadwatch.extract.lexicon import word_table
from dyadwatch.records import Actor, ActorKind

BREAKAWAY_WORDS = word_table("roles.tsv")["BREAKAWAY_WORDS"]
BREAKAWAY_HEADS = word_table("roles.tsv")["BREAKAWAY_HEADS"]
REBELS = "REB"
# The dependents that modify a region ('breakaway region'), and the prepositions that make
# it a party ('a treaty with Georgia's breakaway region').
MODIFIER_DEPS = frozenset({"amod", "compound"})
REGION_PARTY_PREPS = frozenset({"with", "to", "between", "for"})

if TYPE_CHECKING:
    from dyadwatch.actors import Resolver


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor mention on tokens ``[start, end)`` of a Doc."""

    start: int
    end: int
    actor: Actor
    kind: MentionKind


def article_date(doc: Doc) -> datetime.date:
    """Return the article date of a Doc (its ``article_date`` extension, set by ``article_doc``).

    Raises:
        ExtractError: the Doc was made without one (``nlp("text")``).
    """
    value = doc._.article_date
    if not isinstance(value, datetime.date):
        raise ExtractError(
            "this Doc has no article date, and actors and event dates depend on it; make "
            "it with dyadwatch.extract.article_doc(nlp, text, date=...) before calling nlp, "
            "or code articles with Coder"
        )
    return value


def actor_spans(doc: Doc) -> list[ActorSpan]:
    """Return the actor spans the ``dyadwatch_actors`` component stored on ``doc``."""
    return list(doc._.actor_spans or ())


class ActorFinder:
    """Pipeline component: resolve actor mentions and store them as token spans."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        spans: list[ActorSpan] = []
        for mention in self.resolver.find(doc.text, date=article_date(doc)):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            spans.append(ActorSpan(span.start, span.end, mention.actor, mention.kind))
        named = {i: s for s in spans for i in range(s.start, s.end)}
        doc._.actor_spans = [_breakaway(doc, span, named) for span in spans]
        return doc


def _breakaway(doc: Doc, span: ActorSpan, named: dict[int, ActorSpan]) -> ActorSpan:
    """A country named as the owner of a breakaway region that is a party ('a treaty with
    Georgia's breakaway region of Abkhazia', 'Somalia's breakaway region signed') is that
    region's rebels, GEOREB: the state made no treaty. Where the region is named by an actor
    of its own ('China's breakaway province of Taiwan', 'Serbia's breakaway province of
    Kosovo', 'Somalia's breakaway region of Somaliland'), the owner's words stand for that
    actor ('arms sales to China's breakaway province of Taiwan' are to Taiwan). A region
    only acted on or placed ('troops entered Georgia's breakaway region') stays the
    country's (``BREAKAWAY_WORDS``, ``BREAKAWAY_HEADS``)."""
    actor = span.actor
    root = doc[span.start : span.end].root
    head = root.head
    if (
        actor.kind is not ActorKind.COUNTRY
        or actor.sector
        or root.dep_ != "poss"
        or head.lemma_.lower() not in BREAKAWAY_HEADS
        or not any(_modifier_text(c) in BREAKAWAY_WORDS for c in head.children)
    ):
        return span
    region = next((named[t.i] for t in _region_names(head) if t.i in named), None)
    if region is not None:
        return ActorSpan(span.start, span.end, region.actor, region.kind)
    if not _is_party(head):
        return span
    rebels = Actor(f"{actor.country}{REBELS}", actor.country, REBELS, actor.name, ActorKind.AGENT)
    return ActorSpan(span.start, span.end, rebels, MentionKind.AGENT)


def _modifier_text(token: Token) -> str:
    """A modifier as written with what it governs ('self-declared', which the parse splits
    into three tokens), lower-cased; empty for other dependents."""
    if token.dep_ not in MODIFIER_DEPS:
        return ""
    return token.doc[token.left_edge.i : token.i + 1].text.lower()


def _region_names(head: Token) -> list[Token]:
    """The words that name a region: its 'of' phrase or apposition ('... of Kosovo')."""
    names = [c for c in head.children if c.dep_ == "appos"]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        names += [p for p in prep.children if p.dep_ == "pobj"]
    return [t for name in names for t in name.subtree]


def _is_party(region: Token) -> bool:
    """Whether a region is named as a party: a subject, or the object of 'with', 'to',
    'between' or 'for' (not the place an act happens in, nor the object acted on)."""
    if region.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return region.dep_ == "pobj" and region.head.lower_ in REGION_PARTY_PREPS


@Language.factory(
    "dyadwatch_actors",
    default_config={"user_gazetteer": ""},
    assigns=["doc._.actor_spans"],
)
def make_actor_finder(nlp: Language, name: str, *, user_gazetteer: str) -> ActorFinder:
    """Build the actor finder, loading the packaged gazetteer plus an optional user file."""
    from dyadwatch.actors import ActorGazetteer, Resolver

    files = tuple(p for p in user_gazetteer.split("|") if p) if user_gazetteer else ()
    return ActorFinder(Resolver(ActorGazetteer.load(user_files=files)))
