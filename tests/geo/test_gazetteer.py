"""Place finding: which names the gazetteer finds in a text, and what it resolves them to."""

from __future__ import annotations

import pytest

from dyadwatch.geo import PlaceGazetteer
from dyadwatch.records import GeoPrecision


@pytest.fixture(scope="module")
def gazetteer() -> PlaceGazetteer:
    return PlaceGazetteer.load()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Talks opened in Doha and moved to Geneva.", ["Doha", "Geneva"]),
        ("Jordan, Chad, Niger and Panama signed.", ["Jordan", "Chad", "Niger", "Panama"]),
        ("They met in the small village of Wxyzkovo near Kherson.", ["Kherson"]),
        ("The Washington Post and the Kyiv Independent reported it.", []),
        ("He flew to Split, Croatia, then to Nice.", ["Split", "Croatia"]),
        ("Kherson's governor spoke.", ["Kherson"]),
        ("On Monday Kherson was shelled; in May Odesa was.", ["Kherson", "Odesa"]),
    ],
)
def test_gazetteer_find_names(text: str, names: list[str], gazetteer: PlaceGazetteer) -> None:
    assert [match.name for match in gazetteer.find(text)] == names


@pytest.mark.parametrize(
    "name", ["Jordan", "Georgia", "Lebanon", "Mexico", "Chad", "Niger", "Panama", "Israel", "China"]
)
def test_gazetteer_country_names_are_countries(name: str, gazetteer: PlaceGazetteer) -> None:
    (match,) = gazetteer.find(f"Officials met in {name}.")
    assert match.location.precision is GeoPrecision.COUNTRY
    assert match.location.geonames_id is not None


def test_gazetteer_offsets_point_at_the_name(gazetteer: PlaceGazetteer) -> None:
    text = "Drones hit the Kursk region and Odesa."
    assert [text[m.start : m.end] for m in gazetteer.find(text)] == ["Kursk region", "Odesa"]


def test_gazetteer_ambiguous_city_prefers_event_countries(gazetteer: PlaceGazetteer) -> None:
    (plain,) = gazetteer.find("They met in Tripoli.")
    (preferred,) = gazetteer.find("They met in Tripoli.", prefer=("LBN",))
    assert (plain.location.country, preferred.location.country) == ("LBY", "LBN")


@pytest.mark.parametrize(
    ("text", "namesake"),
    [
        ("Putin met Kim.", True),  # Kim, Gujarat: also Kim Jong Un
        ("Biden called Obama.", True),  # Obama, Japan
        ("Rockets hit Kherson.", False),  # no person's name
        ("Envoys met in Riyadh.", False),  # a capital, though a name of people too
        ("Xi visited Milan.", False),  # 1.4 million people: known by its name
    ],
)
def test_gazetteer_towns_named_like_people(
    text: str, namesake: bool, gazetteer: PlaceGazetteer
) -> None:
    (match,) = gazetteer.find(text)
    assert gazetteer.is_namesake(match) is namesake
