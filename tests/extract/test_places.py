"""Place finding and event location: the sentence table in data/locations.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dyadwatch.extract.places import Gazetteer, locate_event
from dyadwatch.records import GeoPrecision, Location

TABLE = Path(__file__).parent / "data" / "locations.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_places_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", ROWS, ids=[row["sentence"][:50] for row in ROWS])
def test_places_locate_event_table(row: dict[str, str], gazetteer: Gazetteer) -> None:
    location = locate_event(
        row["sentence"],
        source_country=row["source"],
        target_country=row["target"],
        root=row["cameo"][:2],
        cameo=row["cameo"],
        quad_class=int(row["quad"]),
        gazetteer=gazetteer,
    )
    got = (location.name, location.country, location.precision.value)
    assert got == (row["name"], row["country"], row["precision"])
    assert location.latitude is not None and location.longitude is not None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Talks opened in Doha and moved to Geneva.", ["Doha", "Geneva"]),
        ("Jordan, Chad, Niger and Panama signed.", ["Jordan", "Chad", "Niger", "Panama"]),
        ("They met in the small village of Wxyzkovo near Kherson.", ["Kherson"]),
        ("The Washington Post and the Kyiv Independent reported it.", []),
        ("He flew to Split, Croatia, then to Nice.", ["Split", "Croatia"]),
        ("Kherson's governor spoke.", ["Kherson"]),
    ],
)
def test_places_find_names(text: str, names: list[str], gazetteer: Gazetteer) -> None:
    assert [match.name for match in gazetteer.find(text)] == names


@pytest.mark.parametrize(
    "name", ["Jordan", "Georgia", "Lebanon", "Mexico", "Chad", "Niger", "Panama", "Israel", "China"]
)
def test_places_country_names_are_countries(name: str, gazetteer: Gazetteer) -> None:
    (match,) = gazetteer.find(f"Officials met in {name}.")
    assert match.location.precision is GeoPrecision.COUNTRY
    assert match.location.geonames_id is not None


def test_places_offsets_point_at_the_name(gazetteer: Gazetteer) -> None:
    text = "Drones hit the Kursk region and Odesa."
    assert [text[m.start : m.end] for m in gazetteer.find(text)] == ["Kursk region", "Odesa"]


def test_places_ambiguous_city_prefers_event_countries(gazetteer: Gazetteer) -> None:
    (plain,) = gazetteer.find("They met in Tripoli.")
    (preferred,) = gazetteer.find("They met in Tripoli.", prefer=("LBN",))
    assert (plain.location.country, preferred.location.country) == ("LBY", "LBN")


def test_places_dateline_breaks_ties(gazetteer: Gazetteer) -> None:
    location = locate_event(
        "Officials met in Tripoli.",
        article_text="BEIRUT, Lebanon (Reuters) - Officials met in Tripoli.",
        source_country="",
        target_country="",
        root="04",
        quad_class=1,
        gazetteer=gazetteer,
    )
    assert location.country == "LBN"


def test_places_trigger_picks_the_nearer_scene(gazetteer: Gazetteer) -> None:
    sentence = "After talks in Doha, Russian forces shelled Kherson."
    kwargs = {"source_country": "RUS", "target_country": "UKR", "root": "19", "quad_class": 4}
    near = locate_event(
        sentence, trigger_start=sentence.index("shelled"), gazetteer=gazetteer, **kwargs
    )
    assert near.name == "Kherson"


def test_places_no_country_gives_no_location(gazetteer: Gazetteer) -> None:
    location = locate_event(
        "They talked.",
        source_country="",
        target_country="",
        root="04",
        quad_class=1,
        gazetteer=gazetteer,
    )
    assert location.precision is GeoPrecision.NONE


def locate_treaty(
    sentence: str, source: str, target: str, gazetteer: Gazetteer, *, symmetric: bool
) -> Location:
    return locate_event(
        sentence,
        source_country=source,
        target_country=target,
        root="05",
        cameo="057",
        quad_class=1,
        gazetteer=gazetteer,
        symmetric=symmetric,
    )


@pytest.mark.parametrize(("source", "target"), [("RUS", "PRK"), ("PRK", "RUS")])
def test_places_a_symmetric_event_with_no_scene_is_not_placed(
    source: str, target: str, gazetteer: Gazetteer
) -> None:
    sentence = "Russia and North Korea signed a treaty on mutual defence."
    both_ways = locate_treaty(sentence, source, target, gazetteer, symmetric=True)
    assert both_ways.precision is GeoPrecision.NONE
    one_way = locate_treaty(sentence, source, target, gazetteer, symmetric=False)
    assert one_way.country == target


def test_places_a_symmetric_event_keeps_its_named_scene(gazetteer: Gazetteer) -> None:
    sentence = "Russia and North Korea signed a treaty in Pyongyang."
    location = locate_treaty(sentence, "RUS", "PRK", gazetteer, symmetric=True)
    assert (location.name, location.country) == ("Pyongyang", "PRK")
