"""The forecaster's view of the store: daily event counts per directed country pair and code.

One query aggregates the weighted events (negated ones dropped, one story counted once, as
everywhere in ``analyze``) to ``(source, target, 3-digit CAMEO code, quad class, day)``
rows; everything after that is numpy over these arrays, so a forecast over a million
events costs one scan of the store (#19). Events within one country (A to A) are left
out: a forecast is about relations between two countries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dyadwatch.analyze.columns import COL, base_params, fetch_arrays, weighted_events
from dyadwatch.config import AnalyticsSettings
from dyadwatch.ontology import Root
from dyadwatch.store.db import Store

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

ROOTS = tuple(root.value for root in Root)
"""The 20 CAMEO roots, the first level of a forecast."""


@dataclass(frozen=True, slots=True, eq=False)
class History:
    """Event counts per ``(source, target, code, quad, day)``, as parallel arrays.

    ``source``/``target`` index ``countries``; ``code`` indexes ``codes`` (3-digit CAMEO
    codes, sorted); ``day`` is a proleptic ordinal (``date.toordinal()``).
    """

    countries: tuple[str, ...]
    codes: tuple[str, ...]
    source: IntArray
    target: IntArray
    code: IntArray
    quad: IntArray
    day: IntArray
    count: FloatArray

    @property
    def first_day(self) -> int:
        """Return the ordinal of the earliest day held (0 when empty)."""
        return int(self.day.min()) if len(self.day) else 0

    @property
    def last_day(self) -> int:
        """Return the ordinal of the latest day held (0 when empty)."""
        return int(self.day.max()) if len(self.day) else 0

    def before(self, day: int) -> History:
        """Return the part of the history dated strictly before ``day`` (no look-ahead)."""
        return self.between(self.first_day, day)

    def between(self, start: int, end: int) -> History:
        """Return the rows with ``start <= day < end``."""
        keep = (self.day >= start) & (self.day < end)
        return History(
            countries=self.countries,
            codes=self.codes,
            source=self.source[keep],
            target=self.target[keep],
            code=self.code[keep],
            quad=self.quad[keep],
            day=self.day[keep],
            count=self.count[keep],
        )

    def root_index(self) -> IntArray:
        """Return, for each code of ``codes``, the index of its root in ``ROOTS``."""
        lookup = {root: i for i, root in enumerate(ROOTS)}
        return np.array([lookup.get(code[:2], 0) for code in self.codes], dtype=np.int64)


def _sql(settings: AnalyticsSettings) -> str:
    where = (
        f"{COL.date} >= $start AND {COL.date} < $end AND {COL.source_country} <> ''"
        f" AND {COL.target_country} <> '' AND {COL.source_country} <> {COL.target_country}"
        f" AND length({COL.cameo}) >= 2 AND {COL.root} IN $roots"
    )
    return (
        "SELECT src, tgt, rpad(left(cameo, 3), 3, '0') AS code, quad,"
        " CAST(day AS DATE) AS day, count(*)::DOUBLE AS n"
        f" FROM {weighted_events(settings, where)} GROUP BY ALL"
    )


def load_history(
    store: Store,
    *,
    start: datetime.date,
    end: datetime.date,
    settings: AnalyticsSettings | None = None,
) -> History:
    """Return the store's events dated in ``[start, end)`` as a ``History``.

    Example:
        >>> load_history(store, start=date(2018, 1, 1), end=date(2019, 1, 1))  # doctest: +SKIP
    """
    settings = settings or AnalyticsSettings()
    params = {**base_params(settings), "start": start, "end": end, "roots": list(ROOTS)}
    with store.reader() as con:
        columns = fetch_arrays(con, _sql(settings), params)
    return _history(columns)


def _history(columns: dict[str, npt.NDArray[np.generic]]) -> History:
    pairs = np.concatenate([columns["src"].astype(str), columns["tgt"].astype(str)])
    countries, country_index = np.unique(pairs, return_inverse=True)
    n = len(columns["src"])
    codes, code_index = np.unique(columns["code"].astype(str), return_inverse=True)
    epoch = datetime.date(1970, 1, 1).toordinal()
    days = np.asarray(columns["day"]).astype("datetime64[D]").astype(np.int64) + epoch
    return History(
        countries=tuple(str(c) for c in countries),
        codes=tuple(str(c) for c in codes),
        source=country_index[:n].astype(np.int64),
        target=country_index[n:].astype(np.int64),
        code=code_index.astype(np.int64),
        quad=np.asarray(columns["quad"], dtype=np.int64),
        day=days,
        count=np.asarray(columns["n"], dtype=np.float64),
    )
