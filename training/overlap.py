"""Leakage check: no training sentence may share a run of 8 words with evaluation data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN = 8
_WORD = re.compile(r"\w+")


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Return the lower-cased word n-grams of ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def eval_texts(folder: Path) -> Iterator[str]:
    """Yield the text of every record of every JSON Lines gold file in ``folder``."""
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["text"]


def leaks(corpus: Iterable[tuple[str, str]], gold: Iterable[str]) -> list[tuple[str, str]]:
    """Return (id, shared words) for each corpus sentence that shares a run with ``gold``."""
    banned: set[tuple[str, ...]] = set()
    for text in gold:
        banned |= runs(text)
    found = []
    for record_id, text in corpus:
        shared = runs(text) & banned
        if shared:
            found.append((record_id, " ".join(sorted(shared)[0])))
    return found
