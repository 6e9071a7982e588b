"""Change detection: find where a pair's alignment index shifts and name the change.

For each pair, ``ruptures`` (PELT, L2 cost) segments a three-column monthly signal, the
alignment index and the log of decayed material cooperation and material conflict. Each
breakpoint is then judged by comparing the ``PRE_MONTHS`` before it with the
``POST_MONTHS`` from it against the rules in ``classify``. A breakpoint is only judged
once its post window is complete, and only events before the scan's cutoff are read, so
a scan as of a date never looks ahead. See docs/analytics.md.
"""

from __future__ import annotations

import datetime
import logging
import math
from dataclasses import dataclass

import numpy as np
import ruptures as rpt

from dyadwatch.analyze import periods
from dyadwatch.analyze.evidence import top_evidence
from dyadwatch.analyze.index import (
    FAST_DECAY,
    PairMonths,
    Track,
    decayed,
    monthly_masses,
    scan_cutoff,
    track,
)
from dyadwatch.analyze.results import SignalReport
from dyadwatch.config import AnalyticsSettings
from dyadwatch.records import QuadClass, Signal
from dyadwatch.store.db import Connection, Store

logger = logging.getLogger(__name__)

KINDS = ("emerging_alignment", "rapprochement", "rupture", "escalation")
PRE_MONTHS = 6
POST_MONTHS = 3
MIN_EVENTS = 4
"""Pairs with fewer weighted-positive events before the cutoff are not scanned."""
PENALTY = 2.0
"""PELT penalty on the L2 cost; larger finds fewer breakpoints."""
COOPERATIVE = 0.2
"""An index at or above this reads as cooperative; at or below minus this, conflictual."""
SHIFT = 0.5
"""Smallest index change that counts as a rapprochement or a rupture."""
ONSET_SLACK = 2
"""How many months before PELT's breakpoint the onset of a change may be put."""
MATERIAL_RATE = 0.5
"""Smallest weighted monthly rate of material events that counts as sustained."""
INTENSE = 2.0
"""Cooperative mass of a month that may open an emerging alignment (more than a trickle)."""
MIN_CONFIDENCE = 0.9
"""Signals below this confidence are dropped (one story is rarely enough)."""

_TOWARDS_CONFLICT = frozenset({"rupture", "escalation"})
_COOPERATION = (int(QuadClass.VERBAL_COOPERATION), int(QuadClass.MATERIAL_COOPERATION))
_CONFLICT = (int(QuadClass.VERBAL_CONFLICT), int(QuadClass.MATERIAL_CONFLICT))
_EVIDENCE_QUADS = {
    "emerging_alignment": (int(QuadClass.MATERIAL_COOPERATION), *_COOPERATION[:1]),
    "rapprochement": _COOPERATION,
    "rupture": _CONFLICT,
    "escalation": (int(QuadClass.MATERIAL_CONFLICT),),
}


@dataclass(frozen=True, slots=True)
class Window:
    """A pair's state over some months: mean index and its variance, material rates."""

    index: float
    variance: float
    material_cooperation: float
    material_conflict: float
    months_with_material_cooperation: int
    n_months: int
    net_conflict: float = 0.0  # weighted conflict minus cooperation, per month


@dataclass(frozen=True, slots=True)
class Verdict:
    """What ``classify`` made of a breakpoint."""

    kind: str
    magnitude: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Found:
    """A classified breakpoint: the onset month, the PELT month, the verdict, the indices."""

    onset: int
    breakpoint: int
    verdict: Verdict
    index_before: float
    index_after: float


def _window(tracked: Track, masses: PairMonths, start: int, stop: int) -> Window:
    span = slice(start, stop)
    n = stop - start
    conflict = float(np.sum(masses.conflict[span]) - np.sum(masses.cooperation[span]))
    return Window(
        index=float(np.mean(tracked.index[span])),
        variance=float(np.mean(tracked.variance[span])),
        material_cooperation=float(np.sum(tracked.material_cooperation[span])) / n,
        material_conflict=float(np.sum(tracked.material_conflict[span])) / n,
        months_with_material_cooperation=int(np.count_nonzero(tracked.material_cooperation[span])),
        n_months=n,
        net_conflict=conflict / n,
    )


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def _index_confidence(pre: Window, post: Window) -> float:
    return _phi(abs(post.index - pre.index) / math.sqrt(pre.variance + post.variance + 1e-9))


