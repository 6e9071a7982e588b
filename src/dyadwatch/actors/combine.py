"""Second pass of actor resolution: join modifiers, agent nouns and names into one actor.

"Russian troops", "U.S. national security officials", "the Russian president, Vladimir
Putin", "the government of Iran" and "former President Trump" each become one group whose
actor combines the country of the modifier with the sector of the agent noun, or follows
the person's date-aware record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dyadwatch.actors import context
from dyadwatch.actors.entries import Entry, MentionKind
from dyadwatch.actors.gazetteer import ActorGazetteer
from dyadwatch.actors.scan import Hit, Tokens
from dyadwatch.records import Actor, ActorKind

MODIFIERS = frozenset(
    {
        MentionKind.COUNTRY,
        MentionKind.CAPITAL,
        MentionKind.DEMONYM,
        MentionKind.IGO,
        MentionKind.NSA,
    }
)
_SOFT = frozenset(" \u00a0-\u2010\u2011'\u2019")
_ACTOR_KIND = {
    MentionKind.COUNTRY: ActorKind.COUNTRY,
    MentionKind.CAPITAL: ActorKind.COUNTRY,
    MentionKind.DEMONYM: ActorKind.COUNTRY,
    MentionKind.PERSON: ActorKind.PERSON,
    MentionKind.IGO: ActorKind.IGO,
    MentionKind.NSA: ActorKind.NSA,
    MentionKind.AGENT: ActorKind.AGENT,
}


@dataclass(slots=True)  # internal and short-lived: not frozen, for speed
class Group:
    """One resolved mention before it becomes a public ``Mention``."""

    hits: tuple[Hit, ...]
    actor: Actor
    kind: MentionKind
    why: str

    @property
    def main(self) -> Hit:
        """Return the hit that decided the actor (person, else modifier, else head noun)."""
        people = [h for h in self.hits if h.entry.kind is MentionKind.PERSON]
        modifiers = [h for h in self.hits if h.entry.kind in MODIFIERS]
        return (people or modifiers or list(self.hits[-1:]))[0]


@dataclass(slots=True)
class _Parts:
    modifier: Hit | None
    agents: tuple[Hit, ...]
    person: Hit | None
    former: bool
    last: int  # index after the last hit used
    head: Hit


def group(
    gazetteer: ActorGazetteer, tokens: Tokens, hits: list[Hit], date: datetime.date
) -> list[Group]:
    """Join adjacent hits into groups and resolve each group's actor."""
    groups: list[Group] = []
    i = 0
    while i < len(hits):
        if hits[i].entry.kind is MentionKind.PAIR:
            groups.extend(_pair(gazetteer, hits[i]))
            i += 1
            continue
        if _alone(hits, i):
            hit = hits[i]
            actor = single_actor(gazetteer, hit.entry, date)
            groups.append(Group((hit,), actor, hit.entry.kind, _why(hit, actor)))
            i += 1
            continue
        parts = _parts(tokens, hits, i)
        groups.append(_resolve(gazetteer, parts, date))
        i = parts.last
    return _share_sectors(tokens, groups)


def _alone(hits: list[Hit], i: int) -> bool:
    """Tell whether hit ``i`` cannot join the next one (the common case, checked fast)."""
    kind = hits[i].entry.kind
    if kind is MentionKind.AGENT and not hits[i].entry.country:
        return False
    nxt = hits[i + 1].entry if i + 1 < len(hits) else None
    return nxt is None or not (
        nxt.kind is MentionKind.PERSON or (nxt.kind is MentionKind.AGENT and not nxt.country)
    )


def _pair(gazetteer: ActorGazetteer, hit: Hit) -> list[Group]:
    groups = []
    for iso in hit.entry.members:
        country = gazetteer.countries[iso]
        actor = Actor(iso, iso, "", country.name, ActorKind.COUNTRY)
        why = f"pair {hit.alias.text!r} → {' + '.join(hit.entry.members)}; this is {iso}"
        groups.append(Group((hit,), actor, MentionKind.COUNTRY, why))
    return groups


