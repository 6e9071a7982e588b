"""Spreadsheet-safe text cells for the CSV and TSV exports (OWASP's CSV-injection advice).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a
tab or carriage return) as a formula, so an article whose text begins
``=cmd|' /C calc'!A0`` would run a command when its export is opened (#15.2). Such a
text cell gets a leading single quote, which spreadsheets show as text and hide; a cell
that is a plain number (``-5.0``, a Goldstein score) is left as it is.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
"""A plain decimal number, in the syntax both Python's ``re`` and DuckDB's RE2 accept."""

_NUMBER = re.compile(NUMBER)


def spreadsheet_safe(text: str) -> str:
    """Return ``text`` with a leading ``'`` if a spreadsheet would read it as a formula.

    Example:
        >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-5.0"), spreadsheet_safe("RUS")
        ("'=HYPERLINK(1)", '-5.0', 'RUS')
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_safe_sql(expression: str) -> str:
    """Return a DuckDB expression giving the text ``expression`` as ``spreadsheet_safe`` would.

    Example:
        >>> spreadsheet_safe_sql('"title"').startswith("CASE WHEN left(")
        True
    """
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_STARTS)
    return (
        f"CASE WHEN left({expression}, 1) IN ({starts}) "
        f"AND NOT regexp_full_match({expression}, '{NUMBER}') "
        f"THEN '''' || {expression} ELSE {expression} END"
    )
