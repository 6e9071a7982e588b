"""The one shim that imports optional dependencies and explains how to install them."""

from __future__ import annotations

import importlib
from types import ModuleType

from dyadwatch.errors import MissingDependency


def require(module: str, *, extra: str) -> ModuleType:
    """Import ``module`` or raise ``MissingDependency`` naming the extra to install.

    Example:
        >>> ray = require("ray", extra="cluster")  # doctest: +SKIP
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependency(module.split(".")[0], extra) from error
