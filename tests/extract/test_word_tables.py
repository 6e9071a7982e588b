"""The engine's word tables (extract/data/cues.tsv, roles.tsv): every class is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.extract.lexicon import word_table

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "dyadwatch" / "extract"


@pytest.mark.issue(16)
@pytest.mark.parametrize("name", ["cues.tsv", "roles.tsv"])
def test_word_tables_every_class_is_read_by_the_engine(name: str) -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in EXTRACT.glob("*.py"))
    table = word_table(name)
    unread = [cls for cls in table.classes if f'["{cls}"]' not in source]
    assert not unread, f"{name}: no module reads {unread}"
    assert all(table[cls] for cls in table.classes)
