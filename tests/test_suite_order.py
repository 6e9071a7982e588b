"""The suite's own scheduling: the slow files that run first (tests/data/slow_files.txt)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_suite_order_names_only_existing_files_once(listed_slow_files: list[str]) -> None:
    missing = [name for name in listed_slow_files if not (ROOT / name).is_file()]
    assert missing == [], f"tests/data/slow_files.txt names test files that are gone: {missing}"
    assert len(set(listed_slow_files)) == len(listed_slow_files) > 0
