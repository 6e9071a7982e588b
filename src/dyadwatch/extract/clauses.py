"""The clauses around a predicate: the one that dates it, and those that are no act of it.

The coder dates an event from its clause (``clause_text``); it does not code what an
appeal, threat or charge only names (``complements``, ``alleged``, with how a charged act
was done), nor a guess made with 'must' (``epistemic``), nor what an anniversary recalls
(``commemorated``) or a 'since' measures from (``since_recalled``), nor background: a habit
(``habitual``), an act weeks before the one told beside it (``measured_back``) or a
description of a party (``described``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyadwatch.extract.lexicon import word_table
from dyadwatch.extract.modality import READY_ADJECTIVES, has_perfect, to_infinitive
from dyadwatch.extract.when import event_date
from dyadwatch.records import DatePrecision

_ROLE_WORDS = word_table("roles.tsv")
COMMEMORATION_NOUNS = _ROLE_WORDS["COMMEMORATION_NOUNS"]
COMMEMORATING_VERBS = _ROLE_WORDS["COMMEMORATING_VERBS"]
HABITUAL_ADVERBS = _ROLE_WORDS["HABITUAL_ADVERBS"]
STANCE_VERBS = _ROLE_WORDS["STANCE_VERBS"]
RECENT_TIME_WORDS = _ROLE_WORDS["RECENT_TIME_WORDS"]
SAME_DAY_WORDS = _ROLE_WORDS["SAME_DAY_WORDS"]
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# A past participle that modifies a noun: 'relations, frozen since ...' (the tagger reads
# some as a simple past: 'the embassy, closed since ...').
PARTICIPLE_DEPS = frozenset({"acl", "amod"})
PAST_TAGS = frozenset({"VBN", "VBD"})


def commemorated(predicate: Token) -> bool:
    """Whether ``predicate`` is history an anniversary recalls, no act of the day: the act
    an anniversary is of ('the 60th anniversary of their 1965 treaty', 'the fourth
    anniversary of Russia's invasion'), or a verb that marks, celebrates or commemorates an
    anniversary (``COMMEMORATING_VERBS`` with an object in ``COMMEMORATION_NOUNS``: 'Vietnam
    and Singapore marked the 50th anniversary of their diplomatic relations'). Not an
    anniversary that dates an act ('visited Kyiv on the second anniversary of the
    invasion'), nor an act that marks one ('a naval drill around Taiwan marked the
    anniversary': the drill is the predicate). A proper noun the parser made the sides' head
    (a dateline: 'HANOI — Vietnam and Singapore marked ...') stands for its verb."""
    if predicate.dep_ == "pobj" and predicate.head.lower_ == "of":
        return predicate.head.head.lemma_.lower() in COMMEMORATION_NOUNS
    verb = predicate.head if predicate.pos_ == "PROPN" else predicate
    return verb.lemma_.lower() in COMMEMORATING_VERBS and any(
        child.dep_ == "dobj" and child.lemma_.lower() in COMMEMORATION_NOUNS
        for child in verb.children
    )


def measured_back(verb: Token) -> bool:
    """Whether a verb tells an act some days or more before the one it is told beside,
    undated: background, reported on its own day ('The visit comes five weeks after Xi met
    Albanese', 'came days after Washington accused Pyongyang', 'Wong, who visited Suva
    last week', 'had met a week earlier'). 'A day after' and 'hours after' are kept: news
    of the same days; so is a main clause's 'last week', which tells the news itself."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "after"), None)
    if verb.dep_ == "advcl" and mark is not None:
        # the measure hangs on the 'after' clause or, just before 'after', on its head
        near = [c for c in verb.head.children if c.dep_ == "npadvmod" and 0 < mark.i - c.i <= 3]
        if any(_days_or_more(c) for c in [*verb.children, *near] if c.dep_ == "npadvmod"):
            return True
    for child in verb.children:
        if (
            verb.dep_ != "ROOT"
            and child.dep_ == "npadvmod"
            and child.lemma_.lower() == "week"
            and any(a.lower_ == "last" for a in child.children)
        ):
            return True
        if (
            child.dep_ == "advmod"
            and child.lower_ == "earlier"
            and any(c.dep_ == "npadvmod" and _days_or_more(c) for c in child.children)
        ):
            return True
    return False


def _days_or_more(measure: Token) -> bool:
    """'weeks', 'a month', 'two years', 'days' (not 'a day', 'hours')."""
    unit = measure.lemma_.lower()
    return unit in {"week", "month", "year"} or (unit == "day" and measure.tag_ == "NNS")


def habitual(verb: Token) -> bool:
    """Whether a verb tells a habit, background rather than an act of the day: a perfect or
    a present with an adverb of recurrence ('India has repeatedly accused Pakistan', 'have
    long backed', 'Beijing typically responds with drills'). Not a past ('repeatedly
    violated the ceasefire on Sunday'), a progressive ('is regularly shelling'), or one
    tied to the last few days (``RECENT_TIME_WORDS``: 'have repeatedly shelled Kharkiv
    since Saturday')."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if not any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children):
        return False
    if any(t.lemma_.lower() in RECENT_TIME_WORDS for t in verb.subtree):
        return False  # 'has repeatedly struck Gaza over the past 24 hours': news
    return (verb.tag_ == "VBN" and has_perfect(verb)) or verb.tag_ in PRESENT_TAGS


def described(verb: Token) -> bool:
    """Whether a verb describes a party rather than telling an act: a simple present in a
    relative clause ('Egypt, which backs Haftar', 'the forces whom Cairo supports', 'a
    group India considers a proxy'). News tells acts in the past, or in the present of a
    main clause. A stance said or held now about a thing stays ('a standoff the EU blames
    on Belarus'); one that describes a party does not ('Iran, which denies arming the
    Houthis')."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in PRESENT_TAGS
        and (verb.lemma_.lower() not in STANCE_VERBS or verb.head.pos_ == "PROPN")
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def background(verb: Token) -> bool:
    """Whether a verb tells background, not an act of the day: a habit, an act some days
    before the one beside it, or a description of a party."""
    return habitual(verb) or measured_back(verb) or described(verb)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token``, if any: the clause it stands in."""
    return next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)


def since_recalled(token: Token) -> bool:
    """Whether ``token`` (a predicate, or an actor's word) lies, undated, in the past point
    a 'since' measures from: background, not an act of the day. A past-tense clause under
    'since' ('Prices have soared since Russia invaded Ukraine'), an act named as its object
    ('since Russia's invasion'), or a relative clause of that object ('since the clashes,
    which left Azerbaijani troops in control of positions inside Armenia'). One that dates
    itself ('since a dispute led Japan to restrict exports in 2019') is kept, with its own
    date, and so is one placed within the day (``SAME_DAY_WORDS``: 'since Iran fired
    missiles overnight'); a causal 'since' takes the present ('since Moscow refuses to
    talk') and is kept."""
    point = _since_point(token)
    if point is None:
        return False
    if any(t.lemma_.lower() in SAME_DAY_WORDS for t in point.subtree if t.i != point.i):
        # 'flights, suspended since Iran fired missiles overnight': the day's act; not 'since
        # the day Russia invaded', whose point is the day
        return False
    day = token.doc._.article_date if Doc.has_extension("article_date") else None
    if day is None:
        return True
    text = "".join(t.text_with_ws for t in point.subtree)
    return event_date(text, article_date=day)[1] is DatePrecision.ARTICLE


def _since_point(token: Token) -> Token | None:
    """The 'since' phrase or clause ``token`` lies in, if any."""
    for node in (token, *token.ancestors):
        if node.dep_ == "pobj" and node.head.lower_ == "since":
            return node
        if (
            node.dep_ == "advcl"
            and _past(node)
            and any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children)
            and _measures_from(node.head)
        ):
            return node
    return None


def _measures_from(head: Token) -> bool:
    """Whether what a 'since' clause hangs on counts time from it: a perfect ('prices have
    soared since', 'had not met since'), a noun ('the first visit since') or a participle
    that tells a state of a noun ('trade, stalled since China banned imports', 'the
    embassy, closed since Russia invaded'); after a simple past the 'since' gives a reason
    ('Since Serbia refused to impose sanctions, the EU froze its talks')."""
    if head.pos_ not in {"VERB", "AUX"}:
        return True
    return has_perfect(head) or (head.dep_ in PARTICIPLE_DEPS and head.tag_ in PAST_TAGS)


def _past(verb: Token) -> bool:
    """A simple past ('invaded') or a past passive ('was invaded')."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in {"was", "were"} for c in verb.children
    )


# Links that keep a predicate inside its governing clause, and clauses nested inside one.
CLAUSE_CLIMB_DEPS = frozenset({"xcomp", "conj", "pcomp", "prep", "pobj", "dobj", "nsubj", "attr"})
NESTED_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
MEANS_PREPS = frozenset({"by", "through"})  # how an act was done: by signing, through arming


def clause_text(pred: Token) -> str:
    """Return the text of the clause that can date ``pred``.

    From the predicate, climb through non-finite links ('agreed ... to restore') to the
    clause head, then keep its words but those of relative, adverbial and complement
    clauses that do not contain the predicate ('an accord signed in 2001').
    """
    head = pred
    for _ in range(len(pred.sent)):  # spaCy makes a new Token per access: compare indices
        if head.dep_ not in CLAUSE_CLIMB_DEPS or head.head.i == head.i:
            break
        head = head.head
    path = {pred.i, *(t.i for t in pred.ancestors)}
    skipped: set[int] = set()
    for token in head.subtree:
        if token.dep_ in NESTED_CLAUSE_DEPS and token.i not in path and token.i != head.i:
            skipped.update(t.i for t in token.subtree)
    return "".join(t.text_with_ws for t in head.subtree if t.i not in skipped)


def epistemic(clause: Token) -> bool:
    """Tell 'must have known', 'must be behind it' (inference) from 'must withdraw'.

    'Must be ready to mediate' and 'must be willing to talk' stay obligations.
    """
    after_must = [c for c in clause.children if c.dep_ in {"aux", "auxpass"} and c.lower_ != "must"]
    if any(c.lemma_ in {"have", "be"} for c in after_must):
        return True  # 'must have known', 'must be hiding'
    if clause.lemma_ == "be":
        return not any(
            c.dep_ == "xcomp" or (c.dep_ == "acomp" and c.lemma_ in READY_ADJECTIVES)
            for c in clause.children
        )
    return clause.lemma_ in {"know", "seem"}


def complements(verb: Token) -> set[int]:
    """Return the clauses that say what is asked or threatened, conditions included."""
    found: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            found.update(c.i for c in (child, *child.conjuncts))
            found.update(c.i for c in child.children if is_condition(c))
        elif is_condition(child):
            found.add(child.i)  # 'threatened to attack if Seoul held drills with the US'
    return found


def alleged(verb: Token) -> set[int]:
    """Return the acts a charge names: 'accused X of attacking', 'blamed X for shelling',
    'charged that Israeli jets had bombed a school', and what the act is for ('of using
    force to suppress other countries')."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [
        pcomp
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}
        for pcomp in prep.children
        if _gerund(pcomp)
    ]
    acts: set[int] = set()
    stack = [act for clause in clauses for act in (clause, *clause.conjuncts)]
    while stack:
        act = stack.pop()
        if act.i in acts:
            continue
        acts.add(act.i)
        # what the charged act is for, or goes on to: 'of using force to suppress other
        # countries', 'of trying to topple the government' are the charge too, and so is
        # how it was done: 'of violating its sovereignty by signing a deal with Somaliland'
        stack.extend(c for c in act.children if c.dep_ == "xcomp" or _purpose(c))
        stack.extend(_means(act))
    return acts


def _gerund(token: Token) -> bool:
    """Whether a preposition's object is an -ing clause: a pcomp, or a pobj that is, or is
    conjoined with, an -ing form ('of funding, training and arming Hamas')."""
    return token.dep_ == "pcomp" or (
        token.dep_ == "pobj" and any(t.tag_ == "VBG" for t in (token, *token.conjuncts))
    )


def _means(act: Token) -> list[Token]:
    """Return the acts a 'by' or 'through' phrase of ``act`` names ('by signing a deal')."""
    return [
        pcomp
        for prep in act.children
        if prep.dep_ == "prep" and prep.lower_ in MEANS_PREPS
        for pcomp in prep.children
        if _gerund(pcomp)
    ]


def _purpose(clause: Token) -> bool:
    """Whether a clause is a 'to' infinitive of purpose ('used force to suppress')."""
    return clause.dep_ == "advcl" and to_infinitive(clause)


def is_condition(clause: Token) -> bool:
    """Whether a clause is a condition ('if', 'unless')."""
    return clause.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children
    )
