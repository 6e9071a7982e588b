"""The command line: a thin click layer over the library; errors are translated here only."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from dyadwatch.cli import actors, analysis, coding, data, forecasting, running, views
from dyadwatch.errors import DyadwatchError

COMMAND_MODULES = (data, coding, running, actors, analysis, forecasting, views)


class DyadwatchGroup(click.Group):
    """A click group that turns every ``DyadwatchError`` into a one-line ``Error: ...``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DyadwatchError as error:
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            raise click.ClickException(str(error)) from error


@click.group(cls=DyadwatchGroup, invoke_without_command=True)
@click.version_option(package_name="dyadwatch")
@click.option("--verbose", "-v", is_flag=True, help="Log progress and show full tracebacks.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """dyadwatch: who did what to whom, when, from dated news articles.

    \b
    Example:
        dyadwatch run examples/
        dyadwatch dyad RUS PRK --freq month
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr)
    if ctx.invoked_subcommand is None:
        # Asking what dyadwatch does is no usage error (#15.17).
        click.echo(ctx.get_help())


for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Run the ``dyadwatch`` console script."""
    cli(prog_name="dyadwatch")
