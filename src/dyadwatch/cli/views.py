"""CLI commands over the report and serve stages: ``report`` and ``serve``."""

from __future__ import annotations

import dataclasses

import click

from dyadwatch._optional import require
from dyadwatch.cli._options import settings_options
from dyadwatch.config import Settings


@click.command("report")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    default="report.html",
    show_default=True,
    help="HTML file to write.",
)
@click.option("--period", default="", help="A year (2023), quarter (2023Q2) or month (2023-05).")
@settings_options
def report_command(out_path: str, period: str, settings: Settings) -> None:
    """Write one self-contained HTML report (signals, timelines, network, events).

    \b
    Example:
        dyadwatch report --out report.html --period 2023
    """
    require("plotly", extra="report")
    from dyadwatch.report import ReportOptions, write_report
    from dyadwatch.store import Store

    store = Store.open(settings.db, read_only=True)
    path = write_report(
        store, out_path, options=ReportOptions(period=period), settings=settings.analytics
    )
    click.echo(f"report: {path}")


@click.command("serve")
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@click.option(
    "--allow-remote",
    "remote_names",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[NAMES]",
    help="Allow an address other than localhost (no login!), and answer to the host"
    " NAMES (comma-separated) besides the loopback names and --host.",
)
@settings_options
def serve_command(
    host: str | None, port: int | None, remote_names: str | None, settings: Settings
) -> None:
    """Serve the dashboard over the store, read-only, on http://127.0.0.1:8000.

    \b
    Example:
        dyadwatch serve --port 8000
        dyadwatch serve --host 0.0.0.0 --allow-remote dash.lan,10.0.0.5
    """
    for package in ("starlette", "uvicorn", "plotly"):
        require(package, extra="dashboard")
    from dyadwatch.serve import check_host, serve

    settings = _serve_settings(settings, host, port, remote_names)
    section, allow_remote = settings.serve, remote_names is not None
    warning = check_host(section.host, allow_remote=allow_remote)
    if warning:
        click.echo(warning, err=True)
    click.echo(f"serving {settings.db} on http://{section.host}:{section.port}/", err=True)
    serve(settings, allow_remote=allow_remote)


def _serve_settings(
    settings: Settings, host: str | None, port: int | None, remote_names: str | None
) -> Settings:
    section = settings.serve
    names = ",".join(n for n in (section.allowed_hosts, remote_names) if n)
    section = dataclasses.replace(
        section, host=host or section.host, port=port or section.port, allowed_hosts=names
    )
    return dataclasses.replace(settings, serve=section)


COMMANDS: list[click.Command] = [report_command, serve_command]
