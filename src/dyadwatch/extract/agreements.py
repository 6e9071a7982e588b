"""Agreements undone or condemned: no side cooperated through them (coder 0.17).

"Somalia's president signed into law a bill that declares void the memorandum between
Ethiopia and Somaliland", "the memorandum ... was a flagrant violation", "put the Indus
Waters Treaty with Pakistan in abeyance": the model reads an agreement between the sides,
and ``extract.learned`` drops its cooperative readings of a pair that ``undone_between``
finds joined through such an agreement. The words are roles.tsv's (docs/lexicon.md).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.lexicon import word_table

VOIDING_WORDS = word_table("roles.tsv")["VOIDING_WORDS"]
AGREEMENT_NOUNS = word_table("classes.tsv")["AGREEMENT"]
# Where a word said of an agreement stands: 'declares void the memorandum', 'was a violation'.
SAID_OF_DEPS = frozenset({"oprd", "acomp", "attr"})
SUSPENDING_PREPS = frozenset({"in", "on"})  # 'in abeyance', 'on hold'
SUSPENDED_WORDS = word_table("roles.tsv")["SUSPENDED_WORDS"]
SUSPENDING_VERBS = word_table("roles.tsv")["SUSPENDING_VERBS"]
# The prepositions through which a verb undoes an agreement ('withdrew from', 'pulled out
# of', 'reneged on'); not 'under the agreement', 'in line with it'.
LEAVING_PREPS = frozenset({"from", "of", "on"})
# Where a verb governs an agreement it undoes: its object, or its passive subject.
GOVERNED_DEPS = frozenset({"dobj", "nsubjpass"})


def undone_between(sent: Span, source: ActorSpan, target: ActorSpan, joined: Token) -> bool:
    """Whether either side reaches ``joined`` through an agreement undone or condemned."""
    return _undone(sent, source, joined) or _undone(sent, target, joined)


def _undone(sent: Span, mention: ActorSpan, joined: Token) -> bool:
    """Whether ``mention`` reaches ``joined`` through an agreement that is undone or
    condemned: governed by one of ``VOIDING_WORDS`` (directly, or as the object of
    'from', 'of' or 'on': 'withdrew from the treaty'), or with one of them said of it
    ('declares void the memorandum of understanding between Ethiopia and Somaliland'; 'the
    memorandum signed in the Ethiopian capital was a flagrant violation'; 'put the treaty in
    abeyance'), and not denied ('was not illegal', 'would not withdraw from'); or ``joined``
    itself, with no second verb beside it, so treats an agreement it governs ('suspended
    the treaty with Pakistan', where 'with Pakistan' hangs on the verb)."""
    current = sent.doc[mention.start : mention.end].root
    while current.i != joined.i and current.head.i != current.i:
        head = current.head
        if current.pos_ in {"NOUN", "PROPN"} and current.lemma_.lower() in AGREEMENT_NOUNS:
            leaving = head.dep_ == "prep" and head.lower_ in LEAVING_PREPS
            governor = head.head if leaving and current.dep_ == "pobj" else head
            if _voids(governor) or _said_void(head, current):
                return True
        current = head
    if any(_governs_agreement(c) for c in joined.children if c.dep_ == "conj"):
        return False  # 'abolished the old agreement and signed a union treaty'
    return _governs_agreement(joined) and (
        _voids(joined)
        or any(_said_void(joined, c) for c in joined.children if c.dep_ in GOVERNED_DEPS)
    )


def _governs_agreement(verb: Token) -> bool:
    return any(
        c.dep_ in GOVERNED_DEPS and c.lemma_.lower() in AGREEMENT_NOUNS for c in verb.children
    )


def _voids(token: Token) -> bool:
    """Whether ``token`` is one of ``VOIDING_WORDS``, not denied ('did not withdraw')."""
    return token.lemma_.lower() in VOIDING_WORDS and not _negated(token)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _said_void(head: Token, agreement: Token) -> bool:
    """Whether ``head`` says of ``agreement`` that it is void or suspended: 'declares void
    the memorandum', 'was a violation' (not 'was not illegal'), 'put the treaty in
    abeyance', 'kept the deal on hold'."""
    if _negated(head):
        return False
    said = [c for c in head.children if c.dep_ in SAID_OF_DEPS and c.i != agreement.i]
    if any(_voids(w) for c in said for w in (c, *c.children)):
        return True
    return head.lemma_.lower() in SUSPENDING_VERBS and any(
        p.lemma_.lower() in SUSPENDED_WORDS
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in SUSPENDING_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    )
