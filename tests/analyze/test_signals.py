"""Alignment index and signals: storylines flagged right, quiet pairs not, no look-ahead."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dyadwatch.analyze import alignment, signal_reports, signals
from dyadwatch.analyze.signals import Window, classify
from dyadwatch.records import Event

from .builders import build_store, event
from .storylines import STORYLINES, Storyline, all_events, quarter, storyline_events

D = datetime.date
FLAGGED = [s for s in STORYLINES if s.kind != "none"]
QUIET = [s for s in STORYLINES if s.kind == "none"]


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return all_events()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, events: list[Event]):
    return build_store(tmp_path_factory.mktemp("signals") / "s.duckdb", events)


def _pair(story: Storyline) -> tuple[str, str]:
    return (min(story.pair), max(story.pair))


@pytest.mark.issue(5)
@pytest.mark.parametrize("story", FLAGGED, ids=[s.kind for s in FLAGGED])
def test_signals_storyline_flagged_in_its_quarter(store, story: Storyline) -> None:
    found = {(s.kind, quarter(s.start)) for s in signals(store) if s.pair == _pair(story)}
    assert (story.kind, story.quarter) in found


@pytest.mark.parametrize("story", QUIET, ids=["-".join(s.pair) for s in QUIET])
def test_signals_quiet_pair_not_flagged(store, story: Storyline) -> None:
    assert [s for s in signals(store) if s.pair == _pair(story)] == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_signals_quiet_pair_not_flagged_with_other_draws(tmp_path: Path, seed: int) -> None:
    events = [e for story in QUIET for e in storyline_events(story, seed=seed)]
    assert signals(build_store(tmp_path / "q.duckdb", events)) == []


@pytest.mark.parametrize(
    "as_of", [D(2023, 6, 15), D(2023, 11, 1), D(2024, 5, 20), D(2024, 9, 2)], ids=str
)
def test_signals_no_look_ahead(tmp_path: Path, store, events: list[Event], as_of: D) -> None:
    truncated = build_store(tmp_path / "t.duckdb", [e for e in events if e.date < as_of])
    assert signals(store, as_of=as_of) == signals(truncated, as_of=as_of)
    assert all(s.detected <= as_of for s in signals(store, as_of=as_of))


def test_signals_as_of_before_the_change_finds_nothing_yet(store) -> None:
    assert [s for s in signals(store, as_of=D(2023, 7, 1)) if s.pair == ("PRK", "RUS")] == []


def test_signals_since_keeps_later_changes(store) -> None:
    found = signals(store, since=D(2024, 1, 1))
    assert found and all(s.start >= D(2024, 1, 1) for s in found)


def test_signals_report_carries_evidence_sentences(store) -> None:
    report = next(r for r in signal_reports(store) if r.signal.kind == "escalation")
    assert report.evidence and report.signal.evidence == tuple(e.event_id for e in report.evidence)
    assert all(e.quad_class == 4 and e.modality != "negated" for e in report.evidence)
    assert report.index_after < 0


def _window(
    index: float, mat_coop: float = 0.0, mat_conf: float = 0.0, months: int = 0, net: float = 0.0
):
    return Window(index, 0.01, mat_coop, mat_conf, months, 3, net)


@pytest.mark.parametrize(
    ("pre", "post", "kind"),
    [
        (_window(0.8), _window(-0.2), "rupture"),
        (_window(-0.6, mat_conf=0.2), _window(-0.8, mat_conf=2.0), "escalation"),
        (_window(-0.6), _window(0.4), "rapprochement"),
        # The index lags recent quarrels: net conflict in the window makes it conflictual.
        (_window(-0.1, net=0.5), _window(0.7), "rapprochement"),
        (_window(-0.1, net=-0.5), _window(0.7), None),
        (_window(0.3), _window(0.9, mat_coop=2.0, months=3), "emerging_alignment"),
        (_window(0.3), _window(0.9, mat_coop=2.0, months=1), None),
        (_window(0.5, mat_coop=1.5, months=3), _window(0.6, mat_coop=2.0, months=3), None),
        (_window(0.6), _window(0.5), None),
    ],
)
def test_signals_classify_rules(pre: Window, post: Window, kind: str | None) -> None:
    verdict = classify(pre, post)
    assert (verdict.kind if verdict else None) == kind


def test_alignment_quiet_month_returns_to_baseline(tmp_path: Path) -> None:
    friendly = [event("NOR", "SWE", D(2022, m, 10), "042") for m in range(1, 13)]
    quarrel = [event("NOR", "SWE", D(2023, 1, 10), "112")]
    store = build_store(tmp_path / "a.duckdb", [*friendly, *quarrel])
    points = alignment(store, "SWE", "NOR", as_of=D(2023, 7, 1))
    january, june = points[12], points[-1]
    assert january.index < points[11].index
    assert june.index > january.index > -0.2
    assert june.low <= june.index <= june.high


def test_alignment_more_stories_narrow_the_band(tmp_path: Path) -> None:
    few = build_store(tmp_path / "f.duckdb", [event("NOR", "SWE", "2022-01-10", "042")])
    many = build_store(
        tmp_path / "m.duckdb",
        [event("NOR", "SWE", D(2022, 1, 10 + i), "042") for i in range(9)],
    )
    one, nine = alignment(few, "NOR", "SWE")[0], alignment(many, "NOR", "SWE")[0]
    assert nine.high - nine.low < one.high - one.low
    assert nine.index > one.index > 0