def _parts(tokens: Tokens, hits: list[Hit], i: int) -> _Parts:
    head = hits[i]
    modifier = head if _is_modifier(head.entry) else None
    k = i + 1 if modifier else i
    agents: list[Hit] = []
    while k < len(hits) and _is_sector_word(hits[k].entry):
        previous = agents[-1] if agents else modifier
        if previous is not None and not _linked(tokens, previous, hits[k]):
            break
        agents.append(hits[k])
        k += 1
    person = None
    if k < len(hits) and hits[k].entry.kind is MentionKind.PERSON and (modifier or agents):
        previous = agents[-1] if agents else modifier
        title = bool(agents) and agents[-1].entry.title
        if previous is not None and _linked(tokens, previous, hits[k], apposition=title):
            person, k = hits[k], k + 1
    if agents and modifier is None and person is None and _of_phrase(tokens, agents[-1], hits, k):
        modifier, k = hits[k], k + 1
    if not agents and person is None:
        return _Parts(None, (), None, False, i + 1, head)
    first = min(h.first for h in (modifier, *agents, person) if h is not None)
    return _Parts(modifier, tuple(agents), person, _former(tokens, first, agents, person), k, head)


def _is_modifier(entry: Entry) -> bool:
    return entry.kind in MODIFIERS or (entry.kind is MentionKind.AGENT and bool(entry.country))


def _is_sector_word(entry: Entry) -> bool:
    return entry.kind is MentionKind.AGENT and not entry.country


def _linked(tokens: Tokens, left: Hit, right: Hit, *, apposition: bool = False) -> bool:
    """Tell whether only filler words and soft gaps lie between two hits."""
    text = tokens.text
    position = left.end
    for index in range(left.last, right.first):
        if not _soft(text[position : tokens.starts[index]]):
            return False
        if tokens.keys[index] not in context.FILLERS and not tokens.keys[index].isdigit():
            return False
        if index == left.last and _verb_after(
            tokens, left, index, text[position : tokens.starts[index]]
        ):
            return False  # 'soldiers detained President Keita': the hit's verb
        position = tokens.ends[index]
    gap = text[position : right.start]
    return _soft(gap) or (apposition and gap.strip() == "," and right.first == left.last)


def _verb_after(tokens: Tokens, left: Hit, index: int, gap: str) -> bool:
    """Whether the filler right after a hit is its verb: 'soldiers detained President
    Keita', 'Ugandan troops backed rebels'; not 'Iranian jailed activist', 'NATO led
    forces' or 'U.S.-backed rebels'."""
    if gap.startswith("-") or left.entry.kind is MentionKind.DEMONYM:
        return False
    key = tokens.keys[index]
    if key in context.AGENT_VERBAL_FILLERS:
        return left.entry.kind is MentionKind.AGENT
    return key in context.VERBAL_FILLERS


def _soft(gap: str) -> bool:
    return len(gap) <= 3 and all(ch in _SOFT for ch in gap)


def _of_phrase(tokens: Tokens, agent: Hit, hits: list[Hit], k: int) -> bool:
    """Tell whether the text reads "<agent> of [the] <hits[k]>", a country or organisation."""
    if k >= len(hits) or not _is_modifier(hits[k].entry) or hits[k].entry.kind is MentionKind.NSA:
        return False
    return tokens.keys[agent.last : hits[k].first] in (["of"], ["of", "the"])


def _former(tokens: Tokens, first: int, agents: list[Hit], person: Hit | None) -> bool:
    """Tell whether "former" or "ex-" qualifies the title."""
    if first > 0 and tokens.keys[first - 1] in context.FORMER:
        return True
    span_end = (person or agents[-1]).first if (person or agents) else first
    return any(k in context.FORMER for k in tokens.keys[first:span_end])


def _resolve(gazetteer: ActorGazetteer, parts: _Parts, date: datetime.date) -> Group:
    hits = tuple(h for h in (parts.modifier, *parts.agents, parts.person) if h is not None)
    hits = tuple(sorted(hits, key=_first)) or (parts.head,)
    if parts.person is not None:
        return _with_person(gazetteer, parts, parts.person, hits, date)
    if parts.agents:
        return _with_agent(gazetteer, parts, hits)
    hit = hits[0]
    actor = single_actor(gazetteer, hit.entry, date)
    return Group(hits, actor, hit.entry.kind, _why(hit, actor))


def _first(hit: Hit) -> int:
    return hit.first


