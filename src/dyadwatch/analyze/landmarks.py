"""Landmark events: the turning points that need no trend behind them (#18).

Breaking or restoring relations, expulsions and sanctions, defence and arms deals,
invasions, force after a quiet spell, and a first contact in years each mark a change on
their own. The detector (``analyze.detect``) keeps one ``LandmarkState`` for all pairs and
advances it a day at a time: an *episode* opens at a pair's first landmark event of a class
and lasts ``WINDOW`` days; it raises a signal once it holds ``CORROBORATION`` weighted
events, if the pair has been watched long enough (except for a first contact, whose report
tells the pair's history), saw no landmark of that class in the quiet period before, and
the episode is rare at the pair's own share of that class (so routine force between
enemies, or a burst of reporting, raises nothing).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dyadwatch.ontology import Root
from dyadwatch.records import SignalKind

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
NEVER = -(10**6)


@dataclass(frozen=True, slots=True)
class LandmarkClass:
    """CAMEO code prefixes that mark a turning point on their own, and what they signal."""

    name: str
    kind: SignalKind
    prefixes: tuple[str, ...]
    quiet_days: int  # no episode of this class in this many days before, or no signal
    quiet_of_any: bool = False  # a single report, not only a corroborated episode, breaks it
    official_prefixes: tuple[str, ...] = ()  # prefixes that count only against officials
    novel_prefixes: tuple[str, ...] = ()  # prefixes that count only when told as a first in years
    needs_history: bool = True  # the pair must have been watched MIN_HISTORY days
    yields: bool = False  # no signal within the refractory period after another rising one


LANDMARKS: tuple[LandmarkClass, ...] = (
    # Breaking relations, expelling or withdrawing (ambassadors), sanctions and cutting aid
    # corroborate one another: Niger's junta cut aid, then broke with France. Expelling a
    # state's diplomats or intelligence officers is told as 161 or as 174 (expel or deport
    # individuals: ICEWS and the writers of the coded sets use it): 174 counts when its
    # target is officials (``analyze.columns.OFFICIAL_SECTORS``), not migrants or reporters.
    # Scrapping defence accords is told as rejecting military cooperation (1212): Niger's
    # junta revoked France's, then expelled its ambassador.
    LandmarkClass(
        "break_expel_or_sanction",
        SignalKind.RUPTURE,
        ("161", "166", "163", "1621", "1622", "1212"),
        180,
        official_prefixes=("174",),
    ),
    LandmarkClass("restore_relations", SignalKind.RAPPROCHEMENT, ("054", "085"), 180),
    # A formal agreement is a turning point only between pairs that were hostile: that broke
    # relations or sanctioned before, or whose tone is conflictual (``hostile``); or between
    # pairs that have been giving arms or troops lately (``armed``), where it is an alliance
    # or defence treaty taking shape (``detect._landmark_signals``).
    LandmarkClass("agreement_after_hostility", SignalKind.RAPPROCHEMENT, ("057",), 180),
    # Arms and troops given (072, 074); routine military cooperation between partners
    # (062: joint exercises, training) is no turning point on its own.
    LandmarkClass("defence_or_arms", SignalKind.EMERGING_ALIGNMENT, ("072", "074"), 365),
    LandmarkClass("invasion", SignalKind.ESCALATION, ("192",), 90),
    # A quiet period is one without any report of force: where force is told now and then,
    # two reports of it are routine, not a first use (#18).
    LandmarkClass(
        "force_after_quiet",
        SignalKind.ESCALATION,
        (Root.FIGHT, Root.MASS_VIOLENCE),
        90,
        quiet_of_any=True,
    ),
    # A meeting or visit told as the first of its kind in more than a term of office ("the
    # first visit by a Russian defence minister since the collapse of the Soviet Union", "the
    # first summit in Tokyo in more than a decade"; ``analyze.columns.NOVEL_CUE``): contact
    # resumed between parties that had kept apart. A leader's first visit of a term, or the
    # first since the pandemic, is routine and does not count.
    # The report itself tells the pair's history ("the first in decades"), so a pair new to
    # the store may raise it.
    LandmarkClass(
        "first_contact_in_years",
        SignalKind.RAPPROCHEMENT,
        (),
        365,
        novel_prefixes=("04",),
        needs_history=False,
        yields=True,
    ),
)
"""The landmark classes, in the order their masses reach ``LandmarkState.advance``."""

_QUIET_OF_ANY = np.array([landmark.quiet_of_any for landmark in LANDMARKS])
_ARMS = next(i for i, landmark in enumerate(LANDMARKS) if landmark.name == "defence_or_arms")

UNFRIENDLY = 0.0
"""Baseline mean Goldstein below which a pair's tone shows hostility."""
HOSTILITY_EVENTS = 4.0
"""Weighted events a pair's baseline needs before its tone can show hostility."""
WINDOW = 14
"""Days an episode stays open for corroborating reports."""
CORROBORATION = 1.5
"""Weighted events of one class an episode needs (two reports, or one asserted and one told)."""
MIN_HISTORY = 30
"""Days a pair must have been watched before a landmark can be told from its routine."""
SURPRISE = 2e-4
"""An episode signals only if the pair's own share of that class makes it this rare. 1e-4
left a broken-off relation unflagged when one more report of the crisis fell in its episode
(Niger and France, 2023: 1.3e-4). 2e-4 detects the same on the simulated streams, raises
3 more false alarms in 3,200 held-out stable pair-years (13, 0.41 per 100), and on the ICEWS
sample adds one signal, the China-India security agreement of 2018-10-22
(docs/analytics.md)."""
PRIOR_SHARE = (0.5, 200.0)
"""The prior share of every landmark class among a pair's events: 0.5 in 200, or, as the
store grows, the class's share among all pairs' events (``POOL_EVENTS``)."""
POOL_EVENTS = 20_000.0
"""Weight of the 0.5-in-200 default against the store's own pooled share of a class: in a
store of real news, where force is 2.5 % and agreements 5 % of the events between
countries (ICEWS 2018), two reports of a common class are no landmark (#18)."""
ARMS_PARTNERS = CORROBORATION
"""Decayed weighted reports of arms or troops given (072, 074) that make a pair arms
partners (``LandmarkState.armed``): two reports within the last year or so. Russia and North
Korea had 2.1 when they signed their defence treaty in June 2024 (the examples)."""
DECAY = 0.5 ** (1.0 / 365.0)
"""Daily decay of a pair's landmark and event tallies (half-life a year)."""


