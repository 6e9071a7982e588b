"""Force a state's security forces use on its own people is repression (CAMEO 175).

"Iraqi security forces fired live rounds at protesters", "Kenyan police shot dead five
protesters", "soldiers beat people in Harare's townships": CAMEO codes violence by a
country's police, army or intelligence service against its own civilians, protesters,
students or journalists as violent repression (175), not as an assault (18x) or as
military force (190, 193). The rules read the verb ("fired on" is 190) and the model often
reads the same act twice (175 and 182), so both are brought to 175 here and a pair's second
175 on the same predicate is dropped.

Only a pair of one country is touched: force between states, and a state's force against
rebels or another state's people, keep their codes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dyadwatch.extract.drafts import Draft

REPRESSION = "175"
# the state and its armed arms: government, police, army, intelligence service
FORCE_SECTORS = frozenset({"GOV", "COP", "MIL", "SPY"})
# the people they may turn on at home: civilians, protesters, opposition, workers,
# students, doctors, journalists, clergy, campaigners, refugees, farmers
PEOPLE_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "HLH", "MED", "REL", "NGO", "REF", "AGR"})
# assault and military force read on such a pair: unconventional violence, physical
# assault (and its sexual, torture and killing sub-codes), force unspecified, small arms
FORCE_CODES = frozenset({"180", "182", "1821", "1822", "1823", "190", "193"})


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


def recoded(drafts: Sequence[Draft]) -> list[Draft]:
    """Return ``drafts`` with force on a country's own people coded as repression (175).

    Where one predicate then holds two 175s between the same two countries (the model's
    182 beside its own 175 on "shot dead", or read once from the police and once from the
    government), the more confident stays, so one act stays one event.

    Example:
        >>> [d.cameo for d in recoded(drafts)]  # doctest: +SKIP
        ['175']
    """
    out = [
        dataclasses.replace(draft, cameo=REPRESSION) if repressive(draft) else draft
        for draft in drafts
    ]
    best: dict[tuple[str, int], Draft] = {}
    for draft in out:
        key = _act(draft)
        if key is not None and (key not in best or draft.confidence > best[key].confidence):
            best[key] = draft
    return [draft for draft in out if (key := _act(draft)) is None or best[key] is draft]


def _act(draft: Draft) -> tuple[str, int] | None:
    """The country and predicate of a 175 within one country, else None."""
    source, target = draft.source, draft.target
    if draft.cameo != REPRESSION or not source.country or source.country != target.country:
        return None
    return source.country, draft.trigger_start
