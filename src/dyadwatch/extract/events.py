"""Extract event drafts from one parsed sentence: predicates, their actors, code and modality.

A draft (``drafts.Draft``) is what the parse supports before the ontology adds quad class,
Goldstein and PLOVER. The lexicon matches a predicate's frame (``frames``); the clauses
around it say what is no act of its own (``clauses``). Verbal predicates
use subject/object/passive-agent/prepositional roles; nominal predicates ("the meeting
between Kim and Putin", "Cuba's accusation against Moscow") use possessors and
prepositions.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from dyadwatch.extract.arguments import TARGET_PREPS, Arguments, Found, Via, unique_found
from dyadwatch.extract.clauses import (
    alleged,
    background,
    clause_text,
    commemorated,
    complements,
    epistemic,
    is_condition,
    since_recalled,
)
from dyadwatch.extract.drafts import Draft, confidence, dedupe, trigger_text
from dyadwatch.extract.frames import noun_frame, theme_tokens, verb_frame
from dyadwatch.extract.lemmas import noun_lemma, verb_lemma
from dyadwatch.extract.lexicon import Lexicon, Pairing, Rule, word_table
from dyadwatch.extract.modality import modality_of, sentence_cues
from dyadwatch.extract.roles import Roles, aimed_promise, domestic, pairing, pairs
from dyadwatch.extract.scene import VIOLENCE_ROOTS, Scenes, subject_of
from dyadwatch.learned.sides import distinct, state_and_its_people
from dyadwatch.ontology import Root, cameo
from dyadwatch.records import Modality, QuadClass

_WORDS = word_table("roles.tsv")

__all__ = [
    "Draft",
    "SentenceCoder",
    "clause_text",
    "confidence",
    "dedupe",
    "noun_lemma",
    "verb_lemma",
]

LIGHT_VERBS = _WORDS["LIGHT_VERBS"]
NOMINAL_TARGET_PREPS = frozenset(
    {"against", "on", "with", "to", "toward", "towards", "at", "into", "over", "upon", "for"}
)
# After an object noun, whom it is aimed at: 'filed a case against X'; 'on' only after a
# measure (``AIMED_MEASURES``: 'imposed sanctions on X').
AIMED_PREPS = frozenset({"against", "upon"})
AIMED_MEASURES = _WORDS["AIMED_MEASURES"]
# After a theme ('resumption of ties with X'); 'on', 'at', 'over' there are more often places.
THEME_TARGET_PREPS = frozenset({"with", "to", "against", "toward", "towards"})
# After an object noun, its author or owner is the target too: 'rejected calls by Kofi
# Annan', 'shelled positions of the Palestinian security forces'.
OBJECT_TARGET_PREPS = NOMINAL_TARGET_PREPS | {"by", "from", "of"}
NOMINAL_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
VERBAL_POS = frozenset({"VERB"})
# 'acomp': 'Syria is willing to withdraw': the adjective's copula holds the subject.
CONTROL_DEPS = frozenset(
    {"xcomp", "conj", "advcl", "pcomp", "acl", "prep", "pobj", "relcl", "acomp"}
)
# Appeals and offers often leave the addressee implicit ("In return, North Korea is
# seeking food aid"): the counterpart of the previous sentence's pair is meant.
IMPLICIT_TARGET_ROOTS = frozenset({Root.APPEAL, Root.INTENT})
# Talks, diplomatic and material cooperation: 'on X' is what they are about.
TOPIC_ROOTS = frozenset({Root.CONSULT, Root.DIPLOMATIC_COOPERATION, Root.MATERIAL_COOPERATION})
CLAUSE_TARGET_ROOTS = frozenset(
    {Root.APPEAL, Root.DEMAND, Root.DISAPPROVE, Root.REJECT, Root.THREATEN}
)
# 'X said that Y must ...': a statement of what another must do is a demand (CAMEO 10).
DECLARING_VERBS = _WORDS["DECLARING_VERBS"]
OBLIGATION_RULE = Rule(lemma="must", cameo="100", specificity=1)
# Appeals, demands and threats: their complement says what is asked or threatened.
CONTENT_ROOTS = frozenset({Root.APPEAL, Root.DEMAND, Root.THREATEN})
FORCE_OR_THREAT_ROOTS = VIOLENCE_ROOTS | {Root.THREATEN, Root.FORCE_POSTURE}
# After these, 'from X' is the place left, not whom the act is aimed at.
LEAVING_NOUNS = _WORDS["LEAVING_NOUNS"]
# A sentence about a match makes 'beat', 'defeat' a result, not violence.
CONTEST_WORDS = _WORDS["CONTEST_WORDS"]
PLURAL_ACT_NOUNS = _WORDS["PLURAL_ACT_NOUNS"]
OBJECT_LED_PREPS = frozenset({"for", "of", "against", "from"})  # 'praised X for signing'
CONTEST_VERBS = _WORDS["CONTEST_VERBS"]
PROMISING_VERBS = _WORDS["PROMISING_VERBS"]
OBJECT_LED_VERBS = _WORDS["OBJECT_LED_VERBS"]
CONCLUDING_VERBS = _WORDS["CONCLUDING_VERBS"]
CONCLUDED_OBJECTS = _WORDS["CONCLUDED_OBJECTS"]
UNCONCLUDED_WORDS = _WORDS["UNCONCLUDED_WORDS"]
PASSIVE_CONTROL_VERBS = _WORDS["PASSIVE_CONTROL_VERBS"]


def _promise(verb: Token, rule: Rule) -> bool:
    """Whether a verb's row is a promise ('agreed to invite Iran', 030)."""
    return rule.cameo[:2] == Root.INTENT and verb.lemma_.lower() in PROMISING_VERBS


def _bare_promise(verb: Token, rule: Rule) -> bool:
    """Whether a verb's row is a promise with no condition ('agree', 030): it names no act
    of its own, so its complement's act says what was promised."""
    return _promise(verb, rule) and not rule.specificity


def _promise_row(verb: Token, rule: Rule) -> bool:
    """Whether a verb's row is a promise, or a threat it took from its complement ('agreed
    to expel diplomats': 1313)."""
    return rule.cameo[:2] in {Root.INTENT, Root.THREATEN} and verb.lemma_.lower() in PROMISING_VERBS


def _concludes(verb: Token, complement: Token, act: Rule) -> bool:
    """Whether an agreement is the act its complement names: two sides agreed, outright,
    to restore relations ('agreed to re-establish diplomatic relations': 054). Not an
    agreement still to come ('will agree', 'close to agreeing', 'in principle'), nor one
    under a condition ('if Riyadh ends its war'), nor one to recognise a passport."""
    if (
        verb.lemma_.lower() not in CONCLUDING_VERBS
        or not {name.lower() for name in act.obj} & CONCLUDED_OBJECTS
    ):
        return False
    clauses = (*verb.children, *complement.children)
    if verb.tag_ in {"VB", "VBG"} or any(is_condition(c) for c in clauses):
        return False
    hedges = {c.lower_ for c in clauses if c.dep_ == "advmod"} | {
        p.lower_ for c in clauses if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
    }
    return not hedges & UNCONCLUDED_WORDS


def _refines(code: str, general: str) -> bool:
    """Whether ``code`` is a more specific code under ``general`` ('0332' under '033', and
    '0314' under '030', a root's 'not specified below').

    Example:
        >>> _refines("0332", "033"), _refines("0314", "030"), _refines("036", "033")
        (True, True, False)
    """
    parent = general[:2] if len(general) == 3 and general.endswith("0") else general
    return code != general and len(code) >= len(general) and code.startswith(parent)


