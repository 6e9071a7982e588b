"""The figures of an evaluation: counts, shares, confidence bins and the report that holds them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dyadwatch.evaluate.gold import GoldKind

#: Lower edges of the confidence bins of the reliability table; the last bin ends at 1.0.
BIN_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0.0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the counts with precision, recall and F1 (four decimals)."""
        rates = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn} | {
            k: round(v, 4) for k, v in rates.items()
        }


@dataclass(frozen=True, slots=True)
class Share:
    """How many of ``records`` were ``hits``."""

    records: int = 0
    hits: int = 0

    @property
    def share(self) -> float:
        """hits / records; 0.0 with no records."""
        return self.hits / self.records if self.records else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return records, hits and the share."""
        return {"records": self.records, "hits": self.hits, "share": round(self.share, 4)}


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Predicted events whose confidence lies in ``[low, high)`` (the last bin includes 1.0)."""

    low: float
    high: float
    events: int
    correct: int
    mean_confidence: float

    @property
    def precision(self) -> float:
        """Share of the bin's events that match a gold event."""
        return self.correct / self.events if self.events else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the bin with its observed precision."""
        plain: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        plain["mean_confidence"] = round(self.mean_confidence, 4)
        return plain | {"precision": round(self.precision, 4)}


@dataclass(frozen=True, slots=True)
class RecordScore:
    """The scores of one gold record; ``None`` where the record does not count."""

    types: Counts
    triples: Counts | None = None
    pairs: Counts | None = None
    codes: Counts | None = None
    by_type: tuple[tuple[str, Counts], ...] = ()
    confusion: tuple[tuple[str, str], ...] = ()
    outcomes: tuple[tuple[float, bool], ...] = ()
    all_types: bool | None = None
    all_codes: bool | None = None
    quiet: bool | None = None


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Every figure of one evaluation; ``to_dict`` gives the JSON form."""

    path: str
    kind: GoldKind
    include_negated: bool
    records: int
    skipped: int
    one_sided: int
    gold_events: int
    predicted_events: int
    gold_scored: int
    predicted_scored: int
    negated_excluded: int
    triples: Counts
    types: Counts
    pairs: Counts
    codes: Counts | None
    all_types: Share | None
    all_codes: Share | None
    quiet: Share | None
    by_type: tuple[tuple[str, Counts], ...]
    confusion: tuple[tuple[str, str, int], ...]
    modality: tuple[tuple[str, int], ...]
    calibration: tuple[CalibrationBin, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable values."""
        plain: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            plain[name] = value.to_dict() if hasattr(value, "to_dict") else value
        plain["by_type"] = [{"type": name} | counts.to_dict() for name, counts in self.by_type]
        plain["confusion"] = [{"gold": g, "predicted": p, "count": n} for g, p, n in self.confusion]
        plain["modality"] = dict(self.modality)
        plain["calibration"] = [row.to_dict() for row in self.calibration]
        return plain


def calibration(outcomes: Iterable[tuple[float, bool]]) -> tuple[CalibrationBin, ...]:
    """Bin predicted events by confidence and give each bin's observed precision.

    Example:
        >>> [b.events for b in calibration([(0.95, True), (0.55, False), (1.0, True)])]
        [0, 1, 0, 0, 0, 2]
    """
    bins: list[list[tuple[float, bool]]] = [[] for _ in BIN_EDGES]
    for confidence, correct in outcomes:
        index = sum(1 for edge in BIN_EDGES[1:] if confidence >= edge)
        bins[index].append((confidence, correct))
    highs = (*BIN_EDGES[1:], 1.0)
    return tuple(
        _bin(low, high, rows) for low, high, rows in zip(BIN_EDGES, highs, bins, strict=True)
    )


def _bin(low: float, high: float, rows: list[tuple[float, bool]]) -> CalibrationBin:
    mean = sum(confidence for confidence, _ in rows) / len(rows) if rows else 0.0
    correct = sum(1 for _, ok in rows if ok)
    return CalibrationBin(
        low=low, high=high, events=len(rows), correct=correct, mean_confidence=mean
    )
