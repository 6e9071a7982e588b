"""Forecasting: what each directed country pair will do to the other next, and backtests (#19).

``forecast`` gives per-pair probabilities for each CAMEO root over a horizon, from a
logistic regression trained on the store's own past; ``backtest`` scores rolling forecasts
of the model and three baselines (recurrency, frequency, decay) with MIRAI's measures.
"""

from __future__ import annotations

from dyadwatch.analyze.forecasting.backtest import (
    BacktestReport,
    MethodScores,
    ReliabilityBin,
    backtest,
)
from dyadwatch.analyze.forecasting.decide import SetRule
from dyadwatch.analyze.forecasting.forecast import Forecast, PairForecast, forecast
from dyadwatch.analyze.forecasting.models import TrainingPlan
from dyadwatch.analyze.forecasting.outlook import OutlookRow, PairOutlook, next_day, pair_outlook

__all__ = [
    "BacktestReport",
    "Forecast",
    "MethodScores",
    "OutlookRow",
    "PairForecast",
    "PairOutlook",
    "ReliabilityBin",
    "SetRule",
    "TrainingPlan",
    "backtest",
    "forecast",
    "next_day",
    "pair_outlook",
]
