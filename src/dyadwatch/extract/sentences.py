"""Code the sentences of one parsed article into drafts: the coder's per-sentence loop.

``code_sentences`` is a function of the article's parsed sentences, its actor and place
tokens, the coding options and, for the learned and hybrid coders, a ``Propose`` callback
that returns the model's proposal for each sentence (its drafts, and its reading of each
pair of parties, which judges the rules' drafts): the pipeline component calls it and so
do the tests, so there is one loop, not a copy per caller.
Sentences are coded in order because an earlier sentence's main subject and pair stand
for the pronouns of a later one (``Discourse``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from dyadwatch.extract import accusations, learned, meetings, repression
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.arguments import Arguments, Discourse
from dyadwatch.extract.clauses import governing_verb
from dyadwatch.extract.events import Draft, SentenceCoder
from dyadwatch.extract.lexicon import Lexicon, Pairing
from dyadwatch.records import Actor, CoderKind

MAX_SENTENCE_TOKENS = 150
"""Sentences longer than this many tokens are skipped (``coder.max_sentence_tokens``)."""


@dataclass(frozen=True, slots=True)
class CodingOptions:
    """How to code sentences: the lexicon, which coder, and the longest sentence coded."""

    lexicon: Lexicon
    kind: CoderKind = CoderKind.RULES
    max_sentence_tokens: int = MAX_SENTENCE_TOKENS


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """What the coder reads of one parsed article.

    ``actors`` maps each token inside an actor mention to its span; ``places`` maps the
    tokens of named towns and regions to their country; ``namesakes`` are the tokens of
    those whose one-word name is also a person's ('Kim', a town in Gujarat).
    """

    sents: tuple[Span, ...]
    actors: Mapping[int, ActorSpan] = field(default_factory=dict)
    places: Mapping[int, Actor] = field(default_factory=dict)
    namesakes: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class CodedSentence:
    """The drafts of one sentence; ``skipped`` when it was too long to code."""

    index: int
    sent: Span
    drafts: tuple[Draft, ...] = ()
    skipped: bool = False


Propose = Callable[[Sequence[int]], Sequence[learned.Proposal]]
"""Given the indices of sentences, the model's proposal (drafts, pair readings) for each."""


def code_sentences(
    article: ParsedArticle, options: CodingOptions, propose: Propose | None = None
) -> list[CodedSentence]:
    """Return the drafts of each sentence of ``article``, in order.

    The rules code every sentence (unless the coder is ``learned``); ``propose`` is then
    asked, once, for the model's drafts of every sentence short enough to code, and
    ``learned.merge`` keeps the rules' drafts and adds the model's for the pairs of parties
    the rules left uncoded and its second events of a pair. Then the meetings and charges a
    sentence tells in passing around those acts are added (``meetings``, ``accusations``:
    'agreed after talks in Beijing', 'expelled them, accusing them of spying'). The rules'
    own pairs, never the model's, are remembered for the next sentences' pronouns.

    Example:
        >>> coded = code_sentences(ParsedArticle(tuple(doc.sents)), options)  # doctest: +SKIP
        >>> [(d.source.code, d.target.code, d.cameo) for d in coded[0].drafts]  # doctest: +SKIP
        [('RUS', 'PRK', '040')]
    """
    tok2span = dict(article.actors)
    args = Arguments(
        tok2span=tok2span,
        memory=Discourse(),
        places=dict(article.places),
        namesakes=article.namesakes,
    )
    coder = SentenceCoder(options.lexicon, args)
    ruled: list[list[Draft] | None] = []  # None: too long to code
    for sent in article.sents:
        if len(sent) > options.max_sentence_tokens:
            ruled.append(None)
            continue
        rule_drafts = coder.code(sent) if options.kind is not CoderKind.LEARNED else []
        ruled.append(rule_drafts)
        pair, coded_pair = _pair(sent, rule_drafts, tok2span, options.lexicon)
        args.memory.remember(_main_subject(sent, tok2span), pair, coded=coded_pair)
        args.memory.count(_named(sent, tok2span))
    coded = [i for i, drafts in enumerate(ruled) if drafts is not None]
    proposed: dict[int, learned.Proposal] = {}
    if propose is not None and coded and options.kind is not CoderKind.RULES:
        proposed = dict(zip(coded, propose(coded), strict=True))
    # a town named like a person is no destination ('a visit to Kim')
    places = {i: a for i, a in article.places.items() if i not in article.namesakes}
    out: list[CodedSentence] = []
    for index, (sent, drafts) in enumerate(zip(article.sents, ruled, strict=True)):
        if drafts is None:
            out.append(CodedSentence(index, sent, skipped=True))
            continue
        # force on a country's own people is repression, judged by the merge as such
        drafts, changed = repression.recoded(drafts)
        proposal = proposed.get(index, learned.Proposal())
        model_drafts, model_changed = repression.recoded(proposal.drafts)
        proposal = replace(proposal, drafts=tuple(model_drafts))
        merged = repression.deduplicated(learned.merge(drafts, proposal), changed | model_changed)
        merged += meetings.implied(sent, merged, tok2span, places, options.lexicon)
        merged += accusations.implied(sent, merged, tok2span)
        out.append(CodedSentence(index, sent, tuple(merged)))
    return out


def _main_subject(sent: Span, tok2span: Mapping[int, ActorSpan]) -> Actor | None:
    for token in sent:
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.head.dep_ == "ROOT"
            and token.i in tok2span
        ):
            return tok2span[token.i].actor
    firsts = [tok2span[t.i].actor for t in sent if t.i in tok2span and tok2span[t.i].actor.country]
    return firsts[0] if firsts else None


def _named(sent: Span, tok2span: Mapping[int, ActorSpan]) -> list[Actor]:
    """The actor of each mention that starts in ``sent``."""
    return [
        span.actor
        for i in range(sent.start, sent.end)
        if (span := tok2span.get(i)) is not None and span.start == i
    ]


def _pair(
    sent: Span, drafts: Sequence[Draft], tok2span: Mapping[int, ActorSpan], lexicon: Lexicon
) -> tuple[tuple[Actor, Actor] | None, bool]:
    """The sentence's pair: the sides of its first coded act between two countries, else
    two countries it joins by 'and'; and whether they are the two sides of an act (a coded
    one, or a verb that is mutual: 'US and Chinese negotiators held talks'), not two
    parties doing the same ('China and Saudi Arabia called for restraint')."""
    for draft in drafts:
        if draft.source.country and draft.target.country:
            return (draft.source, draft.target), True
    for token in sent:
        span = tok2span.get(token.i)
        if span is None or not span.actor.country:
            continue
        for conj in token.conjuncts:
            other = tok2span.get(conj.i)
            if (
                other is not None
                and other.actor.country
                and other.actor.country != span.actor.country
            ):
                return (span.actor, other.actor), _mutual(token, lexicon)
    return None, False


def _mutual(token: Token, lexicon: Lexicon) -> bool:
    """Whether the verb a word hangs on is mutual in the lexicon ('met', 'held talks')."""
    verb = governing_verb(token)
    rules = lexicon.verbs.get(verb.lemma_.lower(), ()) if verb is not None else ()
    return any(rule.roles is Pairing.SYMMETRIC for rule in rules)
