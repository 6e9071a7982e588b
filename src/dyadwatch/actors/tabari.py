"""Import legacy TABARI/PETRARCH ``.actors`` and ``.agents`` dictionaries as a user gazetteer.

The importer reads the dictionaries' own syntax (see docs/legacy-dictionaries.md) into
``UserRow`` records, and ``write_user_gazetteer`` writes them in the user-file format of
``docs/actors.md``, so the resolver loads them like any other user gazetteer. Codes are kept
as the dictionary gives them (``ARN``, ``DAGGOV``, ``PSEREBHMS``), not mapped to ISO.
"""

from __future__ import annotations

import csv
import datetime
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyadwatch.actors import tables
from dyadwatch.actors._text import key, tokens
from dyadwatch.actors.entries import MentionKind
from dyadwatch.errors import InputError, RecordError

logger = logging.getLogger(__name__)

#: Columns of the written file: the user-file columns plus ``origin`` (dictionary file:line).
COLUMNS = (*tables.USER_COLUMNS, "origin")

#: CAMEO prefixes of international actors: never a country.
INTERNATIONAL = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"})

_CODE = re.compile(
    r"^(?P<code>[A-Za-z0-9+\-/]+)"
    r"(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<since>\d+)\s*-\s*(?P<until>\d+))?$"
)
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_MARKER = re.compile(r"!([A-Za-z0-9_]+)!")
_DAY = datetime.timedelta(days=1)


def _bad(where: str, problem: str, fix: str) -> RecordError:
    """Return the error for a bad dictionary line; ``where`` is ``path:line``."""
    path, _, line = where.rpartition(":")
    return RecordError(path, int(line), problem, fix)


@dataclass(frozen=True, slots=True)
class UserRow:
    """One row of a user gazetteer file (``docs/actors.md``), with where it came from."""

    name: str
    kind: MentionKind
    aliases: tuple[str, ...] = ()
    country: str = ""
    sector: str = ""
    code: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    origin: str = ""  # "PETR.Validate.actors.txt:45"

    def cells(self) -> dict[str, str]:
        """Return the row's cells by column name, as the user-file reader expects them."""
        return {
            "name": self.name,
            "aliases": "|".join(self.aliases),
            "country": self.country,
            "sector": self.sector,
            "role": "",
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "kind": self.kind.value,
            "code": self.code,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class _Code:
    code: str
    start: datetime.date | None
    end: datetime.date | None


@dataclass(slots=True)  # built up line by line, then turned into rows
class _Block:
    name: str
    where: str
    aliases: list[str] = field(default_factory=list)
    codes: list[_Code] = field(default_factory=list)


# --- reading dictionary lines ------------------------------------------------------------


def dictionary_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, content)`` of a dictionary file, comments and blanks removed.

    Comments are ``<!-- ... -->`` (also over several lines), lines starting with ``<!``,
    and anything after ``#`` or ``;``.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the dictionary ({error.strerror})",
                         "check the path") from None  # fmt: skip
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line, in_comment = _uncomment(raw, in_comment)
        line = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        if line:
            yield number, line


def _uncomment(line: str, in_comment: bool) -> tuple[str, bool]:
    """Remove XML-style comments from one line; return the rest and whether one stays open."""
    kept = ""
    while True:
        if in_comment:
            close = line.find("-->")
            if close < 0:
                return kept, True
            line, in_comment = line[close + 3 :], False
        if not kept and line.lstrip().startswith("<!") and not line.lstrip().startswith("<!--"):
            return "", False  # "<! -- ... -->" and other "<!" lines are skipped whole
        start = line.find("<!--")
        if start < 0:
            return kept + line, False
        kept, line, in_comment = kept + line[:start], line[start + 4 :], True


# --- codes and dates -----------------------------------------------------------------------


def parse_date(text: str, *, where: str) -> datetime.date:
    """Read a dictionary date: ``YYYYMMDD``, or ``YYMMDD`` with 00–30 read as 20YY.

    Example:
        >>> parse_date("950601", where="x"), parse_date("20130119", where="x")
        (datetime.date(1995, 6, 1), datetime.date(2013, 1, 19))
    """
    try:
        if len(text) == 8:
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            year = int(text[:2])
            year += 2000 if year <= 30 else 1900
            return datetime.date(year, int(text[2:4]), int(text[4:]))
    except ValueError:
        pass
    raise _bad(where, f"{text!r} is not a date", "write dates as YYYYMMDD or YYMMDD")


