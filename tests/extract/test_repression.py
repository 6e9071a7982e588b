"""Force a state's security forces use on its own people is recoded as repression (175)."""

from __future__ import annotations

import pytest

from dyadwatch.extract.drafts import Draft
from dyadwatch.extract.repression import deduplicated, recoded, repressive
from dyadwatch.records import Actor, ActorKind, Modality


def _agent(country: str, sector: str) -> Actor:
    return Actor(code=f"{country}{sector}", country=country, sector=sector, kind=ActorKind.AGENT)


GOVERNMENT = _agent("KEN", "GOV")
POLICE = _agent("KEN", "COP")
ARMY = _agent("KEN", "MIL")
PROTESTERS = _agent("KEN", "CVL")
STUDENTS = _agent("KEN", "EDU")
REBELS = _agent("KEN", "REB")
UGANDANS = _agent("UGA", "CVL")


def _draft(
    source: Actor,
    target: Actor,
    cameo: str,
    *,
    confidence: float = 0.8,
    at: int = 2,
    act: int | None = None,
) -> Draft:
    return Draft(
        source,
        target,
        cameo,
        "shot",
        Modality.ASSERTED,
        confidence,
        trigger_start=at,
        act_start=act,
    )


def _coded(drafts: list[Draft]) -> list[tuple[str, str, str, float]]:
    """Recode, then de-duplicate, as the coder does around the merge."""
    out, changed = recoded(drafts)
    return [
        (d.source.code, d.target.code, d.cameo, d.confidence) for d in deduplicated(out, changed)
    ]


@pytest.mark.parametrize("cameo", ["180", "182", "1823", "190", "193"])
def test_repression_force_on_the_countrys_own_people_is_175(cameo: str) -> None:
    assert _coded([_draft(POLICE, PROTESTERS, cameo)]) == [("KENCOP", "KENCVL", "175", 0.8)]


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
def test_repression_other_force_keeps_its_code(source: Actor, target: Actor, cameo: str) -> None:
    assert not repressive(_draft(source, target, cameo))
    assert [c for _, _, c, _ in _coded([_draft(source, target, cameo)])] == [cameo]


def test_repression_one_act_read_twice_stays_one_event_the_surer() -> None:
    drafts = [
        _draft(POLICE, PROTESTERS, "182", confidence=0.6),
        _draft(POLICE, PROTESTERS, "175", confidence=0.79),
    ]
    assert _coded(drafts) == [("KENCOP", "KENCVL", "175", 0.79)]


def test_repression_a_tie_keeps_the_first() -> None:
    drafts = [_draft(POLICE, PROTESTERS, "190"), _draft(POLICE, PROTESTERS, "182")]
    out, changed = recoded(drafts)
    assert deduplicated(out, changed) == [out[0]]


def test_repression_two_acts_of_a_pair_stay_two_events() -> None:
    # 'fired on mourners ... and used tear gas against students': two predicates
    drafts = [_draft(ARMY, PROTESTERS, "190", at=3), _draft(ARMY, PROTESTERS, "175", at=12)]
    assert [c for _, _, c, _ in _coded(drafts)] == ["175", "175"]


def test_repression_two_acts_reported_by_one_verb_stay_two_events() -> None:
    # 'said police shot protesters and beat them': one 'said', two reported acts
    drafts = [
        _draft(POLICE, PROTESTERS, "190", at=5, act=10),
        _draft(POLICE, PROTESTERS, "182", at=5, act=30),
    ]
    assert len(_coded(drafts)) == 2


def test_repression_other_sides_on_one_predicate_stay_their_own_events() -> None:
    # 'police and soldiers shot protesters and students': each side and target its own
    drafts = [
        _draft(POLICE, PROTESTERS, "175"),
        _draft(POLICE, STUDENTS, "182"),
        _draft(ARMY, PROTESTERS, "190"),
        _draft(ARMY, STUDENTS, "182"),
    ]
    assert sorted((s, t) for s, t, _, _ in _coded(drafts)) == [
        ("KENCOP", "KENCVL"),
        ("KENCOP", "KENEDU"),
        ("KENMIL", "KENCVL"),
        ("KENMIL", "KENEDU"),
    ]


def test_repression_the_governments_reading_of_the_polices_act_is_dropped() -> None:
    # the police's 175 and the government's 182 on one 'fired'
    drafts = [
        _draft(POLICE, PROTESTERS, "175", confidence=0.79),
        _draft(GOVERNMENT, PROTESTERS, "182", confidence=0.6),
    ]
    assert _coded(drafts) == [("KENCOP", "KENCVL", "175", 0.79)]


@pytest.mark.parametrize(
    "other",
    [
        _draft(REBELS, PROTESTERS, "175", confidence=0.9),  # another side's own 175
        _draft(PROTESTERS, POLICE, "175", confidence=0.9),  # the reverse pair
    ],
)
def test_repression_a_175_that_was_not_recoded_is_never_dropped(other: Draft) -> None:
    drafts = [_draft(POLICE, PROTESTERS, "190", confidence=0.6), other]
    assert len(_coded(drafts)) == 2
