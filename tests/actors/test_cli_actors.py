"""Tests for ``dyadwatch actors lookup``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyadwatch.cli import cli


def test_cli_actors_lookup_prints_code_and_reason():
    result = CliRunner().invoke(cli, ["actors", "lookup", "the Kremlin", "--date", "2023-11-12"])
    assert result.exit_code == 0, result.output
    assert "RUSGOV" in result.output
    assert "institutions.tsv" in result.output


def test_cli_actors_lookup_json_uses_user_gazetteer(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text(
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Ada Example\tExample\tFRA\tGOV\tFM\t2020-01-01\t\n",
        encoding="utf-8",
    )
    args = ["actors", "lookup", "Example", "--date", "2021-05-01", "--gazetteer", str(path)]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["actor"]["code"], row["window"]) == ("FRAGOV", "2020-01-01..")


def test_cli_actors_lookup_unknown_name_is_one_line_error():
    result = CliRunner().invoke(cli, ["actors", "lookup", "Kremlinn", "--date", "2023-11-12"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown actor 'Kremlinn'; did you mean")


def test_cli_actors_lookup_has_help():
    result = CliRunner().invoke(cli, ["actors", "lookup", "--help"])
    assert result.exit_code == 0
    assert "--date" in result.output
