"""The one shim that imports optional dependencies and explains how to install them."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import urllib.parse
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

from dyadwatch.errors import MissingDependency


def require(module: str, *, extra: str) -> ModuleType:
    """Import ``module`` or raise ``MissingDependency`` naming the extra to install.

    Example:
        >>> ray = require("ray", extra="cluster")  # doctest: +SKIP
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependency(module.split(".")[0], extra, install_hint(extra)) from error


def install_hint(extra: str) -> str:
    """Return the command that installs ``extra`` for this installation of dyadwatch.

    Example:
        >>> install_hint("cluster")  # doctest: +SKIP
        'pip install "dyadwatch[cluster]"'
    """
    return install_line(extra, _direct_url())


def install_line(extra: str, direct_url: dict[str, Any] | None) -> str:
    """Return the command that installs ``extra`` where dyadwatch was installed from.

    ``direct_url`` is the installed distribution's PEP 610 record: a clone installed with
    ``pip install .`` (``make demo``) or ``pip install -e .`` must get the extra from the
    clone, not from the package index (#15.15).

    Example:
        >>> install_line("report", None)
        'pip install "dyadwatch[report]"'
        >>> install_line("report", {"url": "file:///src/dyadwatch", "dir_info": {}})
        'pip install ".[report]" (in /src/dyadwatch, the clone it was installed from)'
    """
    url = urllib.parse.urlsplit(str((direct_url or {}).get("url", "")))
    if url.scheme != "file" or "dir_info" not in (direct_url or {}):
        return f'pip install "dyadwatch[{extra}]"'
    editable = "-e " if (direct_url or {})["dir_info"].get("editable") else ""
    folder = urllib.request.url2pathname(url.path)
    return f'pip install {editable}".[{extra}]" (in {folder}, the clone it was installed from)'


def _direct_url() -> dict[str, Any] | None:
    try:
        text = importlib.metadata.distribution("dyadwatch").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    record = json.loads(text)
    folder = urllib.request.url2pathname(urllib.parse.urlsplit(record.get("url", "")).path)
    # Only a clone that is still there can be installed from.
    return record if (Path(folder) / "pyproject.toml").is_file() else None
