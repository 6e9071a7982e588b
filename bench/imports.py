"""Import benchmark: ``dyadwatch import-events`` on ICEWS files of growing size (#18).

Run from the repository root:

    .venv/bin/python bench/imports.py [--megabytes 10 100 1000] [--dir /tmp/dyadwatch-bench-imports]

Each file is the ICEWS sample in ../shared/dev-data (two months of 2018) repeated until
it reaches the size, every repeat with its own event ids (so nothing is a duplicate) and
its dates shifted by whole years. Each is imported into a fresh store by the CLI in a
child process; the table gives the events stored, the time, the events per second and
the child's peak resident memory (``VmHWM``). Events carry no primary-key index
(``store.schema.UNINDEXED_TABLES``), so the peak should not grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _proc import Poller, field_kib

ROOT = Path(__file__).resolve().parents[1]
ICEWS = ROOT.parent / "shared" / "dev-data" / "icews-2018-aug-oct.tab.gz"


class PeakRss(Poller):
    """Sample a child's ``VmHWM`` (its own peak resident memory) until it ends."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(interval)
        self.pid = pid
        self.peak_kib = 0

    def sample(self) -> None:
        self.peak_kib = max(self.peak_kib, field_kib(self.pid, "status", "VmHWM:"))


def write_file(path: Path, megabytes: int) -> int:
    """Write an ICEWS file of about ``megabytes`` MB from the sample; return its rows."""
    with gzip.open(ICEWS, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        rows = list(reader)
    id_at, date_at = header.index("Event ID"), header.index("Event Date")
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for repeat in range(1_000):
            for row in rows:
                cells = list(row)
                cells[id_at] = f"{repeat}-{cells[id_at]}"
                year = int(cells[date_at][:4]) - repeat % 20
                cells[date_at] = f"{year}{cells[date_at][4:]}"
                writer.writerow(cells)
                written += 1
                if written % 1_000 == 0 and out.tell() >= megabytes * 1_000_000:
                    return written
    return written


def run(path: Path, db: Path) -> tuple[float, int, int, str]:
    """Import ``path`` into a fresh ``db`` with the CLI; return seconds, peak KiB, exit
    status and output."""
    command = [sys.executable, "-m", "dyadwatch", "import-events", str(path)]
    command += ["--layout", "icews", "--db", str(db)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakRss(child.pid) as poller:
        output, _ = child.communicate()
    return time.perf_counter() - started, poller.peak_kib, child.returncode, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--dir", default="/tmp/dyadwatch-bench-imports")
    args = parser.parse_args()
    if not ICEWS.exists():
        sys.exit(f"the ICEWS sample is not at {ICEWS}")
    folder = Path(args.dir)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"{'file MB':>8} {'events':>10} {'seconds':>8} {'events/s':>9} {'peak MiB':>9}")
    for megabytes in args.megabytes:
        path = folder / f"icews-{megabytes}mb.tab"
        rows = write_file(path, megabytes)
        seconds, peak_kib, status, output = run(path, folder / f"store-{megabytes}.duckdb")
        path.unlink()
        if status != 0:
            print(f"{megabytes:>8} {rows:>10,} failed: {output.strip().splitlines()[-1]}")
            continue
        peak = peak_kib / 1024
        print(f"{megabytes:>8} {rows:>10,} {seconds:>8.1f} {rows / seconds:>9,.0f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
