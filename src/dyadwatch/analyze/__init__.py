"""The analyze stage: pure queries over stored events, from dyad series to signals and networks.

Every function takes a ``Store`` and an ``AnalyticsSettings`` and returns records; the
CLI, the report and the dashboard render them.
"""

from __future__ import annotations

from dyadwatch.analyze.dyads import dyad_series
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
from dyadwatch.analyze.signals import KINDS, signal_reports, signals

__all__ = [
    "FREQS",
    "KINDS",
    "NETWORK_FORMATS",
    "AlignmentPoint",
    "Evidence",
    "Network",
    "NetworkSummary",
    "Reaction",
    "SignalReport",
    "alignment",
    "dyad_series",
    "export_network",
    "network",
    "reactions",
    "signal_reports",
    "signals",
    "window",
]
