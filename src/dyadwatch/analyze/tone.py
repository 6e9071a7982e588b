"""Tone against expectation: how far a pair's events lean cooperative or conflictual (#20).

Event data is mostly cooperative talk, adversaries included, so a raw cooperation count
makes nearly every active pair look friendly. Here an event counts for one side only if
it carries tone: statements (CAMEO root 01), events of Goldstein value 0 and events
about people rather than states (``PEOPLE_CODES``) count for neither. The others weigh
their modality weight times an intensity (``Weighting``: by default 1 for talk and
``MATERIAL_WEIGHT`` for deeds, or the absolute Goldstein value over ``GOLDSTEIN_UNIT``).

A pair's cooperative share is shrunk towards the **expected** share (``Baseline``: the
period's pooled mix over every pair, or the pair's own history) with a prior of
``PRIOR_STRENGTH`` weighted events; its lean is how far the shrunk share sits from the
expectation, scaled to [-1, 1]. See docs/analytics.md.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dyadwatch.analyze.columns import COL, QUAD_PARAMS, base_params, fetch, weighted_events
from dyadwatch.config import AnalyticsSettings
from dyadwatch.ontology import Root
from dyadwatch.store.db import Connection

NEUTRAL_ROOTS = (Root.STATEMENT,)
"""CAMEO roots that carry no tone (make a public statement); they count for neither side."""

PEOPLE_CODES = (Root.PROTEST, "170", "171", "173", "174", "175", Root.ASSAULT)
"""CAMEO roots and codes that mostly concern people, not states: protests, arrests,
deportations, repression, assaults and bombings. Between countries they are citizens
arrested abroad or attacks by non-state groups, so they count for neither side (#20)."""

GOLDSTEIN_UNIT = 5.0
"""Absolute Goldstein value that weighs as much as one plain event."""

MATERIAL_WEIGHT = 2.0
"""Quad weighting: how many times a deed (quad 2 or 4, roots 06/07, code 057) outweighs talk."""

PRIOR_STRENGTH = 4.0
"""Weight of the expectation, in weighted events: a pair needs more than this to lean far."""

HISTORY_YEARS = 3
"""How far back the ``history`` baseline reads the pair's own events."""

Pair = tuple[str, str]


class Weighting(StrEnum):
    """How much one event with tone weighs (on top of its modality weight)."""

    GOLDSTEIN = "goldstein"
    QUAD = "quad"


class Baseline(StrEnum):
    """What a pair's tone is measured against."""

    GLOBAL = "global"
    HISTORY = "history"


@dataclass(frozen=True, slots=True)
class Masses:
    """A pair's weighted tone in a window: cooperative and conflictual mass, their squares."""

    n_events: int
    volume: float
    cooperation: float
    conflict: float
    squares: float

    @property
    def toned(self) -> float:
        """Weighted mass of the events with tone."""
        return self.cooperation + self.conflict

    @property
    def n_effective(self) -> float:
        """Kish's effective number of events with tone, ``(sum w)^2 / sum w^2``."""
        return self.toned**2 / self.squares if self.squares > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Tone:
    """A pair's lean against its expected tone, in [-1, 1], and the evidence behind it.

    ``expected`` and ``share`` are cooperative shares of the toned mass; ``lean`` is the
    shrunk share's distance from ``expected`` over the room on that side; ``z`` is the raw
    share's distance in binomial standard errors of ``n_effective`` events.
    """

    pair: Pair
    n_events: int
    volume: float
    cooperation: float
    conflict: float
    n_effective: float
    expected: float
    share: float
    lean: float
    z: float


def tone_sign_sql() -> str:
    """Return the SQL of an event's side: 1 cooperative, -1 conflictual, 0 neutral.

    It reads a ``weighted_events`` row (``cameo``, ``quad``, ``goldstein``); bind
    ``tone_params``.
    """
    return (
        "(CASE WHEN list_contains($neutral_roots, substr(cameo, 1, 2)) OR goldstein = 0"
        " OR list_has_any($people_codes, [substr(cameo, 1, 2), substr(cameo, 1, 3)])"
        " THEN 0 WHEN quad IN ($q1, $q2) THEN 1 ELSE -1 END)"
    )


def intensity_sql(weighting: Weighting) -> str:
    """Return the SQL of an event's intensity under ``weighting`` (bind ``tone_params``)."""
    if weighting is Weighting.GOLDSTEIN:
        return "(abs(goldstein) / $goldstein_unit)"
    return "(CASE WHEN material OR quad = $q4 THEN $material_weight ELSE 1.0 END)"


def event_tone_sql(weighting: Weighting) -> str:
    """Return the SQL of an event's signed tone: its side times its intensity.

    Neutral events (statements, Goldstein 0, events about people) are 0; the signals'
    detector (#18) reads it with ``Weighting.GOLDSTEIN`` times ``GOLDSTEIN_UNIT``, the
    Goldstein value of every event with tone. Bind ``tone_params``.
    """
    return f"({tone_sign_sql()} * {intensity_sql(weighting)})"


def tone_params(settings: AnalyticsSettings) -> dict[str, Any]:
    """Return every named parameter the tone SQL and ``weighted_events`` need."""
    params = {**base_params(settings), **QUAD_PARAMS, "neutral_roots": list(NEUTRAL_ROOTS)}
    params["people_codes"] = list(PEOPLE_CODES)
    return params | {"goldstein_unit": GOLDSTEIN_UNIT, "material_weight": MATERIAL_WEIGHT}


_WINDOW = (
    f"{COL.source_country} <> $none AND {COL.target_country} <> $none"
    f" AND {COL.source_country} <> {COL.target_country}"
    f" AND {COL.date} >= $start AND {COL.date} < $end"
)


def pair_masses(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    start: datetime.date,
    end: datetime.date,
    weighting: Weighting = Weighting.QUAD,
) -> dict[Pair, Masses]:
    """Return the tone masses of every pair with events between countries in ``[start, end)``."""
    mass = f"w * {intensity_sql(weighting)}"
    side = tone_sign_sql()
    sql = (
        "SELECT least(src, tgt) AS a, greatest(src, tgt) AS b, count(*) AS n, sum(w) AS volume,"
        f" sum(CASE WHEN {side} > 0 THEN {mass} ELSE 0 END) AS coop,"
        f" sum(CASE WHEN {side} < 0 THEN {mass} ELSE 0 END) AS conf,"
        f" sum(CASE WHEN {side} <> 0 THEN ({mass}) * ({mass}) ELSE 0 END) AS squares"
        f" FROM {weighted_events(settings, _WINDOW)} GROUP BY a, b ORDER BY a, b"
    )
    params = tone_params(settings) | {"none": "", "start": start, "end": end}
    return {
        (a, b): Masses(int(n), float(volume), float(coop), float(conf), float(squares))
        for a, b, n, volume, coop, conf, squares in fetch(con, sql, params)
    }


def pooled_share(masses: dict[Pair, Masses]) -> float:
    """Return the cooperative share of all the toned mass (0.5 when there is none)."""
    cooperation = sum(m.cooperation for m in masses.values())
    toned = sum(m.toned for m in masses.values())
    return cooperation / toned if toned > 0 else 0.5


def lean(masses: Masses, expected: float, pair: Pair = ("", "")) -> Tone:
    """Return the tone of ``masses`` against the cooperative share ``expected``.

    The share is shrunk towards ``expected`` with ``PRIOR_STRENGTH`` weighted events, so
    a pair with one story leans little; the lean is the distance from ``expected`` over
    the room left on that side (``1 - expected`` above, ``expected`` below).

    Example:
        >>> lean(Masses(10, 10.0, 2.0, 6.0, 8.0), 0.75).lean < 0
        True
    """
    expected = min(max(expected, 0.02), 0.98)
    toned = masses.toned
    shrunk = (masses.cooperation + PRIOR_STRENGTH * expected) / (toned + PRIOR_STRENGTH)
    room = 1.0 - expected if shrunk >= expected else expected
    share = masses.cooperation / toned if toned > 0 else expected
    spread = math.sqrt(expected * (1.0 - expected) / masses.n_effective) if toned > 0 else 0.0
    return Tone(
        pair=pair,
        n_events=masses.n_events,
        volume=masses.volume,
        cooperation=masses.cooperation,
        conflict=masses.conflict,
        n_effective=masses.n_effective,
        expected=expected,
        share=share,
        lean=(shrunk - expected) / room,
        z=(share - expected) / spread if spread > 0 else 0.0,
    )


def tones(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    start: datetime.date,
    end: datetime.date,
    weighting: Weighting = Weighting.QUAD,
    baseline: Baseline = Baseline.GLOBAL,
) -> dict[Pair, Tone]:
    """Return the tone of every pair in ``[start, end)`` against its expected tone.

    With ``Baseline.GLOBAL`` every pair is measured against the period's pooled mix;
    with ``Baseline.HISTORY`` against its own share in the ``HISTORY_YEARS`` before
    ``start``, itself shrunk towards the pooled mix of those years.
    """
    masses = pair_masses(con, settings, start=start, end=end, weighting=weighting)
    pooled = pooled_share(masses)
    if baseline is Baseline.GLOBAL:
        return {pair: lean(m, pooled, pair) for pair, m in masses.items()}
    before = start.replace(year=start.year - HISTORY_YEARS)
    history = pair_masses(con, settings, start=before, end=start, weighting=weighting)
    prior = pooled_share(history) if history else pooled
    return {pair: lean(m, _shrunk(history.get(pair), prior), pair) for pair, m in masses.items()}


def _shrunk(masses: Masses | None, prior: float) -> float:
    if masses is None:
        return prior
    return (masses.cooperation + PRIOR_STRENGTH * prior) / (masses.toned + PRIOR_STRENGTH)
