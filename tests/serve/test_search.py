"""``analyze.search``, the queries behind the dashboard's event search and pair pages.

(They live beside the dashboard tests, which own the coded example store they run on.)
"""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import pytest

from dyadwatch.analyze import EventQuery, pair_view, search_events, top_pairs
from dyadwatch.analyze.search import highlight
from dyadwatch.store import Store


@pytest.fixture(scope="module")
def store(store_path: Path) -> Store:
    return Store.open(store_path, read_only=True)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Moscow urged Pyongyang to talk.", "urge", [("Moscow", "source"), ("urged", "trigger"),
                                                      ("Pyongyang", "target")]),
        ("North Korean troops shelled Russia, not Ukraine.", "shell",
         [("North Korean troops", "target"), ("shelled", "trigger"), ("Russia", "source")]),
        ("Nothing here.", "", []),
    ],
)  # fmt: skip
def test_search_highlight_marks_actors_and_trigger(
    sentence: str, trigger: str, expected: list[tuple[str, str]]
) -> None:
    marks = highlight(
        sentence, trigger=trigger, source="RUS", target="PRK", date=datetime.date(2024, 1, 1)
    )
    assert [(sentence[m.start : m.end], m.role) for m in marks] == expected
    assert all(a.end <= b.start for a, b in itertools.pairwise(marks))


@pytest.mark.parametrize("text", ["%", "_", "\\", "' OR 1=1 --", "%'; DROP TABLE events; --"])
def test_search_text_is_a_plain_substring(store: Store, text: str) -> None:
    found = search_events(store, EventQuery(text=text))
    assert all(text.lower() in event.sentence.lower() for event in found.events)


def test_search_filters_combine_and_order_newest_first(store: Store) -> None:
    query = EventQuery(pair=("PRK", "RUS"), quad_class=2, start=datetime.date(2023, 1, 1))
    found = search_events(store, query, limit=5)
    assert 0 < len(found.events) <= 5 <= found.total or len(found.events) == found.total
    assert all({e.source_country, e.target_country} == {"PRK", "RUS"} for e in found.events)
    assert all(e.quad_class == 2 and e.date >= query.start for e in found.events)  # type: ignore[operator]
    dates = [e.date for e in found.events]
    assert dates == sorted(dates, reverse=True)


def test_search_top_pairs_and_pair_view(store: Store) -> None:
    assert top_pairs(store, limit=1)[0].pair == ("PRK", "RUS")
    view = pair_view(store, "RUS", "PRK", reports=[], limit=3)
    assert view.pair == ("PRK", "RUS") and len(view.events.events) == 3
    assert [p.month for p in view.alignment] == sorted(p.month for p in view.alignment)