def parse_code(text: str, *, where: str) -> _Code:
    """Read one bracketed code: ``CODE``, ``CODE <DATE``, ``CODE >DATE`` or ``CODE D1-D2``.

    ``<D`` is before D, ``>D`` after D, and ``D1-D2`` from D1 through D2; the result is a
    half-open window ``[start, end)``.
    """
    found = _CODE.match(text.strip())
    if found is None:
        fix = "write [CODE], [CODE <YYYYMMDD], [CODE >YYYYMMDD] or [CODE YYYYMMDD-YYYYMMDD]"
        raise _bad(where, f"cannot read the code [{text.strip()}]", fix)
    code = found["code"].upper()
    if "/" in code:
        logger.info("%s: compound code %s kept as its first part", where, code)
        code = code.split("/", 1)[0]
    start = end = None
    if found["op"] == "<":
        end = parse_date(found["date"], where=where)
    elif found["op"] == ">":
        start = parse_date(found["date"], where=where) + _DAY
    elif found["since"]:
        start = parse_date(found["since"], where=where)
        end = parse_date(found["until"], where=where) + _DAY
        if end <= start:
            raise _bad(where, f"the range in [{text.strip()}] ends before it starts",
                       "write the earlier date first")  # fmt: skip
    return _Code(code, start, end)


def _codes(text: str, *, where: str) -> list[_Code]:
    """Read every ``[...]`` group of a line; nothing else may stand between them."""
    rest = _BRACKETS.sub("", text)
    if rest.strip():
        raise _bad(where, f"unexpected text {rest.strip()!r} beside a code",
                   "put the name first and only [CODE] groups after it")  # fmt: skip
    return [parse_code(group, where=where) for group in _BRACKETS.findall(text)]


def _phrase(text: str) -> str:
    """Turn a dictionary phrase (``GEORGE_W._BUSH``) into plain words (``GEORGE W. BUSH``)."""
    return " ".join(text.replace("_", " ").split())


# --- the actors dictionary -----------------------------------------------------------------


def read_actor_dictionary(path: str | Path, *, countries: frozenset[str]) -> list[UserRow]:
    """Read a TABARI/PETRARCH ``.actors`` file into user-gazetteer rows.

    Each entry (``NAME [CODE]``) and its ``+SYNONYM`` lines become one row per code; dated
    codes (on the entry line or indented lines below it) come first, so they win while
    active, and the undated default comes last. A code whose first three letters are an ISO
    country in ``countries`` becomes a country (``ISR``), a state body (``ISRMIL``) or a
    group (``PSEREBHMS``); any other becomes a group with its code as given (``ARN``).
    A name defined again later in the file keeps the later definition, as in PETRARCH.

    Raises:
        RecordError: a line that cannot be read; the message gives ``path:line``.
    """
    path = Path(path)
    blocks: list[_Block] = []
    for number, line in dictionary_lines(path):
        where = f"{path}:{number}"
        if line.startswith("["):
            _current(blocks, where, "a code").codes.extend(_codes(line, where=where))
        elif line.startswith("+"):
            _current(blocks, where, "a synonym").aliases.append(_name(line[1:], where))
        else:
            name, bracket, rest = line.partition("[")
            block = _Block(_name(name, where), where)
            block.codes.extend(_codes(bracket + rest, where=where))
            blocks.append(block)
    for block in blocks:
        if not block.codes:
            raise _bad(block.where, f"entry {block.name!r} has no code",
                       "add [CODE] on its line or on an indented line below")  # fmt: skip
    return [row for block in _later_wins(blocks) for row in _block_rows(block, countries)]


def _current(blocks: list[_Block], where: str, what: str) -> _Block:
    if not blocks:
        raise _bad(where, f"{what} before any entry", "start with an entry line: NAME [CODE]")
    return blocks[-1]


def _name(text: str, where: str) -> str:
    name = _phrase(text)
    if not tokens(name) or "|" in name or name[:1] in "=^":
        raise _bad(where, f"cannot read the name {text.strip()!r}",
                   "write NAME [CODE], words joined by _ or spaces")  # fmt: skip
    return name


def _alias_key(alias: str) -> tuple[str, ...]:
    return tuple(key(token) for token in tokens(alias))


