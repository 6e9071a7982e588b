"""Tests for the record ↔ row mapping in store/schema.py."""

from __future__ import annotations

import datetime

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_strategies import articles, events

from dyadwatch.errors import UnknownNameError
from dyadwatch.records import (
    Actor,
    Article,
    Event,
    Modality,
    QuadClass,
)
from dyadwatch.store import schema


@given(events)
def test_schema_event_row_round_trip(event: Event) -> None:
    assert schema.row_to_event(schema.event_to_row(event)) == event


@given(articles)
def test_schema_article_row_round_trip(article: Article) -> None:
    assert schema.row_to_article(schema.article_to_row(article)) == article


@given(st.lists(events, max_size=5))
def test_schema_event_rows_fit_the_arrow_schema(batch: list[Event]) -> None:
    table = schema.rows_to_arrow([schema.event_to_row(e) for e in batch], schema.EVENT_COLUMNS)
    assert table.schema == schema.events_arrow_schema()
    assert [schema.row_to_event(tuple(r.values())) for r in table.to_pylist()] == batch


@pytest.mark.parametrize("table", sorted(schema.TABLES))
def test_schema_ddl_names_every_column(table: str) -> None:
    statement = next(s for s in schema.create_statements() if f'"{table}"' in s)
    assert all(f'"{c.name}"' in statement for c in schema.TABLES[table])


def test_schema_columns_are_unique() -> None:
    names = [c.name for c in schema.EVENT_COLUMNS]
    assert len(names) == len(set(names))


def test_schema_event_columns_match_arrow_field_types() -> None:
    assert schema.events_arrow_schema().field("location_geonames_id").type == pa.int64()
    assert schema.events_arrow_schema().field("date").type == pa.date32()


def test_schema_unknown_table_suggests_a_name() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'events'"):
        schema.check_table("event")


def test_schema_reads_a_parquet_timestamp_date_as_a_date() -> None:
    event_row = list(schema.event_to_row(_event()))
    event_row[2] = datetime.datetime(2023, 11, 12, 0, 0)
    assert schema.row_to_event(tuple(event_row)).date == datetime.date(2023, 11, 12)


def _event() -> Event:
    actor = Actor(code="RUS", country="RUS")
    return Event(
        id="e1",
        article_id="a1",
        date=datetime.date(2023, 11, 12),
        sentence_index=0,
        start=0,
        end=10,
        source=actor,
        target=actor,
        cameo="042",
        root="04",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=1.9,
        plover_type="CONSULT",
        plover_mode="visit",
        modality=Modality.ASSERTED,
        trigger="visited",
        evidence="x",
        confidence=0.9,
        coder_version="t",
    )
