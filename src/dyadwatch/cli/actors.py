"""CLI commands: actors (look up how a name resolves to a CAMEO-style actor on a date)."""

from __future__ import annotations

import dataclasses
import datetime

import click

from dyadwatch.actors import Resolution
from dyadwatch.actors import lookup as lookup_actor
from dyadwatch.cli._options import format_option, render, settings_options
from dyadwatch.config import Settings
from dyadwatch.records import Actor


@click.group("actors")
def actors() -> None:
    """Inspect the actor gazetteer."""


@actors.command("lookup")
@click.argument("text")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Article date (YYYY-MM-DD) that decides who holds an office [default: today].",
)
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Extra user gazetteer TSV (repeatable; see docs/actors.md).",
)
@settings_options
@format_option
def lookup(
    text: str,
    date: datetime.datetime | None,
    gazetteers: tuple[str, ...],
    settings: Settings,
    fmt: str,
) -> None:
    """Show how TEXT resolves to an actor on a date, and why.

    \b
    Example:
        dyadwatch actors lookup "the Kremlin" --date 2023-11-12
    """
    files = [f for f in (settings.coder.user_gazetteer, *gazetteers) if f]
    day = date.date() if date else datetime.date.today()
    resolution = lookup_actor(text, date=day, user_files=files)
    render(_fields(resolution) if fmt == "table" else [resolution], fmt)


def _fields(resolution: Resolution) -> list[dict[str, str]]:
    """Lay one resolution out as field/value rows, which fit a terminal better."""
    rows: list[dict[str, str]] = []
    for field in dataclasses.fields(resolution):
        value = getattr(resolution, field.name)
        if isinstance(value, Actor):
            rows.extend({"field": f"actor.{f.name}", "value": str(getattr(value, f.name))}
                        for f in dataclasses.fields(value))  # fmt: skip
        elif isinstance(value, tuple):
            rows.append({"field": field.name, "value": "; ".join(value)})
        else:
            rows.append({"field": field.name, "value": str(value)})
    return rows


COMMANDS: list[click.Command] = [actors]
