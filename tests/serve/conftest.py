"""Fixtures of the dashboard tests: the coded store, the running server, one browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.serve.corpus import chromium, coded_store, running_server


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, examples_store: Path) -> Path:
    return coded_store(tmp_path_factory, examples_store)


@pytest.fixture(scope="session")
def base_url(store_path: Path) -> Iterator[str]:
    with running_server(store_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched
