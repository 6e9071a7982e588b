"""Settings for every stage: one frozen dataclass, loaded from TOML, then environment, then CLI.

A setting is addressed by its dotted name (``coder.batch_size``). The same name works in
a ``dyadwatch.toml`` file (``[coder] batch_size = 64``), in the environment
(``DYADWATCH_CODER__BATCH_SIZE=64``) and on the command line (``--set coder.batch_size=64``).
Every field is documented in ``docs/settings.md``, and a test checks that.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.errors import ConfigError, UnknownNameError

ENV_PREFIX = "DYADWATCH_"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """How articles are read."""

    max_article_chars: int = 200_000
    max_gzip_ratio: int = 100
    text_field: str = "text"
    date_field: str = "date"
    title_field: str = "title"
    url_field: str = "url"
    id_field: str = "id"
    source_field: str = "source"


@dataclass(frozen=True, slots=True)
class CoderSettings:
    """How the event coder runs."""

    batch_size: int = 32
    max_sentence_tokens: int = 150
    min_confidence: float = 0.0
    user_gazetteer: str = ""
    kind: str = "hybrid"
    learned_threshold: float = 0.7
    threads: int = 1
    cache_dir: str = ""


@dataclass(frozen=True, slots=True)
class AnalyticsSettings:
    """How events are weighted and aggregated."""

    weight_asserted: float = 1.0
    weight_reported: float = 0.8
    weight_planned: float = 0.5
    weight_speculative: float = 0.3
    weight_negated: float = 0.0
    count_mentions: bool = False


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the dashboard listens."""

    host: str = "127.0.0.1"
    port: int = 8000
    max_results: int = 500
    allowed_hosts: str = ""
    header_timeout: int = 10


# Forked workers share the driver's loaded coder: two take 807 MiB and code 302 sentences/s
# where two spawned ones take 1,281 MiB and 186 (bench/throughput.py). Fork is the safe
# default on Linux only.
DEFAULT_START_METHOD = "fork" if sys.platform == "linux" else "spawn"


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    """Which engine runs the pipeline, and how wide."""

    runner: str = "local"
    workers: int = 1
    address: str = ""
    shard_articles: int = 500
    start_method: str = DEFAULT_START_METHOD


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings; build with ``load_settings``, never mutate."""

    db: str = "dyadwatch.duckdb"
    ingest: IngestSettings = field(default_factory=IngestSettings)
    coder: CoderSettings = field(default_factory=CoderSettings)
    analytics: AnalyticsSettings = field(default_factory=AnalyticsSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    runner: RunnerSettings = field(default_factory=RunnerSettings)


def setting_names(settings: Settings | None = None) -> list[str]:
    """Return every dotted setting name, sorted.

    Example:
        >>> "coder.batch_size" in setting_names()
        True
    """
    settings = settings or Settings()
    names: list[str] = []
    for top in dataclasses.fields(settings):
        value = getattr(settings, top.name)
        if dataclasses.is_dataclass(value):
            names.extend(f"{top.name}.{sub.name}" for sub in dataclasses.fields(value))
        else:
            names.append(top.name)
    return sorted(names)


def _coerce(name: str, current: Any, raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    if isinstance(current, bool):
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"setting {name}: {raw!r} is not a boolean; use true or false")
    try:
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
    except ValueError:
        kind = type(current).__name__
        raise ConfigError(f"setting {name}: {raw!r} is not a valid {kind}") from None
    return raw


REMOVED = {"coder.n_process": "runner.workers"}
"""Settings that are gone, each with the setting that replaces it (#16)."""


def override(settings: Settings, values: Mapping[str, Any]) -> Settings:
    """Return a copy of ``settings`` with dotted names replaced by ``values``.

    Raises:
        ConfigError: a removed setting (naming its replacement), or a bad value.
        UnknownNameError: an unknown setting name.

    Example:
        >>> override(Settings(), {"coder.batch_size": "32"}).coder.batch_size
        32
    """
    known = setting_names(settings)
    for name, raw in values.items():
        if name in REMOVED:
            raise ConfigError(
                f"setting {name} was removed; delete it and set {REMOVED[name]} instead "
                "(see docs/settings.md)"
            )
        if name not in known:
            raise UnknownNameError("setting", name, known)
        top, _, sub = name.partition(".")
        if not sub:
            settings = dataclasses.replace(
                settings, **{top: _coerce(name, getattr(settings, top), raw)}
            )
            continue
        section = getattr(settings, top)
        value = _coerce(name, getattr(section, sub), raw)
        settings = dataclasses.replace(
            settings, **{top: dataclasses.replace(section, **{sub: value})}
        )
    return settings


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


# Environment variables of ours that are not settings (docs/settings.md says why).
NOT_SETTINGS = frozenset({"DYADWATCH_CACHE_DIR"})


def _from_env(environ: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and key not in NOT_SETTINGS:
            values[key[len(ENV_PREFIX) :].lower().replace("__", ".")] = value
    return values


def load_settings(
    path: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Load settings from a TOML file, then the environment, then explicit overrides.

    Example:
        >>> load_settings(environ={}, overrides={"db": "x.duckdb"}).db
        'x.duckdb'
    """
    settings = Settings()
    if path is not None:
        try:
            with open(path, "rb") as handle:
                table = tomllib.load(handle)
        except OSError as error:
            raise ConfigError(f"{path}: cannot read settings file ({error.strerror})") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML ({error})") from None
        settings = override(settings, _flatten(table))
    settings = override(settings, _from_env(os.environ if environ is None else environ))
    return override(settings, overrides or {})