def _later_wins(blocks: list[_Block]) -> list[_Block]:
    """Drop names and synonyms that a later entry defines again (PETRARCH keeps the last)."""
    seen: set[tuple[str, ...]] = set()
    kept: list[_Block] = []
    dropped = 0
    for block in reversed(blocks):
        names = [
            n for n in dict.fromkeys([block.name, *block.aliases]) if _alias_key(n) not in seen
        ]
        dropped += len(block.aliases) + 1 - len(names)
        seen.update(_alias_key(n) for n in names)
        if names:
            kept.append(_Block(names[0], block.where, names[1:], block.codes))
    if dropped:
        logger.info("%d names are defined again later in the dictionary; the later kept", dropped)
    return kept[::-1]


def _block_rows(block: _Block, countries: frozenset[str]) -> list[UserRow]:
    dated = [c for c in block.codes if c.start or c.end]
    undated = [c for c in block.codes if not (c.start or c.end)]
    return [
        replace(classify(c.code, countries), name=block.name, aliases=tuple(block.aliases),
                start=c.start, end=c.end, origin=block.where)
        for c in (*dated, *undated)
    ]  # fmt: skip


def classify(code: str, countries: frozenset[str]) -> UserRow:
    """Return a row's kind, country, sector and code for a dictionary code.

    Example:
        >>> row = classify("DAGGOV", frozenset({"ISR"}))
        >>> row.kind.value, row.country, row.code
        ('nsa', 'DAG', 'DAGGOV')
    """
    prefix = code[:3]
    if not any(ch.isalnum() for ch in code):  # "---": named, but no actor
        return UserRow("", MentionKind.STOP)
    if prefix == "IGO":
        return UserRow("", MentionKind.IGO, code=code)
    if prefix in INTERNATIONAL or not prefix.isalnum():
        return UserRow("", MentionKind.NSA, sector=code[3:6], code=code)
    if prefix in countries and len(code) == 3:
        return UserRow("", MentionKind.COUNTRY, country=prefix)
    if prefix in countries and len(code) == 6:
        return UserRow("", MentionKind.AGENT, country=prefix, sector=code[3:], code=code)
    return UserRow("", MentionKind.NSA, country=prefix, sector=code[3:6], code=code)


# --- the agents dictionary -----------------------------------------------------------------


