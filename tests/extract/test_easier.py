"""The lower bar for the model's appeals and disapproval (extract/easier.py)."""

from __future__ import annotations

import pytest

from dyadwatch.extract.easier import eased


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (0.7, 0.5),  # the coder's default: 0.2 less
        (0.9, 0.7),  # a stricter user keeps the same margin
        (0.6, 0.5),  # never below the floor ...
        (0.3, 0.3),  # ... unless the user's own threshold is lower
    ],
)
def test_eased(threshold: float, expected: float) -> None:
    assert eased(threshold) == expected
