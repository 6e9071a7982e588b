"""Read the actor tables (package TSV files and user files) into gazetteer entries.

Every table is tab-separated with a header line (lines starting with ``#`` are comments);
alias lists are ``|``-separated, and an
alias may start with ``=`` (exact case) or ``^`` (capitalised only). Errors in user files
name the file, the line and the fix.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path

from dyadwatch.actors.context import NEVER_ALONE
from dyadwatch.actors.entries import KIND_RANK, ROLES, Entry, MentionKind
from dyadwatch.datafiles import read_rows
from dyadwatch.errors import InputError, RecordError

logger = logging.getLogger(__name__)

Row = tuple[Entry, list[str]]  # an entry and every alias that names it

PACKAGE_DATA = resources.files("dyadwatch.actors") / "data"

USER_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end", "kind", "code")

# Pairs of countries named together ("the two Koreas"); one mention per member.
PAIRS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("the two Koreas", ("PRK", "KOR"), "both Koreas|the Koreas"),
)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _records(
    text: str, source: str, required: Sequence[str]
) -> Iterator[tuple[int, Mapping[str, str]]]:
    return ((row.line, row.cells) for row in read_rows(text, source, required=required))


def _package(name: str) -> tuple[str, str]:
    return (PACKAGE_DATA / name).read_text(encoding="utf-8"), name


def _bare(name: str) -> str:
    return name.lstrip("=^")


def read_countries() -> list[Row]:
    """Read ``countries.tsv``: each country with its aliases, capitals and demonyms."""
    text, source = _package("countries.tsv")
    rows: list[Row] = []
    for line, rec in _records(text, source, ("country", "name", "aliases", "capitals", "demonyms")):
        iso, name, where = rec["country"], _bare(rec["name"]), f"{source}:{line}"
        rank = KIND_RANK[MentionKind.COUNTRY]
        rows.append(
            (
                Entry(name, MentionKind.COUNTRY, iso, iso, source=where, rank=rank),
                [rec["name"], *_split(rec["aliases"])],
            )
        )
        for kind, column, sector in (
            (MentionKind.CAPITAL, "capitals", "GOV"),
            (MentionKind.DEMONYM, "demonyms", ""),
        ):
            aliases = _split(rec[column])
            if aliases:
                entry = Entry(
                    name, kind, iso + sector, iso, sector, source=where, rank=KIND_RANK[kind]
                )
                rows.append((entry, aliases))
    return rows


def read_institutions() -> list[Row]:
    """Read ``institutions.tsv``: seats of government, parliaments and state bodies."""
    text, source = _package("institutions.tsv")
    columns = ("name", "aliases", "country", "sector", "kind", "start", "end")
    rows: list[Row] = []
    for line, rec in _records(text, source, columns):
        kind = MentionKind(rec["kind"])
        entry = Entry(
            _bare(rec["name"]), kind, rec["country"] + rec["sector"], rec["country"], rec["sector"],
            start=_date(rec["start"], source, line), end=_date(rec["end"], source, line),
            source=f"{source}:{line}", rank=KIND_RANK[kind],
        )  # fmt: skip
        rows.append((entry, [rec["name"], *_split(rec["aliases"])]))
    return rows


def read_organisations() -> list[Row]:
    """Read ``igos.tsv`` (international organisations), ``officials.tsv`` (their heads and
    envoys, by date) and ``groups.tsv`` (armed groups)."""
    rows: list[Row] = []
    text, source = _package("igos.tsv")
    codes = set()
    for line, rec in _records(text, source, ("code", "name", "aliases")):
        entry = Entry(_bare(rec["name"]), MentionKind.IGO, rec["code"], source=f"{source}:{line}",
                      rank=KIND_RANK[MentionKind.IGO])  # fmt: skip
        rows.append((entry, [rec["name"], *_split(rec["aliases"])]))
        codes.add(rec["code"])
    rows += read_officials(*_package("officials.tsv"), codes=codes)
    text, source = _package("groups.tsv")
    columns = ("code", "name", "aliases", "country", "sector", "start", "end")
    for line, rec in _records(text, source, columns):
        entry = Entry(
            _bare(rec["name"]), MentionKind.NSA, rec["code"], rec["country"], rec["sector"],
            start=_date(rec["start"], source, line), end=_date(rec["end"], source, line),
            source=f"{source}:{line}", rank=KIND_RANK[MentionKind.NSA],
        )  # fmt: skip
        rows.append((entry, [rec["name"], *_split(rec["aliases"])]))
    return rows


def read_officials(text: str, source: str, *, codes: set[str]) -> list[Row]:
    """Read an officials table (``code name aliases start end``, e.g. ``officials.tsv``).

    Each row is a person who speaks for an organisation (a code in ``codes``) in a dated
    term: "Antonio Guterres" is the UN from 2017. The term outranks the person's national
    offices, so the UN's secretary-general is not read as Portugal's former prime minister.
    """
    rows: list[Row] = []
    for line, rec in _records(text, source, ("code", "name", "aliases", "start", "end")):
        if rec["code"] not in codes:
            raise RecordError(source, line, f"unknown organisation code {rec['code']!r}",
                              "use a code from igos.tsv")  # fmt: skip
        entry = Entry(
            _bare(rec["name"]), MentionKind.PERSON, rec["code"], role="OTHER",
            start=_date(rec["start"], source, line), end=_date(rec["end"], source, line),
            source=f"{source}:{line}", rank=KIND_RANK[MentionKind.PERSON],
        )  # fmt: skip
        _check_window(entry, source, line)
        rows.append((entry, _person_aliases(rec)))
    return rows


def read_agents_and_stops() -> list[Row]:
    """Read ``agents.tsv`` (sector words), ``stops.tsv`` and the built-in country pairs."""
    rows: list[Row] = []
    text, source = _package("agents.tsv")
    for line, rec in _records(text, source, ("name", "aliases", "sector", "title")):
        entry = Entry(rec["name"], MentionKind.AGENT, rec["sector"], "", rec["sector"],
                      title=rec["title"] == "y", source=f"{source}:{line}",
                      rank=KIND_RANK[MentionKind.AGENT])  # fmt: skip
        rows.append((entry, [rec["name"], *_split(rec["aliases"])]))
    text, source = _package("stops.tsv")
    for line, rec in _records(text, source, ("phrase", "why")):
        entry = Entry(rec["why"], MentionKind.STOP, source=f"{source}:{line}")
        rows.append((entry, [rec["phrase"]]))
    for name, members, aliases in PAIRS:
        entry = Entry(name, MentionKind.PAIR, members=members, source="built-in pair")
        rows.append((entry, [name, *_split(aliases)]))
    return rows


def read_people(
    path: Path | None = None, *, rank: int = KIND_RANK[MentionKind.PERSON]
) -> list[Row]:
    """Read a people table (``name aliases country sector role start end``).

    Without ``path`` this reads the package's ``people.tsv``, or nothing if it is absent.
    """
    if path is None:
        resource = PACKAGE_DATA / "people.tsv"
        if not resource.is_file():
            logger.debug("no package people.tsv; persons come from user files only")
            return []
        text, source = resource.read_text(encoding="utf-8"), "people.tsv"
    else:
        text, source = path.read_text(encoding="utf-8"), str(path)
    columns = ("name", "aliases", "country", "sector", "role", "start", "end")
    return [_person(rec, source, line, rank) for line, rec in _records(text, source, columns)]


def _person(rec: Mapping[str, str], source: str, line: int, rank: int) -> Row:
    if not rec["name"] or not rec["country"]:
        raise RecordError(source, line, "a person needs a name and a country",
                          "fill the name and country columns")  # fmt: skip
    if rec["role"] not in ROLES:
        raise RecordError(source, line, f"unknown role {rec['role']!r}",
                          f"use one of {', '.join(sorted(r for r in ROLES if r))}")  # fmt: skip
    sector = rec["sector"] or "GOV"
    entry = Entry(
        rec["name"], MentionKind.PERSON, rec["country"] + sector, rec["country"], sector,
        role=rec["role"], start=_date(rec["start"], source, line),
        end=_date(rec["end"], source, line), source=f"{source}:{line}", rank=rank,
    )  # fmt: skip
    _check_window(entry, source, line)
    return entry, _person_aliases(rec)


def _person_aliases(rec: Mapping[str, str]) -> list[str]:
    """A person's name and aliases, capitalised only unless marked, without the words that
    must never match alone ("May")."""
    aliases = [rec["name"], *_split(rec["aliases"])]
    usable = [a for a in aliases if a.lstrip("=^").lower() not in NEVER_ALONE]
    return [a if a[:1] in "=^" else "^" + a for a in usable]


def _date(value: str, source: str, line: int) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RecordError(
            source, line, f"{value!r} is not a date", "write dates as YYYY-MM-DD"
        ) from None


def _check_window(entry: Entry, source: str, line: int) -> None:
    if entry.start and entry.end and entry.end <= entry.start:
        raise RecordError(source, line, f"end {entry.end} is not after start {entry.start}",
                          "the window is [start, end): end must be later")  # fmt: skip


def read_user_file(path: Path, *, rank: int, countries: frozenset[str]) -> list[Row]:
    """Read a user gazetteer file: the people columns plus optional ``kind`` and ``code``.

    Args:
        path: the TSV file; its header names the columns it uses (``name`` is required).
        rank: where its entries rank against others sharing an alias (lower wins).
        countries: the ISO codes a ``country`` cell may hold.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the gazetteer file ({error.strerror})",
                         "check the path given as a user gazetteer") from None  # fmt: skip
    source = str(path)
    return [
        _user_row({c: rec.get(c, "") for c in USER_COLUMNS}, source, line, rank, countries)
        for line, rec in _records(text, source, ("name",))
    ]


