"""The suite's own scheduling: the slow files that run first (tests/data/slow_files.txt)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent
LISTED = ROOT / "tests" / "data" / "slow_files.txt"


def test_suite_order_names_only_existing_files_once() -> None:
    lines = LISTED.read_text(encoding="utf-8").splitlines()
    names = [line for line in lines if line and not line.startswith("#")]
    missing = [name for name in names if not (ROOT / name).is_file()]
    assert missing == [], f"{LISTED} names test files that are gone: {missing}"
    assert len(set(names)) == len(names) > 0
