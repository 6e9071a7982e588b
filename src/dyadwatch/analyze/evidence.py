"""Evidence lookup: the stored sentences behind a series, a signal or a reaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from dyadwatch.analyze.columns import COL, EVENTS, fetch, weight_params, weight_sql
from dyadwatch.analyze.results import Evidence
from dyadwatch.config import AnalyticsSettings
from dyadwatch.store.db import Connection

_FIELDS = (
    COL.id,
    COL.article_id,
    COL.date,
    COL.source_country,
    COL.target_country,
    COL.cameo,
    COL.quad_class,
    COL.goldstein,
    COL.modality,
    COL.evidence,
)


def top_evidence(
    con: Connection,
    settings: AnalyticsSettings,
    *,
    sources: Sequence[str],
    targets: Sequence[str],
    quads: Sequence[int],
    start: datetime.date,
    end: datetime.date,
    limit: int = 5,
) -> tuple[Evidence, ...]:
    """Return the strongest events from ``sources`` to ``targets`` in ``[start, end)``.

    Strength is modality weight times absolute Goldstein value, then confidence; events
    weighing nothing (negated, by default) are never evidence.
    """
    weight = weight_sql()
    sql = (
        f"SELECT {', '.join(_FIELDS)} FROM {EVENTS}"
        f" WHERE list_contains($sources, {COL.source_country})"
        f" AND list_contains($targets, {COL.target_country})"
        f" AND list_contains($quads, {COL.quad_class})"
        f" AND {COL.date} >= $start AND {COL.date} < $end AND {weight} > 0"
        f" ORDER BY {weight} * abs({COL.goldstein}) DESC, {COL.confidence} DESC, {COL.id}"
        " LIMIT $limit"
    )
    params: dict[str, Any] = {**weight_params(settings), "limit": limit}
    params |= {"sources": list(sources), "targets": list(targets), "quads": list(quads)}
    params |= {"start": start, "end": end}
    return tuple(_evidence(row) for row in fetch(con, sql, params))


def _evidence(row: tuple[Any, ...]) -> Evidence:
    event_id, article_id, date, source, target, cameo, quad, goldstein, modality, text = row
    return Evidence(
        event_id=event_id,
        article_id=article_id,
        date=date,
        source=source,
        target=target,
        cameo=cameo,
        quad_class=int(quad),
        goldstein=float(goldstein),
        modality=modality,
        sentence=text,
    )
