"""A read-only store poller: ``python -m tests.reliability.reader DB STOP [PAUSE]``.

Until the file ``STOP`` exists, opens the store read-only again and again and prints one
JSON line per snapshot: row counts and the number of events whose article is missing,
all read in one connection; it sleeps ``PAUSE`` seconds (default 0.01) between reads.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tests.reliability.harness import ORPHANS

from dyadwatch.store import Store


def snapshot(store: Store) -> dict[str, int]:
    """Return the counts and the orphan-event count of one consistent read."""
    with store.reader() as con:
        counts = {
            table: int(con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])
            for table in ("articles", "events", "progress")
        }
        counts["orphans"] = int(con.execute(ORPHANS).fetchall()[0][0])
    return counts


def main(db: str, stop: str, pause: str = "0.01") -> None:
    while not Path(db).exists():
        time.sleep(0.01)
    store = Store(Path(db), read_only=True, timeout=60)
    while not Path(stop).exists():
        print(json.dumps(snapshot(store)), flush=True)
        time.sleep(float(pause))


if __name__ == "__main__":
    main(*sys.argv[1:4])
