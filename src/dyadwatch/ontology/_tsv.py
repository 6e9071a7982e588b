"""Read the tab-separated data files shipped in ``dyadwatch/ontology/data``."""

from __future__ import annotations

import functools
from importlib import resources

Row = dict[str, str]


@functools.cache
def read_table(name: str) -> tuple[Row, ...]:
    """Return the rows of ``data/<name>`` as dicts keyed by the header line.

    Lines starting with ``#`` are comments. Missing trailing cells read as ``""`` (editors
    may strip trailing tabs).

    Example:
        >>> read_table("plover_types.tsv")[0]["type"]
        'AGREE'
    """
    path = resources.files("dyadwatch.ontology").joinpath("data", name)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("#")]
    header = lines[0].split("\t")
    return tuple(_row(header, line) for line in lines[1:])


def _row(header: list[str], line: str) -> Row:
    cells = line.split("\t")
    cells += [""] * (len(header) - len(cells))
    return {key: cell.strip() for key, cell in zip(header, cells, strict=False)}
