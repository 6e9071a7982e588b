"""CLI command over the forecaster: ``forecast`` (and its rolling ``--backtest``)."""

from __future__ import annotations

import datetime
from typing import Any

import click

from dyadwatch.analyze import BacktestReport, PairForecast, forecast
from dyadwatch.analyze import forecast_backtest as backtest
from dyadwatch.cli._options import format_option, render, settings_options
from dyadwatch.config import Settings
from dyadwatch.store import Store

DATE = click.DateTime(formats=["%Y-%m-%d"])
TOP_ROOTS = 5
_SHORT = {
    "verbal_cooperation": "vcoop",
    "material_cooperation": "mcoop",
    "verbal_conflict": "vconf",
    "material_conflict": "mconf",
}


def _forecast_row(item: PairForecast) -> dict[str, Any]:
    top = sorted(item.roots.items(), key=lambda kv: -kv[1])[:TOP_ROOTS]
    return {
        "source": item.source,
        "target": item.target,
        "expected": " ".join(item.expected),
        "top roots": " ".join(f"{root}:{p:.2f}" for root, p in top),
        "quad": " ".join(f"{_SHORT[k]}:{v:.2f}" for k, v in item.quad.items()),
        "why": "; ".join(f"{r}: {', '.join(w[:2])}" for r, w in list(item.why.items())[:2]),
    }


def _render_backtest(report: BacktestReport, fmt: str) -> None:
    if fmt == "json":
        render([report], fmt)
        return
    click.echo(
        f"as-of dates: {', '.join(d.isoformat() for d in report.as_of)}; "
        f"{report.queries} queries; horizon {report.horizon_days} days"
    )
    render(report.scores, fmt)
    render([b for b in report.reliability if b.method == "model"], fmt)


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value is not None else None


@click.command("forecast")
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Forecast from this day on; only earlier events are read.",
)
@click.option(
    "--horizon", type=click.IntRange(1, 366), default=30, show_default=True, help="Days forecast."
)
@click.option(
    "--pair",
    "pairs",
    nargs=2,
    multiple=True,
    help="Only the pair A B (source, target); repeatable.",
)
@click.option(
    "--backtest",
    "run_backtest",
    is_flag=True,
    help="Score rolling forecasts against the store instead.",
)
@click.option("--start", type=DATE, default=None, help="--backtest: first as-of day.")
@click.option("--end", type=DATE, default=None, help="--backtest: first as-of day excluded.")
@click.option(
    "--step",
    type=click.IntRange(1),
    default=None,
    help="--backtest: days between as-of dates [default: the horizon].",
)
@settings_options
@format_option
def forecast_command(
    as_of: datetime.datetime | None,
    horizon: int,
    pairs: tuple[tuple[str, str], ...],
    run_backtest: bool,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    step: int | None,
    settings: Settings,
    fmt: str,
) -> None:
    """Forecast, per country pair, the chance of each CAMEO root in the next --horizon days.

    Covers each directed pair with events in the year before --as-of; the model is trained
    on the store's own past. --backtest runs rolling forecasts and prints MIRAI's measures
    (P/R/F1 at CAMEO root and 3-digit level, quad KL, Brier) for the model and baselines.

    \b
    Example:
        dyadwatch forecast --as-of 2018-10-01 --horizon 30 --pair USA PRK --format json
        dyadwatch forecast --backtest --horizon 7
    """
    store = Store.open(settings.db, read_only=True)
    if run_backtest:
        report = backtest(
            store,
            horizon=horizon,
            start=_day(start),
            end=_day(end),
            step=step,
            settings=settings.analytics,
        )
        _render_backtest(report, fmt)
        return
    if as_of is None:
        raise click.UsageError("--as-of is required (or --backtest)")
    chosen = [(a.upper(), b.upper()) for a, b in pairs] or None
    result = forecast(
        store, as_of=as_of.date(), horizon=horizon, pairs=chosen, settings=settings.analytics
    )
    render(result.pairs if fmt != "table" else [_forecast_row(p) for p in result.pairs], fmt)


COMMANDS = (forecast_command,)
