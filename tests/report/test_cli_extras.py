"""Without their optional packages, 'report' and 'serve' say which extra to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli


@pytest.mark.parametrize(
    ("args", "blocked", "extra"),
    [(["report"], "plotly", "report"), (["serve"], "starlette", "dashboard")],
)
def test_cli_missing_extra_names_the_install_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], blocked: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, blocked, None)  # import now fails as if not installed
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert f'pip install "dyadwatch[{extra}]"' in result.output
