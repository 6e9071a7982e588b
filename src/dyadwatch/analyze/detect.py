"""Online change detection on daily pair tallies: baseline-relative CUSUMs and landmark events.

The signals' engine (#18), pure numpy and free of the store. A ``Detector`` holds one
state per pair and is advanced a block of days at a time with ``DayBlock`` tallies
(weighted counts, Goldstein sums, material masses, landmark masses). Every day reads
only that day and the state before it, so a scan as of D never looks ahead, and a
signal, once found, never changes: advancing further only appends.

For each pair and day:

* **Baseline.** An exponentially weighted mean and spread of the tone (``analyze.tone``,
  on the Goldstein scale) of the pair's events that carry one (half-life
  ``Tuning.baseline_days``), shrunk to a prior for sparse pairs.
* **Evidence.** Each toned event adds its standardised departure from the baseline less
  a drift ``k``, larger while the baseline's mean is uncertain; two one-sided CUSUMs
  (towards conflict, towards cooperation) sum it, leak a little every day, and cap what
  one day can add, so a burst of reporting at the usual tone adds nothing, and a sparse
  pair needs several events of a new tone.
* **Alarm.** A CUSUM over ``h`` (higher for busier pairs) with ``min_events`` behind it
  is a signal; its onset is the day the CUSUM last left zero. The baseline then moves to
  the new level, so one change gives one signal, and a quick return to the old level is
  no second one.
* **Landmarks.** Landmark codes (break or restore relations, expulsions, sanctions,
  arms and defence deals, invasions, force after a quiet spell) told twice within a week
  raise a signal at once, unless the same kind of landmark was seen in the quiet period
  before.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.landmarks import LANDMARKS, LandmarkState
from dyadwatch.records import SignalKind

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Pair = tuple[str, str]
__all__ = ["LANDMARKS", "DayBlock", "Detection", "Detector", "Tuning"]


FORCE_SHARE = 0.3
"""Share of force among the events of a worsening that makes it an escalation, not a rupture."""
WARMUP = 30
"""Days from a pair's first event before its tone can signal a change: they build its
baseline, their events joining it at once (docs/analytics.md)."""
BASELINE_LAG = 30
"""Days an event waits before it joins its pair's baseline."""
FLOOR = 0.25
"""Evidence below this reads as none (a leaking CUSUM would otherwise never reach zero)."""
ACTIVE_DAY = 0.5
"""Weighted material cooperation that makes a day count for the cooperation-days CUSUM."""
PRIOR_ACTIVE = (0.25, 60.0)
"""Prior rate of material-cooperation days: 0.25 in 60 days."""
ACTIVE_SPACING = 7
"""Days between two material-cooperation days that both count."""
ACTIVE_MAX_RATE = 0.05
"""Pairs with more material-cooperation days than this a day are left to the tone CUSUMs."""
REVERT_DAYS = 120
"""Days after a tone signal in which a return to the old level is no new signal."""
REVERT_BAND = 0.5
"""How close to the old level (in the pair's spreads) a return must come."""
ACTIVE_WARMUP = 90.0
"""Decayed days a pair must have been watched before its activity can signal."""


@dataclass(frozen=True, slots=True)
class Tuning:
    """The detector's settings (see docs/analytics.md for how they were chosen)."""

    k: float = 0.5  # drift: standardised departure each event must exceed to count
    k_unsure: float = 1.0  # extra drift per standard error of the baseline's mean
    h0: float = 3.75  # evidence needed by a quiet pair
    h1: float = 1.0  # extra evidence per log of the pair's monthly event rate
    leak: float = 0.995  # share of the evidence kept from one day to the next
    day_cap: float = 3.0  # most evidence one day can add
    min_events: float = 4.0  # weighted events since onset behind a shift signal
    baseline_days: float = 180.0  # half-life of the baseline
    prior_events: float = 8.0  # weight of the prior mean and spread
    prior_mean: float = 1.0
    prior_spread: float = 3.5
    min_spread: float = 2.0
    refractory: int = 45  # days after a signal before the same direction can signal again
    rho: float = 3.0  # the rise in material-cooperation days the activity CUSUM looks for
    h_active: float = 7.0  # evidence the activity CUSUM needs


