"""CLI commands around the event coder: ``eval`` scores it against gold data."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from dyadwatch.cli._options import settings_options
from dyadwatch.config import Settings

if TYPE_CHECKING:  # the coder (and spaCy) load only when a command runs
    from dyadwatch.evaluate import Counts, EvalReport, Share


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--calibration", is_flag=True, help="Also show the confidence reliability table.")
@click.option("--include-negated", is_flag=True, help="Also score events coded as negated.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Score only the first N records."
)
@click.option(
    "--coder",
    "kind",
    type=click.Choice(["rules", "learned", "hybrid", "all"]),
    default=None,
    help="Which coder to score (default: coder.kind); 'all' prints the three side by side.",
)
@settings_options
def eval_command(
    gold: str,
    as_json: bool,
    calibration: bool,
    include_negated: bool,
    limit: int | None,
    kind: str | None,
    settings: Settings,
) -> None:
    """Score the event coder against a gold file (PLOVER or PETRARCH JSON Lines).

    Load the PETRARCH suite's actors with --set coder.user_gazetteer=FILE. See
    docs/evaluation.md for what each figure measures.

    \b
    Example:
        dyadwatch eval ../shared/eval/plover-gsr.jsonl --calibration
        dyadwatch eval gold.jsonl --json --limit 40
        dyadwatch eval ../shared/eval/plover-gsr.jsonl --coder all
    """
    from dyadwatch.evaluate import evaluate_coders

    kinds = ("rules", "learned", "hybrid") if kind == "all" else (kind or settings.coder.kind,)
    reports = evaluate_coders(
        gold, kinds=kinds, settings=settings.coder, include_negated=include_negated, limit=limit
    )
    if as_json:
        payload = {k: r.to_dict() for k, r in reports.items()}
        click.echo(json.dumps(payload if len(kinds) > 1 else payload[kinds[0]], indent=2))
    elif len(kinds) > 1:
        Console(width=160).print(side_by_side(reports))
    else:
        render_report(reports[kinds[0]], calibration=calibration)


def side_by_side(reports: dict[str, EvalReport]) -> Table:
    """Return one table of the main measures, a column group per coder."""
    first = next(iter(reports.values()))
    table = Table(
        "measure", title=f"{first.path}: {first.records} records, {first.gold_events} gold events"
    )
    for kind in reports:
        for measure in ("P", "R", "F1"):
            table.add_column(f"{kind} {measure}")
    label = "type" if first.kind == "plover" else "root"
    for name, attr in (
        (f"source, target, {label}", "triples"),
        (f"{label} alone", "types"),
        ("actor pair alone", "pairs"),
    ):
        cells = []
        for report in reports.values():
            counts: Counts = getattr(report, attr)
            cells += [f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}"]
        table.add_row(name, *cells)
    return table


def render_report(report: EvalReport, *, calibration: bool = False) -> None:
    """Print an ``EvalReport`` as rich tables: measures, types, confusion, modality."""
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(_header(report), markup=False, highlight=False)
    for table in (_measures(report), _shares(report), _types(report), _confusion(report)):
        if table.row_count:
            console.print(table)
    console.print(_modality(report))
    if calibration:
        console.print(_calibration(report))


def _header(report: EvalReport) -> str:
    negated = "included" if report.include_negated else f"{report.negated_excluded} excluded"
    return (
        f"{report.path}: {report.kind} gold, {report.records} records scored "
        f"({report.skipped} marked invalid skipped, {report.one_sided} one-sided: types only); "
        f"{report.gold_events} gold events, {report.predicted_events} predicted "
        f"(negated: {negated})"
    )


def _rate_row(name: str, counts: Counts) -> list[str]:
    rates = (counts.precision, counts.recall, counts.f1)
    return [name, str(counts.tp), str(counts.fp), str(counts.fn), *(f"{r:.3f}" for r in rates)]


def _measures(report: EvalReport) -> Table:
    table = Table("measure", "TP", "FP", "FN", "P", "R", "F1", title="Scores (micro)")
    label = "type" if report.kind == "plover" else "root"
    table.add_row(*_rate_row(f"source, target, {label}", report.triples))
    if report.codes is not None:
        table.add_row(*_rate_row("source, target, code", report.codes))
    table.add_row(*_rate_row(f"{label} alone (set per sentence)", report.types))
    table.add_row(*_rate_row("actor pair alone (set per sentence)", report.pairs))
    return table


def _shares(report: EvalReport) -> Table:
    table = Table("records", "hits", "of", "share", title="Records")
    rows: Sequence[tuple[str, Share | None]] = (
        ("all events produced (root)", report.all_types),
        ("all events produced (code)", report.all_codes),
        ("no gold event, none coded", report.quiet),
    )
    for name, share in rows:
        if share is not None:
            table.add_row(name, str(share.hits), str(share.records), f"{share.share:.3f}")
    return table


def _types(report: EvalReport) -> Table:
    name = "type" if report.kind == "plover" else "root"
    table = Table(name, "TP", "FP", "FN", "P", "R", "F1", title=f"Per {name}, worst first")
    for type_name, counts in report.by_type:
        table.add_row(*_rate_row(type_name or "(none)", counts))
    return table


def _confusion(report: EvalReport) -> Table:
    gold = sorted({g for g, _, _ in report.confusion})
    predicted = sorted({p for _, p, _ in report.confusion})
    cells = {(g, p): n for g, p, n in report.confusion}
    table = Table(
        "gold \\ predicted",
        *(p or "(none)" for p in predicted),
        title="Confusion (actor pair matches)",
    )
    for g in gold:
        table.add_row(g, *(str(cells.get((g, p), "·")) for p in predicted))
    return table


def _modality(report: EvalReport) -> Table:
    table = Table("modality", "predicted events", title="Modality of predicted events")
    for name, n in report.modality:
        table.add_row(name, str(n))
    return table


def _calibration(report: EvalReport) -> Table:
    columns = ("confidence", "events", "correct", "precision", "mean confidence")
    table = Table(*columns, title="Reliability (correct = matches a gold triple)")
    for row in report.calibration:
        close = "]" if row.high == 1.0 else ")"
        rates = (f"{row.precision:.3f}", f"{row.mean_confidence:.3f}") if row.events else ("-", "-")
        bounds = f"[{row.low:.1f}, {row.high:.1f}{close}"
        table.add_row(bounds, str(row.events), str(row.correct), *rates)
    return table


COMMANDS: list[click.Command] = [eval_command]
