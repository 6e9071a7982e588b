"""What the commands print is safe for a terminal and a spreadsheet (#15.2, #15.3)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.cli._options import render, visible

pytestmark = pytest.mark.issue(15)

HOSTILE = (
    "date 2023-10-05\nRussia accused Ukraine of \x1b]0;pwned\x07 attacks \x1b[31mnear\x1b[0m"
    " the \x9b2Jborder, the Kremlin said on Wednesday.\n"
)


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "2023-10-05-escapes.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_code_prints_no_raw_control_characters(hostile_file: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["code", str(hostile_file), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "accused" in result.output
    raw = [c for c in result.output if c not in "\n\t" and (ord(c) < 32 or 127 <= ord(c) < 160)]
    assert raw == [], raw
    if fmt != "json":
        assert "\\x1b]0;pwned\\x07" in result.output


def test_cli_render_table_reads_no_rich_markup(capsys: pytest.CaptureFixture[str]) -> None:
    render([{"evidence": "[link=http://evil.example]click[/link] [bold]x[/bold]"}], "table")
    assert "[link=http://evil.example]click[/link]" in capsys.readouterr().out


def test_cli_render_csv_neutralises_formulas_and_keeps_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    render([{"evidence": "=cmd|' /C calc'!A0", "name": "@x", "goldstein": -5.0}], "csv")
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row == {"evidence": "'=cmd|' /C calc'!A0", "name": "'@x", "goldstein": "-5.0"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\x1bb", "a\\x1bb"), ("\x9b", "\\x9b"), ("a\rb", "a\\x0db"), ("a\tb\nc", "a\tb\nc")],
)
def test_cli_visible_escapes_control_characters(text: str, expected: str) -> None:
    assert visible(text) == expected


def test_cli_render_table_rounds_floats(capsys: pytest.CaptureFixture[str]) -> None:
    render([{"sum": 8.299999999999999, "mean": -0.00001, "n": 3, "x": 0.12345678}], "table")
    out = capsys.readouterr().out
    assert "8.3 " in out and "0.1235" in out and "8.2999" not in out
    assert "-0.0" not in out
