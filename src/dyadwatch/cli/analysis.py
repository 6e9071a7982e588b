"""CLI commands over the analyze stage: ``dyad``, ``signals``, ``backtest``, ``reactions``,
``network``, ``check-alignment``."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import click

from dyadwatch.analyze import (
    FREQS,
    NetworkSummary,
    Reaction,
    SignalReport,
    Triad,
    check_alignment,
    dyad_series,
    export_network,
    network,
    reactions,
    signal_reports,
    window,
)
from dyadwatch.analyze.backtest import backtest_file
from dyadwatch.analyze.network import MAX_TRIADS
from dyadwatch.analyze.tone import Baseline
from dyadwatch.cli._options import format_option, render, settings_options
from dyadwatch.cli.forecasting import horizon_option, rolling_options, run_forecast_backtest
from dyadwatch.config import Settings
from dyadwatch.records import DyadPoint
from dyadwatch.store import Store

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value is not None else None


def _pair_row(point: DyadPoint) -> dict[str, Any]:
    # Both directions summed: one "pair" column, not a misleading source and target.
    row = {"period": point.period, "pair": f"{point.source}-{point.target}"}
    kept = (f.name for f in dataclasses.fields(point) if f.name not in _DIRECTED)
    return row | {name: getattr(point, name) for name in kept}


_DIRECTED = ("period", "source", "target")


def _signal_row(report: SignalReport) -> dict[str, Any]:
    signal = report.signal
    top = report.evidence[0] if report.evidence else None
    return {
        "kind": signal.kind,
        "pair": "-".join(signal.pair),
        "start": signal.start,
        "detected": signal.detected,
        "magnitude": signal.magnitude,
        "confidence": signal.confidence,
        "before": report.index_before,
        "after": report.index_after,
        "evidence": f"{top.sentence} [{top.article_id}, {top.modality}]" if top else "",
    }


def _reaction_row(reaction: Reaction) -> dict[str, Any]:
    top = reaction.evidence[0] if reaction.evidence else None
    row = {name: getattr(reaction, name) for name in ("actor", "stance", "score", "n_events")}
    row |= {"towards": f"{reaction.n_towards_a}/{reaction.n_towards_b}"}
    return row | {"about_pair": reaction.about_pair, "evidence": top.sentence if top else ""}


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--freq", type=click.Choice(FREQS), default="month", show_default=True)
@click.option("--pair", "pair_view", is_flag=True, help="Sum both directions (A→B and B→A).")
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    help="Keep events with an actor of this sector (GOV, MIL); repeatable.",
)
@click.option(
    "--plover", "plover_types", multiple=True, help="Keep events of this PLOVER type; repeatable."
)
@click.option("--start", type=DATE, default=None, help="First day (YYYY-MM-DD).")
@click.option("--end", type=DATE, default=None, help="First day excluded (YYYY-MM-DD).")
@settings_options
@format_option
def dyad(
    a: str,
    b: str,
    freq: str,
    pair_view: bool,
    sectors: tuple[str, ...],
    plover_types: tuple[str, ...],
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Show the weighted event series from A to B (country codes) per period.

    \b
    Example:
        dyadwatch dyad RUS PRK --freq month
        dyadwatch dyad RUS PRK --pair --freq quarter --sector MIL --format csv
    """
    store = Store.open(settings.db, read_only=True)
    series = dyad_series(
        store,
        a.upper(),
        b.upper(),
        freq=freq,
        directed=not pair_view,
        settings=settings.analytics,
        sectors=sectors or None,
        plover_types=plover_types or None,
        start=_day(start),
        end=_day(end),
    )
    render([_pair_row(point) for point in series] if pair_view else series, fmt)


