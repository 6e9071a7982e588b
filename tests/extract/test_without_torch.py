"""spaCy is imported with torch hidden, and torch stays importable (_without_torch)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run_python(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_without_torch_coding_imports_leave_torch_out_and_importable() -> None:
    pytest.importorskip("torch")
    out = run_python(
        "import sys, dyadwatch.extract, thinc.compat\n"
        "print('torch' in sys.modules, thinc.compat.has_torch)\n"
        "import torch\n"
        "print(torch.tensor([2]).item())"
    )
    assert out == ["False", "False", "2"]


def test_without_torch_a_process_holding_torch_keeps_it_for_spacy() -> None:
    pytest.importorskip("torch")
    out = run_python("import torch, dyadwatch.extract, thinc.compat\nprint(thinc.compat.has_torch)")
    assert out == ["True"]
