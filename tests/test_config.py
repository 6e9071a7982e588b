"""Settings from the environment: DYADWATCH_<SECTION>__<NAME>, and our other variables."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.config import load_settings


def test_config_environment_sets_a_dotted_setting() -> None:
    settings = load_settings(environ={"DYADWATCH_CODER__BATCH_SIZE": "7"})
    assert settings.coder.batch_size == 7


@pytest.mark.issue(16)
def test_config_cache_dir_variable_is_not_a_setting(tmp_path) -> None:
    settings = load_settings(environ={"DYADWATCH_CACHE_DIR": str(tmp_path)})
    assert settings.coder.batch_size == 32
    args = ["actors", "lookup", "the Kremlin", "--date", "2023-11-12"]
    result = CliRunner().invoke(cli, args, env={"DYADWATCH_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output


@pytest.mark.issue(16)
def test_config_cache_dir_is_a_coder_setting(tmp_path) -> None:
    environ = {"DYADWATCH_CODER__CACHE_DIR": str(tmp_path), "DYADWATCH_CACHE_DIR": "/elsewhere"}
    assert load_settings(environ=environ).coder.cache_dir == str(tmp_path)
