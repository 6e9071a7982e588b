"""``dyadwatch forecast``: JSON fields, the pair filter, --backtest and usage errors (#19)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tests.analyze.builders import build_store

from dyadwatch.analyze.forecasting.simulate import StreamPlan, simulate, stream_events
from dyadwatch.cli import cli

PLAN = StreamPlan(countries=6, days=150, events_per_day=15.0, seed=5)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "sim.duckdb"
    build_store(path, stream_events(simulate(PLAN)))
    return str(path)


@pytest.mark.issue(19)
def test_cli_forecast_json_has_the_documented_fields(db: str) -> None:
    args = ["forecast", "--as-of", "2020-05-01", "--horizon", "14", "--db", db, "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows
    keys = {"source", "target", "as_of", "horizon_days", "roots", "quad", "why"}
    assert keys <= set(rows[0])
    assert rows[0]["as_of"] == "2020-05-01" and rows[0]["horizon_days"] == 14


@pytest.mark.issue(19)
def test_cli_forecast_pair_keeps_one_row(db: str) -> None:
    args = ["forecast", "--as-of", "2020-05-01", "--pair", "qaa", "qab", "--db", db]
    result = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) <= 2 and all(line.startswith("QAA,QAB") for line in lines[1:])


@pytest.mark.issue(19)
def test_cli_forecast_backtest_prints_every_method(db: str) -> None:
    result = CliRunner().invoke(cli, ["forecast", "--backtest", "--horizon", "14", "--db", db])
    assert result.exit_code == 0, result.output
    for method in ("model", "recurrency", "frequency", "decay", "best-f1", "p>=0.5"):
        assert method in result.output


def test_cli_forecast_needs_as_of(db: str) -> None:
    result = CliRunner().invoke(cli, ["forecast", "--db", db])
    assert result.exit_code == 2
    assert "--as-of" in result.output


@pytest.mark.issue(19)
def test_cli_forecast_unknown_pair_code_is_an_error(db: str) -> None:
    args = ["forecast", "--as-of", "2020-05-01", "--pair", "QAA", "XQZ", "--db", db]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "unknown country code 'XQZ'" in result.output


@pytest.mark.issue(19)
def test_cli_backtest_forecast_prints_every_measure_for_every_method(db: str) -> None:
    args = ["backtest", "--forecast", "--horizon", "14", "--db", db, "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)
    methods = {row["method"] for row in report["scores"]}
    assert methods == {"model", "recurrency", "frequency", "decay"}
    measures = {"precision_1", "recall_1", "f1_1", "precision_2", "recall_2", "f1_2"}
    assert measures | {"kl_quad", "brier"} <= set(report["scores"][0])


@pytest.mark.parametrize(
    "args",
    [["backtest"], ["backtest", "expect.json", "--forecast"]],
    ids=["neither", "both"],
)
def test_cli_backtest_takes_expectations_or_forecast(db: str, args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 2
    assert "EXPECT.json, or --forecast" in result.output
