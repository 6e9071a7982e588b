"""Meetings a sentence mentions in passing: the talks, summit or visit behind its main act.

Modern wire copy tells the outcome and puts the meeting in an adjunct: "Saudi Arabia and
Iran agreed to restore relations *after talks in Beijing*", "Kishida and Yoon agreed to
resume shuttle diplomacy *when they met in Tokyo*", "Modi, *on a visit to Tokyo*, signed a
nuclear deal with Japan". A careful coder codes the meeting too (CAMEO 04); the lexicon's
nominal rows need the parties inside the phrase ("talks between X and Y", "Putin's visit
to China") and the model reads one act per pair, so these went uncoded.

Here the parties come from the main act:

* talks, negotiations, a meeting or a summit (``TALKS``, ``MEETING`` in classes.tsv) as
  the object of a preposition of time or occasion (``MEETING_PREPS``), and "met" in a
  clause of its own under the main act ("when they met"), are a meeting of the one pair
  of parties the sentence codes both ways (046 for talks, 040 for a meeting), in both
  directions;
* a visit, trip or tour (``VISIT``) under such a preposition, to a place of another
  country, is the visit of the main act's source: visitor to host, 042.

Nothing is added when the phrase names a plan ("ahead of talks", "the planned visit") or a
gathering of many ("a conference", ``MULTILATERAL_MEETINGS``), when the parties are not one
pair, or when the pair already has a meeting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.drafts import Draft
from dyadwatch.extract.lexicon import Lexicon, word_table
from dyadwatch.records import Actor, ActorKind, Modality

_CUES = word_table("cues.tsv")
MEETING_PREPS = _CUES["MEETING_PREPS"]
PLANNED_WORDS = _CUES["PLANNED_WORDS"]
SPANS = _CUES["TIME_NOUNS"] | {"round", "series"}  # 'four days of talks', 'a round of talks'
MULTILATERAL = _CUES["MULTILATERAL_MEETINGS"]
CONFIDENCE = 0.7
"""What an implied meeting scores: it is read from the main act, never seen on its own.
Such meetings were right 22 times in 24 on the development sets and plover-gsr
(docs/training.md)."""

TALKS_CODE, MEETING_CODE, VISIT_CODE = "046", "040", "042"


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
        if offset in triggers:
            continue  # a nominal rule already coded this noun, parties and all
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and _occasion(token):
            if lemma in visit:
                found.extend(_visit(token, offset, drafts, tok2span, places))
            elif (lemma in talks or lemma in meeting) and lemma not in MULTILATERAL:
                code = TALKS_CODE if lemma in talks else MEETING_CODE
                found.extend(_both_ways(token, offset, code, drafts, _members(token, tok2span)))
        elif lemma == "meet" and token.pos_ == "VERB" and _passing_clause(token, tok2span):
            found.extend(_both_ways(token, offset, MEETING_CODE, drafts))
    return _new(found, drafts)


def _occasion(noun: Token) -> bool:
    """'after talks', 'during a visit', 'at a summit', 'after four days of talks': a noun of
    a preposition of time or occasion that hangs on a verb, and names no plan."""
    words = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in SPANS:
        words.append(noun.head.head)
    phrase = words[-1]
    prep = phrase.head
    if phrase.dep_ != "pobj" or prep.lower_ not in MEETING_PREPS:
        return False
    if prep.head.pos_ not in {"VERB", "AUX"} and prep.head.dep_ not in {"nsubj", "appos"}:
        return False
    return not any(c.lower_ in PLANNED_WORDS for word in words for c in word.children)


def _passing_clause(verb: Token, tok2span: Mapping[int, ActorSpan]) -> bool:
    """'when they met in Tokyo': 'met' in an adverbial clause, with no party of its own
    ('when Russia met', 'met Iran', 'met with Iran' are the rules' and the model's)."""
    if verb.dep_ != "advcl":
        return False
    parties = [c for c in verb.children if c.dep_ in {"nsubj", "dobj"} and c.pos_ != "PRON"]
    parties += [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
    ]
    return not any(word.i in tok2span for word in parties)


def _members(noun: Token, tok2span: Mapping[int, ActorSpan]) -> frozenset[str]:
    """The parties a meeting is 'of' ('a meeting of ASEAN ministers'), by country or code;
    a sector word with no country ('of their energy ministers') is none."""
    return frozenset(
        _party(span.actor)
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for word in prep.subtree
        if (span := tok2span.get(word.i)) is not None
        and (span.actor.country or span.actor.kind is ActorKind.IGO)
    )


def _both_ways(
    token: Token,
    offset: int,
    code: str,
    drafts: Sequence[Draft],
    members: frozenset[str] = frozenset(),
) -> list[Draft]:
    """The talks or meeting of the one pair the sentence codes both ways, both ways."""
    pair = _joint_pair(drafts)
    if pair is None:
        return []
    (a, b), main = pair
    if members - {_party(a), _party(b)}:
        return []  # a meeting of others the pair attended
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
    drafts: Sequence[Draft],
    tok2span: Mapping[int, ActorSpan],
    places: Mapping[int, Actor],
) -> list[Draft]:
    """'Modi, on a visit to Tokyo, signed a deal with Japan': India visits Japan."""
    host = _destination(noun, tok2span, places)
    if host is None:
        return []
    # The visit is the main act's setting: its source comes from abroad to the host.
    visitors = [
        d
        for d in drafts
        if d.source.country
        and d.source.country != host.country
        and d.target.country == host.country
    ]
    countries = {d.source.country for d in visitors}
    if len(countries) != 1:
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
    """The one pair of parties the sentence codes both ways, and its surest draft."""
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
    """The meeting took place if the main act is told as done, or as not done; it is
    reported if the act is; a planned or hedged act's meeting is left alone."""
    if main.modality in {Modality.ASSERTED, Modality.NEGATED}:
        return Modality.ASSERTED
    if main.modality is Modality.REPORTED:
        return Modality.REPORTED
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


def _new(found: list[Draft], drafts: Sequence[Draft]) -> list[Draft]:
    """Drop a meeting the pair already has (any 04 event), and repeats."""
    seen = {_key(d) for d in drafts}
    out: list[Draft] = []
    for draft in found:
        if (key := _key(draft)) not in seen:
            seen.add(key)
            out.append(draft)
    return out


def _party(actor: Actor) -> str:
    return actor.country or actor.code


def _key(draft: Draft) -> tuple[str, str, str]:
    """A pair of countries and a root; within one country, a pair of actors."""
    source, target = draft.source, draft.target
    if source.country and target.country and source.country != target.country:
        return source.country, target.country, draft.cameo[:2]
    return source.code, target.code, draft.cameo[:2]
