"""Whole-table exports: one store table written as Parquet, CSV or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import duckdb
from duckdb import DuckDBPyConnection as Connection

from dyadwatch.errors import StoreError, UnknownNameError
from dyadwatch.store import cells, schema

EXPORT_FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
_COPY_OPTIONS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}


def export_table(con: Connection, table: str, out_path: str | Path, *, fmt: str) -> int:
    """Write a whole table to ``out_path`` on a reader ``con``; return the rows written.

    Raises:
        UnknownNameError: an unknown table or format.
        StoreError: the file cannot be written.
    """
    columns = schema.table_columns(table)
    if fmt not in EXPORT_FORMATS:
        raise UnknownNameError("export format", fmt, EXPORT_FORMATS)
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    query = f"COPY ({_export_select(table, columns, csv=fmt == 'csv')}) TO ? "
    try:
        con.execute(query + f"({_COPY_OPTIONS[fmt]})", [str(out_path)])
    except duckdb.IOException as error:
        raise StoreError(f"{out_path}: cannot write the export ({error})") from None
    row = con.execute(f"SELECT count(*) FROM {schema.quote(table)}").fetchone()
    return int(row[0]) if row else 0


def _export_select(table: str, columns: tuple[schema.Column, ...], *, csv: bool) -> str:
    """Return the SELECT of an export: every column, text made spreadsheet-safe in CSV."""
    names = [schema.quote(column.name) for column in columns]
    if csv:
        names = [
            f"{cells.spreadsheet_safe_sql(name)} AS {name}"
            if column.sql_type == "VARCHAR"
            else name
            for name, column in zip(names, columns, strict=True)
        ]
    key = schema.quote(columns[0].name)
    return f"SELECT {', '.join(names)} FROM {schema.quote(table)} ORDER BY {key}"
