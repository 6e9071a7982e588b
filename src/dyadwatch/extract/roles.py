"""Pair the actors found around a predicate into (source, target), filling unnamed roles.

Most events name both sides. CAMEO's practice fills two kinds that do not: a domestic
protest is against the protesters' own government and an eased curfew is eased for the
country's people (``domestic``); two countries pledging with no one else named pledge to
each other (``pairing``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.extract.arguments import Found, Via
from dyadwatch.extract.drafts import party
from dyadwatch.extract.lexicon import Pairing, Rule, word_table
from dyadwatch.ontology import Root
from dyadwatch.records import Actor, ActorKind

_WORDS = word_table("roles.tsv")

# Sectors of the state: never the source of a protest.
STATE_SECTORS = frozenset({"GOV", "MIL", "ELI", "JUD", "LEG", "SPY", "COP", "PTY"})
# CAMEO's practice for domestic events with no named target: a protest is against the
# protesters' own government; an eased curfew or state of emergency is eased for the
# country's own people. Code prefix -> sector of the implied target.
DOMESTIC_TARGETS = {Root.PROTEST: "GOV", "081": "CVL", "1723": "CVL", "1724": "CVL"}
# Who may protest: civilians, opposition, workers, students, doctors, refugees, farmers,
# clergy, aid groups (and a people named as such).
PROTEST_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "HLH", "REF", "AGR", "REL", "NGO"})
# Marches and rallies are protests only with a target named ('marched in a parade').
UNAIMED_PROTESTS = _WORDS["UNAIMED_PROTESTS"]
# Who may ease or impose a curfew with no one named: the state's civilian arms, not troops
# or police.
CIVIL_STATE_SECTORS = frozenset({"GOV", "ELI", "LEG", "JUD"})
# Verbs whose conjoined subjects, with no object, act towards each other.
RECIPROCAL_VERBS = _WORDS["RECIPROCAL_VERBS"]


@dataclass(slots=True)
class Roles:
    """Actors found around a predicate."""

    subjects: list[Found]
    targets: list[Found]
    passive: bool = False
    borrowed: bool = False  # the targets are the complement's ('agreed to expel Russia's envoy')


def aimed_promise(roles: Roles) -> bool:
    """Whether a mutual promise row ('agree' 030, sym) is aimed at a target borrowed from
    its complement: 'Canada agreed to expel Russian diplomats' and 'Ethiopia and Somalia
    agreed to expel Eritrean diplomats' are aimed at Russia and Eritrea, which agreed to
    nothing; so is one side's ('Santiago agreed to dismantle them', the navy's panels). Not
    two sides where the complement's target is one of them ('Ethiopia and Somalia agreed
    to set aside their dispute over Addis Ababa's port deal': mutual), nor 'agreed with
    Russia' (a target of the promise's own)."""
    sides = {party(f.actor) for f in roles.subjects}
    targets = {party(f.actor) for f in roles.targets}
    return roles.borrowed and (len(sides) == 1 or not targets & sides)


def pairing(rule: Rule, roles: Roles, *, reciprocal: bool = False) -> Pairing:
    """Return how to pair roles: a pledge by two countries and no one else is mutual.

    'Hungarian and Romanian officials agreed that their countries should cooperate': each
    side pledges to the other (``sym``), as CAMEO codes a joint statement. So is any act
    of two countries on ``reciprocal`` terms: 'India and Canada expelled each other's
    diplomats'.
    """
    countries = {f.actor.country for f in roles.subjects if f.actor.country}
    mutual = (rule.lemma in RECIPROCAL_VERBS or reciprocal) and len(countries) > 1
    if rule.roles is Pairing.FORWARD and not roles.targets and mutual:
        return Pairing.SYMMETRIC
    return rule.roles


def domestic(
    code: str, roles: Roles, *, scene: list[Found], lemma: str = "", has_object: bool = False
) -> None:
    """Fill the implied target of a domestic event that names none (``DOMESTIC_TARGETS``).

    A protest needs a non-state source: civilians, opposition, workers and the like
    ('Egyptian demonstrators'), or a people named as such ('Iraqi Kurds'); 'Japanese
    shares rallied' and 'Chinese engineers demonstrated a train' are not protests, nor
    is a march or a rally with no target named. Easing or imposing a curfew or a state of
    emergency needs a civilian arm of the state (a country, its government, leaders,
    legislature or courts), or troops or police where a place is named; the target is the
    population of the country where it is eased or imposed, else of the source's own.
    """
    prefix = next((p for p in DOMESTIC_TARGETS if code.startswith(p)), None)
    if prefix is None or roles.passive:
        return
    sector = DOMESTIC_TARGETS[prefix]
    if sector == "GOV":
        if lemma in UNAIMED_PROTESTS or (lemma == "demonstrate" and has_object):
            return
        sources = [_as_people(f) for f in roles.subjects if f.actor.country]
        roles.subjects = [f for f in sources if f.actor.sector in PROTEST_SECTORS]
        abroad = [f.actor.country for f in scene]  # 'Palestinian prisoners rioted in Israel'
        countries = abroad or [f.actor.country for f in roles.subjects]
    else:
        # Troops or police ease a curfew for the people of the place named, if one is.
        armed = {"MIL", "COP"} if scene else set()
        roles.subjects = [_as_state(f) for f in roles.subjects if _eases(f, armed)]
        countries = [f.actor.country for f in scene] or [f.actor.country for f in roles.subjects]
    roles.targets = [Found(sector_actor(c, sector), Via.IMPLICIT) for c in dict.fromkeys(countries)]


def _eases(found: Found, armed: set[str]) -> bool:
    sector = found.actor.sector
    return sector in CIVIL_STATE_SECTORS or sector in armed or _is_country(found)


def _as_state(found: Found) -> Found:
    """A country easing a curfew is its government ('Egypt lifted the curfew')."""
    if not _is_country(found):
        return found
    return Found(sector_actor(found.actor.country, "GOV", name=found.actor.name), found.via)


_SECTOR_WORDS = {"GOV": "government", "CVL": "civilians"}


def is_place(found: Found) -> bool:
    """A country or town named as a scene, not a government or group ('in Baghdad')."""
    return bool(found.actor.country) and (
        found.via in {Via.PLACE, Via.NAMESAKE} or not found.actor.sector
    )


def _is_country(found: Found) -> bool:
    return found.actor.kind is ActorKind.COUNTRY and found.via is Via.DIRECT


def _as_people(found: Found) -> Found:
    """A country that modifies a people's name ('Iraqi Kurds') is its civilians."""
    actor = found.actor
    if found.via is not Via.PEOPLE or actor.sector:
        return found
    return Found(sector_actor(actor.country, "CVL", name=f"{actor.name} civilians"), found.via)


def sector_actor(country: str, sector: str, *, name: str = "") -> Actor:
    """Return the ``sector`` of ``country`` as an agent actor (``EGY``, ``GOV`` → EGYGOV)."""
    return Actor(
        code=f"{country}{sector}",
        country=country,
        sector=sector,
        name=name or f"{country} {_SECTOR_WORDS.get(sector, sector.lower())}",
        kind=ActorKind.AGENT,
    )


def pairs(roles: Roles, kind: Pairing) -> list[tuple[Found, Found]]:
    """Turn found roles into (source, target) pairs for a rule's role pattern."""
    subjects, targets = roles.subjects, roles.targets
    if kind is Pairing.BACKWARD:
        return [(t, s) for s in subjects for t in targets]
    if kind is Pairing.SYMMETRIC:
        if targets:
            forward = [(s, t) for s in subjects for t in targets]
            return forward + [(t, s) for s, t in forward]
        return [(a, b) for a in subjects for b in subjects if a.actor.code != b.actor.code]
    return [(s, t) for s in subjects for t in targets]
