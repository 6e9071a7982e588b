"""The store stage: DuckDB tables and Parquet files, the only mapping of records to columns."""

from __future__ import annotations

from dyadwatch.store.db import Store, StoreStats
from dyadwatch.store.dumps import EXPORT_FORMATS
from dyadwatch.store.schema import (
    DERIVED_TABLES,
    TABLES,
    event_to_row,
    events_arrow_schema,
    row_to_event,
)

__all__ = [
    "DERIVED_TABLES",
    "EXPORT_FORMATS",
    "TABLES",
    "Store",
    "StoreStats",
    "event_to_row",
    "events_arrow_schema",
    "row_to_event",
]
