"""CLI commands that code articles: ``run`` (ingest, code, store) and ``code`` (no store)."""

from __future__ import annotations

from typing import Any

import click

from dyadwatch.cli._options import format_option, render, settings_options, write_options
from dyadwatch.cli.data import INPUT_FORMATS, file_progress
from dyadwatch.config import Settings, override
from dyadwatch.records import Event
from dyadwatch.runner import (
    RUNNERS,
    RunOptions,
    RunSummary,
    StoreSummary,
    code_file,
    run_pipeline,
    summarize_store,
)

EVENT_COLUMNS = (
    "date",
    "source",
    "target",
    "cameo",
    "quad",
    "modality",
    "confidence",
    "trigger",
    "evidence",
)
EVIDENCE_CHARS = 80
EVENT_DETAILS = (
    "root",
    "goldstein",
    "plover_type",
    "plover_mode",
    "quad_class",
    "date_precision",
    "is_root",
    "sentence_index",
    "start",
    "end",
    "coder_version",
    "location",
)
"""Event fields that ``code --format json`` adds to the ``EVENT_COLUMNS`` (#15.18)."""

format_in_option = click.option(
    "--format-in",
    "fmt_in",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Input format of every file [default: detect per file].",
)


def runner_overrides(
    engine: str | None, address: str | None, workers: int | None
) -> dict[str, str | int]:
    """Return the settings named by the engine flags that were given."""
    given = {"runner.runner": engine, "runner.address": address, "runner.workers": workers}
    return {name: value for name, value in given.items() if value is not None}


def closing_lines(summary: RunSummary, store: StoreSummary) -> list[str]:
    """Return the lines printed after a run: what it did, then what the store holds."""
    quads = ", ".join(f"{name} {n}" for name, n in store.by_quad_class.items())
    dyads = ", ".join(f"{d.source}→{d.target} {d.events}" for d in store.top_dyads) or "none"
    return [
        f"run: {summary.files_done} files coded, {summary.files_skipped} already done; "
        f"{summary.articles} articles ({summary.new_articles} new), {summary.events} events, "
        f"{summary.rejects} rejects in {summary.elapsed:.1f} s",
        f"store: {store.articles} articles, {store.events} events",
        f"events by quad class: {quads}",
        f"top dyads: {dyads}",
        *([f"rejects written to {summary.rejects_path}"] if summary.rejects_path else []),
        *(
            [
                f"not coded: {summary.sentences_skipped} sentence(s) longer than "
                "coder.max_sentence_tokens (raise it with --set coder.max_sentence_tokens=N)"
            ]
            if summary.sentences_skipped
            else []
        ),
    ]


def event_line(event: Event, *, evidence_chars: int | None = None) -> dict[str, Any]:
    """Return the columns ``dyadwatch code`` shows for one event."""
    evidence = " ".join(event.evidence.split())
    if evidence_chars is not None and len(evidence) > evidence_chars:
        evidence = evidence[: evidence_chars - 1] + "…"
    return {
        "date": event.date.isoformat(),
        "source": event.source.code,
        "target": event.target.code,
        "cameo": event.cameo,
        "quad": event.quad_class.label,
        "modality": event.modality.value,
        "confidence": round(event.confidence, 2),
        "trigger": event.trigger,
        "evidence": evidence,
    }


def event_record(event: Event) -> dict[str, Any]:
    """Return ``event_line``'s columns and every other stored field, for ``--format json``.

    The table and CSV keep the short columns; JSON used to drop the PLOVER type and mode,
    the Goldstein score, the ids, the actor names and the location (#15.18).
    """
    actors = {
        f"{role}_{part}": getattr(actor, part)
        for role, actor in (("source", event.source), ("target", event.target))
        for part in ("code", "country", "sector", "name", "kind")
    }
    details = {name: getattr(event, name) for name in EVENT_DETAILS}
    return event_line(event) | {"id": event.id, "article_id": event.article_id} | actors | details


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--runner", "engine", type=click.Choice(RUNNERS), help="Engine [default: local].")
@click.option("--address", help='Ray cluster: "" starts one here, "auto", or ray://HOST:10001.')
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes [default: 1].")
@format_in_option
@write_options
@settings_options
def run(
    paths: tuple[str, ...],
    engine: str | None,
    address: str | None,
    workers: int | None,
    fmt_in: str | None,
    skip_bad: bool,
    rejects_path: str | None,
    wait: bool,
    settings: Settings,
) -> None:
    """Read, code and store articles; a rerun resumes where a killed run stopped.

    Input is cut into shards of runner.shard_articles articles, coded by --workers
    processes (or Ray actors), kept as Parquet beside the store, and merged file by file.

    \b
    Example:
        dyadwatch run examples/russia-north-korea --db news.duckdb
        dyadwatch run news/ --workers 4 --skip-bad
        dyadwatch run /shared/news/ --runner ray --address auto --workers 32
    """
    settings = override(settings, runner_overrides(engine, address, workers))
    options = RunOptions(fmt=fmt_in, skip_bad=skip_bad, rejects_path=rejects_path, wait=wait)
    with file_progress("run") as progress:
        summary = run_pipeline(paths, settings=settings, options=options, progress=progress)
    for line in closing_lines(summary, summarize_store(settings.db)):
        click.echo(line)


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@format_in_option
@settings_options(store=False)
@format_option
def code(path: str, fmt_in: str | None, settings: Settings, fmt: str) -> None:
    """Print the events coded from one file, without touching a store.

    \b
    Example:
        dyadwatch code examples/seed-article.txt
        dyadwatch code feed.jsonl --format json
    """
    events = code_file(path, settings=settings, fmt=fmt_in)
    if fmt == "json":
        render([event_record(event) for event in events], fmt)
        return
    width = EVIDENCE_CHARS if fmt == "table" else None
    render(
        [event_line(event, evidence_chars=width) for event in events], fmt, columns=EVENT_COLUMNS
    )


COMMANDS: list[click.Command] = [run, code]
