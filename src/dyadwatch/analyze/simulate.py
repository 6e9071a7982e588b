"""Simulated event streams with known change points, to develop and score the signals on (#18).

A ``Scenario`` is a set of country pairs, each with a daily event rate (dense to very
sparse), a mean Goldstein tone, and scripted episodes: coverage bursts (more events at
the same tone: not a change), tone shifts of a size and speed (a change), and landmark
events (a turning point on its own: sanctions, an expulsion, an invasion...). Each event
draws a Goldstein value around the day's tone and takes the CAMEO code nearest to it, so
the streams look like coded news: mostly talk, some conflict. Seeded, so the same seed
gives the same events and the same truth.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from dyadwatch.ontology import cameo
from dyadwatch.records import Actor, Event, Modality, Signal, SignalKind

PALETTE = (
    "010", "040", "042", "043", "020", "036", "051", "046", "061", "057", "071", "064",
    "111", "112", "120", "130", "125", "141", "138", "173", "190", "195",
)  # fmt: skip
"""The everyday codes events are drawn from. Landmark codes come only from landmarks, except
force (190, 195), which a conflictual pair uses routinely: the detector must tell force
after a quiet spell from routine force."""

TONE_SPREAD = 3.0
"""Standard deviation of an event's Goldstein draw around the day's tone."""


@dataclass(frozen=True, slots=True)
class Shift:
    """A change of a pair's tone by ``size`` Goldstein points, reached over ``ramp`` days."""

    day: int
    size: float
    ramp: int = 1
    rate_factor: float = 1.0  # the event rate after the change, as a multiple


@dataclass(frozen=True, slots=True)
class Burst:
    """``factor`` times the usual number of events for ``length`` days, at the same tone."""

    day: int
    length: int
    factor: float


@dataclass(frozen=True, slots=True)
class Landmark:
    """A landmark event on ``day``, told ``reports`` times over the next few days."""

    day: int
    code: str
    reports: int = 3


@dataclass(frozen=True, slots=True)
class PairSpec:
    """One simulated pair: its countries, baseline rate and tone, and its episodes."""

    pair: tuple[str, str]
    rate: float  # events a day
    tone: float  # mean Goldstein value
    shifts: tuple[Shift, ...] = ()
    bursts: tuple[Burst, ...] = ()
    landmarks: tuple[Landmark, ...] = ()


@dataclass(frozen=True, slots=True)
class TrueChange:
    """A scripted change: which pair, from when, which way, and whether it is moderate.

    ``moderate`` follows issue #18: the mean Goldstein moves by 3 or more and the month
    after the change holds 10 or more events.
    """

    pair: tuple[str, str]
    onset: datetime.date
    direction: int  # +1 towards cooperation, -1 towards conflict
    size: float
    landmark: str = ""  # the CAMEO code of a landmark change
    moderate: bool = False


@dataclass(frozen=True, slots=True)
class Scenario:
    """Pairs, the span they cover, and the seed that makes their events."""

    start: datetime.date
    days: int
    pairs: tuple[PairSpec, ...]
    seed: int = 0
    changes: tuple[TrueChange, ...] = field(default=())

    @property
    def stable_pairs(self) -> tuple[tuple[str, str], ...]:
        """Return the pairs with no shift and no landmark (bursts allowed)."""
        return tuple(p.pair for p in self.pairs if not p.shifts and not p.landmarks)


def tones(spec: PairSpec, days: int) -> np.ndarray:
    """Return the pair's mean tone on each day: the baseline plus every ramped shift."""
    t = np.arange(days, dtype=np.float64)
    out = np.full(days, spec.tone)
    for shift in spec.shifts:
        out += shift.size * np.clip((t - shift.day + 1) / max(shift.ramp, 1), 0.0, 1.0)
    return out


def rates(spec: PairSpec, days: int) -> np.ndarray:
    """Return the pair's expected number of events on each day."""
    out = np.full(days, spec.rate)
    for shift in spec.shifts:
        out[shift.day :] *= shift.rate_factor
    for burst in spec.bursts:
        out[burst.day : burst.day + burst.length] *= burst.factor
    return out


def truth(scenario: Scenario) -> tuple[TrueChange, ...]:
    """Return the scenario's scripted changes: its shifts and landmarks, by onset."""
    found = []
    for spec in scenario.pairs:
        rate = rates(spec, scenario.days)
        for shift in spec.shifts:
            after = float(np.sum(rate[shift.day : shift.day + 30]))
            onset = scenario.start + datetime.timedelta(days=shift.day)
            moderate = abs(shift.size) >= 3 and after >= 10
            direction = 1 if shift.size > 0 else -1
            found.append(TrueChange(spec.pair, onset, direction, shift.size, moderate=moderate))
        for mark in spec.landmarks:
            onset = scenario.start + datetime.timedelta(days=mark.day)
            size = cameo.get(mark.code).goldstein
            direction = 1 if size > 0 else -1
            found.append(TrueChange(spec.pair, onset, direction, size, landmark=mark.code))
    return tuple(sorted(found, key=_change_order))


