"""CLI tests for ``dyadwatch ingest``, ``stats`` and ``export``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli

SEED = " date 2023-11-12 Russia and North Korea signed a deal.\n\nOfficials met in Pyongyang.\n"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED, encoding="utf-8")
    lines = [json.dumps({"date": f"2023-10-{n + 1:02d}", "text": f"Story {n}."}) for n in range(3)]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["ingest", "stats", "export"])
def test_cli_data_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"dyadwatch {command}" in result.output
    assert "Example:" in result.output


def test_cli_data_ingest_then_stats(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)[0]
    assert (summary["files_done"], summary["articles"], summary["new_articles"]) == (2, 4, 4)
    stats = CliRunner().invoke(cli, ["stats", "--db", db, "--format", "json"])
    assert json.loads(stats.stdout)[0]["articles"] == 4
    assert json.loads(stats.stdout)[0]["first_date"] == "2023-10-01"


def test_cli_data_ingest_twice_skips_every_file(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db])
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db, "--format", "json"])
    assert json.loads(result.stdout)[0]["files_skipped"] == 2


def test_cli_data_ingest_shows_plain_progress_lines_off_a_terminal(
    inputs: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", str(tmp_path / "x.duckdb")])
    assert "ingest: 2/2" in result.stderr


def test_cli_data_bad_record_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"date": "2023-01-01", "text": "ok"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert f"Error: {bad}:2: bad JSON" in result.stderr


def test_cli_data_skip_bad_names_the_rejects_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"date": "2023-01-01", "text": "ok"}\n{oops\n', encoding="utf-8")
    rejects = tmp_path / "r.jsonl"
    args = [
        "ingest",
        str(bad),
        "--db",
        str(tmp_path / "x.duckdb"),
        "--skip-bad",
        "--rejects",
        str(rejects),
    ]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert json.loads(result.stdout)[0]["rejects_path"] == str(rejects)
    assert json.loads(rejects.read_text(encoding="utf-8"))["line"] == 2


@pytest.mark.parametrize(
    ("fmt", "reader"), [("parquet", "read_parquet"), ("csv", "read_csv"), ("jsonl", "read_json")]
)
def test_cli_data_export_writes_a_readable_file(
    inputs: Path, tmp_path: Path, fmt: str, reader: str
) -> None:
    db, out = str(tmp_path / "x.duckdb"), str(tmp_path / f"articles.{fmt}")
    CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db])
    result = CliRunner().invoke(
        cli, ["export", "--db", db, "--table", "articles", "--format", fmt, "--out", out]
    )
    assert result.exit_code == 0, result.output
    relation = duckdb.connect().sql(f"SELECT * FROM {reader}(?)", params=[out])
    assert relation.columns[:2] == ["id", "date"]
    assert len(relation.fetchall()) == 4


def test_cli_data_export_unknown_table_suggests_one(inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db])
    result = CliRunner().invoke(cli, ["export", "--db", db, "--table", "event", "--out", "x.csv"])
    assert result.exit_code == 1
    assert "Error: unknown table 'event'; did you mean 'events'" in result.stderr


def test_cli_data_stats_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "run `dyadwatch ingest` first" in result.stderr


@pytest.fixture(scope="module")
def collapsed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.store.test_layouts import ARTICLES, EVENTS

    from dyadwatch.store import Store

    store = Store.open(tmp_path_factory.mktemp("collapsed") / "c.duckdb")
    with store.writer() as con:
        store.upsert_articles(con, ARTICLES)
        store.upsert_events(con, EVENTS)
    with store.writer() as con:
        store.rebuild_stories(con)
    return str(store.path)


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("table", "key"),
    [("unique_events", "id"), ("event_mentions", "mention_id"), ("stories", "article_id")],
)
@pytest.mark.parametrize(("fmt", "reader"), [("csv", "read_csv"), ("jsonl", "read_json")])
def test_cli_data_export_writes_the_derived_tables(
    collapsed_db: str, tmp_path: Path, table: str, key: str, fmt: str, reader: str
) -> None:
    out = str(tmp_path / f"{table}.{fmt}")
    args = ["export", "--db", collapsed_db, "--table", table, "--format", fmt, "--out", out]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    with duckdb.connect(collapsed_db, read_only=True) as con:
        row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    assert row is not None and row[0] > 0
    assert result.output == f"{table}: {row[0]} rows written to {out}\n"
    relation = duckdb.connect().sql(f"SELECT * FROM {reader}(?)", params=[out])
    assert relation.columns[0] == key
    assert len(relation.fetchall()) == row[0]


@pytest.mark.issue(15)
def test_cli_data_export_help_lists_the_derived_tables() -> None:
    output = CliRunner().invoke(cli, ["export", "--help"]).output
    assert all(name in output for name in ("unique_events", "event_mentions", "stories"))
