"""CLI commands that move data in and out of the store: ``ingest``, ``import-events``, ``stats``
and ``export``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.cli._options import format_option, render, settings_options, write_options
from dyadwatch.config import Settings
from dyadwatch.runner.imports import ImportOptions, import_events
from dyadwatch.runner.run import ingest_files
from dyadwatch.runner.sharded import RunOptions
from dyadwatch.store import DERIVED_TABLES, EXPORT_FORMATS, TABLES, Store
from dyadwatch.store.eventfiles import IMPORT_LAYOUTS
from dyadwatch.store.layouts import LAYOUTS

INPUT_FORMATS = ("text", "jsonl", "csv", "tsv", "html", "feed")


@contextmanager
def file_progress(label: str) -> Iterator[Callable[[int, int, Path], None]]:
    """Yield a ``progress(done, total, path)`` callback that shows files as they finish.

    A rich progress bar on stderr when it is a terminal; otherwise one plain line a file.
    """
    if not sys.stderr.isatty():

        def plain(done: int, total: int, path: Path) -> None:
            click.echo(f"{label}: {done}/{total} {path}", err=True)

        yield plain
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int, path: Path) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--format-in",
    "fmt_in",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Input format of every file [default: detect per file].",
)
@write_options
@settings_options
@format_option
def ingest(
    paths: tuple[str, ...],
    fmt_in: str | None,
    skip_bad: bool,
    rejects_path: str | None,
    wait: bool,
    settings: Settings,
    fmt: str,
) -> None:
    """Read articles from files and folders into the store; reruns resume.

    A run that codes nothing: each file is stored in one transaction and checkpointed,
    so after a crash or Ctrl-C a rerun of the same command redoes only the file in hand.

    \b
    Example:
        dyadwatch ingest news/ --db news.duckdb
        dyadwatch ingest feed.jsonl --skip-bad --rejects bad.jsonl
    """
    options = RunOptions(fmt=fmt_in, skip_bad=skip_bad, rejects_path=rejects_path, wait=wait)
    with file_progress("ingest") as progress:
        summary = ingest_files(paths, settings=settings, options=options, progress=progress)
    render([summary], fmt)


@click.command()
@settings_options
@format_option
def stats(settings: Settings, fmt: str) -> None:
    """Show what the store holds: articles, events, finished files, date span.

    \b
    Example:
        dyadwatch stats --db news.duckdb --format json
    """
    render([Store.open(settings.db, read_only=True).stats()], fmt)


@click.command()
@click.option(
    "--table",
    default="events",
    show_default=True,
    help=f"Table to export: {', '.join([*TABLES, 'provenance', *DERIVED_TABLES])}.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="parquet",
    show_default=True,
    help="File format.",
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default=None,
    help="Write the collapsed events in another tool's layout instead of a table "
    "(tab-separated; see docs/exports.md).",
)
@click.option("--header", is_flag=True, help="Give the GDELT layout a header line.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False))
@settings_options
def export(
    table: str,
    fmt: str,
    layout: str | None,
    header: bool,
    out_path: str,
    settings: Settings,
) -> None:
    """Write a whole table to a Parquet, CSV or JSON Lines file, or events in a layout.

    With --layout gdelt|polecat|mirai, write the collapsed events (one row per event)
    as a GDELT 2.0 Events, POLECAT or MIRAI file; --table and --format are ignored.

    \b
    Example:
        dyadwatch export --table events --format parquet --out events.parquet
        dyadwatch export --table articles --format jsonl --out articles.jsonl
        dyadwatch export --layout gdelt --out events.export.CSV
        dyadwatch export --layout mirai --out data_kg.csv
    """
    if layout is not None:
        done = Store.open(settings.db, read_only=True).export_layout(
            layout, out_path, header=header
        )
        extra = f" (answers in {done.answers_path})" if done.answers_path else ""
        click.echo(f"{layout}: {done.rows} rows written to {out_path}{extra}")
        return
    n_rows = Store.open(settings.db, read_only=True).export_table(table, out_path, fmt=fmt)
    click.echo(f"{table}: {n_rows} rows written to {out_path}")


@click.command("import-events")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--layout",
    type=click.Choice(IMPORT_LAYOUTS),
    required=True,
    help="The dataset's layout: GDELT 2.0 events, ICEWS Dataverse tab, or POLECAT.",
)
@write_options
@settings_options
@format_option
def import_events_command(
    paths: tuple[str, ...],
    layout: str,
    skip_bad: bool,
    rejects_path: str | None,
    wait: bool,
    settings: Settings,
    fmt: str,
) -> None:
    """Store events of existing datasets (GDELT, ICEWS, POLECAT; .gz too) with provenance.

    Names without a country are resolved with the gazetteer on the event's date; the
    summary says how many could not be. Finished files are skipped on a rerun.

    \b
    Example:
        dyadwatch import-events icews-2018.tab.gz --layout icews --db icews.duckdb
        dyadwatch import-events 20240101.export.CSV.gz --layout gdelt --skip-bad
    """
    options = ImportOptions(skip_bad=skip_bad, rejects_path=rejects_path, wait=wait)
    with file_progress("import") as progress:
        summary = import_events(
            paths, layout=layout, settings=settings, options=options, progress=progress
        )
    render([summary], fmt)


COMMANDS: list[click.Command] = [ingest, import_events_command, stats, export]