def _change_order(change: TrueChange) -> tuple[datetime.date, tuple[str, str]]:
    return change.onset, change.pair


def simulate(scenario: Scenario) -> Iterator[Event]:
    """Yield the events of every pair of ``scenario``, pair by pair, each day in order.

    Example:
        >>> spec = PairSpec(("AAA", "BBB"), rate=1.0, tone=2.0)
        >>> events = list(simulate(Scenario(datetime.date(2020, 1, 1), 30, (spec,), seed=1)))
        >>> 10 < len(events) < 60
        True
    """
    codes = np.array([cameo.get(code).goldstein for code in PALETTE])
    for index, spec in enumerate(scenario.pairs):
        rng = np.random.default_rng([scenario.seed, index])
        counts = rng.poisson(rates(spec, scenario.days))
        tone = tones(spec, scenario.days)
        serial = 0
        for day in np.flatnonzero(counts):
            draws = rng.normal(tone[day], TONE_SPREAD, int(counts[day]))
            nearest = np.abs(draws[:, None] - codes[None, :]).argmin(axis=1)
            for choice in nearest:
                forward = bool(rng.random() < 0.5)
                date = scenario.start + datetime.timedelta(days=int(day))
                yield _event(spec.pair, forward, date, PALETTE[choice], scenario.seed, serial)
                serial += 1
        for mark in spec.landmarks:
            for report in range(mark.reports):
                told = mark.day + int(rng.integers(0, 4)) if report else mark.day
                date = scenario.start + datetime.timedelta(days=told)
                yield _event(spec.pair, report % 2 == 0, date, mark.code, scenario.seed, serial)
                serial += 1


def _event(
    pair: tuple[str, str], forward: bool, date: datetime.date, code: str, seed: int, serial: int
) -> Event:
    source, target = pair if forward else (pair[1], pair[0])
    entry = cameo.get(code)
    key = f"sim:{seed}:{pair[0]}:{pair[1]}:{serial}"
    event_id = hashlib.sha1(key.encode()).hexdigest()
    return Event(
        id=event_id,
        article_id=f"sim:{event_id[:16]}",
        date=date,
        sentence_index=0,
        start=0,
        end=0,
        source=Actor(code=source + "GOV", country=source, sector="GOV"),
        target=Actor(code=target + "GOV", country=target, sector="GOV"),
        cameo=code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover_type=entry.plover_type,
        plover_mode=entry.plover_mode,
        modality=Modality.ASSERTED,
        trigger="",
        evidence=f"{source} {entry.name.lower()} {target}",
        confidence=1.0,
        coder_version="simulated",
    )


