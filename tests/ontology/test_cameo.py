"""Tests for the CAMEO codebook: completeness, published values, quad schemes, errors."""

from __future__ import annotations

import pickle

import pytest

from dyadwatch.errors import UnknownNameError
from dyadwatch.ontology import cameo, plover
from dyadwatch.records import QuadClass

VC, MC = QuadClass.VERBAL_COOPERATION, QuadClass.MATERIAL_COOPERATION
VX, MX = QuadClass.VERBAL_CONFLICT, QuadClass.MATERIAL_CONFLICT

# Names from the CAMEO 1.1b3 manual; Goldstein values from GDELT's CAMEO.goldsteinscale.txt.
PUBLISHED = [
    ("010", "Make statement, not specified below", 0.0),
    ("011", "Decline comment", -0.1),
    ("012", "Make pessimistic comment", -0.4),
    ("013", "Make optimistic comment", 0.4),
    ("016", "Deny responsibility", -2.0),
    ("022", "Appeal for diplomatic cooperation (such as policy support)", 3.2),
    ("0311", "Express intent to cooperate economically", 5.2),
    ("032", "Express intent to engage in diplomatic cooperation (such as policy support)", 4.5),
    ("0334", "Express intent to provide military protection or peacekeeping", 6.0),
    ("042", "Make a visit", 1.9),
    ("043", "Host a visit", 2.8),
    ("044", "Meet at a 'third' location", 2.5),
    ("046", "Engage in negotiation", 7.0),
    ("051", "Praise or endorse", 3.4),
    ("057", "Sign formal agreement", 8.0),
    ("061", "Cooperate economically", 6.4),
    ("072", "Provide military aid", 8.3),
    ("074", "Provide military protection or peacekeeping", 8.5),
    ("0874", "Retreat or surrender militarily", 10.0),
    ("1056", "Demand de-escalation of military engagement", -5.0),
    ("130", "Threaten, not specified below", -4.4),
    ("14", "PROTEST", -6.5),
    ("15", "EXHIBIT FORCE POSTURE", -7.2),
    ("163", "Impose embargo, boycott, or sanctions", -8.0),
    ("165", "Halt mediation", -6.5),
    ("171", "Seize or damage property, not specified below", -9.2),
    ("1721", "Impose restrictions on political freedoms", -5.0),
    ("182", "Physically assault, not specified below", -9.5),
    ("1823", "Kill by physical assault", -10.0),
    ("184", "Use as human shield", -8.0),
    ("190", "Use conventional military force, not specified below", -10.0),
    ("195", "Employ aerial weapons, not specified below", -10.0),
    ("196", "Violate ceasefire", -9.5),
    ("201", "Engage in mass expulsion", -9.5),
    ("2042", "Detonate nuclear weapons", -10.0),
]


@pytest.mark.parametrize(("code", "name", "goldstein"), PUBLISHED)
def test_cameo_matches_published_codebook(code, name, goldstein):
    entry = cameo.get(code)
    assert (entry.name, entry.goldstein) == (name, goldstein)


def test_cameo_has_every_root():
    assert cameo.roots() == [f"{n:02d}" for n in range(1, 21)]


def test_cameo_code_count():
    # 311 codes in GDELT's Goldstein file + 155, 176, 1834, 1951, 1952 from the 1.1b3 manual.
    assert len(cameo.codes()) == 316


@pytest.mark.parametrize("code", cameo.codes())
def test_cameo_every_code_complete(code):
    entry = cameo.get(code)
    assert entry.code == code and entry.name
    assert isinstance(entry.quad_class, QuadClass)
    assert -10.0 <= entry.goldstein <= 10.0
    assert entry.root == code[:2] == cameo.root_of(code)
    assert cameo.is_valid(entry.code[: max(2, len(code) - 1)])


@pytest.mark.parametrize("code", cameo.codes())
def test_cameo_every_code_has_plover_mapping(code):
    entry = cameo.get(code)
    if entry.root == "01":
        assert (entry.plover_type, entry.plover_mode) == ("", "")
    else:
        assert entry.plover_type in plover.types()
        assert entry.plover_mode == "" or entry.plover_mode in plover.modes(entry.plover_type)


def test_cameo_codes_sorted_and_unique():
    assert cameo.codes() == sorted(set(cameo.codes()))


@pytest.mark.parametrize(
    ("code", "gdelt", "mirai"),
    [
        ("010", VC, VC),
        ("042", VC, VC),
        ("057", VC, MC),
        ("08", MC, MC),
        ("090", VX, VX),
        ("1313", VX, VX),
        ("141", MX, VX),
        ("163", MX, VX),
        ("173", MX, MX),
        ("2042", MX, MX),
    ],
)
def test_cameo_quad_class_schemes(code, gdelt, mirai):
    assert cameo.quad_class(code) == gdelt == cameo.get(code).quad_class
    assert cameo.quad_class(code, scheme="gdelt") == gdelt
    assert cameo.quad_class(code, scheme="mirai") == mirai


def test_cameo_unknown_scheme_suggests():
    with pytest.raises(UnknownNameError, match="did you mean 'gdelt'"):
        cameo.quad_class("010", scheme="gdlet")


@pytest.mark.parametrize("code", ["9999", "21", "0", "", "1213", "abc"])
def test_cameo_unknown_code_raises(code):
    assert not cameo.is_valid(code)
    with pytest.raises(UnknownNameError, match="unknown CAMEO code"):
        cameo.get(code)


def test_cameo_unknown_code_did_you_mean():
    with pytest.raises(UnknownNameError, match="did you mean '1951'"):
        cameo.get("19511")


def test_cameo_error_pickles():
    with pytest.raises(UnknownNameError) as caught:
        cameo.get("9999")
    clone = pickle.loads(pickle.dumps(caught.value))
    assert str(clone) == str(caught.value) and clone.name == "9999"


def test_cameo_code_records_pickle():
    entry = cameo.get("0311")
    assert pickle.loads(pickle.dumps(entry)) == entry


@pytest.mark.issue(16)
def test_cameo_root_names_are_the_codebook_roots() -> None:
    assert [root.value for root in cameo.Root] == cameo.roots()
    for root in cameo.Root:
        heading = cameo.get(root).name.upper()
        assert root.name.split("_")[0] in heading


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    ("code", "intent"),
    [("073", "0333"), ("070", "033"), ("07", "033"), ("163", "1312"), ("0874", "0356"),
     ("0863", "0355"), ("085", "0354"), ("08", "035"), ("042", "036"), ("111", "111"),
     ("010", "010")],
)  # fmt: skip
def test_cameo_intent_of_prefers_the_code_then_its_root(code: str, intent: str) -> None:
    assert cameo.intent_of(code) == intent


@pytest.mark.issue(16)
def test_cameo_intent_crosswalk_names_valid_codes_of_intent_or_threat() -> None:
    for code in cameo.codes():
        intent = cameo.intent_of(code)
        assert cameo.is_valid(intent)
        assert intent == code or cameo.root_of(intent) in {cameo.Root.INTENT, cameo.Root.THREATEN}