class SentenceCoder:
    """Code the predicates of one sentence with a lexicon and argument finder."""

    def __init__(self, lexicon: Lexicon, args: Arguments) -> None:
        self.lexicon = lexicon
        self.args = args
        self.scenes = Scenes(args, lexicon)
        self.consumed: set[int] = set()
        self.sentence: frozenset[Modality] = frozenset()
        self._rules: dict[int, Rule | None] = {}  # the sentence's verbs' rules, by token
        self._concluded: set[int] = set()  # agreements that are their complement's act

    def code(self, sent: Span) -> list[Draft]:
        """Return the deduplicated drafts of one sentence."""
        self.consumed = set()
        self._rules = {}
        self._concluded = set()
        self.sentence = sentence_cues(sent)
        drafts: list[Draft] = []
        matched: list[tuple[Token, Rule]] = []
        suppressed: set[int] = set()
        for token in sent:
            rule = self._rule_for(token) if token.pos_ in VERBAL_POS else None
            if rule is not None and rule.lemma in CONTEST_VERBS and _about_a_match(sent):
                continue  # 'Spain beat England 1-0 to win the World Cup': sport
            if rule is not None:
                if rule.cameo[:2] == Root.THREATEN and self._warns_of(token):
                    continue
                matched.append((token, rule))
                if (
                    rule.xcomp
                    or rule.cameo[:2] in CONTENT_ROOTS
                    or token.i in self._concluded
                    or self._covers(token, rule)
                ):
                    # 'threatened to retaliate', 'refused to recognise': the complement is
                    # the content of the threat or refusal, not a second event.
                    suppressed.update(complements(token))
                if rule.cameo[:2] == Root.DISAPPROVE:
                    # 'accused Israel of attacking a market': an allegation, not an attack.
                    suppressed.update(alleged(token))
        for verb, rule in matched:
            if verb.i not in suppressed and not _background(verb):
                drafts.extend(self._verbal(verb, rule))
        for token in sent:
            if (
                token.pos_ in VERBAL_POS
                and token.lemma_.lower() in DECLARING_VERBS
                and not _background(token)
            ):
                drafts.extend(self._obligation(token))
        for token in sent:
            if token.pos_ in {"NOUN", "PROPN"} and token.i not in self.consumed:
                lemma = token.lemma_.lower()
                if lemma in self.lexicon.nouns:
                    drafts.extend(self._nominal(token))
        return dedupe(drafts)

    # -- verbal predicates -------------------------------------------------------------

    def _rule_for(self, token: Token) -> Rule | None:
        """Return the lexicon rule a verb token meets, matched once per sentence."""
        if token.i not in self._rules:
            lemma = verb_lemma(token, self.lexicon.verbs)
            rule = None
            if lemma is not None:
                rule = self.lexicon.match(self.lexicon.verbs[lemma], verb_frame(token))
            self._rules[token.i] = self._promised(token, rule)
        return self._rules[token.i]

    def _covers(self, verb: Token, rule: Rule) -> bool:
        """Whether a promise ('agreed to invite Iran', 030) says all its complement does:
        the complement is then what was promised, not a second, planned event. So it is
        when the complement's act is cooperative talk (an invitation, 020) or the promise
        took its intent (``_promised``: 'agreed to sell F-16s', 0312; a hostile act
        becomes a threat, 13, and is suppressed as one); not for an act of another kind
        that the promise row does not name ('vowed to block EU aid': 1245 stands)."""
        if not _bare_promise(verb, rule):
            return False  # a row with conditions names its act ('pledged troops'): as before
        return all(
            cameo.quad_class(act.cameo) is QuadClass.VERBAL_COOPERATION
            or cameo.intent_of(act.cameo) == rule.cameo
            for _, act in self._promised_acts(verb)
        )

    def _promised_acts(self, verb: Token) -> Iterator[tuple[Token, Rule]]:
        """The complements a promise names, with their rows: its 'to' complements that are
        not negated ('agreed to invite Iran'; not 'agreed not to restore ties')."""
        for child in verb.children:
            if child.dep_ != "xcomp" or any(c.dep_ == "neg" for c in child.children):
                continue
            act = self._rule_for(child)
            if act is not None:
                yield child, act

    def _promised(self, verb: Token, rule: Rule | None) -> Rule | None:
        """Return a promise's rule, coded as the intent of the act its complement names.

        A promise row ('agree', 'pledge' with a complement of some verb class) can be rough
        where the complement's own row, specific to its object, says more:

        * the complement takes its meaning from its object (``OBJECT_LED_VERBS``: resume,
          restore, reopen, establish): 'agreed to restore diplomatic relations' is the
          intent of 054 (032), not a reform (034); 'vowed to resume attacks' is a threat of
          them (1384), not talks (036);
        * the intent of the complement's act refines the row's code: 'pledged to send
          battle tanks' is 0332 (military aid), under the row's 033 (aid);
        * a bare row ('agree', 030, no condition) names no act: the complement's intent is
          the promise where it has one ('agreed to sell F-16s': 0312; 'agreed to expel
          diplomats': 1313, a threat).

        Two sides that agree to restore relations have restored them (``_concludes``):
        'agreed to re-establish diplomatic relations' is 054 itself.
        A row that already names the act ('agreed to release prisoners': 0353) and a negated
        complement ('agreed not to restore ties') keep the promise row.
        """
        if rule is None or not _promise(verb, rule):
            return rule
        for child, act in self._promised_acts(verb):
            if act.xcomp:
                continue
            if _concludes(verb, child, act):
                self._concluded.add(verb.i)
                return dataclasses.replace(rule, cameo=act.cameo)
            intent = cameo.intent_of(act.cameo)
            if not rule.specificity:
                # A bare promise row ('agree', 030) names no act: the complement's own
                # intent is the promise ('agreed to sell F-16s': 0312; 'agreed to expel
                # diplomats': 1313, a threat), where it has one.
                if intent[:2] in {Root.INTENT, Root.THREATEN}:
                    return dataclasses.replace(rule, cameo=intent)
                continue
            if not rule.xcomp or not act.obj:
                continue  # an object row ('pledged troops to fight IS') names its act
            led = child.lemma_.lower() in OBJECT_LED_VERBS
            if (led and intent[:2] in {Root.INTENT, Root.THREATEN}) or _refines(intent, rule.cameo):
                return dataclasses.replace(rule, cameo=intent)
        return rule

    def _verbal(self, verb: Token, rule: Rule) -> Iterator[Draft]:
        # Asked to act, the agent of the act is the target: 'demanded the withdrawal of
        # Serbian forces', 'demanded a meeting of the Security Council'.
        roles = self._verb_roles(
            verb,
            asks=rule.cameo[:2] in {Root.APPEAL, Root.DEMAND},
            borrow=self._may_borrow(verb, rule),
        )
        if rule.cameo[:2] in TOPIC_ROOTS:
            # 'should cooperate closely against North Korea's threats': whom two sides act
            # against is no partner of talks or cooperation, nor what they are about ('share
            # intelligence on North Korea's missiles'); not so for yielding or promising
            # ('lifted sanctions against Iran', 'pledged to ease sanctions on Iran'), so a
            # promise to cooperate against someone keeps them (left to the model). Not the
            # preposition the rule names its target by ('called on Marcos': a visit).
            opposed = {f.actor for f in self._phrases(verb, {"against", "on"} - {rule.prep})}
            roles.targets = [f for f in roles.targets if f.actor not in opposed]
        if rule.prep and rule.prep not in TARGET_PREPS:
            # The rule names where its target is ('arrived in Amman'); look there too.
            extra = [
                f for c in verb.children if c.lower_ == rule.prep for f in self._pobj_actors(c)
            ]
            roles.targets = unique_found([*roles.targets, *extra])
        self.consumed.update(theme_tokens(verb))
        if not roles.targets and rule.cameo[:2] in CLAUSE_TARGET_ROOTS:
            # 'demanded that the US cancel ...': the addressee is the clause's subject.
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            roles.targets = [f for c in clauses for f in self._direct_subjects(c)]
            if rule.cameo[:2] == Root.THREATEN and not _others(roles):
                # 'warned that its forces would strike Israel': the speaker's own act.
                roles.targets = [f for c in clauses for f in self._verb_targets(c)]
        if not roles.targets and rule.cameo[:2] in IMPLICIT_TARGET_ROOTS:
            roles.targets = self._implicit_targets(roles.subjects)
        if not roles.targets and rule.cameo[:2] == Root.THREATEN:
            roles.targets = self._condition_subjects(verb)
        if rule.cameo[:2] in VIOLENCE_ROOTS:
            # 'sent troops to fight for Russia': whom one fights for is no target.
            allies = {
                f.actor.code
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for f in self._pobj_actors(c)
            }
            roles.targets = [f for f in roles.targets if f.actor.code not in allies]
            if not _others(roles):
                roles.targets = self.scenes.victims_at_scene(verb) or roles.targets
        if not roles.targets:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            # 'lifted the curfew in Baghdad': the scene may hang off the object.
            scene = self.scenes.scene(verb) or [f for o in objects for f in self.scenes.scene(o)]
            domestic(rule.cameo, roles, scene=scene, lemma=rule.lemma, has_object=bool(objects))
        yield from self._drafts(verb, rule, roles, nominal=False)

    def _obligation(self, verb: Token) -> Iterator[Draft]:
        """'Russia said that Sudan must return the helicopter': Russia demands of Sudan."""
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not any(
                c.dep_ == "aux" and c.lower_ == "must" for c in clause.children
            ):
                continue
            if epistemic(clause):
                continue  # 'Ukraine must have known': a guess, not an obligation
            targets = [f for c in clause.children if c.dep_ == "nsubj" for f in self.args.actors(c)]
            roles = Roles(subjects=self._direct_subjects(verb), targets=targets)
            yield from self._drafts(verb, OBLIGATION_RULE, roles, nominal=False)

    def _condition_subjects(self, verb: Token) -> list[Found]:
        """'threatened to launch an offensive unless Baghdad accepted': a threat's target."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        return [
            f
            for head in heads
            for clause in head.children
            if is_condition(clause)
            for f in self._direct_subjects(clause)
        ]

    def _implicit_targets(self, subjects: list[Found]) -> list[Found]:
        counterparts = [self.args.memory.counterpart(f.actor) for f in subjects]
        return [Found(actor, Via.DISCOURSE) for actor in counterparts if actor is not None]

    def _may_borrow(self, verb: Token, rule: Rule) -> bool:
        """Whether a verb with no target may take its complement's (see ``_verb_roles``).

        Help may, when what is helped is no coded act itself ('help rebuild Russia's
        Kursk region'); when it is, that act's target is the other side ('helped
        recapture the region from Ukrainian forces'). A bare promise may only where it
        covers its complement (``_covers``).
        """
        if _bare_promise(verb, rule):
            # 'Greece promised to veto Turkey's membership': the veto (planned 129) is aimed
            # at Turkey; the bare promise (030) is no cooperation with Turkey
            return self._covers(verb, rule)
        if rule.cameo[:2] != Root.AID:
            return True
        return not any(
            c.dep_ == "xcomp" and verb_lemma(c, self.lexicon.verbs) is not None
            for c in verb.children
        )

    def _verb_roles(self, verb: Token, *, asks: bool = False, borrow: bool = True) -> Roles:
        """Return a verb's subjects and targets.

        ``borrow``: with no target of its own, take its complement's ('threatened to cut
        off electricity to Nakhichevan').
        """
        subjects: list[Found] = []
        targets: list[Found] = []
        passive = False
        for child in verb.children:
            dep = child.dep_
            if dep in {"nsubj", "csubj"}:
                subjects = self.args.actors(child)
            elif dep == "nsubjpass":
                passive = True
                targets.extend(self.args.actors(child))
            elif dep == "agent":
                subjects = [
                    f for p in child.children if p.dep_ == "pobj" for f in self.args.actors(p)
                ]
        if not subjects:
            # 'Egypt and Qatar are mediating ...', parsed with the subject on the auxiliary
            subjects = [
                f
                for aux in verb.children
                if aux.dep_ in {"aux", "auxpass"}
                for child in aux.children
                if child.dep_ in {"nsubj", "csubj"}
                for f in self.args.actors(child)
            ]
        if not subjects and not passive and not self._own_noun_subject(verb):
            subjects = [Found(f.actor, Via.INHERITED) for f in self._controller(verb)]
        targets.extend(self._verb_targets(verb, asks=asks, subjects=subjects))
        borrowed = False
        if not targets and borrow:
            # 'threatened to cut off electricity to Nakhichevan': the complement's target.
            for child in verb.children:
                if child.dep_ == "xcomp" and child.pos_ == "VERB":
                    targets.extend(self._verb_targets(child, subjects=subjects))
            borrowed = bool(targets)
        if not targets:
            targets.extend(self._against(verb))
        return Roles(
            subjects=subjects, targets=unique_found(targets), passive=passive, borrowed=borrowed
        )

    def _verb_targets(
        self, verb: Token, *, asks: bool = False, subjects: Sequence[Found] = ()
    ) -> list[Found]:
        home = {f.actor.country for f in subjects if f.actor.country}
        found: list[Found] = []
        own: list[Found] = []  # 'recalled its ambassador': the subject's own, a last resort
        by_prep: list[Found] = []
        for child in verb.children:
            if child.dep_ == "dobj" and self._subject_owns(child, home):
                own.extend(self.args.actors(child))
            elif child.dep_ in {"dobj", "iobj", "oprd"}:
                found.extend(self.args.actors(child))
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                found.extend(self.args.actors(child))  # 'gave Russia weapons'
            elif child.dep_ in {"dative", "prep"} and child.lower_ in TARGET_PREPS:
                by_prep.extend(self._pobj_actors(child))  # 'sold arms to Russia'
        if by_prep:
            # 'slapped sanctions on U.S. firms over arms sales to Taiwan', 'filed a case
            # against Israel at the ICJ': whom the object is aimed at outranks a phrase the
            # parser hung on the verb
            found.extend(self._aimed_at(verb) or by_prep)
        if not found:
            for child in verb.children:
                if child.dep_ == "dobj":
                    for prep in child.children:
                        if prep.dep_ != "prep" or prep.lower_ not in OBJECT_TARGET_PREPS:
                            continue
                        if prep.lower_ == "of" and not asks and self._is_event_noun(child):
                            continue  # 'condemned the killing of Palestinians by ...'
                        if prep.lower_ == "from" and noun_lemma(child) in LEAVING_NOUNS:
                            continue  # 'the withdrawal of X from Ukraine': the place left
                        found.extend(self._pobj_actors(prep))
        if own:
            # 'recalled its ambassador from Iran': past the subject's own, a place of its own
            # ('expelled their diplomats from Moscow') is no target either
            found = [f for f in found if f.actor.country not in home] or own
        if not found:
            # 'welcomed the resumption of ties with Eriador': the object's theme's target.
            found = [
                f
                for child in verb.children
                if child.dep_ == "dobj"
                for f in self._theme_targets(child)
            ]
        return found

    def _aimed_at(self, verb: Token) -> list[Found]:
        """The actors a verb's object is aimed at: 'a case against X', and after 'on' for
        measures only ('sanctions on X'; not 'intelligence on Iran', what it is about)."""
        return [
            f
            for child in verb.children
            if child.dep_ == "dobj"
            for prep in child.children
            if prep.dep_ == "prep"
            and (
                prep.lower_ in AIMED_PREPS
                or (prep.lower_ == "on" and noun_lemma(child) in AIMED_MEASURES)
            )
            for f in self._pobj_actors(prep)
        ]

    def _subject_owns(self, noun: Token, home: set[str]) -> bool:
        """Whether a pronoun that stands for the subject owns the noun ('Pakistan recalled
        its ambassador'): the subject's own people, whom the act is seldom aimed at."""
        return bool(home) and any(
            child.dep_ == "poss"
            and child.pos_ == "PRON"
            and any(f.actor.country in home for f in self.args.actors(child))
            for child in noun.children
        )

    def _own_noun_subject(self, verb: Token) -> bool:
        """Whether an adverbial clause has a noun subject of its own that is no actor
        mention: 'after an Iranian strike killed two children' must not borrow the main
        clause's subject. A bare sector word ('after troops shelled Kharkiv') still does,
        and so does a conjoined verb ('Lithuania closed its border and Prime Minister Inga
        Ruginiene accused Minsk', a leader the gazetteer lacks)."""
        return verb.dep_ == "advcl" and any(
            c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} and self.args.span_at(c) is None
            for c in verb.children
        )

    def _is_event_noun(self, noun: Token) -> bool:
        """Whether a noun names an act (its 'of' is the victim, not the owner)."""
        acted_on = any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)
        return acted_on or noun.tag_ == "VBG" or noun_lemma(noun) in self.lexicon.nouns

    def _theme_targets(self, noun: Token) -> list[Found]:
        """Return the target hanging off a noun's 'of' theme ('suspension of links with X')."""
        return self._targets_two_preps_down(noun, frozenset({"of"}), THEME_TARGET_PREPS)

    def _against(self, verb: Token) -> list[Found]:
        """'mobilized reservists for a possible war against Iraq': who it is all against."""
        return self._targets_two_preps_down(verb, None, frozenset({"against"}))

    def _targets_two_preps_down(
        self, head: Token, outer: frozenset[str] | None, inner: frozenset[str]
    ) -> list[Found]:
        """Return the actors after an ``inner`` preposition on an ``outer`` one's object.

        ``outer`` None accepts any preposition of ``head``.
        """
        return [
            f
            for prep in head.children
            if prep.dep_ == "prep" and (outer is None or prep.lower_ in outer)
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for second in pobj.children
            if second.dep_ == "prep" and second.lower_ in inner
            for f in self._pobj_actors(second)
        ]

    def _phrases(self, verb: Token, preps: set[str]) -> list[Found]:
        """The actors of a verb's phrases of ``preps``, its complement's ('pledged to
        cooperate against the United States') and its object's ('share intelligence on
        North Korea's missiles')."""
        heads = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "dobj"})]
        return [
            f
            for head in heads
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for f in self._pobj_actors(c)
        ]

    def _pobj_actors(self, prep: Token) -> list[Found]:
        return [
            f for p in prep.children if p.dep_ in {"pobj", "pcomp"} for f in self.args.actors(p)
        ]

    def _controller(self, verb: Token, hops: int = 6) -> list[Found]:
        """Find the implied subject of a non-finite or conjoined verb.

        ``urged North Korea to cease``: object control; ``attempting to strengthen``,
        ``by supplying``, ``in a bid to acquire``: the subject of the governing verb.
        """
        current = verb
        for _ in range(hops):
            head, dep = current.head, current.dep_
            if head.i == current.i or dep not in CONTROL_DEPS:
                return []
            if dep == "xcomp":
                objects = [
                    f for c in head.children if c.dep_ == "dobj" for f in self.args.actors(c)
                ]
                if objects:
                    return objects
            if dep == "relcl":
                return self.args.actors(head)
            if dep == "prep" and current.lower_ in OBJECT_LED_PREPS and head.pos_ == "VERB":
                # 'praised Kenya for signing a deal', 'warned Ethiopia against signing': the
                # object does what the -ing form says
                objects = [
                    f for c in head.children if c.dep_ == "dobj" for f in self.args.actors(c)
                ]
                if objects:
                    return objects
            subjects = self._direct_subjects(head) if head.pos_ in {"VERB", "AUX"} else []
            if not subjects and dep == "xcomp" and head.lemma_.lower() in PASSIVE_CONTROL_VERBS:
                # 'Russia was forced to withdraw', 'are expected to sign': the passive
                # verb's subject is its complement's (not 'is said to have sent', 'was
                # told to withdraw')
                subjects = [
                    f for c in head.children if c.dep_ == "nsubjpass" for f in self.args.actors(c)
                ]
            # A pronoun resolved from earlier sentences is too weak to pass down a chain.
            subjects = [f for f in subjects if f.via is not Via.DISCOURSE]
            if subjects:
                return subjects
            current = head
        return []

    def _warns_of(self, verb: Token) -> bool:
        """Whether a warning is about what someone else may do, not a threat of one's own.

        'The US warned that Russia could invade Ukraine': the content is another country's
        coded act, so it is no US threat; the invasion is coded on its own, as speculative.
        'Iran warned that it would retaliate' and 'warned that the US would pay a heavy
        price' stay threats.
        """
        speaker = {f.actor.country for f in self._direct_subjects(verb) if f.actor.country}
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if self._rule_for(clause) is None:
                continue  # 'warned that the US would pay a heavy price': a threat
            subject = subject_of(clause)
            found = self.args.actors(subject) if subject is not None else []
            content = {f.actor.country for f in found if f.actor.country}
            if speaker and content and content.isdisjoint(speaker):
                return True
        return False

    def _direct_subjects(self, verb: Token) -> list[Found]:
        for child in verb.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return self.args.actors(child)
        return []

    # -- nominal predicates ------------------------------------------------------------

    def _nominal(self, noun: Token) -> Iterator[Draft]:
        lemma = noun.lemma_.lower()
        if lemma in PLURAL_ACT_NOUNS and noun.tag_ != "NNS":
            return  # 'Ankara's hostility toward Sisi': an attitude, not 'hostilities'
        rule = self.lexicon.match(self.lexicon.nouns[lemma], noun_frame(noun))
        if rule is None or commemorated(noun) or since_recalled(noun):
            return  # 'the 60th anniversary of their 1965 treaty': history recalled
        roles = self._noun_roles(noun)
        if not roles.targets:
            domestic(rule.cameo, roles, scene=[])
        yield from self._drafts(noun, rule, roles, nominal=True)

    def _noun_roles(self, noun: Token) -> Roles:
        subjects: list[Found] = []
        targets: list[Found] = []
        for child in noun.children:
            if child.dep_ in NOMINAL_SOURCE_DEPS:
                subjects.extend(self.args.actors(child, with_conjuncts=False))
            elif child.dep_ == "prep" and child.lower_ in {"between", "by"}:
                subjects.extend(self._pobj_actors(child))
            elif child.dep_ == "prep" and child.lower_ in NOMINAL_TARGET_PREPS:
                targets.extend(self._pobj_actors(child))
            elif child.dep_ == "prep" and child.lower_ == "from":
                subjects.extend(self._pobj_actors(child))
        if not targets:
            targets = self._theme_targets(noun)  # 'the suspension of air links with Serbia'
        if (
            not subjects
            and noun.dep_ in {"dobj", "attr"}
            and noun.head.lemma_.lower() in LIGHT_VERBS
        ):
            subjects = [Found(f.actor, Via.INHERITED) for f in self._direct_subjects(noun.head)]
        return Roles(subjects=unique_found(subjects), targets=unique_found(targets))

    # -- shared ------------------------------------------------------------------------

    def _drafts(self, pred: Token, rule: Rule, roles: Roles, *, nominal: bool) -> Iterator[Draft]:
        if rule.cameo[:2] not in VIOLENCE_ROOTS:
            # Sites are targets of violence only: a misattached 'missiles supplied by North
            # Korea at targets in Ukraine' is no supply to Ukraine.
            roles.targets = [f for f in roles.targets if f.via is not Via.SITE]
        if rule.cameo[:2] not in FORCE_OR_THREAT_ROOTS:
            # Towns named like people are targets of force or its threat alone ('shelled
            # Kobani', 'threatened to attack Kobani'): 'Putin met Kim' is no meeting with
            # Kim, Gujarat.
            roles.targets = [f for f in roles.targets if f.via is not Via.NAMESAKE]
        modality = modality_of(pred, sentence=self.sentence)
        code = cameo.intent_of(rule.cameo) if modality is Modality.PLANNED else rule.cameo
        trigger = trigger_text(pred, nominal=nominal)
        kind = pairing(rule, roles, reciprocal=_reciprocal(pred))
        if (
            kind is Pairing.SYMMETRIC
            and _promise_row(pred, rule)
            and (aimed_promise(roles) or rule.cameo[:2] == Root.THREATEN)
        ):
            # a threat taken from the complement ('agreed to expel') is never mutual
            kind = Pairing.FORWARD
        for source, target in pairs(roles, kind):
            if not distinct(source.actor, target.actor) and not state_and_its_people(
                source.actor, target.actor
            ):
                continue  # 'Russia ... Moscow': one country's two words
            yield Draft(
                source=source.actor,
                target=target.actor,
                cameo=code,
                trigger=trigger,
                modality=modality,
                confidence=confidence(
                    rule,
                    source,
                    target,
                    nominal=nominal,
                    sent_len=len(pred.sent),
                    modality=modality,
                ),
                nominal=nominal,
                trigger_start=pred.idx - pred.sent.start_char,
                clause=clause_text(pred),
                symmetric=kind is Pairing.SYMMETRIC,
            )


def _background(verb: Token) -> bool:
    """Whether a verb tells background: what a 'since' measures from, a habit, an act some
    days before the one beside it, or a description of a party (``clauses``)."""
    return since_recalled(verb) or background(verb)


def _about_a_match(sent: Span) -> bool:
    """Whether a noun of ``sent`` names a match ('cup', 'final', 'wicket'): its
    ``CONTEST_VERBS`` then tell a result, not violence."""
    return any(t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in CONTEST_WORDS for t in sent)


def _reciprocal(pred: Token) -> bool:
    """Tell whether the predicate's objects say 'each other' or 'one another'."""
    for child in pred.children:
        if child.dep_ not in {"dobj", "dative", "prep", "nsubjpass", "attr"}:
            continue
        words = [t.lower_ for t in child.subtree]
        pairs = itertools.pairwise(words)
        if any(pair in {("each", "other"), ("one", "another")} for pair in pairs):
            return True
    return False


def _others(roles: Roles) -> list[Found]:
    """Return the targets that are not the subjects themselves ('killed ... themselves')."""
    own = {f.actor.code for f in roles.subjects}
    return [f for f in roles.targets if f.actor.code not in own]
