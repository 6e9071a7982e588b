"""The alignment index: a pair's monthly cooperation-versus-conflict balance, shrunk and banded.

Each month a pair gets a cooperative mass ``C`` and a conflictual mass ``K``: the tone of
``analyze.tone`` (modality weights; statements and events about people count for
neither side; aid, arms, agreements and force count ``MATERIAL_WEIGHT`` times talk).
The index is ``2p - 1`` for ``p`` the mean of a Beta posterior: a prior of strength
``PRIOR_STRENGTH`` centred on the pair's slow-moving baseline, updated by ``C`` and ``K``
decayed by ``FAST_DECAY`` a month. A quiet month therefore drifts back towards the pair's
own baseline instead of reading as hostile, and a single story moves it only a little.
See docs/analytics.md.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze import periods
from dyadwatch.analyze.columns import COL, EVENTS, fetch, weighted_events
from dyadwatch.analyze.results import AlignmentPoint
from dyadwatch.analyze.tone import MATERIAL_WEIGHT as MATERIAL_WEIGHT  # the index's, too
from dyadwatch.analyze.tone import Weighting, intensity_sql, tone_params, tone_sign_sql
from dyadwatch.config import AnalyticsSettings
from dyadwatch.store.db import Connection, Store

FAST_DECAY = 0.6
"""Monthly decay of the evidence behind the index (half-life about six weeks)."""

SLOW_DECAY = 0.97
"""Monthly decay of the pair's baseline, the prior's centre (half-life about two years)."""

PRIOR_STRENGTH = 2.0
"""Weight of the baseline prior, in weighted events."""

Z90 = 1.645

Floats = npt.NDArray[np.float64]
Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PairMonths:
    """A pair's monthly masses, one entry per month from its first event to the cutoff."""

    pair: Pair
    months: tuple[datetime.date, ...]
    cooperation: Floats
    conflict: Floats
    material_cooperation: Floats
    material_conflict: Floats
    n_events: Floats


@dataclass(frozen=True, slots=True)
class Track:
    """The filtered index of a pair: posterior mean and variance of ``p`` per month."""

    index: Floats
    variance: Floats
    material_cooperation: Floats
    material_conflict: Floats


# Cooperative and conflictual masses are the tone of analyze.tone (#20): statements and
# events about people count for neither side; deeds weigh MATERIAL_WEIGHT times talk.
_MASS = f"w * {intensity_sql(Weighting.QUAD)}"
_MONTHLY = (
    "SELECT least(src, tgt) AS a, greatest(src, tgt) AS b,"
    " CAST(date_trunc('month', day) AS DATE) AS month, count(*) AS n,"
    f" sum(CASE WHEN {tone_sign_sql()} > 0 THEN {_MASS} ELSE 0 END) AS coop,"
    f" sum(CASE WHEN {tone_sign_sql()} < 0 THEN {_MASS} ELSE 0 END) AS conf,"
    " sum(CASE WHEN material AND quad IN ($q1, $q2) THEN w ELSE 0 END) AS mat_coop,"
    " sum(CASE WHEN quad = $q4 THEN w ELSE 0 END) AS mat_conf"
    " FROM {events} GROUP BY a, b, month"
)


def _where(*, pair: Pair | None, start: bool) -> str:
    parts = [
        f"{COL.source_country} <> $none",
        f"{COL.target_country} <> $none",
        f"{COL.source_country} <> {COL.target_country}",
        f"{COL.date} < $cutoff",
    ]
    if start:
        parts.append(f"{COL.date} >= $start")
    if pair is not None:
        parts.append(
            f"(({COL.source_country} = $a AND {COL.target_country} = $b)"
            f" OR ({COL.source_country} = $b AND {COL.target_country} = $a))"
        )
    return " AND ".join(parts)


def monthly_masses(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    cutoff: datetime.date,
    pair: Pair | None = None,
    start: datetime.date | None = None,
) -> dict[Pair, PairMonths]:
    """Return every pair's (or one pair's) monthly masses for events dated before ``cutoff``.

    ``cutoff`` must be the first of a month; months run from each pair's first event (or
    ``start``) up to it, empty months included, so no later event can change them.
    """
    sql = _MONTHLY.format(events=weighted_events(settings, _where(pair=pair, start=bool(start))))
    params: dict[str, Any] = tone_params(settings)
    params |= {"none": "", "cutoff": cutoff, "start": start}
    if pair is not None:
        params |= {"a": pair[0], "b": pair[1]}
    rows: dict[Pair, dict[datetime.date, tuple[Any, ...]]] = defaultdict(dict)
    for a, b, month, *values in fetch(con, sql, params):
        rows[(a, b)][month] = tuple(values)
    return {key: _arrays(key, by_month, cutoff) for key, by_month in rows.items()}


