"""The bundled corpus, coded for real: each storyline flagged right, quiet pairs not (#5).

The examples are coded by the full coder (``extract.CodeStage``) through the run loop, as
``dyadwatch run`` codes them: once per session, in the root conftest's ``examples_store``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.analyze import check_alignment, dyad_series, reactions, signals
from dyadwatch.analyze.backtest import (
    Expectations,
    ExpectedStoryline,
    backtest,
    read_expectations,
)
from dyadwatch.config import Settings
from dyadwatch.runner import run_pipeline
from dyadwatch.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "seed-article.txt"


def _table() -> list[dict[str, str]]:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```tsv\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert block, "examples/README.md has no tsv table"
    header, *rows = [line.split("\t") for line in block.group(1).splitlines()]
    return [dict(zip(header, row, strict=True)) for row in rows]


ROWS = _table()
QUIET = [row for row in ROWS if row["kind"] == "none"]


@pytest.fixture(scope="module")
def stage() -> Any:
    """The event coder as a run stage, for the seed article's own store."""
    from dyadwatch.extract import CodeStage

    return CodeStage(Settings().coder)


def _coded_store(stage: Any, folder: Path, paths: list[Path]) -> Store:
    settings = Settings(db=str(folder / "corpus.duckdb"))
    run_pipeline(paths, settings=settings, stage=stage, coder_version="test")
    return Store.open(settings.db, read_only=True)


@pytest.fixture(scope="module")
def corpus(examples_store: Path) -> Store:
    return Store.open(examples_store, read_only=True)


@pytest.fixture(scope="module")
def seed(stage: Any, tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _coded_store(stage, tmp_path_factory.mktemp("seed"), [SEED])


def _pair(row: dict[str, str]) -> tuple[str, str]:
    a, b = row["pair"].split("-")
    return (min(a, b), max(a, b))


EXPECTED = read_expectations(EXAMPLES.parent / "expectations" / "examples.json")


def _story_param(story: ExpectedStoryline) -> Any:
    pair = "-".join(story.pair[::-1]) if story.pair == ("PRK", "RUS") else "-".join(story.pair)
    return pytest.param(story, id=f"{pair} {story.first_evidence}")


@pytest.mark.slow
@pytest.mark.issue(18)
@pytest.mark.parametrize("story", [_story_param(s) for s in EXPECTED.storylines])
def test_examples_storyline_flagged_within_30_days(corpus: Store, story: ExpectedStoryline) -> None:
    result = backtest(corpus, Expectations((story,), ()))
    assert [r.flagged for r in result.storylines] == [True]
    assert all(r.lag_days is not None and r.lag_days <= 30 for r in result.storylines)


@pytest.mark.slow
@pytest.mark.issue(5)
@pytest.mark.parametrize("row", QUIET, ids=[r["folder"] for r in QUIET])
def test_examples_quiet_pair_not_flagged(corpus: Store, row: dict[str, str]) -> None:
    assert [s for s in signals(corpus) if s.pair == _pair(row)] == []


def _net(store: Store, a: str, b: str) -> tuple[float, float]:
    points = dyad_series(store, a, b, freq="quarter", directed=False)
    total = sum(p.n_verbal_cooperation + p.n_material_cooperation for p in points)
    conflict = sum(p.n_verbal_conflict + p.n_material_conflict for p in points)
    return total - conflict, sum(p.n_material_cooperation for p in points)


@pytest.mark.issue(5)
def test_examples_seed_russia_north_korea_most_cooperative(seed: Store) -> None:
    countries = {e.source.country for e in seed.events()} | {
        e.target.country for e in seed.events()
    }
    countries.discard("")
    nets = {(a, b): _net(seed, a, b)[0] for a in countries for b in countries if a < b}
    assert max(nets, key=nets.__getitem__) == ("PRK", "RUS")
    assert _net(seed, "RUS", "PRK")[1] > 0  # material cooperation


@pytest.mark.issue(5)
def test_examples_seed_united_states_opposed(seed: Store) -> None:
    day = datetime.date(2023, 11, 12)
    found = reactions(seed, "RUS", "PRK", start=day, end=day + datetime.timedelta(days=1))
    assert any(r.actor == "USA" and r.stance == "opposed" for r in found)


@pytest.mark.issue(5)
def test_examples_seed_cuba_russia_conflictual(seed: Store) -> None:
    assert _net(seed, "CUB", "RUS")[0] < 0


@pytest.mark.slow
@pytest.mark.issue(20)
def test_examples_blocs_never_hold_both_sides_of_a_rupture(corpus: Store) -> None:
    expect = Path(__file__).resolve().parents[1] / "data" / "alignment-examples.json"
    for check in check_alignment(corpus, expect):
        assert check.shared == (), check
        assert check.n_right_sign == check.n_with_edge, check
