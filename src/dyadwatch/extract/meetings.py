"""Meetings a sentence mentions in passing: the talks, summit or visit behind its main act.

Modern wire copy tells the outcome and puts the meeting in an adjunct: "Saudi Arabia and
Iran agreed to restore relations *after talks in Beijing*", "Kishida and Yoon agreed to
resume shuttle diplomacy *when they met in Tokyo*", "Modi, *on a visit to Tokyo*, signed a
nuclear deal with Japan". A careful coder codes the meeting too (CAMEO 04); the lexicon's
nominal rows need the parties inside the phrase ("talks between X and Y", "Putin's visit
to China") and the model reads one act per pair, so these went uncoded.

Here the parties come from the main act, the act the phrase hangs on:

* talks, negotiations, a meeting or a summit (``TALKS``, ``MEETING`` in classes.tsv) as
  the object of a preposition of time or occasion (``MEETING_PREPS``: "after talks",
  "during a summit", "at a meeting"), and "met" in a clause of its own under the act
  ("when they met"), are a meeting of the one pair of parties that act joins both ways
  (046 for talks, 040 for a meeting), in both directions;
* a visit, trip or tour (``VISIT``) under such a preposition or "on", to a place of the
  act's target ("urged China during a visit to Beijing"), is the visit of the act's
  source: visitor to host, 042.

Nothing is added when the phrase hangs on another word than the act ("agreed to meet at a
summit", "agreed to take part in talks"), names a plan ("ahead of talks", "the planned
visit"), a gathering of many or of others ("a conference", ``MULTILATERAL_MEETINGS``;
"the G20 summit", "talks with American officials", "a visit by the UN chief"), or a word
that is no meeting by itself (``NOT_MEETINGS``: "a round of fighting", "an encounter");
when the act is negated, planned or hedged; or when the pair already has a 04 event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.drafts import Draft, party, unseen
from dyadwatch.extract.lexicon import Lexicon, word_table
from dyadwatch.records import Actor, ActorKind, Modality

_CUES = word_table("cues.tsv")
MEETING_PREPS = _CUES["MEETING_PREPS"]
VISIT_PREPS = MEETING_PREPS | {"on"}  # 'on a visit to Tokyo'; 'agreed on talks' is no meeting
PLANNED_WORDS = _CUES["PLANNED_WORDS"]
SPANS = _CUES["TIME_NOUNS"] | {"round", "series"}  # 'four days of talks', 'a round of talks'
MULTILATERAL = _CUES["MULTILATERAL_MEETINGS"]
NOT_MEETINGS = _CUES["NOT_MEETINGS"]
BEFORE_PREPS = frozenset({"after", "following"})
MEETERS = _CUES["ACTOR_HEADS"]  # 'when their leaders met'
CONFIDENCE = 0.7
"""What an implied meeting scores: it is read from the main act, never seen on its own."""

TALKS_CODE, MEETING_CODE, VISIT_CODE = "046", "040", "042"
_PARTICIPANTS = frozenset({"compound", "amod", "nmod", "poss"})


def implied(
    sent: Span,
    drafts: Sequence[Draft],
    tok2span: Mapping[int, ActorSpan],
    places: Mapping[int, Actor],
    lexicon: Lexicon,
) -> list[Draft]:
    """Return the meetings ``sent`` mentions in passing, as drafts the others lack."""
    if not drafts:
        return []
    none: frozenset[str] = frozenset()
    talks, meeting = lexicon.classes.get("TALKS", none), lexicon.classes.get("MEETING", none)
    visit = lexicon.classes.get("VISIT", none)
    triggers = {d.trigger_start for d in drafts if d.nominal}
    found: list[Draft] = []
    for token in sent:
        offset = token.idx - sent.start_char
        lemma = token.lemma_.lower()
        if offset in triggers or lemma in NOT_MEETINGS:
            continue  # a nominal rule coded this noun, parties and all; or no meeting
        if token.pos_ == "NOUN" and lemma in visit:
            act = _occasion(token, VISIT_PREPS)
            if act is not None:
                acts = _act_offsets(act, sent, before=False)
                found.extend(_visit(token, offset, acts, drafts, tok2span, places))
        elif token.pos_ == "NOUN" and (lemma in talks or lemma in meeting):
            act = _occasion(token, MEETING_PREPS)
            if act is not None and lemma not in MULTILATERAL:
                code = TALKS_CODE if lemma in talks else MEETING_CODE
                acts = _act_offsets(act, sent, before=_before(token))
                others = _others(token, tok2span)
                found.extend(_both_ways(token, offset, code, acts, drafts, others))
        elif token.lower_ == "met" and _passing_clause(token, tok2span, talks | meeting):
            acts = _act_offsets(token.head, sent, before=True)
            found.extend(_both_ways(token, offset, MEETING_CODE, acts, drafts, set()))
    return unseen(found, drafts)


def _occasion(noun: Token, preps: frozenset[str]) -> Token | None:
    """The act that 'after talks', 'during a visit', 'at a summit', 'after four days of
    talks' hang on (a verb, or the subject of one: 'Modi, on a visit to Tokyo, signed');
    None when the noun is no such phrase or names a plan."""
    words = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in SPANS:
        words.append(noun.head.head)
    phrase = words[-1]
    prep = phrase.head
    if phrase.dep_ != "pobj" or prep.lower_ not in preps:
        return None
    if any(c.lower_ in PLANNED_WORDS for word in words for c in word.children):
        return None
    head = prep.head
    if head.pos_ not in {"VERB", "AUX"}:
        if head.dep_ not in {"nsubj", "appos"}:
            return None
        head = head.head if head.dep_ == "nsubj" else head.head.head
    return head


def _act_offsets(act: Token, sent: Span, *, before: bool) -> set[int]:
    """Where a draft of ``act`` may hang: on it, or on its complement ('agreed to restore',
    coded on either verb). When the meeting came ``before`` the act ('after talks', 'when
    they met'), also on the verb ``act`` complements ('agreed to restore relations after
    talks in Beijing'); not so for a setting ('agreed to meet at a summit': the summit is the
    plan's)."""
    words = [act, *(c for c in act.children if c.dep_ in {"xcomp", "ccomp"})]
    if before and act.dep_ == "xcomp":
        words.append(act.head)
    return {w.idx - sent.start_char for w in words}


def _before(noun: Token) -> bool:
    """'after talks', 'following a meeting', 'after four days of talks'."""
    prep = noun.head if noun.head.lower_ != "of" else noun.head.head.head
    return prep.lower_ in BEFORE_PREPS


def _passing_clause(
    verb: Token, tok2span: Mapping[int, ActorSpan], meeting: frozenset[str]
) -> bool:
    """'when they met in Tokyo', 'when their leaders met': 'met' in an adverbial clause,
    with no object ('met the EU's conditions', 'met fierce resistance') and no party of its
    own ('when Russia met', 'met with Iran': the rules' and the model's)."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    if verb.dep_ != "advcl" or any(c.lemma_.lower() not in meeting for c in objects):
        return False  # 'met the conditions'; not ', the first such summit' the parser hangs there
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not all(
        s.pos_ == "PRON" or (s.lemma_.lower() in MEETERS and s.i not in tok2span) for s in subjects
    ):
        return False
    partners = [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
    ]
    return not any(word.i in tok2span for word in partners)


def _others(noun: Token, tok2span: Mapping[int, ActorSpan]) -> set[str]:
    """Who else a meeting names ('the G20 summit', 'talks with American officials', 'a
    meeting of ASEAN ministers'): parties by country or code, and '?' for a name the
    gazetteer does not know ('the Quad summit'); a sector word with no country ('of their
    energy ministers') is none. Who hosted or brokered it is not read ('talks hosted by
    China'), nor where it was ('talks between their ministers in Arusha')."""
    named: set[str] = set()
    for child in noun.children:
        if child.dep_ in _PARTICIPANTS:
            words = _name_words(child)
        elif child.dep_ == "prep" and child.lower_ in {"of", "with", "between"}:
            words = [w for p in child.children if p.dep_ == "pobj" for w in _name_words(p)]
        else:
            continue
        for word in words:
            span = tok2span.get(word.i)
            if span is None:
                if word.pos_ == "PROPN":
                    named.add("?")
            elif span.actor.country or span.actor.kind is ActorKind.IGO:
                named.add(party(span.actor))
    return named


def _name_words(head: Token) -> list[Token]:
    """A noun phrase's head, its conjuncts and modifiers, without its prepositional phrases."""
    words = [head]
    for child in head.children:
        if child.dep_ in _PARTICIPANTS | {"conj", "appos"}:
            words.extend(_name_words(child))
    return words


def _both_ways(
    token: Token,
    offset: int,
    code: str,
    acts: set[int],
    drafts: Sequence[Draft],
    others: set[str],
) -> list[Draft]:
    """The talks or meeting of the one pair the act (drafts at ``acts``) joins both ways."""
    pair = _joint_pair([d for d in drafts if d.trigger_start in acts])
    if pair is None:
        return []
    (a, b), main = pair
    if others - {party(a), party(b)}:
        return []  # a meeting of others, or with others, the pair attended
    modality = _modality(main)
    if modality is None:
        return []
    return [
        _draft(source, target, code, token, offset, modality, symmetric=True)
        for source, target in ((a, b), (b, a))
    ]


def _visit(
    noun: Token,
    offset: int,
    acts: set[int],
    drafts: Sequence[Draft],
    tok2span: Mapping[int, ActorSpan],
    places: Mapping[int, Actor],
) -> list[Draft]:
    """'Modi, on a visit to Tokyo, signed a deal with Japan': India visits Japan."""
    if any(
        (c.dep_ == "prep" and c.lower_ == "by") or (c.dep_ == "poss" and c.i in tok2span)
        for c in noun.children
    ):
        return []  # 'a visit by the UN chief', 'Guterres's visit': someone named visits
    host = _destination(noun, tok2span, places)
    if host is None:
        return []
    # The visit is the act's setting: its source comes from abroad to the host.
    visitors = [
        d
        for d in drafts
        if d.trigger_start in acts
        and d.source.country
        and d.source.country != host.country
        and d.target.country == host.country
    ]
    if len({d.source.country for d in visitors}) != 1:
        return []
    main = max(visitors, key=lambda d: d.confidence)
    modality = _modality(main)
    if modality is None:
        return []
    # The host's side (043) only where the text says it hosted: "X visited Y" is coded
    # X -> Y 042 alone (CAMEO), and coding the host too was wrong 2 times in 3.
    return [_draft(main.source, host, VISIT_CODE, noun, offset, modality, symmetric=False)]


def _destination(
    noun: Token, tok2span: Mapping[int, ActorSpan], places: Mapping[int, Actor]
) -> Actor | None:
    """The country of the place a visit goes to ('to Tokyo', 'to Japan', 'to Kherson')."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for place in prep.children:
            if place.dep_ != "pobj":
                continue
            if (span := tok2span.get(place.i)) is not None and span.actor.country:
                return span.actor
            if (actor := places.get(place.i)) is not None and actor.country:
                return actor
    return None


def _joint_pair(drafts: Sequence[Draft]) -> tuple[tuple[Actor, Actor], Draft] | None:
    """The one pair of parties ``drafts`` code both ways, and its surest draft."""
    by_pair: dict[tuple[str, str], Draft] = {}
    for draft in drafts:
        key = (draft.source.code, draft.target.code)
        if key not in by_pair or draft.confidence > by_pair[key].confidence:
            by_pair[key] = draft
    joint = [d for (s, t), d in by_pair.items() if s != t and (t, s) in by_pair]
    if len({frozenset((d.source.code, d.target.code)) for d in joint}) != 1:
        return None
    main = max(joint, key=lambda d: d.confidence)  # the first of equals
    return (main.source, main.target), main


def _modality(main: Draft) -> Modality | None:
    """The meeting took place if the act is told as done, and is reported if the act is;
    the meeting of a negated, planned or hedged act is left alone ('did not agree on
    talks', 'will sign the deal during a visit')."""
    if main.modality in {Modality.ASSERTED, Modality.REPORTED}:
        return main.modality
    return None


def _draft(
    source: Actor,
    target: Actor,
    code: str,
    token: Token,
    offset: int,
    modality: Modality,
    *,
    symmetric: bool,
) -> Draft:
    return Draft(
        source=source,
        target=target,
        cameo=code,
        trigger=token.text,
        modality=modality,
        confidence=CONFIDENCE,
        nominal=True,
        trigger_start=offset,
        symmetric=symmetric,
    )
