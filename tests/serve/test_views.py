"""Dashboard views without the server: the pair page's shared forecast (#19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.analyze.builders import build_store, event

from dyadwatch.config import Settings
from dyadwatch.serve.views import pair_outlook_data
from dyadwatch.store import Store


def _roots(store: Store, settings: Settings) -> set[str]:
    (outlook,) = pair_outlook_data(store, settings, "RUS", "UKR")
    return {row.root for row in outlook.rows}


@pytest.mark.issue(19)
def test_views_outlook_follows_a_write_that_keeps_the_latest_day(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    build_store(path, [event("RUS", "UKR", "2024-01-20", "190")])
    settings = Settings(db=str(path))
    assert _roots(Store.open(path, read_only=True), settings) == {"19"}
    # An older event: the store's latest day, and so the as-of date, stay the same.
    writable = Store.open(path)
    with writable.writer() as con:
        writable.upsert_events(con, [event("RUS", "UKR", "2024-01-18", "042")])
    assert _roots(Store.open(path, read_only=True), settings) == {"04", "19"}


@pytest.mark.issue(19)
def test_views_outlook_of_another_store_is_its_own(tmp_path: Path) -> None:
    first = build_store(tmp_path / "a.duckdb", [event("RUS", "UKR", "2024-01-20", "190")])
    second = build_store(tmp_path / "b.duckdb", [event("RUS", "UKR", "2024-01-20", "042")])
    assert _roots(first, Settings(db=str(first.path))) == {"19"}
    assert _roots(second, Settings(db=str(second.path))) == {"04"}
    assert _roots(first, Settings(db=str(first.path))) == {"19"}
