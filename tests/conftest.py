"""Shared fixtures only: the loaded coder (once per session) and paths to shared data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def coder() -> Any:
    """The full coder with the packaged model, gazetteer and lexicon, loaded once."""
    from dyadwatch.extract import Coder, build_nlp

    return Coder(build_nlp())


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or skip where it is absent (as on a user's clone)."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not beside the repository (it is on CI and dev machines)")
    return SHARED_EVAL