def _rate_confidence(before: float, after: float, pre: Window, post: Window) -> float:
    # Rates are weighted counts; treat them as Poisson for a rough z score.
    spread = math.sqrt(before / pre.n_months + after / post.n_months + 1e-9)
    return _phi((after - before) / spread) if after > before else 0.0


def classify(pre: Window, post: Window) -> Verdict | None:
    """Name the change from ``pre`` to ``post``, or ``None`` when it is no signal.

    Rules, first match wins: *rupture*, a cooperative pair whose index falls by ``SHIFT``;
    *escalation*, a not-cooperative pair whose material conflict rate at least doubles
    to ``MATERIAL_RATE`` or more; *rapprochement*, a conflictual pair (index at most
    ``-COOPERATIVE``, or not cooperative with more conflict than cooperation in the
    window: the index lags behind a pair's recent quarrels) whose index rises by
    ``SHIFT`` to cooperative; *emerging_alignment*, a pair not in conflict that goes
    from little material cooperation to a sustained rate (``MATERIAL_RATE``, at least two
    months of the post window, three times the rate before) with a cooperative index.
    """
    change = post.index - pre.index
    if pre.index >= COOPERATIVE and change <= -SHIFT:
        return Verdict("rupture", change, _index_confidence(pre, post))
    before, after = pre.material_conflict, post.material_conflict
    if post.index < COOPERATIVE and after >= MATERIAL_RATE and after >= 2 * before + 0.5:
        return Verdict("escalation", after - before, _rate_confidence(before, after, pre, post))
    conflictual = pre.index <= -COOPERATIVE or (pre.index < COOPERATIVE and pre.net_conflict > 0)
    if conflictual and change >= SHIFT and post.index >= COOPERATIVE:
        return Verdict("rapprochement", change, _index_confidence(pre, post))
    before, after = pre.material_cooperation, post.material_cooperation
    sustained = post.months_with_material_cooperation >= 2 and after >= MATERIAL_RATE
    new = sustained and after >= 3 * before + 0.5
    if pre.index > -COOPERATIVE and post.index >= COOPERATIVE and new:
        confidence = _rate_confidence(before, after, pre, post)
        return Verdict("emerging_alignment", after - before, confidence)
    return None


def breakpoints(tracked: Track) -> list[int]:
    """Return the months (indices) where PELT starts a new segment of a pair's signal."""
    n = len(tracked.index)
    if n < 2 * POST_MONTHS:
        return []
    features = np.column_stack(
        [
            tracked.index,
            np.log1p(decayed(tracked.material_cooperation, FAST_DECAY)),
            np.log1p(decayed(tracked.material_conflict, FAST_DECAY)),
        ]
    )
    # KernelCPD with a linear kernel is PELT on the L2 cost, in C (rpt.Pelt is pure Python).
    found = rpt.KernelCPD(kernel="linear", min_size=2).fit(features).predict(pen=PENALTY)
    return [int(b) for b in found if b < n]


def _characteristic(masses: PairMonths, kind: str, month: int) -> bool:
    coop, conflict = masses.cooperation[month], masses.conflict[month]
    if kind == "escalation":
        return bool(masses.material_conflict[month] > 0)
    if kind == "emerging_alignment":
        return bool(coop >= INTENSE and coop > conflict)
    if kind == "rupture":
        return bool(conflict > coop)
    return bool(coop > conflict)