def _user_row(
    rec: Mapping[str, str], source: str, line: int, rank: int, countries: frozenset[str]
) -> Row:
    kind = _user_kind(rec["kind"] or "person", source, line)
    if rec["country"] and rec["country"] not in countries and not _legacy_country(kind, rec):
        raise RecordError(source, line, f"unknown country code {rec['country']!r}",
                          "use an ISO 3166 alpha-3 code such as RUS (Kosovo: XKX)")  # fmt: skip
    if kind is MentionKind.PERSON:
        return _person(rec, source, line, rank)
    code = _user_code(kind, rec, source, line)
    sector = rec["sector"] or ("GOV" if kind is MentionKind.CAPITAL else "")
    entry = Entry(
        rec["name"].lstrip("=^"), kind, code, rec["country"], sector,
        start=_date(rec["start"], source, line), end=_date(rec["end"], source, line),
        source=f"{source}:{line}", rank=rank,
    )  # fmt: skip
    _check_window(entry, source, line)
    return entry, [rec["name"], *_split(rec["aliases"])]


def _legacy_country(kind: MentionKind, rec: Mapping[str, str]) -> bool:
    """Tell whether a row may keep a country that is not ISO: a group or organisation
    whose explicit code starts with it, as legacy dictionaries code them (``ARN`` for
    ``ARNGOV``). Such codes are used as given and never looked up as a country."""
    code = rec["code"].upper()
    return kind in (MentionKind.NSA, MentionKind.IGO) and code.startswith(rec["country"])


def _user_kind(value: str, source: str, line: int) -> MentionKind:
    allowed = [k.value for k in MentionKind if k is not MentionKind.PAIR]
    if value not in allowed:
        raise RecordError(
            source, line, f"unknown kind {value!r}", f"use one of {', '.join(allowed)}"
        )
    return MentionKind(value)


def _user_code(kind: MentionKind, rec: Mapping[str, str], source: str, line: int) -> str:
    country, sector = rec["country"], rec["sector"]
    if kind in (MentionKind.IGO, MentionKind.NSA):
        if not rec["code"]:
            raise RecordError(source, line, f"a {kind} entry needs a code",
                              "fill the code column, e.g. IGOUNO or PSEREBHMS")  # fmt: skip
        return rec["code"]
    if kind is MentionKind.STOP:
        return ""
    if kind is MentionKind.AGENT and not sector:
        raise RecordError(
            source, line, "an agent entry needs a sector", "fill the sector column, e.g. MIL"
        )
    if kind is not MentionKind.AGENT and not country:
        raise RecordError(
            source, line, f"a {kind} entry needs a country", "fill the country column"
        )
    if kind is MentionKind.CAPITAL:
        sector = sector or "GOV"
    return rec["code"] or country + sector
