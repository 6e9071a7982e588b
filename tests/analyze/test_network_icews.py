"""The signed network on real volume: two months of ICEWS events from 2018 (#20).

The pairs in tests/data/alignment-icews-2018.json are written from public facts. The
sample lives in ../shared/dev-data and is never copied into the project; without it
these tests skip and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.analyze import Network, check_alignment, network, window
from dyadwatch.store import Store

EXPECT = Path(__file__).parents[1] / "data" / "alignment-icews-2018.json"

pytestmark = [pytest.mark.slow, pytest.mark.issue(20)]


@pytest.fixture(scope="module")
def icews(icews_sample: tuple[Any, Path]) -> Store:
    return Store.open(icews_sample[1], read_only=True)


@pytest.fixture(scope="module")
def net(icews: Store) -> Network:
    start, end = window("2018")
    return network(icews, start=start, end=end)


def _bloc(net: Network, country: str) -> int:
    return int(net.graph.nodes[country]["bloc"]) if country in net.graph else -1


def test_icews_signs_agree_and_no_adversaries_share_a_bloc(icews: Store) -> None:
    (check,) = check_alignment(icews, EXPECT)
    assert check.n_with_edge >= 20
    assert check.sign_agreement >= 0.85, check.wrong_signs
    assert check.bloc_purity == 1.0 and check.shared == ()


def test_icews_united_states_with_an_ally_not_with_its_rivals(net: Network) -> None:
    # Two months of 2018 do not show the whole Western camp as one bloc (over node
    # orders, a single Louvain run put the United States with Japan in a third of runs,
    # with Britain in a tenth); the consensus blocs keep what most runs agree on. So this
    # no longer checks that Japan, South Korea and Britain share the U.S. bloc: in this
    # sample they do not, and South Korea sits with North Korea (the 2018 thaw). What it
    # checks: the U.S. has a bloc, one listed ally shares it, and no rival does.
    expected = json.loads(EXPECT.read_text(encoding="utf-8"))["periods"][0]
    allies = {b for a, b in expected["allies"] if a == "USA"}
    usa = _bloc(net, "USA")
    assert usa >= 0
    assert any(_bloc(net, ally) == usa for ally in allies)
    assert all(_bloc(net, rival) != usa for rival in ("RUS", "IRN", "PRK", "VEN", "SYR"))


def test_icews_unbalanced_triads_are_few_and_strong(net: Network) -> None:
    summary = net.summary()
    assert 0 < len(summary.unbalanced_triads) <= 50
    assert all(t.weakest >= 0.25 for t in summary.unbalanced_triads)