def _onset(masses: PairMonths, kind: str, b: int) -> int:
    """Return the month the change shows first: PELT on smoothed data may be a month off."""
    ahead = [m for m in range(b, b + POST_MONTHS) if _characteristic(masses, kind, m)]
    if not ahead or ahead[0] > b:
        return ahead[0] if ahead else b
    while b - 1 >= max(1, ahead[0] - ONSET_SLACK) and _characteristic(masses, kind, b - 1):
        b -= 1
    return b


def _same_change(last: Found, kind: str, onset: int) -> bool:
    # A rupture followed by escalation months later is one change still unfolding.
    same_way = (last.verdict.kind in _TOWARDS_CONFLICT) == (kind in _TOWARDS_CONFLICT)
    return same_way and onset - last.onset <= PRE_MONTHS


def _pair_signals(masses: PairMonths) -> list[Found]:
    if float(np.sum(masses.n_events)) < MIN_EVENTS:
        return []
    tracked = track(masses)
    found: list[Found] = []
    for b in breakpoints(tracked):
        if b < 1 or b + POST_MONTHS > len(masses.months):
            continue
        pre = _window(tracked, masses, max(0, b - PRE_MONTHS), b)
        post = _window(tracked, masses, b, b + POST_MONTHS)
        verdict = classify(pre, post)
        if verdict is None or verdict.confidence < MIN_CONFIDENCE:
            continue
        onset = _onset(masses, verdict.kind, b)
        if found and _same_change(found[-1], verdict.kind, onset):
            continue
        found.append(Found(onset, b, verdict, pre.index, post.index))
    return found


def _report(
    con: Connection, settings: AnalyticsSettings, masses: PairMonths, found: Found
) -> SignalReport:
    start = masses.months[found.onset]
    detected = periods.add_months(masses.months[found.breakpoint], POST_MONTHS)
    evidence = top_evidence(
        con,
        settings,
        sources=masses.pair,
        targets=masses.pair,
        quads=_EVIDENCE_QUADS[found.verdict.kind],
        start=start,
        end=detected,
    )
    signal = Signal(
        kind=found.verdict.kind,
        pair=masses.pair,
        start=start,
        detected=detected,
        magnitude=round(found.verdict.magnitude, 4),
        confidence=round(found.verdict.confidence, 4),
        evidence=tuple(e.event_id for e in evidence),
    )
    return SignalReport(signal, round(found.index_before, 4), round(found.index_after, 4), evidence)


def signal_reports(
    store: Store,
    *,
    as_of: datetime.date | None = None,
    since: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
) -> list[SignalReport]:
    """Scan every pair and return its signals with their evidence sentences.

    Args:
        as_of: use only events dated before the first of this date's month (whole months);
            default: every stored event.
        since: keep signals whose change starts on or after this date.

    Returns:
        Reports sorted by start month, then pair.

    Example:
        >>> [r.signal.kind for r in signal_reports(store, since=date(2023, 1, 1))]  # doctest: +SKIP
        ['rapprochement', 'emerging_alignment']
    """
    settings = settings or AnalyticsSettings()
    with store.reader() as con:
        cutoff = scan_cutoff(con, as_of)
        reports = []
        for masses in monthly_masses(con, settings, cutoff=cutoff).values():
            for found in _pair_signals(masses):
                if since is None or masses.months[found.onset] >= periods.floor(since, "month"):
                    reports.append(_report(con, settings, masses, found))
    logger.info("signal scan up to %s: %d signals", cutoff, len(reports))
    return sorted(reports, key=_order)


def _order(report: SignalReport) -> tuple[datetime.date, tuple[str, str], str]:
    return report.signal.start, report.signal.pair, report.signal.kind


def signals(
    store: Store,
    *,
    as_of: datetime.date | None = None,
    since: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
) -> list[Signal]:
    """Return the signals of every pair (``signal_reports`` without the sentences).

    Example:
        >>> signals(store, as_of=date(2024, 1, 1))[0].kind  # doctest: +SKIP
        'emerging_alignment'
    """
    reports = signal_reports(store, as_of=as_of, since=since, settings=settings)
    return [report.signal for report in reports]
