"""CLI tests for ``dyadwatch eval``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dyadwatch.cli import cli

TINY = Path(__file__).parent / "data" / "eval-tiny.jsonl"


def test_cli_eval_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "dyadwatch eval" in result.output


def test_cli_eval_json_report_is_well_formed() -> None:
    result = CliRunner().invoke(cli, ["eval", str(TINY), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["kind"], report["records"], report["one_sided"], report["gold_events"]) == (
        "plover",
        3,
        1,
        4,
    )
    triples = report["triples"]
    assert triples["tp"] + triples["fn"] == report["gold_scored"] == 3
    assert triples["tp"] + triples["fp"] == report["predicted_scored"]
    assert [row["low"] for row in report["calibration"]] == [0.0, 0.5, 0.6, 0.7, 0.8, 0.9]


def test_cli_eval_tables_with_limit_and_calibration() -> None:
    result = CliRunner().invoke(cli, ["eval", str(TINY), "--limit", "2", "--calibration"])
    assert result.exit_code == 0, result.output
    assert "2 records scored" in result.output
    assert "Scores (micro)" in result.output
    assert "Reliability" in result.output


def test_cli_eval_rejects_a_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.output