def country_codes(n: int) -> list[str]:
    """Return ``n`` made-up three-letter country codes (``QAA``, ``QAB``, ...)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"Q{letters[i // 26 % 26]}{letters[i % 26]}" for i in range(n)]


RATES = (8.0, 2.0, 0.5, 0.15, 0.05)
"""Baseline events a day, dense to very sparse (240 a month down to 1.5)."""

SHIFT_SIZES = (-6.0, -4.0, -3.0, 3.0, 4.0, 6.0)
RAMPS = (1, 7, 21)
LANDMARK_CODES = ("161", "163", "166", "192", "054", "072")


def standard(*, n_pairs: int = 400, years: float = 4.0, seed: int = 0) -> Scenario:
    """Return the tuning scenario: a third of the pairs stable, the rest with one change.

    Stable pairs get coverage bursts (3 to 10 times the events for 2 to 7 days); changing
    pairs get a shift of a size and speed from ``SHIFT_SIZES`` and ``RAMPS``, or a
    landmark from ``LANDMARK_CODES``, in the second half of the span (so a baseline exists).
    """
    rng = np.random.default_rng(seed)
    days = int(365 * years)
    codes = country_codes(int(np.ceil(np.sqrt(2 * n_pairs))) + 2)
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]][:n_pairs]
    specs = []
    for index, pair in enumerate(pairs):
        rate = float(RATES[index % len(RATES)])
        tone = float(rng.uniform(-1.0, 3.0))
        bursts = tuple(
            Burst(
                int(rng.integers(0, days - 10)), int(rng.integers(2, 8)), float(rng.uniform(3, 10))
            )
            for _ in range(int(rng.integers(1, 4)))
        )
        kind = index % 3
        when = int(rng.integers(days // 2, days - 60))
        if kind == 0:
            specs.append(PairSpec(pair, rate, tone, bursts=bursts))
        elif kind == 1:
            size = float(SHIFT_SIZES[int(rng.integers(len(SHIFT_SIZES)))])
            ramp = int(RAMPS[int(rng.integers(len(RAMPS)))])
            specs.append(PairSpec(pair, rate, tone, shifts=(Shift(when, size, ramp),)))
        else:
            code = str(LANDMARK_CODES[int(rng.integers(len(LANDMARK_CODES)))])
            specs.append(PairSpec(pair, rate, tone, landmarks=(Landmark(when, code),)))
    start = datetime.date(2015, 1, 1)
    base = Scenario(start, days, tuple(specs), seed=seed)
    return Scenario(start, days, base.pairs, seed=seed, changes=truth(base))


@dataclass(frozen=True, slots=True)
class SimulationScore:
    """How the signals of a scenario compare with its truth (issue #18's measures)."""

    moderate: int
    moderate_within_30: float  # share of moderate shifts detected within 30 days
    moderate_median_lag: float | None
    landmarks: int
    landmarks_within_7: float
    other_within_30: float  # small or sparse shifts: share detected within 30 days
    stable_pair_years: float
    false_alarms: int
    false_alarms_per_100_pair_years: float


_TOWARDS = {
    SignalKind.RAPPROCHEMENT: 1,
    SignalKind.EMERGING_ALIGNMENT: 1,
    SignalKind.RUPTURE: -1,
    SignalKind.ESCALATION: -1,
}


def _lag(change: TrueChange, found: list[Signal]) -> int | None:
    onset = change.onset
    lags = [
        (s.detected - onset).days
        for s in found
        if _TOWARDS[s.kind] == change.direction and s.detected >= onset - datetime.timedelta(days=3)
    ]
    return min(lags, default=None)


def _share_within(lags: list[int | None], days: int) -> float:
    hits = [lag for lag in lags if lag is not None and lag <= days]
    return round(len(hits) / len(lags), 4) if lags else 0.0


def _by_pair(signals: list[Signal]) -> dict[tuple[str, str], list[Signal]]:
    by_pair: dict[tuple[str, str], list[Signal]] = {}
    for signal in signals:
        by_pair.setdefault(signal.pair, []).append(signal)
    return by_pair


def detection_lags(signals: list[Signal], scenario: Scenario) -> dict[str, list[int | None]]:
    """Return each scripted change's detection lag in days (``None``: never), by group.

    The groups are ``moderate``, ``landmark`` and ``other`` (small or sparse shifts); a
    change counts as detected as in ``score``.
    """
    by_pair = _by_pair(signals)
    lags: dict[str, list[int | None]] = {"moderate": [], "landmark": [], "other": []}
    for change in scenario.changes:
        group = "landmark" if change.landmark else "moderate" if change.moderate else "other"
        lags[group].append(_lag(change, by_pair.get(_sorted(change.pair), [])))
    return lags


def score(signals: list[Signal], scenario: Scenario) -> SimulationScore:
    """Score ``signals`` against the scenario's truth: detection, lag, false alarms.

    A change counts as detected by the first signal of its direction on its pair
    detected from 3 days before its onset on; any signal on a stable pair is a false alarm.
    """
    by_pair = _by_pair(signals)
    lags = detection_lags(signals, scenario)
    stable = {_sorted(pair) for pair in scenario.stable_pairs}
    alarms = sum(len(by_pair.get(pair, [])) for pair in stable)
    pair_years = len(stable) * scenario.days / 365.0
    found = [lag for lag in lags["moderate"] if lag is not None and lag <= 30]
    return SimulationScore(
        moderate=len(lags["moderate"]),
        moderate_within_30=_share_within(lags["moderate"], 30),
        moderate_median_lag=float(np.median(found)) if found else None,
        landmarks=len(lags["landmark"]),
        landmarks_within_7=_share_within(lags["landmark"], 7),
        other_within_30=_share_within(lags["other"], 30),
        stable_pair_years=round(pair_years, 1),
        false_alarms=alarms,
        false_alarms_per_100_pair_years=round(100.0 * alarms / pair_years, 2) if stable else 0.0,
    )


def _sorted(pair: tuple[str, str]) -> tuple[str, str]:
    return (min(pair), max(pair))


def simulated_event(
    source: str, target: str, date: datetime.date, code: str, *, seed: int, serial: int
) -> Event:
    """Return one simulated event from ``source`` to ``target``: the record every simulator
    writes (the forecast's streams too, #19); ``(seed, source, target, serial)`` make its id.

    Example:
        >>> simulated_event("QAA", "QAB", datetime.date(2020, 1, 1), "042", seed=0, serial=0).root
        '04'
    """
    return _event((source, target), True, date, code, seed, serial)