@dataclass(frozen=True, slots=True)
class DayBlock:
    """Tallies of consecutive days (rows) for the detector's pairs (columns)."""

    first_day: int  # ordinal of row 0
    n: Floats  # weighted events
    toned: Floats  # weighted events with tone (``analyze.tone``: not statements nor neutral)
    gsum: Floats  # weighted sum of the events' tone (Goldstein scale)
    gsq: Floats  # weighted sum of squared tones
    conflict: Floats  # weighted force and violence (roots 18 to 20)
    cooperation: Floats  # weighted material cooperation
    landmarks: Floats  # (days, pairs, len(LANDMARKS)): events dated to their day
    recalled: Floats | None = None  # the same, of events dated only to a month or year


@dataclass(frozen=True, slots=True)
class Detection:
    """A signal as the detector found it (days are ordinals)."""

    pair_index: int
    kind: SignalKind
    onset: int
    detected: int
    confidence: float
    magnitude: float
    baseline: float  # mean Goldstein before the change
    level: float  # mean Goldstein since the onset
    landmark: str = ""


def _zeros(n: int) -> Floats:
    return np.zeros(n, dtype=np.float64)


@dataclass
class _Side:
    """One direction's CUSUM for every pair, with what it gathered since its onset."""

    score: Floats
    onset: Ints
    n: Floats
    gsum: Floats
    material: Floats  # force (down) or material cooperation (up) since onset
    last_alarm: Ints

    @classmethod
    def empty(cls, n: int) -> _Side:
        never = np.full(n, -(10**6), dtype=np.int64)
        return cls(_zeros(n), never.copy(), _zeros(n), _zeros(n), _zeros(n), never)

    def grow(self, n: int) -> None:
        extra = _Side.empty(n - len(self.score))
        for name in ("score", "onset", "n", "gsum", "material", "last_alarm"):
            setattr(self, name, np.concatenate([getattr(self, name), getattr(extra, name)]))


@dataclass
class _State:
    """Per-pair state carried from one day to the next (pairs on the first axis)."""

    base_n: Floats
    base_sum: Floats
    base_sq: Floats
    base_active: Floats  # decayed material-cooperation days
    exposure: Floats  # decayed days watched
    volume: Floats  # decayed toned events, which a signal's reset leaves alone
    # (pairs, BASELINE_LAG, 5): recent days not yet in the baseline: toned events, tone
    # sum and squares, the material-cooperation day, and toned events for ``volume``
    # (all zero for a pair's first WARMUP days, which join at once)
    pending: Floats
    first_day: Ints
    last_active: Ints  # last day that counted as a material-cooperation day
    shift_day: Ints  # day of the pair's last tone signal
    shift_sign: Ints  # its direction (+1, -1; 0 before any)
    shift_from: Floats  # the baseline mean it departed from
    down: _Side
    up: _Side
    active: _Side  # CUSUM of material-cooperation days
    marks: LandmarkState

    @classmethod
    def empty(cls, n: int) -> _State:
        return cls(
            _zeros(n), _zeros(n), _zeros(n), _zeros(n), _zeros(n), _zeros(n),
            np.zeros((n, BASELINE_LAG, 5)), np.full(n, -1, dtype=np.int64),
            np.full(n, -(10**6), dtype=np.int64), np.full(n, -(10**6), dtype=np.int64),
            np.zeros(n, dtype=np.int64), _zeros(n),
            _Side.empty(n), _Side.empty(n), _Side.empty(n), LandmarkState.empty(n),
        )  # fmt: skip

    def grow(self, n: int) -> None:
        extra = _State.empty(n - len(self.base_n))
        for item in dataclasses.fields(self):
            mine = getattr(self, item.name)
            if isinstance(mine, np.ndarray):
                setattr(self, item.name, np.concatenate([mine, getattr(extra, item.name)]))
        for part in (self.down, self.up, self.active, self.marks):
            part.grow(n)


def _no_pairs() -> _State:
    return _State.empty(0)


@dataclass
class Detector:
    """The running detector: pairs seen so far, their state, the day it has reached.

    Example:
        >>> detector = Detector()
        >>> detector.add_pairs([("FRA", "NER")])
        [0]
    """

    tuning: Tuning = field(default_factory=Tuning)
    pairs: list[Pair] = field(default_factory=list)
    index: dict[Pair, int] = field(default_factory=dict)
    next_day: int | None = None  # ordinal of the first day not yet read
    state: _State = field(default_factory=_no_pairs)

    def add_pairs(self, pairs: list[Pair]) -> list[int]:
        """Return the column of each pair, adding the ones not seen before."""
        for pair in pairs:
            if pair not in self.index:
                self.index[pair] = len(self.pairs)
                self.pairs.append(pair)
        if len(self.pairs) > len(self.state.base_n):
            self.state.grow(len(self.pairs))
        return [self.index[pair] for pair in pairs]

    def advance(self, block: DayBlock) -> list[Detection]:
        """Read the days of ``block`` in order; return the signals they raise."""
        found: list[Detection] = []
        for row in range(block.n.shape[0]):
            found.extend(_day(self.tuning, self.state, block, row))
        self.next_day = block.first_day + block.n.shape[0]
        return found


