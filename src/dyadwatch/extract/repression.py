"""Force a state's security forces use on its own people is repression (CAMEO 175).

"Iraqi security forces fired live rounds at protesters", "Kenyan police shot dead five
protesters", "soldiers beat people in Harare's townships": CAMEO codes violence by a
country's government, police, army or intelligence service against its own civilians,
protesters, students or journalists as violent repression (175), not as an assault (18x)
or as military force (190, 193).

``recoded`` brings such drafts to 175 before the rules' and the model's drafts are merged,
so the merge judges the code they will have. The model often reads one act twice (its 175
and its 182 on "shot dead"; once from the police and once from the government), so
``deduplicated`` then drops a recoded draft that repeats another 175 of the same act.

Only force within one country is touched: force between states, and a state's force on
rebels or on another country's people, keep their codes. Crowd-control weapons fired at
anyone are 175 by the lexicon's own rows (`NONLETHAL` in ``classes.tsv``), not here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from dyadwatch.extract.drafts import Draft
from dyadwatch.extract.roles import PROTEST_SECTORS

REPRESSION = "175"
# the state and its armed arms: government, police, army, intelligence service
FORCE_SECTORS = frozenset({"GOV", "COP", "MIL", "SPY"})
ARMED_SECTORS = frozenset({"COP", "MIL", "SPY"})
# the people they may turn on at home: those who protest (civilians, opposition, workers,
# students, doctors, clergy, campaigners, refugees, farmers) and journalists
PEOPLE_SECTORS = PROTEST_SECTORS | {"MED"}
# assault and military force read on such a pair: unconventional violence, physical
# assault (and its sexual, torture and killing sub-codes), force unspecified, small arms
FORCE_CODES = frozenset({"180", "182", "1821", "1822", "1823", "190", "193"})

Act = tuple[str, str, int]
"""A draft's source code, target code and the offset of the act it tells."""


def repressive(draft: Draft) -> bool:
    """Whether ``draft`` is force a country's security forces use on its own people."""
    source, target = draft.source, draft.target
    return (
        draft.cameo in FORCE_CODES
        and bool(source.country)
        and source.country == target.country
        and source.sector in FORCE_SECTORS
        and target.sector in PEOPLE_SECTORS
    )


def act_of(draft: Draft) -> Act:
    """The draft's pair and the act it tells: a verb of saying can report several acts,
    so the reported act's own offset (``act_start``) tells them apart."""
    act = draft.act_start if draft.act_start is not None else draft.trigger_start
    return draft.source.code, draft.target.code, act


def recoded(drafts: Sequence[Draft]) -> tuple[list[Draft], frozenset[Act]]:
    """Return ``drafts`` with force on a country's own people coded as repression (175),
    and the acts of the drafts recoded.

    Example:
        >>> police = Actor("KENCOP", "KEN", "COP")  # doctest: +SKIP
        >>> drafts, changed = recoded([Draft(police, protesters, "190", ...)])  # doctest: +SKIP
        >>> [d.cameo for d in drafts]  # doctest: +SKIP
        ['175']
    """
    out: list[Draft] = []
    changed: set[Act] = set()
    for draft in drafts:
        if repressive(draft):
            draft = dataclasses.replace(draft, cameo=REPRESSION)
            changed.add(act_of(draft))
        out.append(draft)
    return out, frozenset(changed)


def deduplicated(drafts: Sequence[Draft], changed: Collection[Act]) -> list[Draft]:
    """Drop each recoded draft that repeats another 175 of the same act.

    A recoded draft repeats another when both have the same source, target and act
    (the model's 182 beside its own 175 on "shot dead"): the surer stays, the first on a
    tie. A recoded draft from a country's government also repeats a 175 of the same act
    on the same target from its police, army or intelligence service (the act read once
    from each). Drafts not recoded are all kept.
    """
    kept: list[Draft] = []
    for index, draft in enumerate(drafts):
        if act_of(draft) not in changed or draft.cameo != REPRESSION:
            kept.append(draft)
            continue
        repeats = any(
            _repeats(draft, index, other, position)
            for position, other in enumerate(drafts)
            if position != index
        )
        if not repeats:
            kept.append(draft)
    return kept


def _repeats(draft: Draft, index: int, other: Draft, position: int) -> bool:
    """Whether recoded ``draft`` (at ``index``) repeats ``other`` (at ``position``)."""
    if other.cameo != REPRESSION:
        return False
    source, target, act = act_of(draft)
    other_source, other_target, other_act = act_of(other)
    if (other_target, other_act) != (target, act):
        return False
    if other_source == source:
        if other.confidence != draft.confidence:
            return other.confidence > draft.confidence
        return position < index
    return (
        draft.source.sector == "GOV"
        and other.source.sector in ARMED_SECTORS
        and other.source.country == draft.source.country
    )
