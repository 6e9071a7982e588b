"""The runner package's names load on first use, and a worker's import stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dyadwatch.runner as runner


@pytest.mark.parametrize("name", runner.__all__)
def test_every_exported_name_resolves_to_its_module_object(name: str) -> None:
    value = getattr(runner, name)
    home = runner._MODULE_OF[name]
    assert value is getattr(__import__(f"dyadwatch.runner.{home}", fromlist=[name]), name)


def test_the_export_list_and_the_lazy_table_name_the_same_things() -> None:
    assert sorted(runner.__all__) == sorted(runner._MODULE_OF)
    assert set(runner.__all__) <= set(dir(runner))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        runner.nope  # noqa: B018


@pytest.mark.parametrize("module", ["dyadwatch.runner.local", "dyadwatch.runner.cluster"])
def test_a_worker_s_engine_module_does_not_import_the_store_or_the_readers(module: str) -> None:
    # What a spawned pool worker or a Ray actor imports to unpickle its task function.
    probe = (
        f"import sys, {module}; "
        "print(sorted(m for m in ('dyadwatch.store', 'dyadwatch.ingest', 'duckdb', "
        "'datasketch', 'pyarrow', 'ray') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