def _baseline(tuning: Tuning, state: _State) -> tuple[Floats, Floats]:
    n0 = tuning.prior_events
    mean = (state.base_sum + n0 * tuning.prior_mean) / (state.base_n + n0)
    second = (state.base_sq + n0 * (tuning.prior_spread**2 + tuning.prior_mean**2)) / (
        state.base_n + n0
    )
    spread = np.sqrt(np.maximum(second - mean * mean, tuning.min_spread**2))
    return mean, spread


def _day(tuning: Tuning, state: _State, block: DayBlock, row: int) -> list[Detection]:
    day = block.first_day + row
    n, gsum = block.toned[row], block.gsum[row]
    active = block.n[row] > 0
    state.first_day = np.where((state.first_day < 0) & active, day, state.first_day)
    mean, spread = _baseline(tuning, state)
    found = _landmark_signals(tuning, state, block, row, mean)
    z = np.where(active, (gsum - n * mean) / spread, 0.0)
    rate = _monthly_rate(state)
    threshold = tuning.h0 + tuning.h1 * np.log1p(rate)
    sides = ((state.down, -z, block.conflict[row], -1), (state.up, z, block.cooperation[row], 1))
    # A pair's first weeks build its baseline; they cannot depart from it (#18).
    warm = day - state.first_day >= WARMUP
    # A baseline of few events places its mean loosely, and every event is measured against
    # it: the drift grows by that mean's standard error, so a young or sparse baseline
    # needs a larger departure (#18).
    k = tuning.k + tuning.k_unsure / np.sqrt(state.base_n + tuning.prior_events)
    for side, evidence, material, sign in sides:
        gain = np.clip(evidence - k * n, -tuning.day_cap, tuning.day_cap)
        gain = np.where(warm, gain, 0.0)
        _step(tuning.leak, side, gain, n, gsum, material, day)
        alarms = np.flatnonzero((side.score > threshold) & (side.n >= tuning.min_events))
        found.extend(_alarms(tuning, state, side, alarms, sign, day, mean, spread))
    found.extend(_activity(tuning, state, block, row, mean, spread))
    _update_baseline(tuning, state, block, row)
    return found


def _alarms(
    tuning: Tuning,
    state: _State,
    side: _Side,
    alarms: Ints,
    sign: int,
    day: int,
    mean: Floats,
    spread: Floats,
) -> list[Detection]:
    found = []
    for column in alarms.tolist():
        signal = _shift_signal(tuning, side, column, sign, day, mean, spread)
        if signal is not None and _reverts(state, signal, sign, float(spread[column])):
            signal = None  # the level went back where it was: the first signal was noise
        if signal is not None:
            state.shift_day[column], state.shift_sign[column] = day, sign
            state.shift_from[column] = signal.baseline
            found.append(signal)
        _reset(state, side, column)
    return found


def _reverts(state: _State, signal: Detection, sign: int, spread: float) -> bool:
    """Tell whether a tone signal only takes its pair back to where it was before its last
    one, in the opposite direction, within ``REVERT_DAYS``: a return to normal, not a change.

    A fluctuation that raised a signal moves the baseline; the pair's return to its usual
    tone would otherwise raise a second, opposite signal (#18).
    """
    column = signal.pair_index
    recent = signal.detected - int(state.shift_day[column]) < REVERT_DAYS
    opposite = int(state.shift_sign[column]) == -sign
    back = abs(signal.level - float(state.shift_from[column])) <= REVERT_BAND * spread
    return recent and opposite and back


