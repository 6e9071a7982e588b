"""Keep built lookup tables on disk, so that each process loads them instead of building them.

The place index takes about two seconds to build from GeoNames' data and under half a
second to load from a pickle of itself, and every worker process needs it. A cache file
is named by a hash of everything its table is built from (the building code, its data
files, library and Python versions), so a change to any of them builds a fresh one. The
directory is the ``coder.cache_dir`` setting, else ``$DYADWATCH_CACHE_DIR``, else
``$XDG_CACHE_HOME/dyadwatch``, else ``~/.cache/dyadwatch``; where it cannot be written,
tables are built every time. The files are pickles written by dyadwatch itself; delete the
directory at any time.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

logger = logging.getLogger(__name__)
T = TypeVar("T")

# What an unreadable or stale-format cache file raises on loading; it is then rebuilt.
_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError)


def default_cache_dir() -> Path:
    """Return the directory for cache files when no setting names one (it may not exist yet).

    ``$DYADWATCH_CACHE_DIR`` is read here, as an environment variable of its own, and never
    as a setting: the ``coder.cache_dir`` setting, when set, is passed in explicitly.
    """
    if explicit := os.environ.get("DYADWATCH_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyadwatch"


def load_or_build(
    name: str, key: bytes, build: Callable[[], T], *, directory: Path | None = None
) -> T:
    """Return the table cached under ``name`` and ``key``, building and caching it if needed.

    The value comes back from ``pickle.loads`` in both cases: building reads its sources
    as large short-lived objects, and a copy made after they are freed lies densely in
    memory instead of scattered among the freed space (worker processes forked from this
    one then share fewer, fuller pages).

    Args:
        name: The table's name, the start of its file name.
        key: Everything the table is built from; its hash ends the file name.
        build: Builds the table when no readable file holds it.
        directory: Where the file is kept; ``default_cache_dir()`` when ``None``.

    Example:
        >>> table = load_or_build("squares", b"v1", lambda: {n: n * n for n in range(9)})
        >>> table[3]
        9
    """
    digest = hashlib.sha256(key).hexdigest()[:20]
    path = (directory or default_cache_dir()) / f"{name}-{digest}.pickle"
    try:
        return cast(T, pickle.loads(path.read_bytes()))
    except FileNotFoundError:
        pass
    except (OSError, *_UNREADABLE) as error:
        logger.warning("%s: unreadable cache file (%s); building the table again", path, error)
    blob = pickle.dumps(build(), protocol=pickle.HIGHEST_PROTOCOL)
    gc.collect()
    release_free_memory()
    _write(path, blob)
    value = cast(T, pickle.loads(blob))
    del blob
    release_free_memory()
    return value


def _write(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` atomically; a read-only or missing home is not an error."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(blob)
        os.replace(temporary, path)
    except OSError as error:
        logger.debug("cannot write the cache file %s (%s); it will be built again", path, error)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def release_free_memory() -> None:
    """Ask glibc to return freed heap pages to the system (a no-op elsewhere)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.malloc_trim(0)