@click.command("backtest")
@click.argument(
    "expect_path", metavar="[EXPECT.json]", required=False, type=click.Path(dir_okay=False)
)
@click.option(
    "--forecast",
    "forecasts",
    is_flag=True,
    help="Score rolling forecasts (MIRAI's measures) instead of the signals.",
)
@horizon_option
@rolling_options
@settings_options
@format_option
def backtest_command(
    expect_path: str | None,
    forecasts: bool,
    horizon: int,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    step: int | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Check the signals against expected storylines, or (--forecast) score forecasts.

    With EXPECT.json: each storyline window (flagged or not, the signal, its lag from the
    first evidence), every signal on a quiet pair, and signals per 100 active pair-months.
    With --forecast: rolling forecasts every --step days, each trained on the past alone,
    and P/R/F1 (CAMEO root and 3-digit), quad KL and Brier for the model and baselines.

    \b
    Example:
        dyadwatch backtest expectations/examples.json --db examples.duckdb
        dyadwatch backtest --forecast --horizon 7 --db icews.duckdb
    """
    if forecasts != (expect_path is None):
        raise click.UsageError("give EXPECT.json, or --forecast without it")
    if forecasts:
        run_forecast_backtest(settings, fmt, horizon=horizon, start=start, end=end, step=step)
        return
    store = Store.open(settings.db, read_only=True)
    result = backtest_file(store, str(expect_path), settings=settings.analytics)
    if fmt == "json":
        render([result], fmt)
        return
    render(result.storylines, fmt)
    if result.quiet_signals:
        click.echo("signals on quiet pairs:")
        render(result.quiet_signals, fmt)
    click.echo(
        f"flagged {result.flagged}/{len(result.storylines)} storyline windows; "
        f"{len(result.quiet_signals)} signals on quiet pairs; {result.n_signals} signals, "
        f"{result.signals_per_100_pair_months} per 100 active pair-months "
        f"({result.active_pair_months})"
    )


@click.command("signals")
@click.option(
    "--since", type=DATE, default=None, help="Only changes starting on or after this day."
)
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Use only events dated before this day (no look-ahead).",
)
@settings_options
@format_option
def signals_command(
    since: datetime.datetime | None,
    as_of: datetime.datetime | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Flag pairs whose relations changed: emerging_alignment, rapprochement, rupture, escalation.

    \b
    Example:
        dyadwatch signals --since 2023-01-01
        dyadwatch signals --as-of 2024-01-01 --format json
    """
    store = Store.open(settings.db, read_only=True)
    reports = signal_reports(
        store, as_of=_day(as_of), since=_day(since), settings=settings.analytics
    )
    render(reports if fmt == "json" else [_signal_row(r) for r in reports], fmt)


@click.command("reactions")
@click.argument("a")
@click.argument("b")
@click.option("--start", type=DATE, default=None, help="First day (YYYY-MM-DD) [default: any].")
@click.option(
    "--end", type=DATE, default=None, help="First day excluded (YYYY-MM-DD) [default: any]."
)
@settings_options
@format_option
def reactions_command(
    a: str,
    b: str,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Show how third countries acted towards A and B: supportive, opposed or neutral.

    Without --start and --end, every event in the store counts.

    \b
    Example:
        dyadwatch reactions RUS PRK
        dyadwatch reactions RUS PRK --start 2023-07-01 --end 2024-01-01
    """
    store = Store.open(settings.db, read_only=True)
    found = reactions(
        store, a.upper(), b.upper(), start=_day(start), end=_day(end), settings=settings.analytics
    )
    render(found if fmt == "json" else [_reaction_row(r) for r in found], fmt)


def _summary_row(summary: NetworkSummary) -> dict[str, Any]:
    return {
        "period": f"{summary.start}..{summary.end}",
        "countries": summary.n_countries,
        "pairs": summary.n_pairs,
        "edges": summary.n_edges,
        "cooperative": summary.n_positive,
        "conflictual": summary.n_negative,
        "expected": summary.expected,
        "blocs": " | ".join(" ".join(bloc) for bloc in summary.blocs),
        "unbalanced": f"{len(summary.unbalanced_triads)} of {summary.n_unbalanced}",
    }


def _triad_row(triad: Triad) -> dict[str, Any]:
    return {
        "triad": " ".join(triad.countries),
        "weakest": triad.weakest,
        "edges": " ".join(f"{'-'.join(e.pair)} {e.weight:+.2f}" for e in triad.edges),
        "evidence": " ".join(f"/pair/{e.pair[0]}/{e.pair[1]}" for e in triad.edges),
    }


@click.command("network")
@click.option("--period", required=True, help="A year (2023), quarter (2023Q2) or month (2023-05).")
@click.option(
    "--baseline",
    type=click.Choice([b.value for b in Baseline]),
    default=Baseline.GLOBAL.value,
    show_default=True,
    help="Measure each pair's tone against the period's mix or its own history.",
)
@click.option(
    "--max-triads",
    type=click.IntRange(min=0),
    default=MAX_TRIADS,
    show_default=True,
    help="Most unbalanced triads listed, strongest first.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the graph to FILE.graphml or FILE.json.",
)
@settings_options
@format_option
def network_command(
    period: str,
    baseline: str,
    max_triads: int,
    out_path: str | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Show the signed country network of a period: blocs and unbalanced triads.

    Edges are pairs whose events lean cooperative or conflictual beyond what is
    expected; each triad names the dashboard pages (/pair/A/B) with its evidence.

    \b
    Example:
        dyadwatch network --period 2023
        dyadwatch network --period 2023Q3 --out net.graphml
    """
    start, end = window(period)
    store = Store.open(settings.db, read_only=True)
    found = network(
        store,
        start=start,
        end=end,
        settings=settings.analytics,
        baseline=Baseline(baseline),
        max_triads=max_triads,
    )
    if out_path:
        export_network(found.graph, out_path)
    summary = found.summary()
    if fmt == "json":
        render([summary], fmt)
        return
    render([_summary_row(summary)], fmt)
    render([_triad_row(t) for t in summary.unbalanced_triads], fmt)


@click.command("check-alignment")
@click.argument("expect_path", type=click.Path(exists=True, dir_okay=False))
@settings_options
@format_option
def check_alignment_command(expect_path: str, settings: Settings, fmt: str) -> None:
    """Score the network against EXPECT.json: sign agreement and bloc purity per period.

    EXPECT.json lists well-known allied and adversarial pairs per period (see
    docs/analytics.md); tests/data/alignment-examples.json is one.

    \b
    Example:
        dyadwatch check-alignment tests/data/alignment-examples.json
    """
    store = Store.open(settings.db, read_only=True)
    render(check_alignment(store, expect_path, settings=settings.analytics), fmt)


COMMANDS: list[click.Command] = [
    dyad,
    signals_command,
    backtest_command,
    reactions_command,
    network_command,
    check_alignment_command,
]
