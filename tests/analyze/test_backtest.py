"""Tests for the backtest: expectation files, storylines judged as of their windows (#18)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.analyze.backtest import backtest, backtest_file, read_expectations
from dyadwatch.cli import cli
from dyadwatch.errors import InputError

from .builders import build_store, event

pytestmark = pytest.mark.issue(18)
D = datetime.date
ROOT = Path(__file__).resolve().parents[2]


def _store(tmp_path: Path):
    start = D(2022, 1, 1)
    quiet = [
        event("NER", "FRA", start + datetime.timedelta(days=i), "042", serial=i)
        for i in range(0, 300, 5)
    ]
    landmark = [
        event("NER", "FRA", D(2022, 11, 2), "161", serial=1),
        event("FRA", "NER", D(2022, 11, 4), "166", serial=2),
    ]
    steady = [
        event("NOR", "SWE", start + datetime.timedelta(days=i), "042", serial=i)
        for i in range(0, 400, 4)
    ]
    return build_store(tmp_path / "b.duckdb", [*quiet, *landmark, *steady])


def _expect(tmp_path: Path, window: list[str]) -> Path:
    path = tmp_path / "expect.json"
    story = {
        "name": "Niger-France",
        "pair": ["NER", "FRA"],
        "kinds": ["rupture"],
        "windows": [window],
        "first_evidence": "2022-11-02",
    }
    path.write_text(json.dumps({"storylines": [story], "quiet_pairs": [["SWE", "NOR"]]}))
    return path


def test_backtest_flags_storyline_with_its_lag(tmp_path: Path) -> None:
    result = backtest_file(_store(tmp_path), _expect(tmp_path, ["2022-11-02", "2022-12-02"]))
    (story,) = result.storylines
    assert (story.flagged, story.kind, story.lag_days, story.pair) == (
        True,
        "rupture",
        2,
        "FRA-NER",
    )
    assert result.quiet_signals == ()
    assert result.n_signals == 1 and result.active_pair_months > 0


def test_backtest_window_ending_before_detection_is_not_flagged(tmp_path: Path) -> None:
    result = backtest_file(_store(tmp_path), _expect(tmp_path, ["2022-11-01", "2022-11-04"]))
    assert [s.flagged for s in result.storylines] == [False]


def test_backtest_lists_signals_on_quiet_pairs(tmp_path: Path) -> None:
    expected = read_expectations(_expect(tmp_path, ["2022-11-02", "2022-12-02"]))
    expected = type(expected)(expected.storylines, (("FRA", "NER"),))
    result = backtest(_store(tmp_path), expected)
    assert [s.pair for s in result.quiet_signals] == [("FRA", "NER")]


def test_backtest_bundled_expectations_read() -> None:
    expected = read_expectations(ROOT / "expectations" / "examples.json")
    assert len(expected.storylines) == 7
    assert expected.quiet_pairs == (("NOR", "SWE"), ("AUS", "CAN"))
    assert all(s.windows[0][0] == s.first_evidence for s in expected.storylines)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "bad JSON"),
        ('{"storylines": [{"name": "x"}]}', "a storyline lacks pair"),
        ('{"quiet_pairs": [["A"]]}', "bad pair"),
    ],
)
def test_backtest_bad_expectation_file_names_it(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InputError, match=f"bad.json.*{problem}"):
        read_expectations(path)


def test_cli_backtest_prints_storylines_and_rate(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = _expect(tmp_path, ["2022-11-02", "2022-12-02"])
    result = CliRunner().invoke(cli, ["backtest", str(path), "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert "flagged 1/1 storyline windows; 0 signals on quiet pairs" in result.output
    as_json = CliRunner().invoke(
        cli, ["backtest", str(path), "--db", str(store.path), "--format", "json"]
    )
    assert json.loads(as_json.output)[0]["storylines"][0]["lag_days"] == 2