def _with_person(
    gazetteer: ActorGazetteer,
    parts: _Parts,
    person: Hit,
    hits: tuple[Hit, ...],
    date: datetime.date,
) -> Group:
    actor = single_actor(gazetteer, person.entry, date)
    if parts.former and actor.sector in context.ELITE_SECTORS:
        actor = _elite(actor)
    igo = parts.modifier is not None and parts.modifier.entry.kind is MentionKind.IGO
    if parts.modifier is not None and (igo or not actor.country):
        # "UN Secretary-General Guterres" speaks for the UN, whatever his past offices.
        modifier = single_actor(gazetteer, parts.modifier.entry, date)
        actor = Actor(
            modifier.code, modifier.country, modifier.sector, person.entry.name, modifier.kind
        )
    why = _why(person, actor) + (" (titled 'former')" if parts.former else "")
    return Group(hits, actor, MentionKind.PERSON, why)


def _with_agent(gazetteer: ActorGazetteer, parts: _Parts, hits: tuple[Hit, ...]) -> Group:
    noun = parts.agents[-1]
    sector = noun.entry.sector
    if parts.former and sector in context.ELITE_SECTORS:
        sector = "ELI"
    modifier = parts.modifier
    if modifier is None:
        actor = Actor(sector, "", sector, noun.entry.name, ActorKind.AGENT)
        return Group(
            hits, actor, MentionKind.AGENT, f"agent {noun.alias.text!r} → {sector}, no country"
        )
    entry = modifier.entry
    if entry.kind in (MentionKind.IGO, MentionKind.NSA):
        actor = Actor(entry.code, entry.country, entry.sector, entry.name, _ACTOR_KIND[entry.kind])
        why = f"{entry.kind} {modifier.alias.text!r} → {entry.code}; agent {noun.alias.text!r} kept"
        return Group(hits, actor, entry.kind, why)
    if entry.kind in (MentionKind.CAPITAL, MentionKind.AGENT) and entry.sector not in ("", "GOV"):
        sector = entry.sector  # "Pentagon officials" and "IDF soldiers" stay military
    country = gazetteer.countries[entry.country]
    actor = Actor(entry.country + sector, entry.country, sector, country.name, ActorKind.AGENT)
    why = (
        f"{entry.kind} {modifier.alias.text!r} → {entry.country} ({entry.source}) + "
        f"agent {noun.alias.text!r} → {sector}"
    )
    return Group(hits, actor, MentionKind.AGENT, why)


def single_actor(gazetteer: ActorGazetteer, entry: Entry, date: datetime.date) -> Actor:
    """Return the actor one entry stands for on ``date``."""
    kind = _ACTOR_KIND[entry.kind]
    if entry.kind is MentionKind.PERSON:
        actor = Actor(entry.code, entry.country, entry.sector, entry.name, kind)
        return actor if entry.active(date) else _elite(actor)
    if entry.kind in (MentionKind.COUNTRY, MentionKind.DEMONYM, MentionKind.CAPITAL) and (
        entry.country in gazetteer.countries
    ):
        name = gazetteer.countries[entry.country].name
        return Actor(entry.code, entry.country, entry.sector, name, kind)
    return Actor(entry.code, entry.country, entry.sector, entry.name, kind)


def _elite(actor: Actor) -> Actor:
    return Actor(actor.country + "ELI", actor.country, "ELI", actor.name, actor.kind)


def _why(hit: Hit, actor: Actor) -> str:
    entry = hit.entry
    text = f"{entry.kind} {hit.alias.text!r} → {actor.code} ({entry.source})"
    if entry.kind is MentionKind.PERSON:
        state = "in office" if actor.sector != "ELI" else "out of office"
        text += f", {state} [{entry.window()})"
    return text + (f"; {hit.note}" if hit.note else "")


def _share_sectors(tokens: Tokens, groups: list[Group]) -> list[Group]:
    """Give "Russian and Chinese officials" the sector of the shared noun on both sides."""
    shared = list(groups)
    for index in range(len(groups) - 2, -1, -1):
        left, right = shared[index], shared[index + 1]
        if len(left.hits) != 1 or left.kind is not MentionKind.DEMONYM:
            continue
        if (
            right.kind is not MentionKind.AGENT
            or right.hits[0].entry.kind is not MentionKind.DEMONYM
        ):
            continue
        between = tokens.text[left.hits[0].end : right.hits[0].start].strip()
        if between not in ("and", ",", "or", "and the"):
            continue
        country, sector = left.actor.country, right.actor.sector
        actor = Actor(country + sector, country, sector, left.actor.name, ActorKind.AGENT)
        shared[index] = Group(left.hits, actor, MentionKind.AGENT, left.why + f"; shares {sector}")
    return shared
