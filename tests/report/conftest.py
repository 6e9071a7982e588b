"""Fixtures of the report tests: the coded store (shared with tests/serve) and one browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.serve.corpus import chromium, coded_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, examples_store: Path) -> Path:
    return coded_store(tmp_path_factory, examples_store)


@pytest.fixture(scope="module")
def report_browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched
