"""Option groups and output rendering shared by every command."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import enum
import functools
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, overload

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyadwatch.config import Settings, load_settings
from dyadwatch.store.cells import spreadsheet_safe

F = TypeVar("F", bound=Callable[..., Any])

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and line feed, DEL, and C1 controls."""

_C1 = re.compile("[\x7f-\x9f]")


@overload
def settings_options(func: F) -> F: ...


@overload
def settings_options(func: None = None, *, store: bool = True) -> Callable[[F], F]: ...


def settings_options(func: F | None = None, *, store: bool = True) -> F | Callable[[F], F]:
    """Add ``--config`` and repeatable ``--set name=value`` (and ``--db``) to a command.

    The command receives one ready ``settings: Settings`` keyword instead of the raw
    option values, so every command loads settings the same way. Use
    ``@settings_options(store=False)`` for commands that never open a store.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            db = kwargs.pop("db", None)
            settings = make_settings(db, kwargs.pop("config_path"), kwargs.pop("overrides"))
            return command(*args, settings=settings, **kwargs)

        wrapped: Any = click.option(
            "--set",
            "overrides",
            multiple=True,
            metavar="NAME=VALUE",
            help="Override a setting by dotted name (see docs/settings.md).",
        )(wrapper)
        wrapped = click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Settings file (TOML).",
        )(wrapped)
        if store:
            wrapped = click.option(
                "--db",
                "db",
                type=click.Path(dir_okay=False),
                default=None,
                help="DuckDB store file [default: ./dyadwatch.duckdb].",
            )(wrapped)
        return wrapped  # type: ignore[no-any-return]

    return decorate(func) if func is not None else decorate


def make_settings(db: str | None, config_path: str | None, overrides: Sequence[str]) -> Settings:
    """Build ``Settings`` from the values of the options ``settings_options`` adds."""
    values: dict[str, str] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--set")
        values[name.strip()] = value.strip()
    if db is not None:
        values["db"] = db
    return load_settings(config_path, overrides=values)


def write_options(func: F) -> F:
    """Add ``--skip-bad``, ``--rejects FILE`` and ``--wait``: the options of every writer."""
    func = click.option(
        "--wait", is_flag=True, help="Wait for another run on the same --db to finish."
    )(func)
    func = click.option(
        "--rejects",
        "rejects_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Rejects file for --skip-bad [default: <db stem>.rejects.jsonl].",
    )(func)
    return click.option(
        "--skip-bad", is_flag=True, help="Write bad records to the rejects file and go on."
    )(func)


def format_option(func: F) -> F:
    """Add ``--format table|json|csv``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _flat(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{prefix}{key}_"))
        elif isinstance(value, list):
            flat[f"{prefix}{key}"] = ";".join(str(v) for v in value)
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def visible(text: str) -> str:
    """Return ``text`` with terminal control characters shown as ``\\xNN`` escapes.

    Article text may hold ESC, OSC or C1 sequences that would recolour, retitle or
    rewrite the terminal; tab and line feed stay (#15.3).

    Example:
        >>> visible("a\\x1b]0;pwned\\x07b")
        'a\\\\x1b]0;pwned\\\\x07b'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _shown(value: Any) -> str:
    # A table cell: floats rounded to 4 places, so sums print 8.3, not 8.299999999999999,
    # and a rounded -0.0 prints 0.0 (#15.19).
    if value is None:
        return ""
    if isinstance(value, float):
        return str(round(value, 4) + 0.0)
    return str(value)


def _cell(value: Any) -> Any:
    # A CSV cell: control characters made visible (#15.3), formula-like text
    # neutralised for spreadsheets (#15.2).
    return spreadsheet_safe(visible(value)) if isinstance(value, str) else value


def render(rows: Iterable[Any], fmt: str, *, columns: Sequence[str] | None = None) -> None:
    """Print records (dataclasses or mappings) as a table, JSON Lines-style JSON, or CSV."""
    plain = [_plain(row) for row in rows]
    if fmt == "json":
        # json escapes C0 controls itself; C1 controls (8-bit CSI, OSC) are escaped here.
        text = json.dumps(plain, indent=2, ensure_ascii=False)
        click.echo(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return
    flat = [_flat(row) if isinstance(row, Mapping) else {"value": row} for row in plain]
    names = list(columns or (flat[0].keys() if flat else []))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in flat)
        click.echo(buffer.getvalue(), nl=False)
        return
    table = Table(*names)
    for row in flat:
        # Text, not str: rich would read "[link=...]" in article text as markup.
        table.add_row(*(Text(visible(_shown(row.get(n)))) for n in names))
    Console(width=None if sys.stdout.isatty() else 200).print(table)
