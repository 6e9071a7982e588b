"""dyadwatch: turn dated news articles into political event data and watch dyads change.

The public API re-exports the records, the errors and the main entry points of each
stage; heavy stages (spaCy, DuckDB) are imported lazily by their own modules.
"""

from __future__ import annotations

from dyadwatch.config import Settings, load_settings
from dyadwatch.errors import (
    ConfigError,
    DyadwatchError,
    EngineError,
    ExtractError,
    InputError,
    MissingDependency,
    StoreError,
)
from dyadwatch.records import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    DyadPoint,
    Event,
    GeoPrecision,
    Location,
    Modality,
    QuadClass,
    Signal,
    SignalKind,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Article",
    "ConfigError",
    "DatePrecision",
    "DyadPoint",
    "DyadwatchError",
    "EngineError",
    "Event",
    "ExtractError",
    "GeoPrecision",
    "InputError",
    "Location",
    "MissingDependency",
    "Modality",
    "QuadClass",
    "Settings",
    "Signal",
    "SignalKind",
    "StoreError",
    "__version__",
    "load_settings",
]
