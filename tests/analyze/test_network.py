"""The signed network (#20): tone against expectation, signed blocs, strong unbalanced triads."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

from dyadwatch.analyze import (
    Baseline,
    check_alignment,
    export_network,
    network,
    read_expectations,
    tones,
)
from dyadwatch.analyze.blocs import find_blocs
from dyadwatch.cli import cli
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import InputError, UnknownNameError
from dyadwatch.records import Event

from .builders import build_store, event

D = datetime.date
YEAR = {"start": D(2023, 1, 1), "end": D(2024, 1, 1)}
WEST = ("GBR", "JPN", "KOR", "USA")
EAST = ("IRN", "PRK", "RUS")
# Friends visit, sign and promise; the odd accusation happens between friends too.
FRIENDLY = ("042", "057", "036", "010", "042", "051", "112", "043")
# Foes still consult and make statements most of the time (#20: talk is cooperative).
HOSTILE = ("040", "010", "112", "040", "130", "010", "163", "040", "111", "042")


def _stream(a: str, b: str, codes: tuple[str, ...], per_month: int) -> list[Event]:
    events = []
    for month in range(1, 13):
        for i in range(per_month):
            code = codes[(month * per_month + i) % len(codes)]
            source, target = (a, b) if i % 2 == 0 else (b, a)
            day = D(2023, month, 1 + i)
            events.append(event(source, target, day, code, article=f"{a}{b}-{month}-{i}"))
    return events


def _camps() -> list[Event]:
    events = []
    for camp in (WEST, EAST):
        for i, a in enumerate(camp):
            for b in camp[i + 1 :]:
                events += _stream(a, b, FRIENDLY, 3)
    for a in WEST:
        for b in EAST:
            events += _stream(a, b, HOSTILE, 3)
    # CHN is friends with a member of each camp: CHN-USA-RUS is unbalanced.
    events += _stream("CHN", "USA", FRIENDLY, 3) + _stream("CHN", "RUS", FRIENDLY, 3)
    # NOR has one visit: too little evidence for an edge or a bloc.
    events.append(event("NOR", "USA", "2023-05-02", "042"))
    # Statements and arrests carry no tone between states.
    events += _stream("FRA", "MLI", ("010", "173", "014", "010"), 3)
    return events


@pytest.fixture(scope="module")
def camps(tmp_path_factory: pytest.TempPathFactory):
    return build_store(tmp_path_factory.mktemp("camps") / "s.duckdb", _camps())


@pytest.mark.issue(20)
def test_tone_neutral_and_people_events_count_for_neither(camps) -> None:
    with camps.reader() as con:
        found = tones(con, AnalyticsSettings(), **YEAR)
    neutral = found[("FRA", "MLI")]
    assert neutral.n_events > 0
    assert neutral.cooperation == neutral.conflict == 0.0
    assert neutral.lean == 0.0


@pytest.mark.issue(20)
def test_network_signs_follow_camps_although_foes_mostly_talk(camps) -> None:
    net = network(camps, **YEAR)
    graph = net.graph
    for a in WEST:
        for b in EAST:
            assert graph[a][b]["sign"] == -1, (a, b)
    for camp in (WEST, EAST):
        for a in camp:
            assert all(graph[a][b]["sign"] == 1 for b in camp if b != a)
    assert not graph.has_edge("FRA", "MLI") and not graph.has_edge("NOR", "USA")
    assert 0 < net.summary().expected < 1


@pytest.mark.issue(20)
def test_network_blocs_are_camps_with_balance_and_ties(camps) -> None:
    summary = network(camps, **YEAR).summary()
    members = {bloc for bloc in summary.blocs}
    west = [bloc for bloc in members if set(WEST) <= set(bloc)]
    east = [bloc for bloc in members if set(EAST) <= set(bloc)]
    assert len(west) == len(east) == 1 and west != east
    for bloc in summary.bloc_details:
        assert bloc.balance == 1.0
        assert 1 <= len(bloc.ties) <= 3
        assert all(tie.weight > 0 and set(tie.pair) <= set(bloc.members) for tie in bloc.ties)


@pytest.mark.issue(20)
def test_network_leaves_countries_without_evidence_unassigned(camps) -> None:
    net = network(camps, **YEAR)
    assert net.graph.nodes["NOR"]["bloc"] == -1
    assert all("NOR" not in bloc for bloc in net.summary().blocs)


@pytest.mark.issue(20)
def test_network_unbalanced_triads_are_strong_ranked_and_capped(camps) -> None:
    net = network(camps, **YEAR)
    triads = net.summary().unbalanced_triads
    assert ("CHN", "RUS", "USA") in [t.countries for t in triads]
    assert [t.weakest for t in triads] == sorted((t.weakest for t in triads), reverse=True)
    for triad in triads:
        assert sum(edge.sign < 0 for edge in triad.edges) % 2 == 1
        assert all(edge.evidence and edge.evidence[0].sentence for edge in triad.edges)
    capped = network(camps, **YEAR, max_triads=1).summary()
    assert len(capped.unbalanced_triads) == 1 and capped.n_unbalanced == len(triads)


@pytest.mark.issue(20)
def test_network_history_baseline_measures_change(camps) -> None:
    net = network(camps, start=D(2024, 1, 1), end=D(2025, 1, 1), baseline=Baseline.HISTORY)
    assert net.graph.number_of_nodes() == 0
    summary = network(camps, **YEAR, baseline=Baseline.HISTORY).summary()
    assert summary.baseline == "history"


@pytest.mark.issue(20)
def test_blocs_never_hold_both_ends_of_a_negative_edge() -> None:
    graph = nx.Graph()
    # A and B are foes but share three friends: modularity alone would merge them.
    for friend in ("C", "D", "E"):
        graph.add_edge("A", friend, weight=0.9, z=5.0, n_events=9)
        graph.add_edge("B", friend, weight=0.9, z=5.0, n_events=9)
    graph.add_edge("A", "B", weight=-0.3, z=-2.0, n_events=9)
    for bloc in find_blocs(graph):
        assert not {"A", "B"} <= set(bloc.members)


def _expectations(tmp_path: Path) -> Path:
    path = tmp_path / "expect.json"
    path.write_text(
        json.dumps(
            {
                "periods": [
                    {
                        "name": "camps",
                        "period": "2023",
                        "allies": [["USA", "JPN"], ["RUS", "PRK"], ["NOR", "USA"]],
                        "adversaries": [["USA", "RUS"], ["JPN", "PRK"]],
                    }
                ],
                "storylines": [{"pair": ["USA", "IRN"], "kind": "rupture", "periods": ["2023"]}],
            }
        )
    )
    return path


@pytest.mark.issue(20)
def test_check_alignment_scores_signs_and_blocs(camps, tmp_path: Path) -> None:
    (check,) = check_alignment(camps, _expectations(tmp_path))
    assert (check.n_pairs, check.n_with_edge, check.n_right_sign) == (5, 4, 4)
    assert check.sign_agreement == 1.0 and check.bloc_purity == 1.0
    assert check.allies_together == 2 and check.shared == ()


@pytest.mark.parametrize("text", ["not json", '{"periods": [{"period": "2023"}]}', "[]"])
def test_read_expectations_rejects_bad_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InputError, match=r"bad\.json"):
        read_expectations(path)


@pytest.mark.issue(20)
def test_cli_network_lists_triads_with_evidence_links(camps) -> None:
    db = str(camps.path)
    result = CliRunner().invoke(cli, ["network", "--period", "2023", "--db", db])
    assert result.exit_code == 0, result.output
    assert "CHN RUS USA" in result.output and "/pair/CHN/RUS" in result.output
    capped = CliRunner().invoke(
        cli, ["network", "--period", "2023", "--db", db, "--max-triads", "0", "--format", "json"]
    )
    summary = json.loads(capped.output)[0]
    assert summary["unbalanced_triads"] == [] and summary["n_unbalanced"] >= 1


@pytest.mark.issue(20)
def test_cli_check_alignment_prints_agreement(camps, tmp_path: Path) -> None:
    args = ["check-alignment", str(_expectations(tmp_path)), "--db", str(camps.path)]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["sign_agreement"] == 1.0


@pytest.mark.parametrize("suffix", ["graphml", "json"])
def test_network_export_round_trips(camps, tmp_path: Path, suffix: str) -> None:
    net = network(camps, **YEAR)
    path = export_network(net.graph, tmp_path / f"net.{suffix}")
    if suffix == "graphml":
        back = nx.read_graphml(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert {frozenset(e) for e in back.edges()} == {frozenset(e) for e in net.graph.edges()}
    assert back["RUS"]["USA"]["sign"] == -1


def test_network_export_unknown_format(camps, tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="gexf"):
        export_network(network(camps, **YEAR).graph, tmp_path / "net.gexf")


def _noisy_camps(seed: int) -> nx.Graph:
    """Three planted camps of eight; edges inside are friendly, across mostly hostile,
    with friendly noise across, and evidence drawn at random."""
    rng = np.random.default_rng(seed)
    camp = {f"C{c}N{i}": c for c in range(3) for i in range(8)}
    nodes = list(camp)
    graph = nx.Graph()
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            draw, same = rng.random(), camp[a] == camp[b]
            across = -1 if draw < 0.12 else 1 if draw < 0.22 else 0
            sign = (1 if draw < 0.45 else 0) if same else across
            if sign:
                graph.add_edge(a, b, weight=0.5 * sign, z=sign * rng.uniform(1, 4), n_events=5)
    return graph


def _members(graph: nx.Graph) -> list[tuple[str, ...]]:
    return sorted(bloc.members for bloc in find_blocs(graph))


@pytest.mark.issue(20)
@pytest.mark.parametrize("seed", [0, 2])
def test_blocs_do_not_depend_on_the_names_order(seed: int) -> None:
    # Renaming the countries changes the order Louvain visits them in. One run then
    # regroups a noisy network by chance; the consensus over runs does not.
    graph = _noisy_camps(seed)
    camps = [tuple(f"C{c}N{i}" for i in range(8)) for c in range(3)]
    assert _members(graph) == camps
    names = list(graph)
    for draw in range(4):
        order = np.random.default_rng(draw).permutation(len(names))
        new = {name: f"X{order[i]:02d}" for i, name in enumerate(names)}
        old = {v: k for k, v in new.items()}
        blocs = _members(nx.relabel_nodes(graph, new))
        renamed = [tuple(sorted(old[m] for m in bloc)) for bloc in blocs]
        assert sorted(renamed) == camps
