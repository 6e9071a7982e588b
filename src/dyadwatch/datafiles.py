"""Read the tab-separated tables dyadwatch ships as package data, and user tables like them.

Every table has one format. The first line that is not blank or a comment (``#``) names
the columns; each later line is one row. Blank and comment lines are skipped anywhere,
cells are stripped, and missing trailing cells read as ``""`` (editors strip trailing
tabs). Word tables use the ``classes.tsv`` columns, ``class`` and ``words``, with the
words ``|``-separated. Errors name the file and line and say what to fix.

This is the one reader of such tables: ``ontology``, ``actors`` and ``extract`` read
their data through it, so a data file's format and its error messages are the same
everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from dyadwatch.errors import InputError

WORD_COLUMNS = ("class", "words")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table: where it was read and its cells by column name."""

    source: str  # the file as errors name it: "cameo.tsv" or "/path/to/user.tsv"
    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def error(self, problem: str, fix: str = "") -> InputError:
        """Return an ``InputError`` located at this row."""
        return InputError(self.source, self.line, problem, fix)


def read_rows(text: str, source: str, *, required: Sequence[str] = ()) -> Iterator[TableRow]:
    """Yield the rows of a table's ``text``, keyed by its header.

    Args:
        text: The whole file.
        source: How errors and rows name the file.
        required: Columns the header must name.

    Raises:
        InputError: The header lacks a required column.

    Example:
        >>> [row["b"] for row in read_rows("# note\\na\\tb\\n1\\t2\\n3\\n", "t.tsv")]
        ['2', '']
    """
    header: list[str] | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            _check_header(cells, required, source, number)
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        yield TableRow(source, number, dict(zip(header, cells, strict=False)))
    if header is None and required:
        _check_header([], required, source, 1)


def _check_header(header: list[str], required: Sequence[str], source: str, line: int) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(
            source,
            line,
            f"header lacks {', '.join(missing)}",
            f"the header needs {', '.join(required)}",
        )


def package_text(package: str, name: str) -> str:
    """Return the text of ``data/<name>`` inside the package ``package``."""
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def package_table(package: str, name: str, required: tuple[str, ...] = ()) -> tuple[TableRow, ...]:
    """Return the rows of the package table ``data/<name>`` (read once per process).

    Example:
        >>> package_table("dyadwatch.ontology", "plover_types.tsv")[0]["type"]
        'AGREE'
    """
    return tuple(read_rows(package_text(package, name), name, required=required))


@dataclass(frozen=True, slots=True)
class WordClasses:
    """Named word sets read from a table in the ``classes.tsv`` format."""

    source: str
    classes: Mapping[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        """Return the words of class ``name``.

        Raises:
            InputError: The table has no such class.
        """
        words = self.classes.get(name)
        if words is None:
            raise InputError(
                self.source,
                None,
                f"no word class {name!r}",
                f"add a line {name}<TAB>word|word|... (the file has {', '.join(self.classes)})",
            )
        return words


def read_words(text: str, source: str) -> WordClasses:
    """Read a word table: class name → lower-case words; a class may span several lines,
    one after another (a name used again further down is an error: two meanings merged).

    Example:
        >>> read_words("class\\twords\\nFOOD\\tGrain|rice\\nFOOD\\twheat\\n", "c.tsv")["FOOD"]
        frozenset({'grain', 'rice', 'wheat'})
    """
    classes: dict[str, set[str]] = {}
    last = ""
    for row in read_rows(text, source, required=WORD_COLUMNS):
        if not row["class"]:
            raise row.error("a word class needs a name", "write NAME<TAB>word|word|...")
        if row["class"] in classes and row["class"] != last:
            raise row.error(
                f"word class {row['class']} is defined again further down",
                "give the second meaning a name of its own, or join the lines",
            )
        last = row["class"]
        words = {word.strip().lower() for word in row["words"].split("|") if word.strip()}
        classes.setdefault(row["class"], set()).update(words)
    return WordClasses(source, {name: frozenset(words) for name, words in classes.items()})


@functools.cache
def package_words(package: str, name: str) -> WordClasses:
    """Return the word classes of the package table ``data/<name>`` (read once per process).

    Example:
        >>> "weapon" in package_words("dyadwatch.extract", "classes.tsv")["WEAPON"]
        True
    """
    return read_words(package_text(package, name), name)
