"""CLI commands: actors (look up how a name resolves to a CAMEO-style actor on a date)."""

from __future__ import annotations

import dataclasses
import datetime

import click

from dyadwatch.actors import Resolution
from dyadwatch.actors import lookup as lookup_actor
from dyadwatch.actors.tabari import convert_tabari
from dyadwatch.cli._options import format_option, render, settings_options
from dyadwatch.config import Settings
from dyadwatch.records import Actor

gazetteer_option = click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Extra user gazetteer TSV (repeatable; see docs/actors.md).",
)


@click.group("actors")
def actors() -> None:
    """Inspect the actor gazetteer.

    \b
    Example:
        dyadwatch actors lookup "the Kremlin" --date 2023-11-12
    """


@actors.command("lookup")
@click.argument("text")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Article date (YYYY-MM-DD) that decides who holds an office [default: today].",
)
@gazetteer_option
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


@actors.command("import-tabari")
@click.argument("actors_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--agents",
    "agents_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A TABARI/PETRARCH .agents dictionary to import as well.",
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False), help="User gazetteer TSV to write."
)
def import_tabari(actors_file: str, agents_file: str | None, out: str) -> None:
    """Convert TABARI/PETRARCH dictionaries into a user gazetteer file.

    Load the result with --gazetteer FILE or --set coder.user_gazetteer=FILE; see
    docs/legacy-dictionaries.md for how entries, dates and codes carry over.

    \b
    Example:
        dyadwatch actors import-tabari PETR.actors.txt --agents PETR.agents.txt --out mine.tsv
    """
    counts = convert_tabari(actors_file, out, agents_path=agents_file)
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    click.echo(f"wrote {sum(counts.values())} rows to {out} ({kinds})")


@actors.command("unresolved")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Names to show."
)
@gazetteer_option
@settings_options
@format_option
def unresolved(limit: int, gazetteers: tuple[str, ...], settings: Settings, fmt: str) -> None:
    """List names that look like actors but resolve to none, most frequent first.

    Reads the articles of --db and runs the English model's named entities and
    title + name patterns ("Minister X") against the gazetteer; add what you need to
    a user gazetteer file.

    \b
    Example:
        dyadwatch actors unresolved --db news.duckdb --limit 20
    """
    from dyadwatch.extract.unresolved_entities import find_unresolved
    from dyadwatch.store import Store

    files = [f for f in (settings.coder.user_gazetteer, *gazetteers) if f]
    articles = Store.open(settings.db, read_only=True).articles()
    render(find_unresolved(articles, user_files=files, limit=limit), fmt)


COMMANDS: list[click.Command] = [actors]
