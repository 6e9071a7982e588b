"""Find the actors that fill a predicate's roles (source, target) in the dependency parse.

Works on tokens and the actor spans pinned by the ``dyadwatch_actors`` component:
conjoined actors ("Russia and North Korea"), sector words with their country ("officials
of Russia"), relative pronouns ("the weapons that North Korea ..."), controlled subjects
("urged North Korea to cease"), passive agents ("... by Iran") and, through the
``Discourse`` memory, references across sentences ("the two countries", "it").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from spacy.tokens import Token

from dyadwatch.actors import MentionKind
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.extract.lexicon import word_table
from dyadwatch.records import Actor, ActorKind

_WORDS = word_table("roles.tsv")

RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
COLLECTIVE_HEADS = _WORDS["COLLECTIVE_HEADS"]
# Agents that belong to the country they are in ('demonstrators in Baghdad', 'students
# throughout Indonesia'); troops, officials or refugees in a country are often foreign.
RESIDENT_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "HLH", "COP"})
LOCATIVE_PREPS = frozenset({"in", "throughout", "across", "inside"})
# Sites an action is aimed at: as an object they stand for whom they are for ('a camp for
# Congolese refugees') or else for the country they are in ('fired at targets in Jericho',
# 'shelled villages near Kharkiv'), as a town named as the object does.
SITE_NOUNS = _WORDS["SITE_NOUNS"]
SITE_PREPS = frozenset({"in", "near", "around", "outside", "inside", "across"})
PLACE_ROLE_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
SITE_ROLE_DEPS = PLACE_ROLE_DEPS | {"nsubjpass"}
# 'nmod': the title before a name ('U.S. Secretary of State Warren Christopher').
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
# Prepositions whose object is a target of the action ("supplied arms to Russia").
TARGET_PREPS = frozenset(
    {
        "to",
        "with",
        "against",
        "on",
        "at",
        "toward",
        "towards",
        "into",
        "upon",
        "onto",
        "over",
        "from",
        "for",
    }
)
PAIR_HEADS = _WORDS["PAIR_HEADS"]
PAIR_PEOPLE = _WORDS["PAIR_PEOPLE"]
CIVILIANS = Actor(code="CVL", country="", sector="CVL", name="civilians", kind=ActorKind.AGENT)
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PERSON_PRONOUNS = frozenset({"he", "his", "him", "she", "her", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "themselves"})


class Via(StrEnum):
    """How an actor was found for a role."""

    DIRECT = "direct"  # named
    MODIFIER = "modifier"  # the country of an unknown head ('Russian warplanes'), or apposition
    PEOPLE = "people"  # the country before a people's name ('Iraqi Kurds')
    INHERITED = "inherited"  # from a governing verb
    DISCOURSE = "discourse"  # an earlier sentence
    PLACE = "place"  # a town's country
    # a small town named like a person: 'struck Kobani', but 'Putin met Kim' is no meeting
    # with India (Kim, Gujarat); a target of force or its threat only
    NAMESAKE = "namesake"
    SITE = "site"  # whom a site is for, or where it is ('targets in Jericho'; violence only)
    IMPLICIT = "implicit"  # a default role, as a protest's own government


@dataclass(frozen=True, slots=True)
class Found:
    """An actor found for a role, and how (``Via``)."""

    actor: Actor
    via: Via = Via.DIRECT


@dataclass(slots=True)
class Discourse:
    """What earlier sentences of the article said, for cross-sentence references."""

    pair: tuple[Actor, Actor] | None = None
    country: Actor | None = None
    person: Actor | None = None
    pair_age: int = 0
    pair_coded: bool = True  # the last pair were the sides of a coded act
    named: Counter[str] = field(default_factory=Counter)  # mentions of each country so far

    def count(self, actors: Iterable[Actor]) -> None:
        """Record the countries a sentence names (its mentions, each once a mention)."""
        self.named.update(
            actor.country
            for actor in actors
            if actor.country and actor.kind not in {ActorKind.IGO, ActorKind.NSA}
        )

    def pair_phrase(self) -> tuple[Actor, Actor] | None:
        """Return the pair 'the two countries' or 'both sides' means: the last pair named,
        unless that pair were only two countries joined by 'and' (not the sides of a coded
        act) and share no country with the pair the article is about (``main_pair``):
        'China and Saudi Arabia called for restraint. The UN urged both countries' in a
        story of India and Pakistan. A mediator named often does not displace the last pair
        ('the two sides' of talks in Baghdad are Saudi Arabia and Iran), nor does the story
        displace a pair just coded ('US and Chinese negotiators held talks. The two
        countries agreed')."""
        main = self.main_pair()
        if main is None or (
            self.pair is not None
            and (self.pair_coded or {a.country for a in self.pair} & {a.country for a in main})
        ):
            return self.pair
        return main

    def main_pair(self) -> tuple[Actor, Actor] | None:
        """Return the two countries the article has named most so far, each at least twice
        and each more often than any third: the pair the story is about."""
        ranked = self.named.most_common(3)
        if len(ranked) < 2 or ranked[1][1] < 2:
            return None
        if len(ranked) > 2 and ranked[2][1] == ranked[1][1]:
            return None
        first, second = (
            Actor(code=code, country=code, kind=ActorKind.COUNTRY) for code, _ in ranked[:2]
        )
        return first, second

    def remember(
        self, subject: Actor | None, pair: tuple[Actor, Actor] | None, *, coded: bool = True
    ) -> None:
        """Record the main subject and the last pair of a sentence; ``coded`` when the pair
        are the two sides of a coded act, not two countries joined by 'and'."""
        self.pair_age += 1
        if pair is not None and pair[0].country != pair[1].country:
            self.pair = pair
            self.pair_coded = coded
            self.pair_age = 0
        if subject is not None:
            if subject.kind is ActorKind.PERSON:
                self.person = subject
            else:
                self.country = subject

    def counterpart(self, actor: Actor) -> Actor | None:
        """Return the other side of the previous sentence's pair, if ``actor`` is one side."""
        if self.pair is None or self.pair_age > 1 or not actor.country:
            return None
        first, second = self.pair
        if first.country == actor.country:
            return second
        if second.country == actor.country:
            return first
        return None


@dataclass(slots=True)
class Arguments:
    """Actor look-ups over one Doc's tokens."""

    tok2span: dict[int, ActorSpan]
    memory: Discourse
    places: dict[int, Actor] = field(default_factory=dict)
    namesakes: frozenset[int] = frozenset()  # place tokens whose one word is a person's name

    def span_at(self, token: Token) -> ActorSpan | None:
        """Return the actor span covering ``token``, if any."""
        return self.tok2span.get(token.i)

    def actors(self, token: Token, *, with_conjuncts: bool = True) -> list[Found]:
        """Return the actors named by the noun phrase headed by ``token``."""
        found = self._head_actors(token)
        found.extend(self._conjoined_modifiers(token, found))
        if with_conjuncts and token.dep_ != "conj":
            for conj in token.conjuncts:
                if conj.i > token.i:
                    found.extend(self._head_actors(conj))
        return unique_found(found)

    def _conjoined_modifiers(self, token: Token, found: list[Found]) -> list[Found]:
        """'Chinese and Philippine diplomats': one sector word, several countries."""
        if len(found) != 1 or found[0].actor.kind is not ActorKind.AGENT:
            return []
        head = found[0].actor
        extra: list[Found] = []
        for child in token.children:
            if child.dep_ not in {"amod", "compound"}:
                continue
            for modifier in (child, *child.conjuncts):
                span = self.span_at(modifier)
                if span is not None and span.actor.country and span.actor.country != head.country:
                    agent = Actor(code=head.sector, country="", sector=head.sector, name=head.name)
                    extra.append(Found(combine(span.actor, agent), found[0].via))
        return extra

    def _head_actors(self, token: Token) -> list[Found]:
        span = self.span_at(token)
        if span is not None:
            if span.actor.kind is ActorKind.COUNTRY and token.tag_ in {"NNPS", "NNS"}:
                people = self._population(token, span.actor)
                if people is not None:
                    return people
            if span.actor.country or span.kind is not MentionKind.AGENT:
                return [Found(span.actor)]
            owners = self._owners(token)
            if owners:
                return [Found(combine(o.actor, span.actor), o.via) for o in owners]
            # 'the two leaders', 'both armies': a sector word for each side of the last pair
            # ('two soldiers' is a count, not the pair)
            pair = self._pair_phrase(token, definite=True)
            return [Found(combine(f.actor, span.actor), f.via) for f in pair]
        lower = token.lower_
        if token.pos_ == "PRON" or lower in RELATIVE_PRONOUNS:
            return self._pronoun(token)
        if lower in PAIR_HEADS or token.lemma_ in PAIR_HEADS:
            pair = self._pair_phrase(token)
            if pair:
                return pair
        elif token.lemma_.lower() in PAIR_PEOPLE and self._people_pair():
            pair = self._pair_phrase(token, definite=True)
            if pair:
                return pair
        modified = self._modifier_actor(token) or self._apposed(token) or self._agent_head(token)
        if modified:
            return modified
        if token.lemma_.lower() in COLLECTIVE_HEADS:
            # 'a group of Moroccan diplomats', 'members of the delegation of X'
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    found = [f for p in child.children if p.dep_ == "pobj" for f in self.actors(p)]
                    if found:
                        return found
        if token.lemma_.lower() in SITE_NOUNS and token.dep_ in SITE_ROLE_DEPS:
            return self._site(token)
        # A town stands for its country only as the object of the action ('shelled
        # Kherson'); as a subject a place name is more often a person ('Kim').
        place = self.places.get(token.i)
        if place is None or token.dep_ not in PLACE_ROLE_DEPS or token.pos_ != "PROPN":
            return []
        return [Found(place, Via.NAMESAKE if token.i in self.namesakes else Via.PLACE)]

    def _population(self, token: Token, demonym: Actor) -> list[Found] | None:
        """Place a people where the text says they live, not in their namesake country.

        'the Albanians of southern Serbia', 'ethnic Albanians in Serbia': Serbia's
        civilians. 'In' places only an ethnic group ('Israelis in Gaza' may be hostages);
        an ethnic group with no place named stays unresolved ('ethnic Turks').
        Returns None when the words name the country's people as usual ('Palestinians').
        """
        ethnic = is_ethnic(token)
        homes_preps = {"of", *LOCATIVE_PREPS} if ethnic else {"of"}
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in homes_preps:
                continue
            for pobj in prep.children:
                homes = [
                    f.actor
                    for f in (self._head_actors(pobj) if pobj.dep_ == "pobj" else [])
                    if f.actor.country and f.actor.country != demonym.country
                ]
                if homes:
                    return [Found(combine(homes[0], CIVILIANS))]
        return [] if ethnic else None

    def _modifier_actor(self, token: Token, depth: int = 0) -> list[Found]:
        """An unknown head takes the actor of its modifiers.

        'Zimbabwean Prime Minister Robert Mugabe' (a name the gazetteer lacks),
        'Serbia's suppression', 'a U.S. request', 'Russian warplanes'.
        """
        for child in token.children:
            if child.dep_ not in MODIFIER_DEPS or child.i > token.i:
                continue
            span = self.span_at(child)
            usable = span is not None and (span.actor.country or span.kind is not MentionKind.AGENT)
            if span is not None and usable and (span.end <= token.i or span.start > token.i):
                # 'Iraqi Kurds': a country before the name of a people (a plural proper
                # noun); 'Japanese shares', 'Russian warplanes': before anything else.
                people = token.pos_ == "PROPN" and token.tag_ == "NNPS"
                return [Found(span.actor, Via.PEOPLE if people else Via.MODIFIER)]
            if depth < 2 and child.dep_ in {"compound", "nmod"}:
                # 'a U.S. Navy ship'; 'an Iranian missile and drone strike'
                found = self._modifier_actor(child, depth + 1)
                if found:
                    return found
        return []

    def _agent_head(self, token: Token) -> list[Found]:
        """'Opposition groups in Zimbabwe': a sector word before a plain noun is the actor."""
        for child in token.children:
            span = self.span_at(child) if child.dep_ == "compound" else None
            if span is None or span.kind is not MentionKind.AGENT or span.actor.country:
                continue
            owner = self._owner(token, sector=span.actor.sector)
            if owner is not None:
                return [Found(combine(owner.actor, span.actor), owner.via)]
        return []

    def _site(self, token: Token) -> list[Found]:
        """Whom a site is for ('a camp for Congolese refugees'), else the country it is in."""
        preps = [c for c in token.children if c.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ == "for":
                found = [f for p in prep.children if p.dep_ == "pobj" for f in self.actors(p)]
                if found:
                    return found
        for prep in preps:
            if prep.lower_ not in SITE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                place = self.places.get(pobj.i)
                if place is not None:
                    return [Found(place, Via.SITE)]
                # A country named, not one modifying a word ('near the Chadian border').
                found = self._head_actors(pobj)
                countries = [f for f in found if not f.actor.sector and f.via is Via.DIRECT]
                if countries:
                    return [Found(f.actor, Via.SITE) for f in countries]
        return []

    def _apposed(self, token: Token) -> list[Found]:
        """An unknown name takes the actor of its apposition ('Kofi Annan, UN chief')."""
        if token.pos_ != "PROPN":
            return []  # 'its neighbour, Eritrea' is a reference, not a name
        for child in token.children:
            span = self.span_at(child) if child.dep_ == "appos" else None
            if span is None:
                continue
            if span.actor.country or span.kind is not MentionKind.AGENT:
                return [Found(span.actor, Via.MODIFIER)]
            owner = self._owner(child)  # 'Sidhoum, Algeria's leading human rights activist'
            if owner is not None:
                return [Found(combine(owner.actor, span.actor), Via.MODIFIER)]
        return []

    def _owner(self, token: Token, *, sector: str = "") -> Found | None:
        """Find the country that owns a sector word: 'Russia's army', 'officials of Russia'."""
        owners = self._owners(token, sector=sector)
        return owners[0] if owners else None

    def _owners(self, token: Token, *, sector: str = "") -> list[Found]:
        """Find the countries that own a sector word: one ('Russia's army', 'officials of
        Russia'), or a pair ('foreign ministers from the two countries')."""
        span = self.span_at(token)
        resident = (sector or (span.actor.sector if span else "")) in RESIDENT_SECTORS
        for child in token.children:
            if child.dep_ in OWNER_DEPS:
                found = self._head_actors(child)
                if found:
                    return _one_or_pair(child, found)
                place = (
                    self.places.get(child.i)
                    if child.dep_ in MODIFIER_DEPS and child.i not in self.namesakes
                    else None
                )
                if place is not None and child.pos_ == "PROPN":
                    return [Found(place, Via.PLACE)]  # 'Darfur rebels', 'Kherson officials'
            preps = {"of", "from", *(LOCATIVE_PREPS if resident else ())}
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self._head_actors(pobj)
                        if found:
                            return _one_or_pair(pobj, found)
        return []

    def _pronoun(self, token: Token) -> list[Found]:
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ in {"relcl", "acl"}:
            return [Found(f.actor, Via.INHERITED) for f in self.actors(token.head.head)]
        if token.dep_ == "expl":
            return []
        if lower in SINGULAR_PRONOUNS or lower in PERSON_PRONOUNS:
            # 'Syria says it is willing to ...': a subject earlier in the same sentence is
            # as good as inherited; one from an earlier sentence is weaker (discourse).
            person = lower not in SINGULAR_PRONOUNS
            actor = self._preceding(token, person=person)
            if actor is not None:
                return [Found(actor, Via.INHERITED)]
            actor = self.memory.person if person else self.memory.country
            if (
                not person
                and actor is not None
                and actor.country in self._own_subject_countries(token)
            ):
                return []  # 'Russia, Syria and North Korea opposed it': not North Korea
            return [Found(actor, Via.DISCOURSE)] if actor else []
        if lower in PLURAL_PRONOUNS:
            # 'Iran and Syria said they would ...': the group that spoke, else the last pair.
            group = self._preceding_group(token)
            if group:
                return [Found(f.actor, Via.INHERITED) for f in group]
            if self.memory.pair:
                return [Found(a, Via.DISCOURSE) for a in self.memory.pair]
        return []

    def _preceding(self, token: Token, *, person: bool) -> Actor | None:
        """Return the nearest earlier subject actor in the same sentence.

        An object pronoun is never its own clause's subject ('Azerbaijan may attack it':
        'it' is not Azerbaijan; that would be 'itself').
        """
        own = _own_subject_tokens(token)
        for left in reversed(range(token.sent.start, token.i)):
            span = self.tok2span.get(left)
            if span is None or not span.actor.country or left in own:
                continue
            is_person = span.actor.kind is ActorKind.PERSON
            if is_person == person and token.doc[left].dep_ in {"nsubj", "nsubjpass", "compound"}:
                return span.actor
        return None

    def _own_subject_countries(self, token: Token) -> set[str]:
        """The countries of an object pronoun's own clause's subject, which it cannot be."""
        return {
            span.actor.country
            for i in _own_subject_tokens(token)
            if (span := self.tok2span.get(i)) is not None and span.actor.country
        }

    def _preceding_group(self, token: Token) -> list[Found]:
        """Return the nearest earlier subject of the sentence that is plural.

        Plural: conjoined actors ('Iran and Syria') or a group word ('Palestinian
        leaders'); a single country ('Russia said they ...') is not what 'they' means.
        """
        for left in reversed(range(token.sent.start, token.i)):
            subject = token.doc[left]
            if subject.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            if subject.left_edge.i <= token.i <= subject.right_edge.i:
                continue  # 'Thousands of them': the phrase that holds the pronoun itself
            found = [f for f in self.actors(subject) if f.actor.country]
            if len(found) > 1 or (found and found[0].actor.kind is ActorKind.AGENT):
                return found
        return []

    def _people_pair(self) -> bool:
        """Whether the last pair, named in one of the two sentences before, is two people
        resolved as such ('Shoigu met Kim ... The two men discussed'): 'the two men' never
        stands for two countries, nor for a pair named further back. (A pair named by a
        title or as a counterpart, 'met his Turkish counterpart', is not taken.)"""
        pair = self.memory.pair
        return (
            pair is not None
            and self.memory.pair_age <= 1
            and all(actor.kind is ActorKind.PERSON for actor in pair)
        )

    def _pair_phrase(self, token: Token, *, definite: bool = False) -> list[Found]:
        """Resolve 'the two countries', 'both leaders' to a pair (``Discourse.pair_phrase``);
        ``definite``: only 'the two ...' or 'both ...' of a plural word ('two soldiers' is a
        count)."""
        quantifiers = {c.lower_ for c in token.children if c.dep_ in {"nummod", "det", "predet"}}
        if not quantifiers & {"two", "both"}:
            return []
        if definite and not (
            token.tag_ in {"NNS", "NNPS"} and ("both" in quantifiers or "the" in quantifiers)
        ):
            return []
        pair = self.memory.pair_phrase()
        return [Found(a, Via.DISCOURSE) for a in pair] if pair is not None else []


def _one_or_pair(owner: Token, found: list[Found]) -> list[Found]:
    """The first owner found, or both sides of the last pair ('the two countries'), which
    own a sector word together."""
    if len(found) == 2 and all(f.via is Via.DISCOURSE for f in found) and _is_pair(owner):
        return found
    return found[:1]


def _is_pair(token: Token) -> bool:
    """'the two countries', 'their two nations', 'both sides'; not a count ('two
    countries')."""
    words = {c.lower_ for c in token.children if c.dep_ in {"nummod", "det", "predet", "poss"}}
    return "both" in words or ("two" in words and bool(words - {"two"}))


def combine(owner: Actor, agent: Actor) -> Actor:
    """Give a sector word its country: (Russia, troops) → RUSMIL."""
    country = owner.country
    sector = agent.sector
    if owner.kind in {ActorKind.IGO, ActorKind.NSA}:
        return owner
    return Actor(
        code=f"{country}{sector}",
        country=country,
        sector=sector,
        name=f"{owner.name} {agent.name}".strip(),
        kind=ActorKind.AGENT,
    )


def is_ethnic(noun: Token) -> bool:
    """Whether a people's name is qualified as ethnic ('ethnic Albanians')."""
    return any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in noun.children)


def unique_found(found: list[Found]) -> list[Found]:
    """Drop repeated actors (by code), keeping the first way each was found."""
    seen: set[str] = set()
    unique: list[Found] = []
    for item in found:
        if item.actor.code not in seen:
            seen.add(item.actor.code)
            unique.append(item)
    return unique


def _own_subject_tokens(token: Token) -> set[int]:
    """Return the token indices of an object pronoun's own clause's subject (none for a
    subject or possessive pronoun)."""
    if token.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return set()
    return {
        t.i
        for sibling in _clause_of(token).children
        if sibling.dep_ in {"nsubj", "nsubjpass"}
        for t in sibling.subtree
    }


def _clause_of(token: Token) -> Token:
    """Return the word whose clause an argument belongs to: its head, or the head of its
    preposition ('voted against it': 'voted')."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in {"prep", "agent"} and head.head.i != head.i:
        return head.head
    return head
