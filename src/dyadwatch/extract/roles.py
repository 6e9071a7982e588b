"""Pair the actors found around a predicate into (source, target), filling unnamed roles.

Most events name both sides. CAMEO's practice fills two kinds that do not: a domestic
protest is against the protesters' own government and an eased curfew is eased for the
country's people (``domestic``); two countries pledging with no one else named pledge to
each other (``pairing``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.extract.arguments import Found
from dyadwatch.extract.lexicon import Rule
from dyadwatch.records import Actor, ActorKind

# Sectors of the state: never the source of a protest.
STATE_SECTORS = frozenset({"GOV", "MIL", "ELI", "JUD", "LEG", "SPY", "COP", "PTY"})
# CAMEO's practice for domestic events with no named target: a protest is against the
# protesters' own government; an eased curfew or state of emergency is eased for the
# country's own people. Code prefix -> sector of the implied target.
DOMESTIC_TARGETS = {"14": "GOV", "081": "CVL"}
# Verbs whose conjoined subjects, with no object, act towards each other.
RECIPROCAL_VERBS = frozenset(
    {
        "agree",
        "decide",
        "pledge",
        "promise",
        "vow",
        "resolve",
        "commit",
        "cooperate",
        "coordinate",
        "collaborate",
        "share",
        "reach",
        "sign",
        "conclude",
    }
)


@dataclass(slots=True)
class Roles:
    """Actors found around a predicate."""

    subjects: list[Found]
    targets: list[Found]
    passive: bool = False


def pairing(rule: Rule, roles: Roles) -> str:
    """Return how to pair roles: a pledge by two countries and no one else is mutual.

    'Hungarian and Romanian officials agreed that their countries should cooperate': each
    side pledges to the other (``sym``), as CAMEO codes a joint statement.
    """
    countries = {f.actor.country for f in roles.subjects if f.actor.country}
    mutual = rule.lemma in RECIPROCAL_VERBS and len(countries) > 1
    if rule.roles == "s>o" and not roles.targets and mutual:
        return "sym"
    return rule.roles


def domestic(code: str, roles: Roles, *, scene: list[Found]) -> None:
    """Fill the implied target of a domestic event that names none (``DOMESTIC_TARGETS``).

    A protest needs a non-state source ('Egyptian demonstrators', 'Iraqi Kurds': the
    people, so civilians); easing a curfew needs a state source, and the target is the
    population of the country where it is eased, else of the source's own.
    """
    prefix = next((p for p in DOMESTIC_TARGETS if code.startswith(p)), None)
    if prefix is None or roles.passive:
        return
    sector = DOMESTIC_TARGETS[prefix]
    if sector == "GOV":
        sources = [_as_people(f) for f in roles.subjects if f.actor.country]
        roles.subjects = [f for f in sources if f.actor.sector not in STATE_SECTORS]
        abroad = [f.actor.country for f in scene]  # 'Palestinian prisoners rioted in Israel'
        countries = abroad or [f.actor.country for f in roles.subjects]
    else:
        state = [f for f in roles.subjects if f.actor.sector in STATE_SECTORS or _is_country(f)]
        countries = [f.actor.country for f in scene] or [f.actor.country for f in state]
    roles.targets = [Found(sector_actor(c, sector), "implicit") for c in dict.fromkeys(countries)]


_SECTOR_WORDS = {"GOV": "government", "CVL": "civilians"}


def is_place(found: Found) -> bool:
    """A country or town named as a scene, not a government or group ('in Baghdad')."""
    return bool(found.actor.country) and (found.via == "place" or not found.actor.sector)


def _is_country(found: Found) -> bool:
    return found.actor.kind is ActorKind.COUNTRY and found.via == "direct"


def _as_people(found: Found) -> Found:
    """A country named only as a modifier of people ('Iraqi Kurds') is its civilians."""
    actor = found.actor
    if found.via != "modifier" or actor.sector:
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


def pairs(roles: Roles, kind: str) -> list[tuple[Found, Found]]:
    """Turn found roles into (source, target) pairs for a rule's role pattern."""
    subjects, targets = roles.subjects, roles.targets
    if kind == "o>s":
        return [(t, s) for s in subjects for t in targets]
    if kind == "sym":
        if targets:
            forward = [(s, t) for s in subjects for t in targets]
            return forward + [(t, s) for s, t in forward]
        return [(a, b) for a in subjects for b in subjects if a.actor.code != b.actor.code]
    return [(s, t) for s in subjects for t in targets]
