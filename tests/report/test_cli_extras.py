"""Without their optional packages, 'report' and 'serve' say which extra to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch._optional import install_hint, install_line
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
    assert install_hint(extra) in result.output


@pytest.mark.issue(15)
def test_cli_missing_extra_in_a_clone_installs_from_the_clone() -> None:
    # The tests run from a clone installed with `pip install [-e] .`: the hint must not
    # send the user to the package index for a version that may not match the clone.
    hint = install_hint("report")
    assert hint.startswith(('pip install ".[report]"', 'pip install -e ".[report]"')), hint
    assert str(Path(__file__).resolve().parents[2]) in hint


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, 'pip install "dyadwatch[report]"'),
        ({"url": "https://files/x.whl", "archive_info": {}}, 'pip install "dyadwatch[report]"'),
        ({"url": "file:///c/dw", "dir_info": {}}, 'pip install ".[report]" (in /c/dw, '),
        ({"url": "file:///c/dw", "dir_info": {"editable": True}}, 'pip install -e ".[report]"'),
    ],
)
def test_cli_install_line_follows_where_dyadwatch_came_from(
    direct_url: dict[str, object] | None, expected: str
) -> None:
    assert install_line("report", direct_url).startswith(expected)


@pytest.mark.issue(15)
def test_make_demo_installs_the_report_and_dashboard_extras() -> None:
    # After `make demo`, `dyadwatch report` and `dyadwatch serve` (README commands) need
    # plotly, starlette and uvicorn.
    root = Path(__file__).resolve().parents[2]
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    install = makefile.split("\ninstall:", 1)[1].split("\n\n", 1)[0]
    assert 'pip install --quiet ".[report,dashboard]"' in install
    assert "demo: install" in makefile
