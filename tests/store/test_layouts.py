"""Tests for the export layouts: GDELT 2.0 Events, POLECAT weekly and MIRAI (issue #10)."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.records import (
    Actor,
    ActorKind,
    Article,
    Event,
    GeoPrecision,
    Location,
    Modality,
    QuadClass,
)
from dyadwatch.store import Store
from dyadwatch.store.collapse import read_unique_events
from dyadwatch.store.layouts import (
    GDELT_COLUMNS,
    MIRAI_COLUMNS,
    POLECAT_COLUMNS,
    gdelt_event_id,
    layout_columns,
)

# GDELT Event Codebook V2.0: the 61 fields of an Events export file, in order, with the
# codebook's types (integers, floating point, strings).
GDELT_CODEBOOK = {
    "GLOBALEVENTID": "BIGINT", "SQLDATE": "INTEGER", "MonthYear": "INTEGER",
    "Year": "INTEGER", "FractionDate": "DOUBLE",
    "Actor1Code": "VARCHAR", "Actor1Name": "VARCHAR", "Actor1CountryCode": "VARCHAR",
    "Actor1KnownGroupCode": "VARCHAR", "Actor1EthnicCode": "VARCHAR",
    "Actor1Religion1Code": "VARCHAR", "Actor1Religion2Code": "VARCHAR",
    "Actor1Type1Code": "VARCHAR", "Actor1Type2Code": "VARCHAR", "Actor1Type3Code": "VARCHAR",
    "Actor2Code": "VARCHAR", "Actor2Name": "VARCHAR", "Actor2CountryCode": "VARCHAR",
    "Actor2KnownGroupCode": "VARCHAR", "Actor2EthnicCode": "VARCHAR",
    "Actor2Religion1Code": "VARCHAR", "Actor2Religion2Code": "VARCHAR",
    "Actor2Type1Code": "VARCHAR", "Actor2Type2Code": "VARCHAR", "Actor2Type3Code": "VARCHAR",
    "IsRootEvent": "INTEGER", "EventCode": "VARCHAR", "EventBaseCode": "VARCHAR",
    "EventRootCode": "VARCHAR", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER", "NumSources": "INTEGER", "NumArticles": "INTEGER",
    "AvgTone": "DOUBLE",
    "Actor1Geo_Type": "INTEGER", "Actor1Geo_FullName": "VARCHAR",
    "Actor1Geo_CountryCode": "VARCHAR", "Actor1Geo_ADM1Code": "VARCHAR",
    "Actor1Geo_ADM2Code": "VARCHAR", "Actor1Geo_Lat": "DOUBLE", "Actor1Geo_Long": "DOUBLE",
    "Actor1Geo_FeatureID": "VARCHAR",
    "Actor2Geo_Type": "INTEGER", "Actor2Geo_FullName": "VARCHAR",
    "Actor2Geo_CountryCode": "VARCHAR", "Actor2Geo_ADM1Code": "VARCHAR",
    "Actor2Geo_ADM2Code": "VARCHAR", "Actor2Geo_Lat": "DOUBLE", "Actor2Geo_Long": "DOUBLE",
    "Actor2Geo_FeatureID": "VARCHAR",
    "ActionGeo_Type": "INTEGER", "ActionGeo_FullName": "VARCHAR",
    "ActionGeo_CountryCode": "VARCHAR", "ActionGeo_ADM1Code": "VARCHAR",
    "ActionGeo_ADM2Code": "VARCHAR", "ActionGeo_Lat": "DOUBLE", "ActionGeo_Long": "DOUBLE",
    "ActionGeo_FeatureID": "VARCHAR",
    "DATEADDED": "BIGINT", "SOURCEURL": "VARCHAR",
}  # fmt: skip

# The header line of a POLECAT weekly TSV file.
POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\t"
    "Actor Name\tActor Country\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\t"
    "Actor Name Raw\tWikipedia Actor ID\tRecipient Name\tRecipient Country\tRecipient COW\t"
    "Primary Recipient Sector\tRecipient Sectors\tRecipient Title\tRecipient Name Raw\t"
    "Wikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry\tLatitude\t"
    "Longitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\t"
    "Story People\tStory Organizations\tStory Locations\tLanguage\tVersion"
)

# MIRAI dataset_construction/6_generate_final_data.py: the columns of data_kg.csv.
MIRAI_HEADER = (
    "DateStr\tActor1CountryCode\tActor2CountryCode\tEventBaseCode\tActor1CountryName\t"
    "Actor2CountryName\tRelName\tQuadEventCode\tQuadEventName\tDocid\tDocids"
)

DAY = datetime.date(2023, 9, 13)
VLADIVOSTOK = Location(
    name="Vladivostok",
    country="RUS",
    admin1="Primorye",
    latitude=43.1056,
    longitude=131.8735,
    geonames_id=2013348,
    precision=GeoPrecision.PLACE,
)
ARTICLES = (
    Article(id="a1", date=DAY, title="t", text="Putin met Kim.", url="https://example.org/1"),
    Article(id="a2", date=DAY, title="t", text="Blinken\tcriticised Beijing.", source="AP"),
    Article(id="a3", date=DAY, title="t", text="Kim did not visit Seoul.", source="Yonhap"),
)


def _event(article: str, actors: tuple[str, str], cameo: str, **extra: Any) -> Event:
    source, target = actors
    fields: dict[str, Any] = {
        "id": hashlib.sha1(f"{article}{source}{target}{cameo}".encode()).hexdigest(),
        "article_id": article,
        "date": DAY,
        "sentence_index": 0,
        "start": 0,
        "end": 10,
        "source": Actor(code=f"{source}GOV", country=source, sector="GOV", name=f"{source} chief"),
        "target": Actor(code=f"{target}GOV", country=target, sector="GOV"),
        "cameo": cameo,
        "root": cameo[:2],
        "quad_class": QuadClass.VERBAL_COOPERATION,
        "goldstein": 1.0,
        "plover_type": "CONSULT",
        "plover_mode": "visit",
        "modality": Modality.ASSERTED,
        "trigger": "met",
        "evidence": "Putin met\nKim.",
        "confidence": 0.8,
        "coder_version": "test",
        "is_root": True,
    }
    return Event(**(fields | extra))


EVENTS = (
    _event("a1", ("RUS", "PRK"), "040", location=VLADIVOSTOK),
    _event("a1", ("PRK", "RUS"), "040", location=VLADIVOSTOK),
    _event("a2", ("USA", "CHN"), "112", modality=Modality.REPORTED, quad_class=QuadClass(3)),
    _event("a2", ("USA", ""), "0431", target=Actor(code="NGO", country="", kind=ActorKind.NSA)),
    _event("a3", ("PRK", "KOR"), "042", modality=Modality.NEGATED),
)
N_EXPORTED = 4  # the negated event is left out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("layouts") / "l.duckdb")
    with store.writer() as con:
        store.upsert_articles(con, ARTICLES)
        store.upsert_events(con, EVENTS)
    with store.writer() as con:
        store.rebuild_stories(con)
    return store


def _read(path: Path, *, header: bool) -> tuple[list[str], list[tuple[Any, ...]]]:
    with duckdb.connect() as con:
        cursor = con.execute(
            "SELECT * FROM read_csv(?, delim = '\t', header = ?, quote = '', escape = '', "
            "all_varchar = true, auto_detect = false, columns = ?)",
            [str(path), header, _varchar(path, header=header)],
        )
        return [c[0] for c in cursor.description], cursor.fetchall()


def _varchar(path: Path, *, header: bool) -> dict[str, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
    names = first if header else [f"column{i:02d}" for i in range(len(first))]
    return dict.fromkeys(names, "VARCHAR")


@pytest.mark.parametrize(
    ("published", "ours"),
    [
        pytest.param(tuple(GDELT_CODEBOOK), GDELT_COLUMNS, id="gdelt"),
        pytest.param(tuple(POLECAT_HEADER.split("\t")), POLECAT_COLUMNS, id="polecat"),
        pytest.param(tuple(MIRAI_HEADER.split("\t")), MIRAI_COLUMNS, id="mirai"),
    ],
)
def test_layouts_columns_match_published_lists(
    published: tuple[str, ...], ours: tuple[str, ...]
) -> None:
    assert ours == published


def test_layouts_gdelt_loads_into_a_table_with_gdelt_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "20230913.export.CSV"
    assert store.export_layout("gdelt", out).rows == N_EXPORTED
    body = ", ".join(f"{name} {sql_type}" for name, sql_type in GDELT_CODEBOOK.items())
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE gdelt ({body})")
        con.execute(f"COPY gdelt FROM '{out}' (DELIMITER '\t', HEADER false, QUOTE '')")
        rows = con.execute(
            "SELECT Actor1CountryCode, Actor2CountryCode, EventCode, EventBaseCode, "
            "NumMentions, NumArticles, ActionGeo_Type, ActionGeo_CountryCode, "
            "ActionGeo_FeatureID, SQLDATE, DATEADDED FROM gdelt ORDER BY EventCode, 1"
        ).fetchall()
    assert rows[0] == (
        "PRK",
        "RUS",
        "040",
        "040",
        1,
        1,
        4,
        "RS",
        "2013348",
        20230913,
        20230913000000,
    )
    assert [row[2] for row in rows] == ["040", "040", "0431", "112"]
    assert rows[2][3] == "043"


def test_layouts_gdelt_header_only_on_request(store: Store, tmp_path: Path) -> None:
    store.export_layout("gdelt", tmp_path / "plain.tsv")
    store.export_layout("gdelt", tmp_path / "head.tsv", header=True)
    names, rows = _read(tmp_path / "head.tsv", header=True)
    assert tuple(names) == GDELT_COLUMNS
    assert len(rows) == N_EXPORTED
    assert (tmp_path / "plain.tsv").read_text().splitlines()[0].split("\t")[0].isdigit()


def test_layouts_polecat_round_trips_with_its_header(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "polecat.tsv"
    store.export_layout("polecat", out)
    names, rows = _read(out, header=True)
    assert tuple(names) == POLECAT_COLUMNS
    assert len(rows) == N_EXPORTED
    by_name = [dict(zip(names, row, strict=True)) for row in rows]
    russia = next(row for row in by_name if row["Actor Country"] == "RUS")
    assert (russia["City"], russia["GeoNames ID"], russia["Event Type"]) == (
        "Vladivostok",
        "2013348",
        "CONSULT",
    )


def test_layouts_mirai_writes_quads_and_answer_dictionaries(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "data_kg.csv"
    done = store.export_layout("mirai", out)
    names, rows = _read(out, header=True)
    assert tuple(names) == MIRAI_COLUMNS
    quads = {row[7] for row in rows}
    # Only dyads of two different countries: the NGO target is left out.
    assert quads == {
        "2023-09-13, RUS, 040, PRK",
        "2023-09-13, PRK, 040, RUS",
        "2023-09-13, USA, 112, CHN",
    }
    assert done.answers_path == str(tmp_path / "data_kg.answers.json")
    answers = json.loads(Path(done.answers_path).read_text())
    assert answers["(2023-09-13, USA, ?, CHN)"] == {"11": ["112"]}
    assert len(answers) == 3


def test_layouts_unique_events_read_back_as_the_stored_events(store: Store) -> None:
    with store.reader() as con:
        found = read_unique_events(con)
    stored = {event.id: event for event in EVENTS}
    assert sorted(unique.event.id for unique in found) == sorted(stored)
    for unique in found:
        assert unique.event == stored[unique.event.id]
        assert (unique.n_mentions, unique.article_ids) == (1, (unique.event.article_id,))


def test_layouts_unique_events_keep_only_the_modalities_asked(store: Store) -> None:
    with store.reader() as con:
        found = read_unique_events(con, modalities=[Modality.NEGATED, Modality.REPORTED])
    assert sorted(unique.event.modality for unique in found) == ["negated", "reported"]


def test_layouts_column_list_of_an_unknown_layout_offers_choices() -> None:
    with pytest.raises(UnknownNameError, match="icews"):
        layout_columns("icwes")


def test_layouts_gdelt_event_id_is_stable_and_positive() -> None:
    event_id = hashlib.sha1(b"x").hexdigest()
    assert gdelt_event_id(event_id) == gdelt_event_id(event_id) > 0
    assert gdelt_event_id("f" * 40) < 2**63


def test_layouts_unknown_layout_offers_choices(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="gdelt"):
        store.export_layout("gdelt2", tmp_path / "x.tsv")


def test_layouts_refuse_a_store_whose_events_are_not_collapsed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "raw.duckdb")
    with store.writer() as con:
        store.upsert_articles(con, ARTICLES)
        store.upsert_events(con, EVENTS)
    with pytest.raises(StoreError, match="not collapsed"):
        store.export_layout("gdelt", tmp_path / "x.tsv")


def test_layouts_cli_export_writes_the_layout(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cli.tsv"
    args = ["export", "--layout", "polecat", "--out", str(out), "--db", str(store.path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"polecat: {N_EXPORTED} rows written" in result.output
    assert out.read_text().startswith("Event ID\t")
