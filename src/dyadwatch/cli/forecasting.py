"""CLI command over the forecaster: ``forecast``; its rolling backtest is also
``backtest --forecast`` (both run ``run_forecast_backtest``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

import click

from dyadwatch.analyze import BacktestReport, PairForecast, forecast
from dyadwatch.analyze import forecast_backtest as backtest
from dyadwatch.cli._options import format_option, render, settings_options
from dyadwatch.config import Settings
from dyadwatch.store import Store

DATE = click.DateTime(formats=["%Y-%m-%d"])
F = TypeVar("F", bound=Callable[..., Any])
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
        # The set to expect if the two interact at all; the probabilities include the chance
        # that they do not, so on a quiet pair they are small while the set is not empty.
        "roots if they interact": " ".join(item.expected),
        "p(root) in the window": " ".join(f"{root}:{p:.2f}" for root, p in top),
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


def horizon_option(func: F) -> F:
    """Add ``--horizon DAYS`` (default 30): the forecast window's length."""
    option = click.option(
        "--horizon",
        type=click.IntRange(1, 366),
        default=30,
        show_default=True,
        help="Days forecast.",
    )
    return option(func)


def rolling_options(func: F) -> F:
    """Add ``--start``, ``--end`` and ``--step``: the as-of dates of a forecast backtest."""
    for option in reversed(
        [
            click.option("--start", type=DATE, default=None, help="Backtest: first as-of day."),
            click.option(
                "--end", type=DATE, default=None, help="Backtest: first as-of day excluded."
            ),
            click.option(
                "--step",
                type=click.IntRange(1),
                default=None,
                help="Backtest: days between as-of dates [default: the horizon].",
            ),
        ]
    ):
        func = option(func)
    return func


def run_forecast_backtest(
    settings: Settings,
    fmt: str,
    *,
    horizon: int,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    step: int | None,
) -> None:
    """Score rolling forecasts of the model and the baselines and print MIRAI's measures."""
    store = Store.open(settings.db, read_only=True)
    report = backtest(
        store,
        horizon=horizon,
        start=_day(start),
        end=_day(end),
        step=step,
        settings=settings.analytics,
    )
    _render_backtest(report, fmt)


@click.command("forecast")
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Forecast from this day on; only earlier events are read.",
)
@horizon_option
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
    help="Score rolling forecasts against the store instead (as `backtest --forecast`).",
)
@rolling_options
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
    if run_backtest:
        run_forecast_backtest(settings, fmt, horizon=horizon, start=start, end=end, step=step)
        return
    if as_of is None:
        raise click.UsageError("--as-of is required (or --backtest)")
    store = Store.open(settings.db, read_only=True)
    chosen = [(a.upper(), b.upper()) for a, b in pairs] or None
    result = forecast(
        store, as_of=as_of.date(), horizon=horizon, pairs=chosen, settings=settings.analytics
    )
    render(result.pairs if fmt != "table" else [_forecast_row(p) for p in result.pairs], fmt)


COMMANDS = (forecast_command,)
