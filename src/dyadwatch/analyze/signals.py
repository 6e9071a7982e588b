"""Signals: early, baseline-relative detection of changes in a pair's relations (#18).

Daily tallies of every pair's events are read from the store, oldest first, and fed to
``analyze.detect.Detector``: each pair is judged against its own history and volume,
and landmark events raise a signal within days. A scan as of D reads only events dated
before D, and every signal it reports comes back unchanged in any later scan.
``SignalScan`` keeps the detector between scans, so a scan after one more day reads only
that day. See docs/analytics.md.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dyadwatch.analyze.columns import COL, EVENTS, weighted_events
from dyadwatch.analyze.detect import DayBlock, Detection, Detector, Tuning
from dyadwatch.analyze.evidence import EvidenceRequest, top_evidence_many
from dyadwatch.analyze.landmarks import LANDMARKS
from dyadwatch.analyze.results import SignalReport
from dyadwatch.analyze.tone import GOLDSTEIN_UNIT, Weighting, event_tone_sql, tone_params
from dyadwatch.config import AnalyticsSettings
from dyadwatch.ontology import Root
from dyadwatch.records import QuadClass, Signal, SignalKind
from dyadwatch.store.db import Connection, Store

logger = logging.getLogger(__name__)

KINDS: tuple[SignalKind, ...] = tuple(SignalKind)
TONE = f"({GOLDSTEIN_UNIT} * {event_tone_sql(Weighting.GOLDSTEIN)})"
"""The one number per event the tone CUSUMs weigh: the shared tone of ``analyze.tone`` (#20)
on the Goldstein scale. Statements, Goldstein-0 events and events about people carry no
tone: they count for neither side and are left out of the pair's tone (``toned``)."""

FORCE_ROOTS = (Root.ASSAULT, Root.FIGHT, Root.MASS_VIOLENCE)
"""CAMEO roots of force and violence: their share decides escalation against rupture."""
BLOCK_DAYS = 128
"""Days turned into one dense block of tallies at a time (bounds the scan's memory)."""

_COOPERATION = (int(QuadClass.VERBAL_COOPERATION), int(QuadClass.MATERIAL_COOPERATION))
_CONFLICT = (int(QuadClass.VERBAL_CONFLICT), int(QuadClass.MATERIAL_CONFLICT))
_EVIDENCE_QUADS = {
    SignalKind.EMERGING_ALIGNMENT: (int(QuadClass.MATERIAL_COOPERATION), *_COOPERATION[:1]),
    SignalKind.RAPPROCHEMENT: _COOPERATION,
    SignalKind.RUPTURE: _CONFLICT,
    SignalKind.ESCALATION: (int(QuadClass.MATERIAL_CONFLICT), int(QuadClass.VERBAL_CONFLICT)),
}


def _landmark_case() -> str:
    """Return the SQL of an event's landmark class index (-1: none); the first class wins."""
    cases = []
    for i, landmark in enumerate(LANDMARKS):
        tests = [f"starts_with(cameo, $lm_{i}_{j})" for j in range(len(landmark.prefixes))]
        tests += [
            f"(official AND starts_with(cameo, $lmo_{i}_{j}))"
            for j in range(len(landmark.official_prefixes))
        ]
        tests += [
            f"(novel AND starts_with(cameo, $lmn_{i}_{j}))"
            for j in range(len(landmark.novel_prefixes))
        ]
        cases.append(f"WHEN {' OR '.join(tests)} THEN {i}")
    return f"CASE {' '.join(cases)} ELSE -1 END"


def _landmark_params() -> dict[str, Any]:
    params = {
        f"lm_{i}_{j}": prefix
        for i, landmark in enumerate(LANDMARKS)
        for j, prefix in enumerate(landmark.prefixes)
    }
    params |= {
        f"lmo_{i}_{j}": prefix
        for i, landmark in enumerate(LANDMARKS)
        for j, prefix in enumerate(landmark.official_prefixes)
    }
    return params | {
        f"lmn_{i}_{j}": prefix
        for i, landmark in enumerate(LANDMARKS)
        for j, prefix in enumerate(landmark.novel_prefixes)
    }


# Only an event dated to its day marks a turning point (``lm``): "agreed in Beijing last
# month", told weeks later and dated to the month's first day, would open the episode before
# the act itself. Such recalled events (``lmr``) still make the pair's history of the class:
# "since Japan restricted exports in 2019" tells that the pair sanctioned before.
_MASSES = ", ".join(
    f"sum(CASE WHEN lm = {i} AND exact THEN w ELSE 0 END) AS lm{i},"
    f" sum(CASE WHEN lm = {i} AND NOT exact THEN w ELSE 0 END) AS lmr{i}"
    for i in range(len(LANDMARKS))
)
_DAILY = (
    "SELECT least(src, tgt) AS a, greatest(src, tgt) AS b,"
    " date_diff('day', DATE '0001-01-01', day) + 1 AS day,"
    " sum(w) AS n, sum(CASE WHEN tone <> 0 THEN w ELSE 0 END) AS toned,"
    " sum(w * tone) AS gsum, sum(w * tone * tone) AS gsq,"
    " sum(CASE WHEN force THEN w ELSE 0 END) AS conflict,"
    " sum(CASE WHEN material AND quad IN ($q1, $q2) THEN w ELSE 0 END) AS cooperation, "
    + _MASSES
    + " FROM (SELECT *, "
    + TONE
    + " AS tone, list_contains($force_roots, left(cameo, 2)) AS force, "
    + _landmark_case()
    + " AS lm, coalesce(exact, true) AS exact FROM {events}) GROUP BY ALL"
)

_WHERE = (
    f"{COL.source_country} <> '' AND {COL.target_country} <> ''"
    f" AND {COL.source_country} <> {COL.target_country}"
    f" AND {COL.date} >= $start AND {COL.date} < $cutoff"
)


def daily_tallies(
    con: Connection, settings: AnalyticsSettings, *, start: datetime.date, cutoff: datetime.date
) -> dict[str, np.ndarray]:
    """Return every pair's weighted daily tallies of events in ``[start, cutoff)``, as columns.

    Columns: ``a``, ``b`` (the pair, sorted), ``day`` (an ordinal), ``n``, ``toned`` (the
    weighted events with tone), ``gsum``, ``gsq`` (of ``TONE``),
    ``conflict``, ``cooperation`` and ``lm0``... (one per ``detect.LANDMARKS`` class).
    """
    sql = _DAILY.format(events=weighted_events(settings, _WHERE, novel=True))
    params: dict[str, Any] = {**tone_params(settings), **_landmark_params()}
    params |= {"start": start, "cutoff": cutoff, "force_roots": list(FORCE_ROOTS)}
    used = {name: value for name, value in params.items() if f"${name}" in sql}
    return dict(con.execute(sql, used).fetchnumpy())


def _blocks(
    detector: Detector, table: dict[str, np.ndarray], first: int, stop: int
) -> Iterator[DayBlock]:
    """Cut the tallies into dense ``DayBlock`` s of ``BLOCK_DAYS`` days, ``first`` to ``stop``."""
    columns = _columns(detector, table)
    days = table["day"].astype(np.int64)
    names = ("n", "toned", "gsum", "gsq", "conflict", "cooperation")
    marks = [f"lm{i}" for i in range(len(LANDMARKS))]
    width = len(detector.pairs)
    for begin in range(first, stop, BLOCK_DAYS):
        end = min(begin + BLOCK_DAYS, stop)
        rows = np.flatnonzero((days >= begin) & (days < end))
        shape = (end - begin, width)
        dense = {name: np.zeros(shape) for name in names}
        for name in names:
            dense[name][days[rows] - begin, columns[rows]] = table[name][rows]
        landmarks = np.zeros((*shape, len(LANDMARKS)))
        recalled = np.zeros((*shape, len(LANDMARKS)))
        for i, name in enumerate(marks):
            landmarks[days[rows] - begin, columns[rows], i] = table[name][rows]
            recalled[days[rows] - begin, columns[rows], i] = table[f"lmr{i}"][rows]
        yield DayBlock(begin, **dense, landmarks=landmarks, recalled=recalled)


def _columns(detector: Detector, table: dict[str, np.ndarray]) -> np.ndarray:
    """Return each row's detector column, adding the pairs the detector has not seen."""
    if not len(table["a"]):
        return np.zeros(0, dtype=np.int64)
    keys = np.char.add(np.char.add(table["a"].astype(str), "|"), table["b"].astype(str))
    unique, inverse = np.unique(keys, return_inverse=True)
    pairs = [tuple(key.split("|", 1)) for key in unique.tolist()]
    found = detector.add_pairs([(a, b) for a, b in pairs])
    return np.asarray(found, dtype=np.int64)[inverse]


@dataclass
class SignalScan:
    """A scan that can be extended: ``advance`` reads only the days it has not read yet.

    Example:
        >>> scan = SignalScan()
        >>> scan.advance(store, datetime.date(2024, 1, 1))   # doctest: +SKIP
        >>> scan.advance(store, datetime.date(2024, 1, 2))   # one more day: fast
    """

    settings: AnalyticsSettings = field(default_factory=AnalyticsSettings)
    tuning: Tuning = field(default_factory=Tuning)
    detector: Detector = field(init=False)
    found: list[Detection] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.detector = Detector(self.tuning)

    @property
    def cutoff(self) -> datetime.date | None:
        """Return the first day not yet read (``None`` before the first ``advance``)."""
        day = self.detector.next_day
        return datetime.date.fromordinal(day) if day is not None else None

    def advance(self, store: Store, until: datetime.date) -> list[Detection]:
        """Read events dated before ``until`` not read yet; return the new signals."""
        with store.reader() as con:
            return self.advance_on(con, until)

    def advance_on(self, con: Connection, until: datetime.date) -> list[Detection]:
        """``advance`` on an open connection."""
        start = self.cutoff or _first_day(con)
        if start is None or until <= start:
            return []
        table = daily_tallies(con, self.settings, start=start, cutoff=until)
        new: list[Detection] = []
        for block in _blocks(self.detector, table, start.toordinal(), until.toordinal()):
            new.extend(self.detector.advance(block))
        self.found.extend(new)
        return new


def _first_day(con: Connection) -> datetime.date | None:
    row = con.execute(f"SELECT min({COL.date}) FROM {EVENTS}").fetchone()
    return row[0] if row and row[0] is not None else None


def scan_end(con: Connection, as_of: datetime.date | None) -> datetime.date:
    """Return the first day a scan as of ``as_of`` may not read: ``as_of`` itself, or the
    day after the latest stored event."""
    if as_of is not None:
        return as_of
    row = con.execute(f"SELECT max({COL.date}) FROM {EVENTS}").fetchone()
    latest = row[0] if row and row[0] is not None else datetime.date.today()
    return latest + datetime.timedelta(days=1)


def to_signal(
    pairs: list[tuple[str, str]], found: Detection, evidence: tuple[str, ...] = ()
) -> Signal:
    """Return the ``Signal`` record of a detector finding."""
    return Signal(
        kind=found.kind,
        pair=pairs[found.pair_index],
        start=datetime.date.fromordinal(found.onset),
        detected=datetime.date.fromordinal(found.detected),
        magnitude=found.magnitude,
        confidence=found.confidence,
        evidence=evidence,
    )


def _reports(
    con: Connection, settings: AnalyticsSettings, scan: SignalScan, found: list[Detection]
) -> list[SignalReport]:
    pairs = scan.detector.pairs
    requests = [
        EvidenceRequest(
            pair=pairs[f.pair_index],
            quads=_EVIDENCE_QUADS[f.kind],
            start=datetime.date.fromordinal(f.onset),
            end=datetime.date.fromordinal(f.detected + 1),
        )
        for f in found
    ]
    reports = []
    for f, evidence in zip(found, top_evidence_many(con, settings, requests), strict=True):
        signal = to_signal(pairs, f, tuple(e.event_id for e in evidence))
        # The report's "index" is the mean Goldstein value on the alignment scale, [-1, 1].
        before, after = round(f.baseline / 10, 4), round(f.level / 10, 4)
        reports.append(SignalReport(signal, before, after, evidence))
    return reports


def signal_reports(
    store: Store,
    *,
    as_of: datetime.date | None = None,
    since: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
    tuning: Tuning | None = None,
) -> list[SignalReport]:
    """Scan every pair and return its signals with their evidence sentences.

    Args:
        as_of: use only events dated before this day; default: every stored event.
        since: keep signals whose change starts on or after this date.
        tuning: the detector's settings; default ``Tuning()``.

    Returns:
        Reports sorted by onset, then pair.

    Example:
        >>> [r.signal.kind for r in signal_reports(store, since=date(2023, 1, 1))]  # doctest: +SKIP
        ['rapprochement', 'emerging_alignment']
    """
    settings = settings or AnalyticsSettings()
    scan = SignalScan(settings, tuning or Tuning())
    with store.reader() as con:
        con.execute("SET enable_progress_bar = false")  # the library never prints
        scan.advance_on(con, scan_end(con, as_of))
        kept = [f for f in scan.found if since is None or f.onset >= since.toordinal()]
        reports = _reports(con, settings, scan, kept)
    logger.info("signal scan up to %s: %d signals", scan.cutoff, len(reports))
    return sorted(reports, key=_order)


def _order(report: SignalReport) -> tuple[datetime.date, tuple[str, str], str]:
    return report.signal.start, report.signal.pair, report.signal.kind


def signals(
    store: Store,
    *,
    as_of: datetime.date | None = None,
    since: datetime.date | None = None,
    settings: AnalyticsSettings | None = None,
    tuning: Tuning | None = None,
) -> list[Signal]:
    """Return the signals of every pair (``signal_reports`` without the sentences).

    Example:
        >>> signals(store, as_of=date(2024, 1, 1))[0].kind  # doctest: +SKIP
        'emerging_alignment'
    """
    reports = signal_reports(store, as_of=as_of, since=since, settings=settings, tuning=tuning)
    return [report.signal for report in reports]
