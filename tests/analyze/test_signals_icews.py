"""The signals on real volume: two months of ICEWS events from 2018 (#18).

expectations/icews-2018.json lists turning points of September and October 2018 written
from public knowledge by someone who saw neither the sample nor the detector's output.
The sample lives in ../shared/dev-data and is never copied into the project; without it
these tests skip and say why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadwatch.analyze.backtest import BacktestResult, backtest_file
from dyadwatch.store import Store

EXPECT = Path(__file__).parents[2] / "expectations" / "icews-2018.json"

pytestmark = [pytest.mark.slow, pytest.mark.issue(18)]


@pytest.fixture(scope="module")
def result(icews_sample: tuple[Any, Path]) -> BacktestResult:
    return backtest_file(Store.open(icews_sample[1], read_only=True), EXPECT)


def test_icews_busy_steady_partners_stay_silent(result: BacktestResult) -> None:
    assert [signal.pair for signal in result.quiet_signals] == []


def test_icews_turns_after_a_pairs_first_month_are_flagged(result: BacktestResult) -> None:
    # The sample begins on 2018-08-29. USMCA (2018-09-30) and the S-400 deal (2018-10-05)
    # come after the pairs' first month, which builds their baseline; with a warm-up of
    # 90 days neither could be flagged from its tone.
    flagged = {story.pair: story.kind for story in result.storylines if story.flagged}
    assert flagged.get("CAN-USA") == "emerging_alignment"
    assert flagged.get("IND-RUS") == "emerging_alignment"
    assert result.flagged >= 3
