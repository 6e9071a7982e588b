"""The analyze stage: pure queries over stored events, from dyad series to signals and networks.

Every function takes a ``Store`` and an ``AnalyticsSettings`` and returns records; the
CLI, the report and the dashboard render them.
"""

from __future__ import annotations

from dyadwatch.analyze.dyads import dyad_series
from dyadwatch.analyze.forecasting import (
    BacktestReport,
    Forecast,
    MethodScores,
    PairForecast,
    ReliabilityBin,
    SetRule,
    TrainingPlan,
    backtest,
    forecast,
)
from dyadwatch.analyze.index import alignment
from dyadwatch.analyze.network import NETWORK_FORMATS, Network, export_network, network
from dyadwatch.analyze.periods import FREQS, window
from dyadwatch.analyze.reactions import reactions
from dyadwatch.analyze.results import (
    AlignmentPoint,
    Evidence,
    NetworkSummary,
    Reaction,
    SignalReport,
)
from dyadwatch.analyze.search import (
    EventHit,
    EventQuery,
    EventResults,
    Mark,
    PairCount,
    PairView,
    jsonable,
    network_data,
    pair_view,
    search_events,
    top_pairs,
)
from dyadwatch.analyze.signals import KINDS, signal_reports, signals

__all__ = [
    "FREQS",
    "KINDS",
    "NETWORK_FORMATS",
    "AlignmentPoint",
    "BacktestReport",
    "EventHit",
    "EventQuery",
    "EventResults",
    "Evidence",
    "Forecast",
    "Mark",
    "MethodScores",
    "Network",
    "NetworkSummary",
    "PairCount",
    "PairForecast",
    "PairView",
    "Reaction",
    "ReliabilityBin",
    "SetRule",
    "SignalReport",
    "TrainingPlan",
    "alignment",
    "backtest",
    "dyad_series",
    "export_network",
    "forecast",
    "jsonable",
    "network",
    "network_data",
    "pair_view",
    "reactions",
    "search_events",
    "signal_reports",
    "signals",
    "top_pairs",
    "window",
]
