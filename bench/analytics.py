"""Time the analytics on a large synthetic store: one dyad series, the signal scan, a network.

Run: ``.venv/bin/python bench/analytics.py [--events 1000000] [--db /tmp/bench.duckdb]``.
The store is generated column-wise with numpy and Arrow (never row by row) and reused
when it already holds the requested number of events.
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from dyadwatch.analyze import dyad_series, network, signals
from dyadwatch.ontology import cameo
from dyadwatch.records import Modality
from dyadwatch.store import Store, schema

COUNTRIES = [
    "RUS",
    "PRK",
    "USA",
    "CHN",
    "KOR",
    "JPN",
    "IRN",
    "ISR",
    "SAU",
    "FRA",
    "NER",
    "DEU",
    "GBR",
    "IND",
    "PAK",
    "TUR",
    "UKR",
    "BLR",
    "CUB",
    "VEN",
    "BRA",
    "ZAF",
    "EGY",
    "NGA",
    "ETH",
    "KEN",
    "AUS",
    "CAN",
    "MEX",
    "ARG",
    "NOR",
    "SWE",
    "POL",
    "ITA",
    "ESP",
    "SYR",
    "IRQ",
    "AFG",
    "VNM",
    "PHL",
]
CODES = ("010", "036", "042", "046", "057", "061", "070", "072", "111", "112", "130", "163", "190")
SECTORS = ("", "GOV", "MIL")
FIRST = datetime.date(2015, 1, 1)
DAYS = 365 * 10


def _columns(n: int, rng: np.random.Generator) -> dict[str, Any]:
    entries = [cameo.get(code) for code in CODES]
    pick = rng.integers(0, len(CODES), n)
    source = rng.integers(0, len(COUNTRIES), n)
    target = (source + rng.integers(1, len(COUNTRIES), n)) % len(COUNTRIES)
    countries = np.array(COUNTRIES, dtype=object)
    sectors = np.array(SECTORS, dtype=object)[rng.integers(0, len(SECTORS), n)]
    kinds = np.array([m.value for m in Modality], dtype=object)
    return {
        "id": np.char.add("e", np.arange(n).astype(str)).astype(object),
        "article_id": np.char.add("a", (np.arange(n) // 4).astype(str)).astype(object),
        "date": np.datetime64(FIRST) + rng.integers(0, DAYS, n).astype("timedelta64[D]"),
        "source_country": countries[source],
        "source_code": countries[source] + sectors,
        "source_sector": sectors,
        "target_country": countries[target],
        "target_code": countries[target],
        "cameo": np.array([e.code for e in entries], dtype=object)[pick],
        "root": np.array([e.root for e in entries], dtype=object)[pick],
        "quad_class": np.array([int(e.quad_class) for e in entries])[pick],
        "goldstein": np.array([e.goldstein for e in entries])[pick],
        "plover_type": np.array([e.plover_type for e in entries], dtype=object)[pick],
        "modality": kinds[rng.choice(len(kinds), n, p=[0.6, 0.2, 0.1, 0.05, 0.05])],
        "confidence": rng.random(n),
        "evidence": np.full(n, "A synthetic sentence.", dtype=object),
    }


def _table(n: int, seed: int) -> pa.Table:
    given = _columns(n, np.random.default_rng(seed))
    arrays = []
    for column in schema.EVENT_COLUMNS:
        values = given.get(column.name)
        if values is None:
            arrays.append(pa.nulls(n, column.arrow_type))
        else:
            arrays.append(pa.array(values, type=column.arrow_type))
    return pa.Table.from_arrays(arrays, schema=schema.events_arrow_schema())


def build(path: Path, n: int, *, seed: int = 7) -> Store:
    """Return a store at ``path`` with ``n`` synthetic events (reused if already there)."""
    store = Store.open(path)
    if store.counts()["events"] == n:
        return store
    path.unlink()
    store = Store.open(path)
    batch = _table(n, seed)
    with store.writer() as con:
        con.register("batch", batch)
        con.execute(f"INSERT INTO {schema.quote('events')} SELECT * FROM batch")
    return store


def _time(label: str, call: Callable[[], Any]) -> tuple[str, float, str]:
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    size = len(result) if isinstance(result, list) else result.graph.number_of_edges()
    return label, elapsed, str(size)


def main() -> None:
    """Build the store, time the three queries, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/dyadwatch-bench.duckdb"))
    args = parser.parse_args()
    started = time.perf_counter()
    store = build(args.db, args.events)
    print(f"store: {args.events:,} events in {time.perf_counter() - started:.1f} s ({args.db})")
    year = {"start": datetime.date(2023, 1, 1), "end": datetime.date(2024, 1, 1)}
    rows = [
        _time("dyad series RUS→PRK, month, 10 years", lambda: dyad_series(store, "RUS", "PRK")),
        _time(
            "dyad series pair view, week",
            lambda: dyad_series(store, "RUS", "PRK", freq="week", directed=False),
        ),
        _time("signal scan, all pairs", lambda: signals(store)),
        _time("network, one year", lambda: network(store, **year)),
    ]
    print(f"{'what':<42} {'seconds':>8} {'rows':>8}")
    for label, seconds, size in rows:
        print(f"{label:<42} {seconds:>8.3f} {size:>8}")


if __name__ == "__main__":
    main()
