"""DuckDB failures turned into dyadwatch errors (store/faults.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyadwatch.errors import StoreError
from dyadwatch.store import faults


def test_faults_out_of_memory_is_one_line_that_says_what_to_do() -> None:
    error = duckdb.OutOfMemoryException(
        "Out of Memory Error: could not allocate block of size 256.0 KiB (30.3 MiB/30.5 MiB used)"
        "\n\nPossible solutions:\n* Reducing the number of threads"
    )
    found = faults.out_of_memory(Path("events.duckdb"), error)
    assert isinstance(found, StoreError)
    message = str(found)
    assert "\n" not in message
    assert message.startswith("events.duckdb: the store ran out of memory while writing")
    assert "(could not allocate block of size 256.0 KiB" in message
    assert "the write in hand was rolled back" in message
    assert message.endswith("rerun the same command to resume")


def test_faults_other_errors_are_not_out_of_memory() -> None:
    error = duckdb.ConstraintException("Constraint Error: duplicate key")
    assert faults.out_of_memory(Path("events.duckdb"), error) is None


def test_faults_out_of_memory_at_commit_is_recognised() -> None:
    error = duckdb.TransactionException(
        "TransactionContext Error: Failed to commit: failed to pin block of size 256.0 KiB "
        "(244.0 MiB/244.1 MiB used)"
    )
    found = faults.out_of_memory(Path("events.duckdb"), error)
    assert found is not None
    assert "(Failed to commit: failed to pin block" in str(found)
    aborted = duckdb.TransactionException("TransactionContext Error: transaction is aborted")
    assert faults.out_of_memory(Path("events.duckdb"), aborted) is None
