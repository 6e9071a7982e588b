"""Where an act happens, and whom violence hits when a text names only the place.

The scene is the town or country after a locative preposition of a predicate (or of its
object): 'lifted a curfew in X', 'rioted at a jail in northern X'. Violence against
people or sites the text does not place itself takes the scene's civilians or place:
'killed 23 people in Tel Aviv', 'shelled villages near Kharkiv'.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyadwatch.extract.arguments import (
    COLLECTIVE_HEADS,
    SITE_NOUNS,
    SITE_PREPS,
    Arguments,
    Found,
    Via,
    is_ethnic,
)
from dyadwatch.extract.lemmas import noun_lemma
from dyadwatch.extract.lexicon import Lexicon, word_table
from dyadwatch.extract.roles import is_place, sector_actor
from dyadwatch.ontology import Root

_WORDS = word_table("roles.tsv")
SCENE_PREPS = frozenset({"in", "at", "throughout", "across", "inside"})
# Violence (CAMEO 18-20) against people or sites the text does not place itself: 'killed
# 23 people in Tel Aviv', 'shelled villages near Kharkiv', 'killed ethnic Albanians in a
# gunbattle in Serbia'. The victims are the people, the site the place, of the scene.
VIOLENCE_ROOTS = frozenset({Root.ASSAULT, Root.FIGHT, Root.MASS_VIOLENCE})
ATTACK_CLASSES = frozenset({"ATTACK", "AIRSTRIKE", "SHELLING", "WEAPON"})
REGION_NOUNS = SITE_NOUNS | _WORDS["REGION_NOUNS"]
PEOPLE_NOUNS = _WORDS["PEOPLE_NOUNS"]


@dataclass(frozen=True, slots=True)
class Scenes:
    """Find scenes and placed victims with a sentence's arguments and the lexicon."""

    args: Arguments
    lexicon: Lexicon

    def scene(self, verb: Token, preps: frozenset[str] = SCENE_PREPS) -> list[Found]:
        """Return the countries named as where the act happens (or where a noun is).

        'lifted a curfew in X', 'rioted at a jail in northern X': the place, or the place
        of the place, after a locative preposition of the verb.
        """
        found: list[Found] = []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            found.extend(self.places_after(prep))
            for pobj in prep.children:
                # 'in the annexed regions of Ukraine': 'of' only after a word for a region
                region = pobj.lemma_.lower() in REGION_NOUNS
                inner_preps = preps - {"at"} | ({"of"} if region else set())
                for inner in pobj.children:
                    if inner.dep_ == "prep" and inner.lower_ in inner_preps:
                        found.extend(self.places_after(inner))
        return found

    def victims_at_scene(self, verb: Token) -> list[Found]:
        """Return the scene's civilians or places for unplaced victims or sites of violence."""
        if not self.can_attack(verb):
            return []  # 'a Russian plane crash killed 40 passengers in Kazakhstan'
        victim_deps = {"dobj", "nsubjpass"}  # 'civilians were killed by shelling in X'
        objects = [
            counted(o) for c in verb.children if c.dep_ in victim_deps for o in (c, *c.conjuncts)
        ]
        people = any(self.unplaced_people(o) for o in objects)
        sites = any(o.lemma_.lower() in SITE_NOUNS and not self.args.actors(o) for o in objects)
        if not (people or sites):
            return []
        preps = SCENE_PREPS | SITE_PREPS
        # '... when they blew themselves up in Tel Aviv': the scene of the same moment.
        moments = [c for c in verb.children if c.dep_ == "advcl" and mark(c) == "when"]
        scene = [
            f
            for o in (*objects, verb, *moments)
            for f in self.scene(o, preps)
            if f.actor.country and f.via in {Via.PLACE, Via.DIRECT}  # not 'Palestinian uprising'
        ]
        countries = list(dict.fromkeys(f.actor.country for f in scene))
        if len(countries) != 1:
            return []  # no scene, or several: whose people is not said
        if people:
            return [Found(sector_actor(countries[0], "CVL"), Via.PLACE)]
        return scene[:1]

    def can_attack(self, verb: Token) -> bool:
        """Whether the verb's subject is an actor or an attack, not an accident or storm.

        'Russian troops', 'Israeli strikes' and 'Russian shelling' can be the source of
        violence; 'a Russian plane crash' or 'Indian monsoon rains' only take a country
        from a word before them.
        """
        clause, head = verb, subject_of(verb)
        # 'a Chinese ferry sank, killing 12 people': the subject of the governing clause.
        while head is None and clause.dep_ in {"advcl", "xcomp", "conj"}:
            clause = clause.head
            head = subject_of(clause)
        if head is None or head.pos_ == "PRON" or self.args.span_at(head) is not None:
            return True
        return self.lexicon.in_class([noun_lemma(head)], ATTACK_CLASSES)

    def unplaced_people(self, noun: Token) -> bool:
        """'23 people', 'ethnic Albanians': people the phrase itself gives no country."""
        if self.args.actors(noun, with_conjuncts=False):
            return False
        return is_ethnic(noun) or noun.lemma_.lower() in PEOPLE_NOUNS

    def places_after(self, prep: Token) -> list[Found]:
        """Return the town ('Baghdad', a capital too) or country a preposition names."""
        found: list[Found] = []
        pobjs = [p for c in prep.children if c.dep_ == "pobj" for p in (c, *c.conjuncts)]
        for pobj in pobjs:  # 'in Kharkiv and Minsk': both
            place = self.args.places.get(pobj.i)
            if place is not None:
                found.append(Found(place, Via.PLACE))
            else:
                found.extend(f for f in self.args.actors(pobj, with_conjuncts=False) if is_place(f))
        return found


def counted(noun: Token) -> Token:
    """'hundreds of people' -> 'people': the head a quantity counts."""
    if noun.lemma_.lower() not in COLLECTIVE_HEADS:
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return noun


def subject_of(clause: Token) -> Token | None:
    """Return a clause's subject noun, or its passive agent ('killed by shelling')."""
    for child in clause.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ in {"pobj", "pcomp"}), None)
    return None


def mark(clause: Token) -> str:
    return next((c.lower_ for c in clause.children if c.dep_ in {"mark", "advmod"}), "")
