"""CliRunner tests for ``dyadwatch run`` and ``dyadwatch code`` with the real coder."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch._optional import install_hint
from dyadwatch.cli import cli
from dyadwatch.cli.running import EVENT_COLUMNS, runner_overrides
from dyadwatch.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples"
SMALL = EXAMPLES / "norway-sweden"
SEED = EXAMPLES / "seed-article.txt"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_cli_run_codes_stores_and_summarises(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    code, output = invoke("run", str(SMALL), str(SEED), "--db", str(db))
    assert code == 0, output
    stored = Store.open(db, read_only=True).counts()
    assert stored["events"] > 0
    assert f"store: {stored['articles']} articles, {stored['events']} events" in output
    assert "events by quad class: verbal_cooperation" in output
    assert "top dyads: " in output


def test_cli_run_counts_the_sentences_too_long_to_code(tmp_path: Path) -> None:
    long_sentence = "Russia and " * 20 + "North Korea signed a treaty."
    article = tmp_path / "long.jsonl"
    article.write_text(
        json.dumps({"date": "2024-06-19", "text": f"{long_sentence} Kim met Putin."}) + "\n"
    )
    db = str(tmp_path / "news.duckdb")
    args = ("run", str(article), "--db", db, "--set", "coder.max_sentence_tokens=30")
    code, output = invoke(*args)
    assert code == 0, output
    assert "not coded: 1 sentence(s) longer than coder.max_sentence_tokens" in output
    code, output = invoke("run", str(SEED), "--db", db)
    assert code == 0, output
    assert "max_sentence_tokens" not in output


def test_cli_run_again_skips_finished_files(tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    invoke("run", str(SEED), "--db", db)
    code, output = invoke("run", str(SEED), "--db", db)
    assert code == 0, output
    assert "run: 0 files coded, 1 already done" in output


def test_cli_run_ray_without_ray_prints_the_pip_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    db = tmp_path / "news.duckdb"
    code, output = invoke("run", str(SEED), "--runner", "ray", "--db", str(db))
    assert code == 1
    assert output.strip().endswith(install_hint("cluster"))
    assert not db.exists()


def test_cli_run_bad_record_is_one_line_with_path_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"date": "2024-01-02", "text": "Norway met Sweden."}\n{oops\n')
    code, output = invoke("run", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"Error: {bad}:2: ")


def test_cli_run_unknown_runner_setting_suggests_a_name(tmp_path: Path) -> None:
    code, output = invoke(
        "run", str(SEED), "--set", "runner.runner=locl", "--db", str(tmp_path / "x")
    )
    assert code == 1
    assert "did you mean 'local'" in output


@pytest.mark.parametrize(
    ("engine", "address", "workers", "expected"),
    [
        (None, None, None, {}),
        ("ray", "auto", 4, {"runner.runner": "ray", "runner.address": "auto", "runner.workers": 4}),
    ],
)
def test_cli_run_engine_flags_become_setting_overrides(
    engine: str | None, address: str | None, workers: int | None, expected: dict[str, object]
) -> None:
    assert runner_overrides(engine, address, workers) == expected


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_cli_code_prints_the_events_of_one_file(fmt: str) -> None:
    code, output = invoke("code", str(SEED), "--format", fmt)
    assert code == 0, output
    if fmt == "json":
        rows = json.loads(output)
        assert rows
        assert list(rows[0])[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(output)))
        assert rows
        assert {row["date"] for row in rows} == {"2023-11-12"}
    else:
        assert all(name in output for name in EVENT_COLUMNS)


@pytest.mark.parametrize("command", ["run", "code"])
def test_cli_run_help_shows_examples(command: str) -> None:
    code, output = invoke(command, "--help")
    assert code == 0
    assert f"dyadwatch {command} examples/" in output


@pytest.mark.issue(15)
def test_cli_run_bad_record_error_mentions_skip_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"date": "2024-01-02", "text": "Norway met Sweden."}\n{oops\n')
    code, output = invoke("run", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert code == 1
    (error,) = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert error.startswith(f"Error: {bad}:2: ") and "--skip-bad" in error


@pytest.mark.issue(15)
@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_cli_code_warns_about_an_empty_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text(content)
    code, output = invoke("code", str(empty), "--format", "json")
    assert code == 0, output
    assert f"{empty}: no articles in this file" in caplog.text


@pytest.mark.issue(15)
def test_cli_without_a_command_prints_help_and_exits_0() -> None:
    code, output = invoke()
    assert code == 0
    assert output.startswith("Usage: ") and "Commands:" in output and "run " in output


@pytest.mark.issue(15)
def test_cli_code_json_has_the_stored_fields(tmp_path: Path) -> None:
    code, output = invoke("code", str(SEED), "--format", "json")
    assert code == 0, output
    printed = json.loads(output)
    db = tmp_path / "seed.duckdb"
    assert invoke("run", str(SEED), "--db", str(db))[0] == 0
    stored = {event.id: event for event in Store.open(db, read_only=True).events()}
    assert {row["id"] for row in printed} == set(stored)
    for row in printed:
        event = stored[row["id"]]
        assert row["article_id"] == event.article_id
        assert (row["plover_type"], row["plover_mode"]) == (event.plover_type, event.plover_mode)
        assert row["goldstein"] == event.goldstein
        assert (row["source_name"], row["target_name"]) == (event.source.name, event.target.name)
        assert row["location"]["name"] == event.location.name
        assert row["location"]["precision"] == event.location.precision.value
