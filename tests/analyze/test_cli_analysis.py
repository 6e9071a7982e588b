"""The analysis commands: help with examples, and each output format over a small store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.cli.analysis import COMMANDS

from .builders import build_store, event
from .storylines import all_events


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "s.duckdb"
    build_store(path, all_events())
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_cli_analysis_help_has_an_example(command) -> None:
    assert f"dyadwatch {command.name}" in _run(command.name, "--help")


def test_cli_analysis_dyad_json(db: str) -> None:
    rows = json.loads(
        _run(
            "dyad",
            "rus",
            "prk",
            "--pair",
            "--freq",
            "quarter",
            "--start",
            "2022-01-01",
            "--db",
            db,
            "--format",
            "json",
        )
    )
    assert rows[0]["period"] == "2022-01-01" and {r["pair"] for r in rows} == {"RUS-PRK"}


def test_cli_analysis_signals_csv(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_run("signals", "--db", db, "--format", "csv"))))
    assert {(r["pair"], r["kind"]) for r in rows} >= {("PRK-RUS", "emerging_alignment")}
    assert all(r["evidence"] for r in rows)


def test_cli_analysis_signals_as_of_json(db: str) -> None:
    reports = json.loads(_run("signals", "--as-of", "2023-07-01", "--db", db, "--format", "json"))
    assert all(r["signal"]["detected"] <= "2023-07-01" for r in reports)


def test_cli_analysis_reactions_json(db: str) -> None:
    # The storylines have no third parties.
    out = _run(
        "reactions",
        "RUS",
        "PRK",
        "--start",
        "2023-01-01",
        "--end",
        "2024-01-01",
        "--db",
        db,
        "--format",
        "json",
    )
    assert json.loads(out) == []


def test_cli_analysis_network_writes_graph(db: str, tmp_path: Path) -> None:
    out_path = tmp_path / "net.json"
    summary = json.loads(
        _run("network", "--period", "2023", "--db", db, "--out", str(out_path), "--format", "json")
    )
    # Six separate pairs: signed edges, but no country with evidence enough for a bloc (#20).
    assert summary[0]["n_pairs"] == 6 and summary[0]["n_negative"] >= 1
    edges = json.loads(out_path.read_text())["edges"]
    assert {"IRN", "ISR"} in [{e["source"], e["target"]} for e in edges]


def test_cli_analysis_bad_period_is_one_line_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["network", "--period", "soon", "--db", db])
    assert result.exit_code == 1 and "Error: period 'soon'" in result.output


@pytest.mark.issue(15)
@pytest.mark.parametrize("period", ["9999", "9999Q4", "9999-12", "0000"])
def test_cli_analysis_out_of_range_period_is_one_line_error(db: str, period: str) -> None:
    result = CliRunner().invoke(cli, ["network", "--period", period, "--db", db])
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: period '{period}': the year must be between 1 and 9998\n"


@pytest.mark.issue(15)
def test_cli_analysis_reactions_without_a_window_use_the_whole_store(tmp_path: Path) -> None:
    # The README's `dyadwatch reactions RUS PRK` stopped with "Missing option '--start'".
    db = str(tmp_path / "r.duckdb")
    events = [event("USA", "PRK", "2021-03-01", "112"), event("CHN", "RUS", "2024-05-01", "051")]
    build_store(Path(db), [*events, event("RUS", "PRK", "2023-09-13", "040")])
    rows = json.loads(_run("reactions", "RUS", "PRK", "--db", db, "--format", "json"))
    assert {(r["actor"], r["stance"]) for r in rows} == {("USA", "opposed"), ("CHN", "supportive")}
    later = _run("reactions", "RUS", "PRK", "--start", "2022-01-01", "--db", db, "--format", "json")
    assert [r["actor"] for r in json.loads(later)] == ["CHN"]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["RUS", "XXX"], "Error: unknown country code 'XXX'"),
        (["RUS", "PKR"], "Error: unknown country code 'PKR'; did you mean 'PRK'"),
        (["rus", "xxx", "--pair"], "Error: unknown country code 'XXX'"),
    ],
)
def test_cli_analysis_dyad_unknown_country_is_an_error(
    db: str, args: list[str], expected: str
) -> None:
    result = CliRunner().invoke(cli, ["dyad", *args, "--db", db])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(expected), result.output


@pytest.mark.issue(15)
def test_cli_analysis_dyad_real_country_without_events_is_empty(db: str) -> None:
    assert json.loads(_run("dyad", "RUS", "FJI", "--db", db, "--format", "json")) == []


@pytest.mark.issue(15)
def test_cli_analysis_dyad_pair_rows_are_labelled_by_the_pair(db: str) -> None:
    rows = json.loads(_run("dyad", "RUS", "PRK", "--pair", "--db", db, "--format", "json"))
    assert rows and all(row["pair"] == "RUS-PRK" for row in rows)
    assert not {"source", "target"} & set(rows[0])
    table = _run("dyad", "RUS", "PRK", "--pair", "--db", db)
    assert "pair" in table and "source" not in table and "target" not in table


@pytest.mark.issue(15)
@pytest.mark.parametrize("args", [["dyad", "RUS", "PRK"], ["dyad", "RUS", "PRK", "--pair"]])
def test_cli_analysis_tables_print_rounded_floats(db: str, args: list[str]) -> None:
    table = _run(*args, "--freq", "quarter", "--db", db)
    assert re.search(r"\d\.\d{5,}", table) is None, table
    assert re.search(r"(?<![\w.])-0\.0(?!\d)", table) is None, table
