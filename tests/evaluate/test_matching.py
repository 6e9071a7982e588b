"""Matching coded events with gold events and scoring one record."""

from __future__ import annotations

import pytest
from tests.evaluate.builders import coded, event

from dyadwatch.evaluate.gold import Coded, GoldKind
from dyadwatch.evaluate.matching import (
    count,
    iso_actor,
    match_keys,
    petrarch_actor_matches,
    reduce_event,
    score_record,
)
from dyadwatch.evaluate.scores import Counts
from dyadwatch.records import Actor, ActorKind


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("triple", Counts(tp=2, fp=2, fn=1)),  # multiset: the second AGREE both ways counts
        ("type", Counts(tp=1, fp=1, fn=1)),  # sets: {AGREE, REJECT} vs {AGREE, CONSULT}
        ("pair", Counts(tp=1, fp=1, fn=0)),  # sets: {USA>JOR, JOR>USA} vs {USA>JOR}
        ("code", Counts(tp=1, fp=3, fn=2)),
    ],
)
def test_matching_count_measures(measure: str, expected: Counts) -> None:
    predicted = [
        coded("USA", "JOR", "AGREE", "030"),
        coded("USA", "JOR", "AGREE", "031"),
        coded("USA", "JOR", "REJECT", "120"),
        coded("JOR", "USA", "AGREE", "031"),
    ]
    gold = [
        coded("USA", "JOR", "AGREE", "030"),
        coded("USA", "JOR", "AGREE", "030"),
        coded("USA", "JOR", "CONSULT"),
    ]
    assert count(predicted, gold, measure) == expected


def test_matching_score_record_tables() -> None:
    gold = [
        coded("RUS", "PRK", "AGREE"),
        coded("PRK", "RUS", "AGREE"),
        coded("RUS", "UKR", "ASSAULT"),
    ]
    predicted = [
        coded("RUS", "PRK", "AGREE", confidence=0.95),
        coded("PRK", "RUS", "CONSULT", confidence=0.65),
        coded("UKR", "RUS", "ASSAULT", confidence=0.4),
    ]
    score = score_record(gold, predicted)
    assert score.triples == Counts(tp=1, fp=2, fn=2)
    assert score.pairs == Counts(tp=2, fp=1, fn=1)
    assert score.types == Counts(tp=2, fp=1, fn=0)
    assert sorted(score.confusion) == [("AGREE", "AGREE"), ("AGREE", "CONSULT")]
    assert score.outcomes == ((0.95, True), (0.65, False), (0.4, False))
    assert sorted(score.by_type, key=str) == [
        ("AGREE", Counts(fn=1)), ("AGREE", Counts(tp=1)), ("ASSAULT", Counts(fn=1)),
        ("ASSAULT", Counts(fp=1)), ("CONSULT", Counts(fp=1)),
    ]  # fmt: skip
    assert (score.all_types, score.quiet) == (False, None)


def test_matching_one_sided_record_counts_for_types_only() -> None:
    score = score_record([coded("FRA", "", "PROTEST")], [coded("FRA", "DEU", "PROTEST")])
    assert (score.triples, score.pairs, score.codes, score.outcomes) == (None, None, None, ())
    assert score.types == Counts(tp=1)


def test_matching_record_without_gold_events_is_quiet_only_when_nothing_is_coded() -> None:
    assert score_record([], []).quiet is True
    assert score_record([], [coded("ARN", "GON", "06", "064")]).quiet is False
    assert score_record([], []).all_types is None


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("DAG", "DAGGOV", True),
        ("DAGGOV", "DAG", True),
        ("DAGGOV", "DAGGOV", True),
        ("dagGOV", "DAGgov", True),
        ("DAGMIL", "DAGGOV", False),
        ("ARN", "GON", False),
        ("ARNGOV", "---GOV", True),
        ("", "ARN", False),
        ("DA", "DAGGOV", False),
    ],
)
def test_matching_petrarch_actor_matches(predicted: str, gold: str, expected: bool) -> None:
    assert petrarch_actor_matches(predicted, gold) is expected


def test_matching_match_keys_prefers_exact_actors() -> None:
    # A lenient first pass would pair DAGGOV with DAG and leave DAGMIL unmatched.
    predicted = [(("DAGGOV",), "06"), (("DAGMIL",), "06")]
    gold = [(("DAG",), "06"), (("DAGGOV",), "06")]
    assert sorted(match_keys(predicted, gold, actors=petrarch_actor_matches)) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (Actor(code="IGOUNO", country=""), "IGO"),
        (Actor(code="NGOAMN", country="", kind=ActorKind.NSA), "NGO"),
        (Actor(code="IMGREBALQ", country="", kind=ActorKind.NSA), "IMG"),
        (Actor(code="AFUEXE", country="", kind=ActorKind.IGO), "IGO"),
        (Actor(code="XXXREB", country="", kind=ActorKind.NSA), "IMG"),
        (Actor(code="PSEREBHMS", country="PSE", kind=ActorKind.NSA), "PSE"),
        (Actor(code="RUSGOV", country="RUS", sector="GOV", kind=ActorKind.PERSON), "RUS"),
        (Actor(code="GOV", country="", kind=ActorKind.AGENT), ""),
    ],
)
def test_matching_iso_actor(actor: Actor, expected: str) -> None:
    assert iso_actor(actor) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("plover", Coded("CAN", "IND", "SANCTION", "SANCTION", 0.9)),
        ("petrarch", Coded("CANGOV", "INDGOV", "17", "174", 0.9)),
        ("corpus", Coded("CAN", "IND", "17", "174", 0.9)),
    ],
)
def test_matching_reduce_event_per_gold_kind(kind: GoldKind, expected: Coded) -> None:
    found = event("a", "CANGOV", "INDGOV", "SANCTION", cameo="174")
    assert reduce_event(found, kind) == expected