@dataclass(frozen=True, slots=True)
class Episode:
    """A landmark episode that raised a signal."""

    column: int
    landmark: LandmarkClass
    start: int
    confidence: float


def _per_class() -> Floats:
    return np.zeros(len(LANDMARKS))


@dataclass
class LandmarkState:
    """Per pair (rows) and class (columns): the open episode and the class's history."""

    start: Ints
    mass: Floats
    events: Floats  # the pair's weighted events since the episode opened
    fired: npt.NDArray[np.bool_]
    last_seen: Ints  # start of the previous episode
    class_mass: Floats  # decayed landmark mass so far
    base_mass: Floats  # ``class_mass`` when the episode opened
    base_events: Floats  # ``pair_events`` when the episode opened
    pair_events: Floats  # (pairs, 1): decayed weighted events so far
    ever: npt.NDArray[np.bool_]  # whether the pair ever had an event of the class
    base_prior: Floats  # the pooled prior share of the class when the episode opened
    recalled_mass: Floats  # decayed mass of events dated only to a month or year
    pooled_mass: Floats = dataclasses.field(default_factory=_per_class)
    pooled_events: float = 0.0  # decayed weighted events of all pairs

    @classmethod
    def empty(cls, n: int) -> LandmarkState:
        """Return the state of ``n`` pairs that have seen nothing."""
        shape = (n, len(LANDMARKS))
        never = np.full(shape, NEVER, dtype=np.int64)
        zeros = np.zeros(shape)
        return cls(
            never.copy(), zeros.copy(), zeros.copy(), np.zeros(shape, dtype=bool), never,
            zeros.copy(), zeros.copy(), zeros.copy(), np.zeros((n, 1)),
            np.zeros(shape, dtype=bool), np.full(shape, PRIOR_SHARE[0] / PRIOR_SHARE[1]),
            zeros.copy(),
        )  # fmt: skip

    def grow(self, n: int) -> None:
        """Add pairs up to ``n``, each with an empty history."""
        extra = LandmarkState.empty(n - len(self.start))
        for item in dataclasses.fields(self):
            if item.name in ("pooled_mass", "pooled_events"):
                continue  # one for the whole store, not per pair
            mine, theirs = getattr(self, item.name), getattr(extra, item.name)
            setattr(self, item.name, np.concatenate([mine, theirs]))

    def advance(
        self,
        masses: Floats,
        n: Floats,
        day: int,
        first_day: Ints,
        recalled: Floats | None = None,
    ) -> list[Episode]:
        """Read one day's landmark masses (pairs x classes) and events; return the episodes
        that fire, every class of a pair (the detector sets some aside and keeps one signal a
        pair a day; an episode returned is fired whether kept or not, and does not fire
        again within its ``WINDOW``).

        ``recalled`` are the masses of events dated only to a month or year ("since Japan
        restricted exports in 2019"): they tell that the pair had the class (``ever``: it
        sanctioned before, so it was hostile) and count towards arms partners (``armed``),
        but open no episode and add nothing to the pair's share of the class ("agreed last
        month to restore relations", recalled in a later report, is the same act as the
        day's, not a routine one before it).
        """
        seen = masses > 0
        history = seen if recalled is None else seen | (recalled > 0)
        self.recalled_mass = DECAY * self.recalled_mass + (0.0 if recalled is None else recalled)
        stale = seen & (day - self.start >= WINDOW)
        # Only a corroborated episode ends a quiet period: one stray report is no landmark
        # (for most classes; ``quiet_of_any``).
        closed = stale & ((self.mass >= CORROBORATION) | _QUIET_OF_ANY[None, :])
        self.last_seen = np.where(closed, np.maximum(self.last_seen, self.start), self.last_seen)
        self.start = np.where(stale, day, self.start)
        self.mass = np.where(stale, 0.0, self.mass) + masses
        self.events = np.where(stale, 0.0, self.events) + n[:, None]
        self.base_mass = np.where(stale, self.class_mass, self.base_mass)
        self.base_events = np.where(stale, self.pair_events, self.base_events)
        self.base_prior = np.where(stale, self._pooled_prior()[None, :], self.base_prior)
        self.fired = np.where(stale, False, self.fired)
        self.class_mass = DECAY * self.class_mass + masses
        self.pair_events = DECAY * self.pair_events + n[:, None]
        self.pooled_mass = DECAY * self.pooled_mass + masses.sum(axis=0)
        self.pooled_events = DECAY * self.pooled_events + float(n.sum())
        ready = (self.mass >= CORROBORATION) & ~self.fired & seen
        self.ever = self.ever | history
        found: list[Episode] = []
        for column, klass in zip(*np.nonzero(ready), strict=True):
            # Judged again at each new report until it signals: a third report can make
            # rare what two were not.
            episode = self._judge(int(column), int(klass), int(first_day[column]))
            if episode is not None:
                self.fired[column, klass] = True
                # every class that fires: the detector may set one aside (an agreement
                # between friends) and keeps one signal a pair a day
                found.append(episode)
        return found

    def _pooled_prior(self) -> Floats:
        """Return each class's prior share: the default, moved towards the store's own mix."""
        default = PRIOR_SHARE[0] / PRIOR_SHARE[1]
        return (self.pooled_mass + default * POOL_EVENTS) / (self.pooled_events + POOL_EVENTS)

    def hostile(self, column: int, mean: float, baseline_events: float) -> bool:
        """Tell whether a pair was hostile: it broke, expelled or sanctioned at some point, or
        its baseline tone is conflictual on enough of its own events.

        Event data is mostly talk (Goldstein 0 to 3), so a friendly pair's mean tone can
        sit near zero: only a negative mean with evidence behind it counts (issue #20).
        """
        broke = bool(self.ever[column, 0])
        return broke or (baseline_events >= HOSTILITY_EVENTS and mean < UNFRIENDLY)

    def armed(self, column: int) -> bool:
        """Tell whether one side of a pair has been giving the other arms or troops (072,
        074): their decayed weighted reports (half-life a year, up to and including today)
        reach ``ARMS_PARTNERS``. A formal agreement between them is then an alliance or
        defence treaty taking shape, or an arms-for-aid deal (#18); one stray or hedged
        report, or deliveries of long ago, make no partners."""
        mass = self.class_mass[column, _ARMS] + self.recalled_mass[column, _ARMS]
        return bool(mass >= ARMS_PARTNERS)

    def _judge(self, column: int, klass: int, first_day: int) -> Episode | None:
        landmark = LANDMARKS[klass]
        start = int(self.start[column, klass])
        watched = start - first_day >= MIN_HISTORY or not landmark.needs_history
        quiet = start - int(self.last_seen[column, klass]) > landmark.quiet_days
        rare = self._surprise(column, klass, start - first_day)
        if not (watched and quiet and rare < SURPRISE):
            return None
        return Episode(column, landmark, start, round(1.0 - rare, 4))

    def _surprise(self, column: int, klass: int, days: int) -> float:
        """Return how rare the episode is at the pair's own share of the class (Poisson tail).

        The share is per event, so a burst of reporting raises what is expected with it; the
        events counted are those of the episode so far or, if more, the pair's usual number
        in ``WINDOW`` days (a busy pair's day often holds two routine reports of a class).
        """
        weight = PRIOR_SHARE[1]
        prior = float(self.base_prior[column, klass]) * weight
        share = (float(self.base_mass[column, klass]) + prior) / (
            float(self.base_events[column, klass]) + weight
        )
        # Judged against the events a whole episode of the pair usually holds, not only
        # those so far: a busy pair sees two routine reports on one day now and then.
        # Per day watched before the episode (``days``), not per day of a long history: a
        # young pair's decayed tally is short of its steady state, and would make it look
        # quiet (#18).
        watched = (1.0 - DECAY ** max(days, 1)) / (1.0 - DECAY)
        usual = float(self.base_events[column, klass]) / watched * WINDOW
        expected = share * max(float(self.events[column, klass]), usual, 1.0)
        count = math.ceil(float(self.mass[column, klass]))
        below = sum(math.exp(-expected) * expected**i / math.factorial(i) for i in range(count))
        return max(0.0, 1.0 - below)
