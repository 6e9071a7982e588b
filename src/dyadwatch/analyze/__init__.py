"""The analyze stage: pure queries over stored events, from dyad series to signals and networks.

Every function takes a ``Store`` and an ``AnalyticsSettings`` and returns records; the
CLI, the report and the dashboard render them.
"""

from __future__ import annotations

from dyadwatch.analyze.dyads import dyad_series
from dyadwatch.analyze.expect import AlignmentCheck, check_alignment, read_expectations
from dyadwatch.analyze.forecasting import (
    BacktestReport,
    Forecast,
    MethodScores,
    PairForecast,
    ReliabilityBin,
    SetRule,
    TrainingPlan,
    forecast,
)
from dyadwatch.analyze.forecasting import (
    backtest as forecast_backtest,
)
from dyadwatch.analyze.index import alignment
from dyadwatch.analyze.network import NETWORK_FORMATS, Network, export_network, network
from dyadwatch.analyze.periods import FREQS, window
from dyadwatch.analyze.reactions import reactions
from dyadwatch.analyze.results import (
    AlignmentPoint,
    Bloc,
    Evidence,
    NetworkSummary,
    Reaction,
    SignalReport,
    Tie,
    Triad,
    TriadEdge,
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
from dyadwatch.analyze.tone import Baseline, Tone, Weighting, tones

__all__ = [
    "FREQS",
    "KINDS",
    "NETWORK_FORMATS",
    "AlignmentCheck",
    "AlignmentPoint",
    "BacktestReport",
    "Baseline",
    "Bloc",
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
    "Tie",
    "Tone",
    "TrainingPlan",
    "Triad",
    "TriadEdge",
    "Weighting",
    "alignment",
    "check_alignment",
    "dyad_series",
    "export_network",
    "forecast",
    "forecast_backtest",
    "jsonable",
    "network",
    "network_data",
    "pair_view",
    "reactions",
    "read_expectations",
    "search_events",
    "signal_reports",
    "signals",
    "tones",
    "top_pairs",
    "window",
]
