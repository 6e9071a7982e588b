"""Evaluation: read human-coded gold sentences and score the event coder against them.

It sits above ``extract``: it runs a coder over the gold sentences and never reaches into
the parse. ``gold`` reads the files, ``matching`` pairs coded events with gold events,
``scores`` holds the figures and ``driver`` ties them together for ``dyadwatch eval``.

Example:
    >>> from dyadwatch.evaluate import evaluate_file
    >>> report = evaluate_file("plover-gsr.jsonl", coder=coder)  # doctest: +SKIP
    >>> report.triples.f1  # doctest: +SKIP
"""

from __future__ import annotations

from dyadwatch.evaluate.driver import EventCoder, evaluate_coders, evaluate_file, summarise
from dyadwatch.evaluate.gold import Coded, GoldFile, GoldRecord, read_gold
from dyadwatch.evaluate.scores import CalibrationBin, Counts, EvalReport, Share

__all__ = [
    "CalibrationBin",
    "Coded",
    "Counts",
    "EvalReport",
    "EventCoder",
    "GoldFile",
    "GoldRecord",
    "Share",
    "evaluate_coders",
    "evaluate_file",
    "read_gold",
    "summarise",
]
