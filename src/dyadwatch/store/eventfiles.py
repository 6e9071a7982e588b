"""Read event datasets in the layouts other tools publish (GDELT 2.0, ICEWS, POLECAT) as events.

The reverse of ``store.layouts``: each row of a tab-separated file (``.gz`` too) becomes
one ``Event`` plus its ``Provenance`` (dataset, file, line). Files are read a line at a
time, so any size streams at constant memory. Rows that cannot be read come back as
``RecordError`` values naming ``file:line``, for the caller to raise or reject. Actor names
without a country are resolved by ``actors.names.NameResolver`` on the event's date.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.actors.names import NameResolver
from dyadwatch.errors import InputError, RecordError, UnknownNameError
from dyadwatch.ingest.files import iter_lines
from dyadwatch.ontology import cameo, plover
from dyadwatch.records import (
    Actor,
    DatePrecision,
    Event,
    GeoPrecision,
    Location,
    Modality,
    Provenance,
)
from dyadwatch.store.layouts import GDELT_COLUMNS, POLECAT_COLUMNS, layout_columns

IMPORT_LAYOUTS: tuple[str, ...] = ("gdelt", "icews", "polecat")
MAX_LINE_BYTES = 1 << 20

ICEWS_COLUMNS = layout_columns("icews")
"""The 20 columns of an ICEWS Dataverse tab file, in order (its header line)."""

_REQUIRED = {
    "icews": ("Event ID", "Event Date", "Source Name", "CAMEO Code", "Target Name"),
    "polecat": ("Event ID", "Event Date", "Event Type", "Actor Name", "Recipient Name"),
}


@dataclass(frozen=True, slots=True)
class Imported:
    """One imported row: the event and where it came from."""

    event: Event
    provenance: Provenance


Row = dict[str, str]


def read_event_file(
    path: Path, layout: str, *, names: NameResolver
) -> Iterator[Imported | InputError]:
    """Yield one ``Imported`` (or a ``RecordError``) per data row of ``path`` in ``layout``.

    Raises:
        UnknownNameError: an unknown layout.
        FormatError: the file is binary; InputError: it cannot be read.

    Example:
        >>> rows = read_event_file(Path("events.tab.gz"), "icews", names=names)  # doctest: +SKIP
        >>> next(rows).event.source.country  # doctest: +SKIP
        'SGP'
    """
    if layout not in IMPORT_LAYOUTS:
        raise UnknownNameError("layout", layout, IMPORT_LAYOUTS)
    to_event = _PARSERS[layout]
    header: tuple[str, ...] | None = GDELT_COLUMNS if layout == "gdelt" else None
    for line in iter_lines(path, max_line_bytes=MAX_LINE_BYTES):
        if line.error is not None:
            yield line.error
            continue
        if not line.text.strip():
            continue
        cells = line.text.split("\t")
        if header is None or (line.number == 1 and cells[0] == header[0]):
            found = _header(path, line.number, cells, layout)
            if isinstance(found, InputError):
                yield found
                return
            header = found
            continue
        yield _row(path, line.number, header, cells, to_event, names, layout)


def _header(path: Path, number: int, cells: list[str], layout: str) -> tuple[str, ...] | InputError:
    found = tuple(cell.strip() for cell in cells)
    missing = [name for name in _REQUIRED.get(layout, ()) if name not in found]
    if missing:
        expected = ", ".join(ICEWS_COLUMNS if layout == "icews" else POLECAT_COLUMNS)
        problem = f"the header lacks {', '.join(missing)}"
        return RecordError(str(path), number, problem, f"a {layout} file starts with: {expected}")
    return found


Parser = Callable[[Row, NameResolver], Event]


def _row(
    path: Path,
    number: int,
    header: tuple[str, ...],
    cells: list[str],
    to_event: Parser,
    names: NameResolver,
    layout: str,
) -> Imported | InputError:
    if len(cells) != len(header):
        problem = f"{len(cells)} tab-separated fields, expected {len(header)}"
        return RecordError(str(path), number, problem, f"check the row against the {layout} layout")
    row = dict(zip(header, cells, strict=True))
    try:
        event = to_event(row, names)
    except _BadRow as bad:
        return RecordError(str(path), number, bad.problem, bad.fix)
    return Imported(event, Provenance(event.id, layout, path.name, number))


class _BadRow(Exception):
    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem, self.fix = problem, fix


def _date(text: str, column: str) -> datetime.date:
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        raise _BadRow(f"bad {column} {text!r}", "dates are YYYY-MM-DD or YYYYMMDD") from None


def _code(text: str) -> cameo.CameoCode:
    try:
        return cameo.get(text.strip())
    except UnknownNameError as error:
        raise _BadRow(str(error), "use a CAMEO 1.1b3 event code") from None


def _float(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _event(
    *,
    layout: str,
    source_id: str,
    date: datetime.date,
    code: cameo.CameoCode,
    actors: tuple[Actor, Actor],
    evidence: str,
    location: Location,
    is_root: bool = False,
) -> Event:
    key = f"import:{layout}:{source_id}"
    event_id = hashlib.sha1(key.encode()).hexdigest()
    return Event(
        id=event_id,
        article_id=f"{layout}:{source_id}",
        date=date,
        sentence_index=0,
        start=0,
        end=0,
        source=actors[0],
        target=actors[1],
        cameo=code.code,
        root=code.root,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover_type=code.plover_type,
        plover_mode=code.plover_mode,
        modality=Modality.ASSERTED,
        trigger="",
        evidence=evidence,
        confidence=1.0,
        coder_version=f"import:{layout}",
        date_precision=DatePrecision.DAY,
        is_root=is_root,
        location=location,
    )


def _source_id(row: Row, column: str) -> str:
    value = row[column].strip()
    if value:
        return value
    # No id in the file: the row's own content names it, so a re-import finds it again.
    return hashlib.sha1("\t".join(row.values()).encode()).hexdigest()[:20]


def icews_event(row: Row, names: NameResolver) -> Event:
    """Return the event of one ICEWS Dataverse row (a dict by column name)."""
    date = _date(row["Event Date"], "Event Date")
    code = _code(row["CAMEO Code"])
    source = names.actor(row["Source Name"], row.get("Source Country", ""), date=date)
    target = names.actor(row["Target Name"], row.get("Target Country", ""), date=date)
    text = row.get("Event Text", "").strip() or code.name
    where = _place(row.get("City", ""), names.country(row.get("Country", ""), date=date), row)
    evidence = f"{row['Source Name'].strip()}: {text}: {row['Target Name'].strip()}"
    return _event(
        layout="icews",
        source_id=_source_id(row, "Event ID"),
        date=date,
        code=code,
        actors=(source, target),
        evidence=evidence,
        location=where,
    )


def _place(name: str, country: str, row: Row) -> Location:
    latitude, longitude = _float(row.get("Latitude", "")), _float(row.get("Longitude", ""))
    if name.strip():
        precision = GeoPrecision.PLACE
    else:
        precision = GeoPrecision.COUNTRY if country else GeoPrecision.NONE
    return Location(
        name=name.strip(),
        country=country,
        latitude=latitude,
        longitude=longitude,
        precision=precision,
    )


def gdelt_event(row: Row, names: NameResolver) -> Event:
    """Return the event of one GDELT 2.0 Events row (a dict by column name)."""
    date = _date(row["SQLDATE"], "SQLDATE")
    code = _code(row["EventCode"])
    actors = tuple(_gdelt_actor(row, n, date, names) for n in ("1", "2"))
    evidence = row["SOURCEURL"].strip() or f"{row['Actor1Name']}: {code.name}: {row['Actor2Name']}"
    return _event(
        layout="gdelt",
        source_id=_source_id(row, "GLOBALEVENTID"),
        date=date,
        code=code,
        actors=(actors[0], actors[1]),
        evidence=evidence,
        location=_place(row["ActionGeo_FullName"], "", row),
        is_root=row["IsRootEvent"].strip() == "1",
    )


def _gdelt_actor(row: Row, n: str, date: datetime.date, names: NameResolver) -> Actor:
    code, name = row[f"Actor{n}Code"].strip(), row[f"Actor{n}Name"].strip()
    country = row[f"Actor{n}CountryCode"].strip()
    found = names.actor(name.title() if name.isupper() else name, country, date=date)
    sector = row[f"Actor{n}Type1Code"].strip() or found.sector
    return Actor(code or found.code, found.country, sector, name or found.name, found.kind)


def polecat_event(row: Row, names: NameResolver) -> Event:
    """Return the event of one POLECAT row; its PLOVER type is mapped back to CAMEO."""
    date = _date(row["Event Date"], "Event Date")
    found = _plover_code(row["Event Type"], row.get("Event Mode", ""))
    if found is None:
        problem = f"no CAMEO code for PLOVER type {row['Event Type']!r}"
        raise _BadRow(problem, "use a PLOVER event type CAMEO can express")
    source = names.actor(row["Actor Name"], row.get("Actor Country", ""), date=date)
    target = names.actor(row["Recipient Name"], row.get("Recipient Country", ""), date=date)
    code = _code(found)
    place = _place(row.get("Placename", ""), row.get("Country", "").strip(), row)
    evidence = f"{row['Actor Name'].strip()}: {code.name}: {row['Recipient Name'].strip()}"
    return _event(
        layout="polecat",
        source_id=_source_id(row, "Event ID"),
        date=date,
        code=code,
        actors=(source, target),
        evidence=evidence,
        location=place,
    )


def _plover_code(kind: str, mode: str) -> str | None:
    try:
        kind = plover.normalise_type(kind)
        # A mode CAMEO cannot express still has the type's generic code.
        return plover.to_cameo(kind, mode.strip()) or plover.to_cameo(kind)
    except UnknownNameError as error:
        raise _BadRow(str(error), "use a PLOVER event type and mode") from None


_PARSERS: dict[str, Parser] = {
    "gdelt": gdelt_event,
    "icews": icews_event,
    "polecat": polecat_event,
}
