"""Time a forecast of every active pair over a store of a million simulated events (#19).

Run: ``.venv/bin/python bench/forecast.py [--events 1000000] [--db /tmp/forecast.duckdb]``.
The stream comes from ``dyadwatch.analyze.forecasting.simulate`` (drift, crises,
self-excitation, reciprocity) and is written column-wise with Arrow, then cut to the
requested size; the store is reused when it already holds that many events. The target
is <= 30 s on 2 cores (#19 acceptance); tests never assert it. Besides the wall-clock
seconds it prints the process's CPU seconds and the load average: on a shared machine the
wall clock measures the other work too.
"""

from __future__ import annotations

import argparse
import datetime
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from dyadwatch.analyze import forecast
from dyadwatch.analyze.forecasting.simulate import StreamPlan, simulate
from dyadwatch.ontology import cameo
from dyadwatch.store import Store, schema

PLAN = StreamPlan(countries=150, days=730, density=0.3, events_per_day=370.0, seed=1)


def _columns(n: int) -> dict[str, Any]:
    stream = simulate(PLAN)
    keep = np.arange(min(n, len(stream.day)))
    names = np.array(stream.countries, dtype=object)
    entries = {code: cameo.get(code) for code in set(stream.code)}
    code = np.array(stream.code, dtype=object)[keep]
    epoch = datetime.date(1970, 1, 1).toordinal()
    return {
        "id": np.char.add("f", keep.astype(str)).astype(object),
        "article_id": np.char.add("a", (keep // 4).astype(str)).astype(object),
        "date": (stream.day[keep] - epoch).astype("datetime64[D]"),
        "source_country": names[stream.source[keep]],
        "source_code": names[stream.source[keep]],
        "target_country": names[stream.target[keep]],
        "target_code": names[stream.target[keep]],
        "cameo": code,
        "root": np.array([entries[c].root for c in code], dtype=object),
        "quad_class": np.array([int(entries[c].quad_class) for c in code]),
        "goldstein": np.array([entries[c].goldstein for c in code]),
        "modality": np.full(len(keep), "asserted", dtype=object),
    }


def build(path: Path, n: int) -> Store:
    """Return a store at ``path`` with (up to) ``n`` simulated events, reused if there."""
    store = Store.open(path)
    if store.counts()["events"] == n:
        return store
    path.unlink()
    store = Store.open(path)
    given = _columns(n)
    size = len(given["id"])
    arrays = [
        pa.array(given[c.name], type=c.arrow_type)
        if c.name in given
        else pa.nulls(size, c.arrow_type)
        for c in schema.EVENT_COLUMNS
    ]
    batch = pa.Table.from_arrays(arrays, schema=schema.events_arrow_schema())
    with store.writer() as con:
        con.register("batch", batch)
        con.execute(f"INSERT INTO {schema.quote('events')} SELECT * FROM batch")
    return store


def main() -> None:
    """Build the store, time one forecast of every active pair, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/dyadwatch-forecast.duckdb"))
    parser.add_argument("--horizon", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    store = build(args.db, args.events)
    n = store.counts()["events"]
    print(f"store: {n:,} events in {time.perf_counter() - started:.1f} s ({args.db})")
    as_of = PLAN.start + datetime.timedelta(days=PLAN.days)
    started, cpu = time.perf_counter(), time.process_time()
    result = forecast(store, as_of=as_of, horizon=args.horizon)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{'what':<44} {'seconds':>8} {'cpu s':>8} {'pairs':>8}  cores  load")
    label = f"forecast every active pair, {args.horizon}-day horizon"
    cores, load = len(os.sched_getaffinity(0)), os.getloadavg()[0]
    print(f"{label:<44} {elapsed:>8.2f} {cpu:>8.2f} {len(result.pairs):>8}  {cores:>5}  {load:.1f}")
    print(f"model: {result.model}")


if __name__ == "__main__":
    main()
