"""Coder output on fixed inputs must match the reviewed golden file (regenerate: make golden)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.golden.regenerate import GOLDEN, code_record

RECORDS = [
    json.loads(line) for line in Path(GOLDEN).read_text("utf-8").splitlines() if line.strip()
]


@pytest.mark.parametrize("record", RECORDS, ids=[r["name"] for r in RECORDS])
def test_golden_coder_output_unchanged(coder: Any, record: dict[str, Any]) -> None:
    assert code_record(coder, record) == record["events"]