def _arrays(
    pair: Pair, by_month: dict[datetime.date, tuple[Any, ...]], cutoff: datetime.date
) -> PairMonths:
    months = tuple(periods.period_range(min(by_month), cutoff, "month"))
    empty = (0, 0.0, 0.0, 0.0, 0.0)
    table = np.array([by_month.get(month, empty) for month in months], dtype=np.float64)
    return PairMonths(
        pair=pair,
        months=months,
        n_events=table[:, 0],
        cooperation=table[:, 1],
        conflict=table[:, 2],
        material_cooperation=table[:, 3],
        material_conflict=table[:, 4],
    )


def decayed(values: Floats, decay: float) -> Floats:
    """Return the running sum of ``values`` where each month keeps ``decay`` of the last."""
    out = np.empty_like(values)
    state = 0.0
    for i, value in enumerate(values):
        state = decay * state + value
        out[i] = state
    return out


def track(masses: PairMonths) -> Track:
    """Return the filtered alignment index of a pair's months (no month sees a later one)."""
    slow_coop = decayed(masses.cooperation, SLOW_DECAY)
    slow_conf = decayed(masses.conflict, SLOW_DECAY)
    # The prior for month t is the baseline up to month t - 1.
    prior_coop = np.concatenate(([0.0], slow_coop[:-1]))
    prior_conf = np.concatenate(([0.0], slow_conf[:-1]))
    centre = (1.0 + prior_coop) / (2.0 + prior_coop + prior_conf)
    alpha = PRIOR_STRENGTH * centre + decayed(masses.cooperation, FAST_DECAY)
    beta = PRIOR_STRENGTH * (1.0 - centre) + decayed(masses.conflict, FAST_DECAY)
    total = alpha + beta
    p = alpha / total
    return Track(
        index=2.0 * p - 1.0,
        variance=4.0 * alpha * beta / (total * total * (total + 1.0)),
        material_cooperation=masses.material_cooperation,
        material_conflict=masses.material_conflict,
    )


def points(masses: PairMonths, tracked: Track) -> list[AlignmentPoint]:
    """Return one ``AlignmentPoint`` per month, with a 90% normal band clipped to [-1, 1]."""
    out = []
    for i, month in enumerate(masses.months):
        half = Z90 * math.sqrt(float(tracked.variance[i]))
        index = float(tracked.index[i])
        out.append(
            AlignmentPoint(
                month=month,
                pair=masses.pair,
                index=index,
                low=max(-1.0, index - half),
                high=min(1.0, index + half),
                cooperation=float(masses.cooperation[i]),
                conflict=float(masses.conflict[i]),
                material_cooperation=float(masses.material_cooperation[i]),
                material_conflict=float(masses.material_conflict[i]),
                n_events=int(masses.n_events[i]),
            )
        )
    return out


def alignment(
    store: Store,
    a: str,
    b: str,
    *,
    settings: AnalyticsSettings | None = None,
    start: datetime.date | None = None,
    as_of: datetime.date | None = None,
) -> list[AlignmentPoint]:
    """Return the monthly alignment index of the pair ``a``–``b`` (order does not matter).

    Args:
        start: first day of events used (the series starts at the pair's first event).
        as_of: use only events dated before the first of this date's month; default:
            up to and including the month of the latest event.

    Example:
        >>> alignment(store, "RUS", "PRK")[-1].index  # doctest: +SKIP
        0.93
    """
    settings = settings or AnalyticsSettings()
    pair = (min(a, b), max(a, b))
    with store.reader() as con:
        cutoff = scan_cutoff(con, as_of)
        masses = monthly_masses(con, settings, cutoff=cutoff, pair=pair, start=start)
    if pair not in masses:
        return []
    return points(masses[pair], track(masses[pair]))


def scan_cutoff(con: Connection, as_of: datetime.date | None) -> datetime.date:
    """Return the first of the month that no scan as of ``as_of`` may reach.

    With ``as_of`` that is the first of its month (only complete months are read); without
    it, the first of the month after the latest stored event.
    """
    if as_of is not None:
        return periods.floor(as_of, "month")
    row = con.execute(f"SELECT max({COL.date}) FROM {EVENTS}").fetchone()
    latest = row[0] if row and row[0] is not None else datetime.date.today()
    return periods.add_months(latest, 1)
