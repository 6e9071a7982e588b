"""Conjoined sides: when two mentions of one subject act on each other, and when on a third.

"The presidents of Kyrgyzstan and Tajikistan signed a treaty" joins the two; "the rulers of
Mali and Niger withdrew from ECOWAS" and "Mali and its allies Burkina Faso and Niger recalled
their ambassadors from Algeria" do not (``extract.learned``'s drafts).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.drafts import party
from dyadwatch.extract.lexicon import word_table

# Prepositions that name a relation between conjoined sides, not a shared act.
RELATIONAL_PREPS = frozenset({"between", "among", "amongst"})
# Prepositions that bring in another party of a verb ('spoke to reporters', 'met with').
PARTY_PREPS = frozenset({"to", "with", "against", "toward", "towards"})
# Prepositions whose object a verb acts on or away from ('recalled envoys from Algeria').
DIRECTION_PREPS = PARTY_PREPS | {"from", "on"}
# Acts two subjects do to each other whatever third party is named ('exchanged prisoners').
MUTUAL_ACTS = word_table("roles.tsv")["MUTUAL_ACTS"]
RECIPROCAL_WORDS = ("each other", "one another")
# Plural nouns: the people an apposition names may be several ('the two generals, the army
# chief and the RSF commander'), unlike one person's titles.
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Words that make conjoined subjects act apart ('met separately', 'each signed').
APART_WORDS = frozenset({"separately", "separate", "each", "respectively", "individually"})


def conjoined_predicate(
    sent: Span, source: ActorSpan, target: ActorSpan, mentions: Sequence[ActorSpan]
) -> Token | None:
    """Return the verb whose conjoined subjects are the two mentions and who act on no one
    else ('the presidents of Kyrgyzstan and Tajikistan signed a treaty in Bishkek', 'the
    navies of Chile and Argentina began an exercise'); else ``None``: they are no
    conjoined subjects, a relational preposition joins them ('the alliance between Russia
    and North Korea'), they act apart ('met separately', 'each signed'), or the verb has
    another party: an addressee ('spoke to reporters'), the head of its relative clause
    ('Putin, whom the presidents of ... met'), or a mention of a third country ('the
    rulers of Mali and Niger withdrew from ECOWAS', 'spoke at the United Nations').
    """
    doc = sent.doc
    a, b = doc[source.start : source.end].root, doc[target.start : target.end].root
    first = _first_conjunct(a)
    if first.i != _first_conjunct(b).i:
        return None
    token = first
    while token.head.pos_ not in {"VERB", "AUX"}:
        if token.head.lower_ in RELATIONAL_PREPS or token.head.i == token.i:
            return None
        token = token.head
    verb = token.head
    if token.dep_ != "nsubj" or verb.dep_ == "relcl" or not sent.start <= verb.i < sent.end:
        return None
    if any(word.lower_ in APART_WORDS for word in verb.subtree):
        return None
    if any(
        child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ in PARTY_PREPS)
        for child in verb.children
    ):
        return None
    sides = {party(source.actor), party(target.actor)}
    return None if any(_third_side(verb, m, sides) for m in mentions) else verb


def _third_side(verb: Token, mention: ActorSpan, sides: set[str]) -> bool:
    """Whether ``mention`` is a party of ``verb`` besides the two sides: under the verb and
    of neither side's country (a capital of theirs, 'in Bishkek', is where it happened)."""
    if party(mention.actor) in sides:
        return False
    root = verb.doc[mention.start : mention.end].root
    return verb.i in {ancestor.i for ancestor in root.ancestors}


def co_subjects(sent: Span, source: ActorSpan, target: ActorSpan, verb: Token) -> bool:
    """Whether the two mentions are one subject of ``verb``, conjoined or in apposition
    ('Mali and its allies Burkina Faso and Niger recalled ...'), and the verb is no
    reciprocal act between them ('Russia and Ukraine exchanged prisoners on the border with
    Belarus', 'accused each other')."""
    doc = sent.doc

    def subject(token: Token) -> Token | None:
        while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
            token = token.head
        is_subject = token.dep_ in {"nsubj", "nsubjpass"} and token.head.i == verb.i
        return token if is_subject else None

    first = subject(doc[source.start : source.end].root)
    second = subject(doc[target.start : target.end].root)
    if first is None or second is None or first.i != second.i:
        return False
    text = " ".join(t.lower_ for t in verb.subtree)
    return verb.lemma_.lower() not in MUTUAL_ACTS and not any(w in text for w in RECIPROCAL_WORDS)


def acted_on(verb: Token, mention: ActorSpan, sides: set[str]) -> bool:
    """Whether ``mention``, of neither side, is what ``verb`` acts on: its object, or the
    object of a preposition of direction on it ('recalled their ambassadors from Algeria');
    not a party named deeper ('after talks brokered by Saudi Arabia')."""
    if party(mention.actor) in sides:
        return False
    root = _first_conjunct(verb.doc[mention.start : mention.end].root)
    if root.dep_ in {"dobj", "dative"}:
        return root.head.i == verb.i
    head = root.head
    return (
        root.dep_ == "pobj"
        and head.lower_ in DIRECTION_PREPS
        and head.dep_ == "prep"
        and head.head.i == verb.i
    )


def distinct_conjunct(sent: Span, mention: ActorSpan, mentions: Sequence[ActorSpan]) -> bool:
    """Whether ``mention`` is conjoined with a mention of its own country that names
    another actor ('Sudan's army and the paramilitary Rapid Support Forces'): each is a side
    of its own, as CAMEO codes a compound actor."""
    doc = sent.doc
    first = _first_conjunct(doc[mention.start : mention.end].root)
    if first.dep_ == "appos" and first.head.tag_ not in PLURAL_TAGS:
        return False  # 'Ghannouchi, leader of Ennahda and speaker of parliament': one person
    return any(
        other.start != mention.start
        and party(other.actor) == party(mention.actor)
        and other.actor.code != mention.actor.code
        and _first_conjunct(doc[other.start : other.end].root).i == first.i
        for other in mentions
    )


def _first_conjunct(token: Token) -> Token:
    """The first of the conjuncts ``token`` belongs to ('Kyrgyzstan' for 'Tajikistan')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token
