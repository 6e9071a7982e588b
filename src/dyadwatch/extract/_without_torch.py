"""Import spaCy with torch hidden: the extract package imports this module first.

thinc, under spaCy, imports torch whenever torch is installed (the train dependency group
installs it): 2.3 s and about 180 MB more for every process that codes (measured on
2026-12-07 with torch 2.13.0), for layers that en_core_web_sm never uses. Unless the
process has imported torch already, spaCy is imported while torch is hidden, and torch is
importable again afterwards; thinc's own PyTorch layers stay off in that process. Code that
needs them imports torch before dyadwatch.extract. The module works on import, like the
extract modules that register spaCy factories: the package imports it before anything
else, for that effect.
"""

from __future__ import annotations

import sys


def import_spacy() -> None:
    """Import spaCy, hiding torch from thinc unless the process already holds it."""
    if "torch" in sys.modules:
        import spacy

        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


import_spacy()
