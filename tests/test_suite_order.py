"""The suite's own scheduling: the slow files that run first exist."""

from __future__ import annotations

from tests.conftest import ROOT, SLOW_FILES


def test_suite_order_names_only_existing_files_once() -> None:
    missing = [name for name in SLOW_FILES if not (ROOT / name).is_file()]
    assert missing == [], f"tests/conftest.py SLOW_FILES names files that are gone: {missing}"
    assert len(set(SLOW_FILES)) == len(SLOW_FILES)
