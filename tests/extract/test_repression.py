"""Force a state's security forces use on its own people is recoded as repression (175)."""

from __future__ import annotations

import pytest

from dyadwatch.extract.drafts import Draft
from dyadwatch.extract.repression import recoded, repressive
from dyadwatch.records import Actor, ActorKind, Modality

POLICE = Actor(code="KENCOP", country="KEN", sector="COP", kind=ActorKind.AGENT)
ARMY = Actor(code="KENMIL", country="KEN", sector="MIL", kind=ActorKind.AGENT)
PROTESTERS = Actor(code="KENCVL", country="KEN", sector="CVL", kind=ActorKind.AGENT)
REBELS = Actor(code="KENREB", country="KEN", sector="REB", kind=ActorKind.AGENT)
UGANDANS = Actor(code="UGACVL", country="UGA", sector="CVL", kind=ActorKind.AGENT)


def _draft(
    source: Actor, target: Actor, cameo: str, *, confidence: float = 0.8, at: int = 2
) -> Draft:
    return Draft(source, target, cameo, "shot", Modality.ASSERTED, confidence, trigger_start=at)


@pytest.mark.parametrize("cameo", ["180", "182", "1823", "190", "193"])
def test_force_on_the_countrys_own_people_is_repression(cameo: str) -> None:
    assert [d.cameo for d in recoded([_draft(POLICE, PROTESTERS, cameo)])] == ["175"]


@pytest.mark.parametrize(
    ("source", "target", "cameo"),
    [
        (ARMY, REBELS, "190"),  # fighting rebels is force
        (POLICE, UGANDANS, "190"),  # another country's people
        (PROTESTERS, POLICE, "182"),  # the people's own violence
        (POLICE, PROTESTERS, "195"),  # air strikes keep their code
        (POLICE, PROTESTERS, "173"),  # arrests are arrests
    ],
)
def test_other_force_keeps_its_code(source: Actor, target: Actor, cameo: str) -> None:
    assert not repressive(_draft(source, target, cameo))
    assert [d.cameo for d in recoded([_draft(source, target, cameo)])] == [cameo]


def test_one_act_read_twice_stays_one_event_the_surer() -> None:
    drafts = [
        _draft(POLICE, PROTESTERS, "182", confidence=0.6),
        _draft(POLICE, PROTESTERS, "175", confidence=0.79),
    ]
    assert [(d.cameo, d.confidence) for d in recoded(drafts)] == [("175", 0.79)]


def test_two_acts_of_a_pair_stay_two_events() -> None:
    # 'fired on mourners ... and used tear gas against students': two predicates
    drafts = [_draft(ARMY, PROTESTERS, "190", at=3), _draft(ARMY, PROTESTERS, "175", at=12)]
    assert [(d.cameo, d.trigger_start) for d in recoded(drafts)] == [("175", 3), ("175", 12)]


def test_one_act_read_from_two_arms_of_the_state_stays_one_event() -> None:
    # the police's 175 and the government's 182 on one 'fired'
    government = Actor(code="KENGOV", country="KEN", sector="GOV", kind=ActorKind.AGENT)
    drafts = [
        _draft(POLICE, PROTESTERS, "175", confidence=0.79),
        _draft(government, PROTESTERS, "182", confidence=0.6),
    ]
    assert [(d.source.code, d.cameo) for d in recoded(drafts)] == [("KENCOP", "175")]
