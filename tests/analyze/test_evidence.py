"""Evidence for a pair: the strongest events, without support for a country's rebels."""

from __future__ import annotations

import datetime
from pathlib import Path

from dyadwatch.analyze.evidence import (
    EvidenceRequest,
    edge_evidence,
    top_evidence,
    top_evidence_many,
)
from dyadwatch.config import AnalyticsSettings

from .builders import build_store, event

D = datetime.date


def test_evidence_leaves_out_support_for_a_countrys_rebels(tmp_path: Path) -> None:
    store = build_store(
        tmp_path / "s.duckdb",
        [
            event("ETH", "SOM", "2024-01-01", "057", target_sector="REB"),  # Somaliland
            event("ETH", "SOM", "2024-01-02", "042", target_sector="GOV", serial=1),
        ],
    )
    settings = AnalyticsSettings()
    window = {"start": D(2024, 1, 1), "end": D(2024, 2, 1)}
    with store.reader() as con:
        top = top_evidence(con, settings, sources=["ETH"], targets=["SOM"], quads=[1, 2], **window)
        (many,) = top_evidence_many(
            con, settings, [EvidenceRequest(pair=("ETH", "SOM"), quads=(1, 2), **window)]
        )
        edges = edge_evidence(con, settings, friendly=[("ETH", "SOM")], hostile=[], **window)
    for found in (top, many, edges[("ETH", "SOM")]):
        assert [e.cameo for e in found] == ["042"]
