"""The public API: each package's ``__all__`` is sorted, complete and importable, and every
error subclasses ``DyadwatchError`` and survives a pickle round trip."""

from __future__ import annotations
import __future__

import importlib
import inspect
import pickle
import re
import types

import pytest

from dyadwatch import errors

FUTURE = type(__future__.annotations)  # `from __future__ import annotations` leaves one
PACKAGES = [
    "dyadwatch",
    "dyadwatch.ingest",
    "dyadwatch.extract",
    "dyadwatch.evaluate",
    "dyadwatch.actors",
    "dyadwatch.geo",
    "dyadwatch.analyze",
    "dyadwatch.runner",
    "dyadwatch.store",
    "dyadwatch.ontology",
]


# Gaps in files this test does not own; each names its fix.
def _natural(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _isort_key(name: str) -> tuple[int, list[object]]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then everything else, each natural."""
    if len(name) > 1 and name.isupper():
        return 0, _natural(name)
    return (1 if name[:1].isupper() else 2), _natural(name)


def _public(module: types.ModuleType) -> set[str]:
    """Return the public names a module defines or re-exports (submodules excluded)."""
    names = set()
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, types.ModuleType | FUTURE):
            continue
        origin = getattr(value, "__module__", None)
        if (inspect.isclass(value) or inspect.isfunction(value)) and not (origin or "").startswith(
            "dyadwatch"
        ):
            continue  # a third-party helper imported for use, not re-exported
        names.add(name)
    return names


def _all(name: str) -> list[str]:
    module = importlib.import_module(name)
    if not hasattr(module, "__all__"):
        pytest.skip(f"{name} defines no __all__")
    return list(module.__all__)


@pytest.mark.parametrize("name", PACKAGES)
def test_public_api_all_is_sorted(name):
    names = _all(name)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", PACKAGES)
def test_public_api_all_is_complete(name):
    names = set(_all(name))
    assert _public(importlib.import_module(name)) - names == set()


@pytest.mark.parametrize("name", PACKAGES)
def test_public_api_all_is_importable(name):
    module = importlib.import_module(name)
    missing = [n for n in _all(name) if not hasattr(module, n)]
    assert missing == []


def test_public_api_version_is_exported():
    import dyadwatch

    assert "__version__" in dyadwatch.__all__
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", dyadwatch.__version__)


ERROR_CLASSES = sorted(
    (cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, Exception)),
    key=lambda cls: cls.__name__,
)
# Plausible constructor arguments per class; a class missing here fails the test below.
ERROR_ARGS = {
    "DyadwatchError": ("something failed",),
    "InputError": ("news.jsonl", 12, 'missing "date" field', 'add {"date": "YYYY-MM-DD"}'),
    "FormatError": ("news.xyz", None, "unknown input format", "use --format-in jsonl"),
    "RecordError": ("news.jsonl", 3, "bad JSON", "fix the line"),
    "LimitError": ("news.jsonl", 7, "article too long", "raise ingest.max_article_chars"),
    "UnreadableError": ("news/a.jsonl", None, "permission denied", "chmod a+r"),
    "ConfigError": ("setting coder.batch_size: 'x' is not a valid int",),
    "UnknownNameError": ("setting", "coder.bach_size", ["coder.batch_size", "db"]),
    "ExtractError": ("the spaCy model is missing",),
    "ModelError": ("dyadwatch/learned/data/encoder.onnx", "the pair model's file is missing"),
    "StoreError": ("news.duckdb: cannot open",),
    "StoreLockedError": ("news.duckdb",),
    "StoreBusyError": ("news.duckdb", "readers kept it busy"),
    "StoreFullError": ("news.duckdb", "no space left on device (ENOSPC)"),
    "StoreMemoryError": ("news.duckdb", "could not allocate block of size 256.0 KiB"),
    "EngineError": ("runner.workers is 0; set it to 1 or more",),
    "TransientEngineError": ("worker lost",),
    "WorkerDiedError": ("local",),
    "MissingDependency": ("ray", "cluster"),
}


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_public_api_error_subclasses_root(cls):
    assert issubclass(cls, errors.DyadwatchError)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_public_api_error_pickles_with_its_message(cls):
    error = cls(*ERROR_ARGS[cls.__name__])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert str(copy) == str(error) and str(error)
    assert vars(copy) == vars(error)