def _activity(
    tuning: Tuning, state: _State, block: DayBlock, row: int, mean: Floats, spread: Floats
) -> list[Detection]:
    """Advance the CUSUM of material-cooperation days (a new alignment shows as many of them).

    A day counts once however many events it holds, so a burst of reporting adds a few
    days at most; the rate it is judged against is the pair's own, so a pair that
    cooperates every day cannot rise to ``rho`` times it.
    """
    day = block.first_day + row
    hit = _active_days(state, block, row)
    prior_days, prior_span = PRIOR_ACTIVE
    rate = (state.base_active + prior_days) / (state.exposure + prior_span)
    # Busy pairs cooperate materially most weeks: their tone tells a change, not their count.
    judged = (state.exposure >= ACTIVE_WARMUP) & (rate < ACTIVE_MAX_RATE)
    gain = np.where(judged, hit * math.log(tuning.rho) - (tuning.rho - 1.0) * rate, 0.0)
    side = state.active
    _step(1.0, side, gain, block.n[row], block.gsum[row], block.cooperation[row], day)
    alarms = np.flatnonzero(side.score > tuning.h_active)
    found = []
    for column in alarms.tolist():
        rising = side.gsum[column] >= side.n[column] * (mean[column] - 0.5 * spread[column])
        if rising and day - int(state.up.last_alarm[column]) >= tuning.refractory:
            state.up.last_alarm[column] = day
            found.append(_activity_signal(side, column, day, float(mean[column])))
        side.score[column] = 0.0
    return found


def _active_days(state: _State, block: DayBlock, row: int) -> Floats:
    """Return 1 for pairs whose day counts as a material-cooperation day, else 0.

    At most one day a week counts, so a burst of reporting, however long its week, adds
    one; a new alignment shows in week after week.
    """
    day = block.first_day + row
    hit = (block.cooperation[row] >= ACTIVE_DAY) & (day - state.last_active >= ACTIVE_SPACING)
    state.last_active = np.where(hit, day, state.last_active)
    return np.asarray(hit, dtype=np.float64)


def _activity_signal(side: _Side, column: int, day: int, before: float) -> Detection:
    n = max(float(side.n[column]), 1e-9)
    level = float(side.gsum[column]) / n
    confidence = round(_phi(float(side.score[column]) / 2.0), 4)
    onset = int(side.onset[column])
    kind = _shift_kind(1, before, 0.0)
    return Detection(column, kind, onset, day, confidence, round(level - before, 4), before, level)


def _landmark_signals(
    tuning: Tuning, state: _State, block: DayBlock, row: int, mean: Floats
) -> list[Detection]:
    day = block.first_day + row
    found = []
    recalled = None if block.recalled is None else block.recalled[row]
    masses = block.landmarks[row]
    signalled: set[int] = set()
    for episode in state.marks.advance(masses, block.n[row], day, state.first_day, recalled):
        kind = episode.landmark.kind
        column = episode.column
        if column in signalled:
            continue  # one landmark signal a pair a day: the first class that holds
        name = episode.landmark.name
        events = float(state.base_n[column])
        if name == "agreement_after_hostility" and not state.marks.hostile(
            column, float(mean[column]), events
        ):
            # Between parties that have been giving arms or troops (``armed``), an agreement is an
            # alliance or defence treaty taking shape (Russia and North Korea, June 2024).
            if not state.marks.armed(column):
                continue
            kind, name = SignalKind.EMERGING_ALIGNMENT, "agreement_between_arms_partners"
        if episode.landmark.yields and day - int(state.up.last_alarm[column]) < tuning.refractory:
            # Told of the summit after relations were restored, or of a second visit of a
            # thaw just flagged: the same turning point, already signalled.
            continue
        side = state.down if kind in (SignalKind.RUPTURE, SignalKind.ESCALATION) else state.up
        side.last_alarm[episode.column] = day
        signalled.add(column)
        before = float(mean[episode.column])
        found.append(
            Detection(
                episode.column,
                kind,
                episode.start,
                day,
                episode.confidence,
                0.0,
                before,
                before,
                name,
            )
        )
    return found


def _monthly_rate(state: _State) -> Floats:
    """Return each pair's toned events a month: its decayed events over its decayed days.

    Dividing by the days watched, not by a long pair's steady state, keeps a young pair's
    rate (and so its threshold) from reading low while its history fills up; counting
    apart from the baseline keeps a signal's reset from lowering it (#18).
    """
    return 30.0 * state.volume / np.maximum(state.exposure, float(BASELINE_LAG))


def _decay(tuning: Tuning) -> float:
    return float(0.5 ** (1.0 / tuning.baseline_days))