def read_agent_dictionary(path: str | Path) -> list[UserRow]:
    """Read a TABARI/PETRARCH ``.agents`` file into sector-word rows (kind ``agent``).

    ``PHRASE [~CODE]`` appends CODE to the actor's country; ``PHRASE [CODE~]`` is meant to
    prepend it, which the resolver cannot do, so it is appended too. Plurals are made by
    the dictionary's rule unless ``{PLURALS}`` lists them (``{}``: none), and
    ``!MARKER! = A, B`` defines a substitution set used as ``WORD!MARKER!``.

    Raises:
        RecordError: a line that cannot be read; the message gives ``path:line``.
    """
    path = Path(path)
    markers: dict[str, list[str]] = {}
    rows: list[UserRow] = []
    prepended = 0
    for number, line in dictionary_lines(path):
        where = f"{path}:{number}"
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            markers[name.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        phrase, bracket, rest = line.partition("[")
        code, close, tail = rest.partition("]")
        if not bracket or not close or tail.strip():
            raise _bad(where, f"cannot read the agent line {line!r}",
                       "write PHRASE [~CODE] or PHRASE {PLURALS} [~CODE]")  # fmt: skip
        sector, prepend = _agent_code(code, where)
        prepended += prepend
        forms = _agent_forms(phrase, markers, where)
        rows.append(UserRow(forms[0], MentionKind.AGENT, tuple(forms[1:]), sector=sector,
                            origin=where))  # fmt: skip
    if prepended:
        logger.warning("%s: %d prepended agent codes (CODE~) are appended", path, prepended)
    return _agents_later_win(rows)


def _agent_code(text: str, where: str) -> tuple[str, bool]:
    code = text.strip()
    if not re.fullmatch(r"~[A-Za-z0-9]+|[A-Za-z0-9]+~", code):
        raise _bad(where, f"cannot read the agent code [{code}]",
                   "write [~CODE] (appended to the country) or [CODE~] (prepended)")  # fmt: skip
    return code.strip("~").upper(), code.endswith("~")


def _agent_forms(text: str, markers: dict[str, list[str]], where: str) -> list[str]:
    """Return the spellings of one agent phrase: the phrase, then its plurals."""
    phrase, brace, rest = text.partition("{")
    plurals, close, _ = rest.partition("}")
    if brace and not close:
        raise _bad(where, "missing '}'", "close the plural list: PHRASE {PLURALS} [~CODE]")
    marker = _MARKER.search(phrase)
    if marker is not None:
        if marker[1] not in markers:
            raise _bad(where, f"substitution marker !{marker[1]}! is not defined",
                       f"define it above: !{marker[1]}! = A, B, C")  # fmt: skip
        expanded = [
            phrase[: marker.start()] + v + phrase[marker.end() :] for v in markers[marker[1]]
        ]
        return list(dict.fromkeys(_phrase(form) for form in expanded))
    words = _phrase(phrase)
    if not tokens(words):
        raise _bad(where, "an agent line without a phrase", "write PHRASE [~CODE]")
    extra = [_phrase(p) for p in plurals.split()] if brace else [plural(words)]
    return list(dict.fromkeys([words, *extra]))


def plural(phrase: str) -> str:
    """Return the regular plural of a phrase's last word, as the dictionaries form it.

    Example:
        >>> plural("SECURITY SERVICE"), plural("AUTHORITY"), plural("CONGRESS")
        ('SECURITY SERVICES', 'AUTHORITIES', 'CONGRESSES')
    """
    if phrase.endswith("Y") and phrase[-2:-1] not in tuple("AEIOU"):
        return phrase[:-1] + "IES"
    if phrase.endswith(("S", "X", "Z", "CH", "SH")):
        return phrase + "ES"
    return phrase + "S"


def _agents_later_win(rows: list[UserRow]) -> list[UserRow]:
    seen: set[tuple[str, ...]] = set()
    kept: list[UserRow] = []
    for row in reversed(rows):
        names = [n for n in (row.name, *row.aliases) if _alias_key(n) not in seen]
        seen.update(_alias_key(n) for n in names)
        if names:
            kept.append(replace(row, name=names[0], aliases=tuple(names[1:])))
    return kept[::-1]


# --- the whole import ----------------------------------------------------------------------


def iso_countries() -> frozenset[str]:
    """Return the ISO alpha-3 codes (and Kosovo's XKX) the package gazetteer knows."""
    return frozenset(
        entry.country for entry, _ in tables.read_countries() if entry.kind is MentionKind.COUNTRY
    )


def import_tabari(
    actors_path: str | Path, *, agents_path: str | Path | None = None
) -> list[UserRow]:
    """Read a TABARI/PETRARCH actors dictionary (and optionally an agents one) into rows.

    Example:
        >>> rows = import_tabari("PETR.Validate.actors.txt",
        ...                      agents_path="PETR.Validate.agents.txt")  # doctest: +SKIP
        >>> write_user_gazetteer(rows, "suite-actors.tsv")  # doctest: +SKIP
    """
    rows = read_actor_dictionary(actors_path, countries=iso_countries())
    if agents_path is not None:
        rows.extend(read_agent_dictionary(agents_path))
    return rows


def write_user_gazetteer(rows: Iterable[UserRow], path: str | Path) -> int:
    """Write rows as a user gazetteer TSV (``docs/actors.md``); return how many were written."""
    written = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(row.cells())
            written += 1
    return written


def summarise_rows(rows: Sequence[UserRow]) -> dict[str, int]:
    """Count rows per kind, for the command's closing line."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind.value] = counts.get(row.kind.value, 0) + 1
    return dict(sorted(counts.items()))


def convert_tabari(
    actors_path: str | Path, out_path: str | Path, *, agents_path: str | Path | None = None
) -> dict[str, int]:
    """Import TABARI/PETRARCH dictionaries and write the user gazetteer ``out_path``.

    Returns:
        The number of rows written per kind (``country``, ``nsa``, ``agent`` ...).

    Example:
        >>> convert_tabari("PETR.actors.txt", "mine.tsv")  # doctest: +SKIP
        {'country': 37, 'nsa': 87, ...}
    """
    rows = import_tabari(actors_path, agents_path=agents_path)
    write_user_gazetteer(rows, out_path)
    return summarise_rows(rows)
