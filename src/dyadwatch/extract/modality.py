"""Decide how real a coded predicate is: asserted, reported, planned, speculative or negated.

The cues are read from the predicate itself (negation, modal and future auxiliaries,
hedging adverbs and adjectives) and from the chain of clauses that governs it (``denied
that``, ``plans to``, ``urged X to``, ``officials said``), so that background, hedged and
hypothetical events are flagged rather than asserted (#4). The open-class cue words are
data (``extract/data/cues.tsv``); the closed classes (auxiliaries, subordinators,
dependency labels) are spelled here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyadwatch.extract.lemmas import verb_lemma
from dyadwatch.extract.lexicon import word_table
from dyadwatch.records import Modality

_CUES = word_table("cues.tsv")  # the open-class cue words; closed classes stay here

# Priority when several cues apply: a negated plan is negated, a reported plan is planned.
PRIORITY = (
    Modality.NEGATED,
    Modality.SPECULATIVE,
    Modality.PLANNED,
    Modality.REPORTED,
    Modality.ASSERTED,
)

REPORTED_ADVERBS = _CUES["REPORTED_ADVERBS"]
SPECULATIVE_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
SPECULATIVE_WORDS = _CUES["SPECULATIVE_WORDS"]
PLANNED_WORDS = _CUES["PLANNED_WORDS"]
FUTURE_TIME = _CUES["FUTURE_TIME"]
NEGATING_VERBS = _CUES["NEGATING_VERBS"]
OPEN_VERBS = _CUES["OPEN_VERBS"]
SHORT_OF_VERBS = _CUES["SHORT_OF_VERBS"]
PENDING_VERBS = _CUES["PENDING_VERBS"]
PENDING_ADVERBS = _CUES["PENDING_ADVERBS"]
UNSETTLED_VERBS = _CUES["UNSETTLED_VERBS"]
NOT_LATER_VERBS = _CUES["NOT_LATER_VERBS"]
PERMITTING_VERBS = _CUES["PERMITTING_VERBS"]
ACTOR_HEADS = _CUES["ACTOR_HEADS"]
# Pronouns that stand for an actor as the subject of 'is to' ('they are to meet').
ACTOR_PRONOUNS = frozenset({"he", "she", "they", "we"})
TIME_NOUNS = _CUES["TIME_NOUNS"]
PLANNING_VERBS = _CUES["PLANNING_VERBS"]
SPECULATIVE_VERBS = _CUES["SPECULATIVE_VERBS"]
REPORTING_VERBS = _CUES["REPORTING_VERBS"]
_CUE_VERBS = dict.fromkeys(NEGATING_VERBS | PLANNING_VERBS | SPECULATIVE_VERBS | REPORTING_VERBS)
"""Every verb a governor's cue reads, for mending the small model's lemmas."""
HEDGE_NOUNS = _CUES["HEDGE_NOUNS"]
CLIMB_DEPS = frozenset(
    {
        "acomp",
        "xcomp",
        "ccomp",
        "conj",
        "advcl",
        "pcomp",
        "prep",
        "pobj",
        "acl",
        "relcl",
        "dobj",
        "attr",
        "nsubj",
        "nsubjpass",
        "appos",
        "csubj",
        "parataxis",
    }
)
# Non-finite complements and noun phrases share the modality of what governs them;
# finite adverbial clauses ("after Russia attacked") do not.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
INHERIT_DEPS = frozenset(
    {
        "acomp",  # 'is not willing to withdraw': the copula's negation reaches the act
        "xcomp",
        "pcomp",
        "prep",
        "pobj",
        "acl",
        "dobj",
        "attr",
        "nsubj",
        "nsubjpass",
        "appos",
    }
)
NEGATING_PREPS = frozenset({"without", "instead"})
# Prepositions that only date a predicate by another event: what governs them does not
# reach the event they date ('agreed not to use force after meeting on Thursday').
TIME_PREPS = frozenset({"after", "before", "since", "following", "during", "amid"})
READY_ADJECTIVES = _CUES["READY_ADJECTIVES"]
# Planning verbs whose noun object is already under way or in force.
UNDERWAY_VERBS = _CUES["UNDERWAY_VERBS"]
BEGINNING_VERBS = _CUES["BEGINNING_VERBS"]
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
# The dependents of a verb that can date it ('next month', 'in the coming weeks', 'tomorrow').
TIME_DEPS = frozenset({"npadvmod", "advmod", "prep", "tmod"})


def _own_cues(token: Token) -> set[Modality]:
    cues: set[Modality] = set()
    if _awaited(token):
        cues.add(Modality.NEGATED)
    cues |= _pending(token)
    for child in token.children:
        lower = child.lower_
        if child.dep_ == "neg" or lower in {"never", "no", "not", "n't", "nor"}:
            cues.add(Modality.NEGATED)
        elif child.dep_ in {"aux", "auxpass"} and lower in FUTURE_AUX:
            cues.add(Modality.PLANNED)
        elif child.dep_ in {"aux", "auxpass"} and lower in SPECULATIVE_MODALS:
            cues.add(Modality.SPECULATIVE)
        elif lower in REPORTED_ADVERBS:
            cues.add(Modality.REPORTED)
        elif child.dep_ in {"amod", "advmod", "nmod"} and lower in SPECULATIVE_WORDS:
            cues.add(Modality.SPECULATIVE)
        elif child.dep_ in {"amod", "compound", "nmod"} and lower in PLANNED_WORDS:
            cues.add(Modality.PLANNED)
        elif child.dep_ == "mark" and lower in CONDITION_MARKS:
            cues.add(Modality.SPECULATIVE)
        elif child.dep_ == "npadvmod" and _future_time(child) and not _past(token):
            cues.add(Modality.PLANNED)  # 'is due in New Delhi next week'
    return cues


def _short_of(token: Token, child: Token) -> bool:
    """Whether ``child`` is the 'short of' of 'stopped short of', 'fell short of'."""
    return (
        child.dep_ == "advmod"
        and child.lower_ == "short"
        and token.lemma_.lower() in SHORT_OF_VERBS
        and any(grand.lower_ == "of" for grand in child.children)
    )


def _awaited(token: Token) -> bool:
    """Whether a predicate is the complement of 'has yet to', 'is yet to' ('has yet to
    recall', 'are yet to agree'): an act not done. 'Yet' must stand between the verb and
    its complement ('And yet Israel has to negotiate' is no cue), and 'is yet to be seen'
    leaves the question open (``UNSETTLED_VERBS``: the caller's own cues decide)."""
    head = token.head
    if token.dep_ != "xcomp" or head.lemma_.lower() not in PENDING_VERBS:
        return False
    if token.lemma_.lower() in UNSETTLED_VERBS:
        return False
    return any(
        c.dep_ == "advmod" and c.lower_ in PENDING_ADVERBS and head.i < c.i < token.i
        for c in head.children
    )


def _pending(verb: Token) -> set[Modality]:
    """The cue on the 'has' of 'has yet to recall', for the predicate itself (the model's
    'Iran has yet to respond') and the subjects under it ('the treaty is yet to be
    ratified'): not done; but 'has yet to rule out talks' leaves talks possible and 'has yet
    to stop shelling' leaves the shelling going on (``_negated_negation``)."""
    for child in verb.children:
        if _awaited(child):
            if child.lemma_.lower() not in NEGATING_VERBS:
                return {Modality.NEGATED}
            left = _negated_negation(child)
            return {left} if left is not None else set()
    return set()


def to_infinitive(verb: Token) -> bool:
    """Whether a verb is a 'to' infinitive ('is to visit')."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def set_for_later(be: Token, act: Token) -> bool:
    """Whether 'be' with a 'to' infinitive sets an act for later: 'Putin is to visit
    China', 'the two sides are to sign'. Not when the subject names an act or a deed
    ('Israel's response was to strike Iran', 'what Israel did was to bomb'), nor 'is to
    blame'."""
    if act.dep_ != "xcomp" or not to_infinitive(act) or act.lemma_.lower() in NOT_LATER_VERBS:
        return False
    subjects = [c for c in be.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(
        s.tag_ in {"NNP", "NNPS"} or s.lower_ in ACTOR_PRONOUNS or s.lemma_.lower() in ACTOR_HEADS
        for s in subjects
    )


def _future_time(phrase: Token) -> bool:
    """A time phrase still to come: 'next week', 'tomorrow'; not 'the next day', which
    dates a story's own past."""
    if any(c.dep_ == "det" and c.lower_ == "the" for c in phrase.children):
        return False
    return phrase.lower_ in FUTURE_TIME or any(
        c.dep_ == "amod" and c.lower_ in FUTURE_TIME for c in phrase.children
    )


def _past(predicate: Token) -> bool:
    """Whether a predicate is in a past tense ('struck', 'had struck', 'was struck')."""
    if predicate.tag_ == "VBD":
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in predicate.children)


def _governor_cue(governor: Token, dep: str, child: Token) -> Modality | None:
    lemma = governor.lemma_.lower()
    if governor.pos_ in {"VERB", "AUX"}:
        # the small model's lemma mended where it errs ('hopes' -> 'hop')
        lemma = verb_lemma(governor, _CUE_VERBS) or lemma
        if lemma in NEGATING_VERBS and dep in {"xcomp", "ccomp", "pcomp", "dobj", "prep"}:
            return Modality.NEGATED
        if lemma in SPECULATIVE_VERBS and dep in {"xcomp", "ccomp", "dobj", "pcomp", "prep"}:
            return Modality.SPECULATIVE
        if lemma in BEGINNING_VERBS and dep == "xcomp":
            return None  # 'began shelling the town': under way; 'will begin' plans it itself
        if lemma in PLANNING_VERBS and dep in {"xcomp", "ccomp", "dobj", "pcomp", "prep"}:
            if dep == "dobj" and lemma in UNDERWAY_VERBS:
                return None  # 'began a hunger strike', 'announced a suspension of links'
            if dep == "ccomp" and (_done(child) or _under_way(child)):
                # 'announced that it has called off the strike', 'announced it was
                # breaking off relations': done, or being done as it is announced.
                return Modality.REPORTED
            return Modality.PLANNED
        if lemma in REPORTING_VERBS and dep in {"ccomp", "parataxis"}:
            return Modality.REPORTED
        if lemma == "be" and set_for_later(governor, child):
            return Modality.PLANNED  # 'Putin is to visit China', 'the two sides are to sign'
    elif governor.pos_ == "ADJ" and lemma in READY_ADJECTIVES and dep == "xcomp":
        return Modality.PLANNED  # 'is willing to withdraw', 'stands ready to send'
    elif governor.pos_ in {"NOUN", "PROPN"} and lemma in HEDGE_NOUNS and dep in {"prep", "acl"}:
        return Modality.SPECULATIVE
    elif governor.lower_ in NEGATING_PREPS and dep == "pcomp":
        return Modality.NEGATED
    return None


def sentence_cues(sent: Span) -> frozenset[Modality]:
    """Return the cues that hold for every predicate of a sentence (a question, 'according to')."""
    cues: set[Modality] = set()
    text = sent.text.rstrip()
    if text.endswith("?"):
        cues.add(Modality.SPECULATIVE)
    lowered = text.lower()
    if "according to" in lowered:
        cues.add(Modality.REPORTED)
    return frozenset(cues)


def modality_of(
    token: Token, *, sentence: frozenset[Modality] | None = None, max_hops: int = 6
) -> Modality:
    """Return the modality of the predicate headed by ``token``.

    Cues on the predicate and on its conjunction head count fully; cues on governing
    clauses count through the governor's meaning (``refused to`` negates, ``plans to``
    plans, ``said that`` reports). ``sentence`` takes ``sentence_cues`` computed once per
    sentence by the caller; without it they are computed here.
    """
    if sentence is None:
        sentence = sentence_cues(token.sent)
    cues = _own_cues(token) | sentence
    if any(_short_of(token, child) for child in token.children):
        # 'stopped short of an apology': the act read on the verb itself was not done; its
        # subject and a verb beside it ('but imposed sanctions') keep their own modality
        cues.add(Modality.NEGATED)
    if _future_in_past(token):
        # "Kim said North Korea would support Russia": reported future, not a guess.
        cues = (cues - {Modality.SPECULATIVE}) | {Modality.PLANNED}
    current = token
    dated = False  # climbed out of a time phrase: no negation above reaches the event
    shared = True  # every step so far shares its governor's modality
    for _ in range(max_hops):
        head = current.head
        if shared and head.i != current.i and _short_of(head, current):
            cues.add(Modality.NEGATED)  # 'stopped short of apologising': no apology
            break
        if head.i == current.i or current.dep_ not in CLIMB_DEPS or _apart(current, head):
            break
        if current.dep_ == "prep" and current.lower_ in TIME_PREPS:
            dated = True  # 'agreed not to use force after meeting': the meeting is not denied
        found: set[Modality] = set()
        if current.dep_ == "conj":
            if not _has_own_aux(current) and not _new_finite_clause(current, head):
                found = _own_cues(head)
            elif current.tag_ in FINITE_TAGS:
                # 'was not pressuring Kyiv to negotiate and promised more aid': a finite
                # verb the parser hung on an infinitive is a clause beside the infinitive's
                # finite governor, out of that governor's own negation; the climb goes on
                # from there, so what governs the governor ('said') still counts
                while head.dep_ == "xcomp" and head.head.i != head.i:
                    head = head.head
        else:
            governed = _governor_cue(head, current.dep_, current)
            own = _own_cues(head)
            found = set(own) if _inherits(current) else set()
            if _awaited(current):
                found -= _pending(head)  # the complement's own cue already says it
            if governed is Modality.NEGATED and Modality.NEGATED in own:
                governed = _negated_negation(head)
                found.discard(Modality.NEGATED)
            if dated and governed in {Modality.NEGATED, Modality.PLANNED}:
                governed = None  # what was refused or agreed is not the meeting that dates it
            if governed is not None:
                found.add(governed)
        cues |= found - {Modality.NEGATED} if dated else found
        shared = shared and current.dep_ != "conj" and _inherits(current)
        current = head
    return next(m for m in PRIORITY if m in cues or m is Modality.ASSERTED)


def _apart(clause: Token, governor: Token) -> bool:
    """A clause before a semicolon is no complement of a verb after it: "Congo ordered
    Rwanda's ambassador to leave; Rwanda has denied supporting the group" (the parser hangs
    'ordered' under 'denied', and the expulsion came out negated)."""
    if clause.i > governor.i:
        return False
    return any(t.text == ";" for t in clause.doc[clause.right_edge.i + 1 : governor.i])


def _inherits(token: Token) -> bool:
    """Whether a dependent shares its governor's own cues: a non-finite complement or a
    noun phrase (``INHERIT_DEPS``), and a 'to' infinitive the parser took for a clause
    under a verb that lets or makes it happen (``PERMITTING_VERBS``: 'would allow
    Japanese troops to train': 'would' reaches the training; not 'did not expect Russia
    to invade')."""
    if token.dep_ in INHERIT_DEPS:
        return True
    return (
        token.dep_ == "ccomp"
        and to_infinitive(token)
        and token.head.lemma_.lower() in PERMITTING_VERBS
    )


def _negated_negation(verb: Token) -> Modality | None:
    """What a negated negating verb leaves of the act under it: 'would not rule out
    cooperation', 'did not deny sending troops' leave it possible (speculative); 'did not
    stop attacking', 'did not cancel the visit' leave it going ahead (no cue)."""
    return Modality.SPECULATIVE if verb.lemma_.lower() in OPEN_VERBS else None


def _future_in_past(token: Token) -> bool:
    """Return whether ``would`` marks the future of a reported clause ("said it would")."""
    has_would = any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children)
    head = token.head
    return (
        has_would
        and token.dep_ == "ccomp"
        and head.lemma_.lower() in REPORTING_VERBS | PLANNING_VERBS
        and not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children)
    )


def _done(clause: Token) -> bool:
    """Whether a finite clause reports a done act: past ('sent') or perfect ('has sent');
    not a past of being 'to' do ('it was to send troops', 'were going to send')."""
    if clause.tag_ == "VBD":
        return not any(c.dep_ == "xcomp" and to_infinitive(c) for c in clause.children)
    return clause.tag_ == "VBN" and has_perfect(clause)


def has_perfect(verb: Token) -> bool:
    """Whether a verb has 'have' for an auxiliary: a perfect ('has sent', 'had met')."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _under_way(clause: Token) -> bool:
    """Whether a finite clause tells an act under way: a progressive ('was breaking off
    relations', 'is withdrawing its troops'), not one set for later ('was sending troops
    next month') nor a past of going to do ('was going to send')."""
    if clause.tag_ != "VBG" or clause.lemma_.lower() == "go":
        return False
    if not any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in clause.children):
        return False
    return not any(
        t.lower_ in FUTURE_TIME or t.lower_ in PLANNED_WORDS
        for child in clause.children
        if child.dep_ in TIME_DEPS
        for t in _time_words(child)
    )


def _time_words(phrase: Token) -> list[Token]:
    """The words of a time phrase ('next month', 'in the coming weeks'), not of a clause
    inside it ('to Belarus, which will arrive next week')."""
    if phrase.dep_ == "prep":
        objects = [p for p in phrase.children if p.dep_ == "pobj" and p.lemma_ in TIME_NOUNS]
        return [*objects, *(w for p in objects for w in p.children)]
    return list(phrase.subtree)


def _new_finite_clause(conj: Token, head: Token) -> bool:
    """Whether a conjoined verb starts its own clause, out of the head's negation's reach.

    'did not attack Ukraine and withdrew': after do-support the head is bare, so a past
    or present form is a new clause; so is a present form after a past participle
    ('has not attacked and says'), and a past or present form after an -ing form ('was
    not seeking to provoke and urged India'). A past form after a participle ('has not
    attacked or threatened') is ambiguous in English and the tagger, and keeps the
    negation; so does any verb joined by 'or' or 'nor', which carry the negation on ('has
    not been shelling towns or attacked peacekeepers', 'was neither attacking nor
    threatened').
    """
    joiners = {
        c.lower_ for c in head.children if c.dep_ in {"cc", "preconj"} and head.i < c.i < conj.i
    }
    if joiners & {"or", "nor"}:
        return False
    if head.tag_ in {"VB", "VBG"}:
        return conj.tag_ in FINITE_TAGS
    return head.tag_ == "VBN" and conj.tag_ in {"VBZ", "VBP"}


def _has_own_aux(token: Token) -> bool:
    return any(child.dep_ in {"aux", "auxpass", "neg"} for child in token.children)