def _step(
    leak: float,
    side: _Side,
    gain: Floats,
    n: Floats,
    gsum: Floats,
    material: Floats,
    day: int,
) -> None:
    score = leak * side.score + gain
    # Leaked evidence under ``FLOOR`` is none: the CUSUM is back at zero, the onset resets.
    score = np.where(score < FLOOR, 0.0, score)
    starting = (side.score <= 0.0) & (score > 0.0)
    side.onset = np.where(starting, day, side.onset)
    alive = score > 0.0
    side.n = np.where(starting, n, np.where(alive, side.n + n, 0.0))
    side.gsum = np.where(starting, gsum, np.where(alive, side.gsum + gsum, 0.0))
    side.material = np.where(starting, material, np.where(alive, side.material + material, 0.0))
    side.score = score


def _update_baseline(tuning: Tuning, state: _State, block: DayBlock, row: int) -> None:
    """Fold the day ``BASELINE_LAG`` days back into the baseline, and keep today's for later.

    The lag keeps a change out of its own baseline while the evidence for it gathers. A
    pair's first ``WARMUP`` days cannot signal, so their tone joins the baseline at once
    and so do their events into the pair's monthly rate (``volume``), which would
    otherwise read low, and its threshold with it, for the pair's first weeks after them.
    """
    decay = _decay(tuning)
    day = block.first_day + row
    slot = day % BASELINE_LAG
    old = state.pending[:, slot, :]
    young = (state.first_day >= 0) & (day - state.first_day < WARMUP)
    today = np.stack([block.toned[row], block.gsum[row], block.gsq[row]], axis=1)
    now = today * young[:, None]
    state.base_n = decay * state.base_n + old[:, 0] + now[:, 0]
    state.base_sum = decay * state.base_sum + old[:, 1] + now[:, 1]
    state.base_sq = decay * state.base_sq + old[:, 2] + now[:, 2]
    state.base_active = decay * state.base_active + old[:, 3]
    watched = (state.first_day >= 0) & (day - state.first_day >= BASELINE_LAG)
    state.exposure = decay * state.exposure + watched
    state.volume = decay * state.volume + old[:, 4] + now[:, 0]
    hit = np.asarray(state.last_active == day, dtype=np.float64)
    later = today - now
    state.pending[:, slot, :] = np.concatenate([later, hit[:, None], later[:, :1]], axis=1)


def _phi(z: float) -> float:
    return float(0.5 * (1.0 + math.erf(z / math.sqrt(2.0))))


def _shift_signal(
    tuning: Tuning,
    side: _Side,
    column: int,
    sign: int,
    day: int,
    mean: Floats,
    spread: Floats,
) -> Detection | None:
    if day - int(side.last_alarm[column]) < tuning.refractory:
        return None
    side.last_alarm[column] = day
    n = float(side.n[column])
    level = float(side.gsum[column]) / n
    before = float(mean[column])
    z = abs(level - before) / float(spread[column]) * math.sqrt(n)
    kind = _shift_kind(sign, before, float(side.material[column]) / n)
    onset = int(side.onset[column])
    return Detection(
        column, kind, onset, day, round(_phi(z), 4), round(level - before, 4), before, level
    )


def _shift_kind(sign: int, before: float, material_share: float) -> SignalKind:
    if sign < 0:
        # Force, or a worsening of relations that were not cooperative, escalates.
        if material_share >= FORCE_SHARE or before < 0.0:
            return SignalKind.ESCALATION
        return SignalKind.RUPTURE
    return SignalKind.RAPPROCHEMENT if before < 1.0 else SignalKind.EMERGING_ALIGNMENT


def _reset(state: _State, side: _Side, column: int) -> None:
    """Start the pair's baseline afresh at the new level: one change, one signal."""
    n = float(side.n[column])
    level = float(side.gsum[column]) / n
    weight = min(float(state.base_n[column]), 4.0 * n)
    mean_sq = float(state.base_sq[column]) / max(float(state.base_n[column]), 1e-9)
    old_mean = float(state.base_sum[column]) / max(float(state.base_n[column]), 1e-9)
    variance = max(mean_sq - old_mean * old_mean, 1.0)
    state.base_n[column] = weight
    state.base_sum[column] = weight * level
    state.base_sq[column] = weight * (variance + level * level)
    state.pending[column, :, :4] = 0.0  # the pair's volume keeps its recent events
    for each in (state.down, state.up):
        each.score[column] = 0.0
        each.n[column] = each.gsum[column] = each.material[column] = 0.0
