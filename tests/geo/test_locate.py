"""Where an event happened: the sentence table in data/locations.tsv, and the tie-breakers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dyadwatch.geo import PlaceGazetteer, PlaceQuery, locate_event
from dyadwatch.records import GeoPrecision, Location

TABLE = Path(__file__).parent / "data" / "locations.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def gazetteer() -> PlaceGazetteer:
    return PlaceGazetteer.load()


def test_locate_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", ROWS, ids=[row["sentence"][:50] for row in ROWS])
def test_locate_locate_event_table(row: dict[str, str], gazetteer: PlaceGazetteer) -> None:
    query = PlaceQuery(
        row["sentence"],
        cameo=row["cameo"],
        quad_class=int(row["quad"]),
        source_country=row["source"],
        target_country=row["target"],
    )
    location = locate_event(query, gazetteer=gazetteer)
    got = (location.name, location.country, location.precision.value)
    assert got == (row["name"], row["country"], row["precision"])
    assert location.latitude is not None and location.longitude is not None


def test_locate_dateline_breaks_ties(gazetteer: PlaceGazetteer) -> None:
    query = PlaceQuery(
        "Officials met in Tripoli.",
        cameo="04",
        quad_class=1,
        article_text="BEIRUT, Lebanon (Reuters) - Officials met in Tripoli.",
    )
    location = locate_event(query, gazetteer=gazetteer)
    assert location.country == "LBN"


def test_locate_trigger_picks_the_nearer_scene(gazetteer: PlaceGazetteer) -> None:
    sentence = "After talks in Doha, Russian forces shelled Kherson."
    query = PlaceQuery(
        sentence,
        cameo="19",
        quad_class=4,
        source_country="RUS",
        target_country="UKR",
        trigger_start=sentence.index("shelled"),
    )
    assert locate_event(query, gazetteer=gazetteer).name == "Kherson"


def test_locate_no_country_gives_no_location(gazetteer: PlaceGazetteer) -> None:
    location = locate_event(
        PlaceQuery("They talked.", cameo="04", quad_class=1), gazetteer=gazetteer
    )
    assert location.precision is GeoPrecision.NONE


def locate_treaty(
    sentence: str, source: str, target: str, gazetteer: PlaceGazetteer, *, symmetric: bool
) -> Location:
    query = PlaceQuery(
        sentence,
        cameo="057",
        quad_class=1,
        source_country=source,
        target_country=target,
        symmetric=symmetric,
    )
    return locate_event(query, gazetteer=gazetteer)


@pytest.mark.parametrize(("source", "target"), [("RUS", "PRK"), ("PRK", "RUS")])
def test_locate_a_symmetric_event_with_no_scene_is_not_placed(
    source: str, target: str, gazetteer: PlaceGazetteer
) -> None:
    sentence = "Russia and North Korea signed a treaty on mutual defence."
    both_ways = locate_treaty(sentence, source, target, gazetteer, symmetric=True)
    assert both_ways.precision is GeoPrecision.NONE
    one_way = locate_treaty(sentence, source, target, gazetteer, symmetric=False)
    assert one_way.country == target


def test_locate_a_symmetric_event_keeps_its_named_scene(gazetteer: PlaceGazetteer) -> None:
    sentence = "Russia and North Korea signed a treaty in Pyongyang."
    location = locate_treaty(sentence, "RUS", "PRK", gazetteer, symmetric=True)
    assert (location.name, location.country) == ("Pyongyang", "PRK")
