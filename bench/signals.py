"""Measure the signals (#18): detection on simulated streams, false alarms on ICEWS, scan times.

Run: ``.venv/bin/python bench/signals.py [--pairs 300] [--years 4] [--seed 1] [--icews PATH]``.

1. Simulation (``analyze.simulate.standard``): builds a store of the scenario's events
   (kept in ``--dir`` and reused), scans it, and prints detection rate and lag of moderate
   shifts and landmarks, the share detected within 3, 7, 14, 30 and 60 days, and false
   alarms per 100 stable pair-years. Seeds 0 to 3 are what the settings were tuned on
   (docs/analytics.md pools them); other seeds are held out.
2. Speed: the full scan over that store, then an incremental scan after one more day.
3. ICEWS (when the sample is there): imports it and prints its signals per 100 active
   pair-months and their kinds (real volume, two months).
Nothing here is asserted; tests check correctness, this prints a table.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import itertools
import time
from collections import Counter
from pathlib import Path

from dyadwatch.analyze.backtest import active_pair_months
from dyadwatch.analyze.signals import SignalScan, signals
from dyadwatch.analyze.simulate import detection_lags, score, simulate, standard
from dyadwatch.config import Settings
from dyadwatch.runner.imports import import_events
from dyadwatch.store import Store

LAGS = (3, 7, 14, 30, 60)
ICEWS = Path(__file__).resolve().parents[2] / "shared" / "dev-data" / "icews-2018-aug-oct.tab.gz"


def _store(path: Path, scenario_events: object) -> Store:
    if path.exists():
        return Store.open(path, read_only=True)
    store = Store.open(path)
    events = iter(scenario_events)  # type: ignore[call-overload]
    while batch := list(itertools.islice(events, 100_000)):
        with store.writer() as con:
            store.upsert_events(con, batch)
    return Store.open(path, read_only=True)


def _simulation(args: argparse.Namespace) -> None:
    scenario = standard(n_pairs=args.pairs, years=args.years, seed=args.seed)
    path = Path(args.dir) / f"sim-{args.pairs}-{args.years}-{args.seed}.duckdb"
    store = _store(path, simulate(scenario))
    n_events = store.counts()["events"]
    started = time.perf_counter()
    found = signals(store)
    full = time.perf_counter() - started
    result = score(found, scenario)
    print(
        f"simulation seed {args.seed}: {args.pairs} pairs, {args.years} years, {n_events:,} events"
    )
    for name, value in dataclasses.asdict(result).items():
        print(f"  {name:34} {value}")
    for group, lags in detection_lags(found, scenario).items():
        total = max(len(lags), 1)
        shares = [sum(1 for lag in lags if lag is not None and lag <= d) / total for d in LAGS]
        cells = "  ".join(f"{d}d {share:4.0%}" for d, share in zip(LAGS, shares, strict=True))
        print(f"  {group + ' detected within':34} {cells}")
    end = scenario.start + datetime.timedelta(days=scenario.days)
    scan = SignalScan()
    started = time.perf_counter()
    scan.advance(store, end - datetime.timedelta(days=1))
    almost = time.perf_counter() - started
    started = time.perf_counter()
    scan.advance(store, end)
    one_day = time.perf_counter() - started
    print(f"  {'full scan with evidence (s)':34} {full:.2f}")
    print(f"  {'full scan, detector only (s)':34} {almost:.2f}")
    print(f"  {'incremental scan, one more day (s)':34} {one_day:.3f}")


def _icews(args: argparse.Namespace) -> None:
    if not ICEWS.exists():
        print(f"ICEWS sample not at {ICEWS}; skipped")
        return
    db = Path(args.dir) / "icews.duckdb"
    if not db.exists():
        summary = import_events([ICEWS], layout="icews", settings=Settings(db=str(db)))
        print(
            f"ICEWS import: {summary.events:,} events, {summary.unresolved_names:,} of "
            f"{summary.names:,} names unresolved, {summary.unplaced_events:,} events "
            f"without a country on one side, {summary.elapsed:.1f} s"
        )
    store = Store.open(db, read_only=True)
    found = signals(store)
    months = active_pair_months(store)
    rate = 100.0 * len(found) / months
    print(f"ICEWS: {len(found)} signals, {months:,} active pair-months, {rate:.2f} per 100")
    print("  by kind:", dict(Counter(s.kind for s in found)))
    for signal in found:
        pair = "-".join(signal.pair)
        print(
            f"  {signal.kind:18} {pair:8} {signal.start} -> {signal.detected} {signal.confidence}"
        )


def main() -> None:
    """Parse the options and print the measures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--years", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", default="/tmp/dyadwatch-bench-signals")
    parser.add_argument("--skip-icews", action="store_true")
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    _simulation(args)
    if not args.skip_icews:
        _icews(args)


if __name__ == "__main__":
    main()
