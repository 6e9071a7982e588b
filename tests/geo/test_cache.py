"""The on-disk table cache: built once, loaded after, rebuilt when unreadable or stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.geo.cache import default_cache_dir, load_or_build


class Builder:
    """Count how often a table is built."""

    def __init__(self, value: dict[str, int]) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return dict(self.value)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DYADWATCH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_builds_once_then_loads(cache: Path) -> None:
    build = Builder({"a": 1})
    first = load_or_build("table", b"v1", build)
    second = load_or_build("table", b"v1", build)
    assert first == second == {"a": 1}
    assert build.calls == 1
    assert len(list(cache.glob("table-*.pickle"))) == 1


def test_cache_a_new_key_builds_a_new_table(cache: Path) -> None:
    load_or_build("table", b"v1", Builder({"a": 1}))
    assert load_or_build("table", b"v2", Builder({"a": 2})) == {"a": 2}
    assert len(list(cache.glob("table-*.pickle"))) == 2


def test_cache_unreadable_file_is_rebuilt(cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    load_or_build("table", b"v1", Builder({"a": 1}))
    (path,) = cache.glob("table-*.pickle")
    path.write_bytes(b"not a pickle")
    build = Builder({"a": 1})
    assert load_or_build("table", b"v1", build) == {"a": 1}
    assert build.calls == 1
    assert "unreadable cache file" in caplog.text


def test_cache_unwritable_directory_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("DYADWATCH_CACHE_DIR", str(blocker / "cache"))
    build = Builder({"a": 1})
    assert load_or_build("table", b"v1", build) == {"a": 1}
    assert load_or_build("table", b"v1", build) == {"a": 1}
    assert build.calls == 2


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DYADWATCH_CACHE_DIR": "/x/dw", "XDG_CACHE_HOME": "/y"}, "/x/dw"),
        ({"XDG_CACHE_HOME": "/y"}, "/y/dyadwatch"),
    ],
)
def test_cache_default_dir_follows_the_environment(
    env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DYADWATCH_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_cache_dir() == Path(expected)


@pytest.mark.issue(16)
def test_cache_an_explicit_directory_wins_over_the_environment(cache: Path, tmp_path: Path) -> None:
    explicit = tmp_path / "explicit"
    load_or_build("table", b"v1", Builder({"a": 1}), directory=explicit)
    assert len(list(explicit.glob("table-*.pickle"))) == 1
    assert not cache.exists()
