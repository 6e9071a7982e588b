"""Tests for the gold-data scorer behind ``dyadwatch eval``."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from dyadwatch.errors import FormatError, RecordError
from dyadwatch.extract.evaluate import (
    Coded,
    Counts,
    Share,
    calibration,
    count,
    evaluate_file,
    iso_actor,
    match_keys,
    petrarch_actor_matches,
    score_record,
)
from dyadwatch.extract.gold import detect_kind, read_gold
from dyadwatch.records import Actor, ActorKind, Article, Event, Modality, QuadClass

GOLD_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
DATE = datetime.date(2000, 1, 1)


def coded(source: str, target: str, kind: str, code: str = "", confidence: float = 1.0) -> Coded:
    return Coded(source, target, kind, code or kind, confidence)


def event(
    article_id: str,
    source: str,
    target: str,
    plover: str,
    *,
    cameo: str = "036",
    modality: Modality = Modality.ASSERTED,
    confidence: float = 0.9,
) -> Event:
    return Event(
        id=f"{article_id}-{source}-{target}-{plover}", article_id=article_id, date=DATE,
        sentence_index=0, start=0, end=1,
        source=Actor(code=source, country=source[:3]),
        target=Actor(code=target, country=target[:3]),
        cameo=cameo, root=cameo[:2], quad_class=QuadClass.VERBAL_COOPERATION, goldstein=1.0,
        plover_type=plover, plover_mode="", modality=modality, trigger="x", evidence="x",
        confidence=confidence, coder_version="test",
    )  # fmt: skip


def test_evaluate_counts_rates() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert (counts.precision, counts.recall) == (0.75, 0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().to_dict() == {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("triple", Counts(tp=2, fp=2, fn=1)),  # multiset: the second AGREE both ways counts
        ("type", Counts(tp=1, fp=1, fn=1)),  # sets: {AGREE, REJECT} vs {AGREE, CONSULT}
        ("pair", Counts(tp=1, fp=1, fn=0)),  # sets: {USA>JOR, JOR>USA} vs {USA>JOR}
        ("code", Counts(tp=1, fp=3, fn=2)),
    ],
)
def test_evaluate_count_measures(measure: str, expected: Counts) -> None:
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


def test_evaluate_score_record_tables() -> None:
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


def test_evaluate_one_sided_record_counts_for_types_only() -> None:
    score = score_record([coded("FRA", "", "PROTEST")], [coded("FRA", "DEU", "PROTEST")])
    assert (score.triples, score.pairs, score.codes, score.outcomes) == (None, None, None, ())
    assert score.types == Counts(tp=1)


def test_evaluate_record_without_gold_events_is_quiet_only_when_nothing_is_coded() -> None:
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
def test_evaluate_petrarch_actor_matches(predicted: str, gold: str, expected: bool) -> None:
    assert petrarch_actor_matches(predicted, gold) is expected


def test_evaluate_match_keys_prefers_exact_actors() -> None:
    # A lenient first pass would pair DAGGOV with DAG and leave DAGMIL unmatched.
    predicted = [(("DAGGOV",), "06"), (("DAGMIL",), "06")]
    gold = [(("DAG",), "06"), (("DAGGOV",), "06")]
    assert sorted(match_keys(predicted, gold, actors=petrarch_actor_matches)) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("confidence", "index"),
    [(0.0, 0), (0.49, 0), (0.5, 1), (0.65, 2), (0.7, 3), (0.89, 4), (0.9, 5), (1.0, 5)],
)
def test_evaluate_calibration_bin_edges(confidence: float, index: int) -> None:
    bins = calibration([(confidence, True)])
    assert [b.events for b in bins] == [1 if i == index else 0 for i in range(6)]


def test_evaluate_calibration_precision_per_bin() -> None:
    bins = calibration([(0.95, True), (0.91, False), (0.93, True), (0.2, False)])
    assert (bins[5].events, bins[5].correct, bins[0].correct) == (3, 2, 0)
    assert bins[5].precision == pytest.approx(2 / 3)
    assert bins[5].mean_confidence == pytest.approx(0.93)
    assert (bins[0].low, bins[0].high, bins[5].high) == (0.0, 0.5, 1.0)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"events": [{"source": "HUN", "target": "ROU", "plover": "AGREE"}]}, "plover"),
        ({"events": [{"source": "ARN", "target": "GON", "cameo": "064"}]}, "petrarch"),
        ({"events": [{"source": "", "target": "", "cameo": ""}]}, "petrarch"),
        ({"events": []}, None),
        ({"text": "no events field"}, None),
    ],
)
def test_evaluate_detect_kind(record: dict[str, object], expected: str | None) -> None:
    assert detect_kind(record) == expected


def write_lines(path: Path, records: Iterable[object]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def plover_record(rid: str, *events: tuple[str, str, str]) -> dict[str, object]:
    rows = [{"source": s, "target": t, "plover": p, "mode": ""} for s, t, p in events]
    return {"id": rid, "date": "2000-01-01", "text": f"Sentence {rid}.", "events": rows}


def petrarch_record(
    rid: str, *events: tuple[str, str, str], valid: bool = True
) -> dict[str, object]:
    rows = [{"source": s, "target": t, "cameo": c} for s, t, c in events]
    return {
        "id": rid,
        "date": "1995-01-01",
        "text": f"Sentence {rid}.",
        "events": rows,
        "valid": valid,
    }


AGREE = plover_record("1", ("A", "B", "AGREE"))
NOTHING = ("", "", "")  # PETRARCH's "this record must yield no event"


def test_evaluate_read_gold_normalises_types_and_drops_empty_events(tmp_path: Path) -> None:
    petrarch = [
        petrarch_record("A", ("ARN", "GON", "064")),
        petrarch_record("B", NOTHING),
        petrarch_record("C", valid=False),
    ]
    gold = read_gold(write_lines(tmp_path / "p.jsonl", petrarch))
    assert gold.kind == "petrarch"
    assert [(r.id, r.events, r.valid) for r in gold.records] == [
        ("A", (Coded("ARN", "GON", "06", "064"),), True), ("B", (), True), ("C", (), False),
    ]  # fmt: skip
    plover = read_gold(
        write_lines(tmp_path / "g.jsonl", [plover_record("X", ("IRN", "USA", "DEMAND"))])
    )
    assert plover.records[0].events == (Coded("IRN", "USA", "REQUEST", "REQUEST"),)


@pytest.mark.parametrize(
    ("lines", "line", "fragment"),
    [
        ([plover_record("1", ("A", "B", "AGREE")), "{not json"], 2, "not valid JSON"),
        ([plover_record("1", ("A", "B", "AGREE")), "[1, 2]"], 2, "not a JSON object"),
        ([{"id": "1", "date": "2000-01-01", "events": [{"plover": "AGREE"}]}], 1, "'text'"),
        ([plover_record("1", ("A", "B", "HUG"))], 1, "PLOVER event type"),
        ([{**plover_record("1", ("A", "B", "AGREE")), "date": "yesterday"}], 1, "bad gold record"),
        ([AGREE, petrarch_record("2", ("A", "B", "01"))], 2, "petrarch record in a plover"),
        ([petrarch_record("1", ("A", "B", "04 1"))], 1, "not a CAMEO code"),
    ],
)  # fmt: skip
def test_evaluate_read_gold_errors_name_path_and_line(
    tmp_path: Path, lines: list[object], line: int, fragment: str
) -> None:
    path = write_lines(tmp_path / "gold.jsonl", lines)
    with pytest.raises(RecordError) as caught:
        read_gold(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert fragment in str(caught.value)


def test_evaluate_read_gold_without_any_kind_is_a_format_error(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "gold.jsonl", [{"id": "1", "date": "2000-01-01", "text": "t", "events": []}]
    )
    with pytest.raises(FormatError, match="no event names"):
        read_gold(path)


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
def test_evaluate_iso_actor(actor: Actor, expected: str) -> None:
    assert iso_actor(actor) == expected


class TableCoder:
    """An in-process coder that returns prepared events per article id (the seam is ``coder``)."""

    def __init__(self, events: Iterable[Event]) -> None:
        self.events = list(events)
        self.seen: list[str] = []

    def code(self, articles: Iterable[Article]) -> Iterator[Event]:
        for article in articles:
            self.seen.append(article.id)
            yield from (e for e in self.events if e.article_id == article.id)


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    records = [
        plover_record("1", ("RUS", "PRK", "AGREE"), ("PRK", "RUS", "AGREE")),
        plover_record("2", ("FRA", "", "PROTEST")),
        plover_record("3", ("USA", "IRN", "DEMAND")),
    ]
    return write_lines(tmp_path / "gold.jsonl", records)


@pytest.fixture
def coder() -> TableCoder:
    return TableCoder([
        event("1", "RUS", "PRK", "AGREE", confidence=0.95),
        event("1", "RUS", "UKR", "AGREE", confidence=0.55),
        event("2", "FRA", "DEU", "PROTEST"),
        event("3", "USA", "IRN", "REQUEST", modality=Modality.NEGATED, confidence=0.75),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("include_negated", "triples", "predicted_scored", "excluded"),
    [(False, Counts(tp=1, fp=1, fn=2), 2, 1), (True, Counts(tp=2, fp=1, fn=1), 3, 0)],
)
def test_evaluate_file_scores_and_counts_add_up(
    gold_file: Path,
    coder: TableCoder,
    include_negated: bool,
    triples: Counts,
    predicted_scored: int,
    excluded: int,
) -> None:
    report = evaluate_file(gold_file, coder=coder, include_negated=include_negated)
    assert (report.kind, report.records, report.one_sided, report.gold_events) == (
        "plover",
        3,
        1,
        4,
    )
    assert report.triples == triples
    assert (report.gold_scored, report.predicted_scored) == (3, predicted_scored)
    assert report.triples.tp + report.triples.fn == report.gold_scored
    assert report.triples.tp + report.triples.fp == report.predicted_scored
    assert (report.predicted_events, report.negated_excluded) == (4, excluded)
    assert dict(report.modality) == {"asserted": 3, "negated": 1}
    assert (report.codes, report.all_types) == (None, None)


def test_evaluate_file_tables_and_json(gold_file: Path, coder: TableCoder) -> None:
    report = evaluate_file(gold_file, coder=coder)
    assert report.by_type == (("AGREE", Counts(tp=1, fp=1, fn=1)), ("REQUEST", Counts(fn=1)))
    assert report.confusion == (("AGREE", "AGREE", 1),)
    assert [b.events for b in report.calibration] == [0, 1, 0, 0, 0, 1]
    plain = json.loads(json.dumps(report.to_dict()))
    assert plain["triples"] == {
        "tp": 1,
        "fp": 1,
        "fn": 2,
        "precision": 0.5,
        "recall": 0.3333,
        "f1": 0.4,
    }
    assert plain["types"]["tp"] == 2 and plain["modality"] == {"asserted": 3, "negated": 1}


def test_evaluate_file_limit_and_invalid_records(tmp_path: Path) -> None:
    records = [
        petrarch_record("A", ("ARN", "GON", "064")),
        petrarch_record("B", valid=False),
        petrarch_record("C", NOTHING),
        petrarch_record("D"),
    ]
    coder = TableCoder([event("A", "ARNGOV", "GON", "", cameo="0641")])
    report = evaluate_file(write_lines(tmp_path / "p.jsonl", records), coder=coder, limit=3)
    assert coder.seen == ["A", "C"]
    assert (report.records, report.skipped) == (2, 1)
    assert report.triples == Counts(tp=1)
    assert report.codes == Counts(fp=1, fn=1)
    assert (report.all_types, report.all_codes, report.quiet) == (
        Share(1, 1),
        Share(1, 0),
        Share(1, 1),
    )


def test_evaluate_file_scores_records_that_share_an_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_lines(tmp_path / "g.jsonl", [plover_record("1", ("RUS", "PRK", "AGREE"))] * 2)
    coder = TableCoder([event("1#2", "RUS", "PRK", "AGREE")])
    report = evaluate_file(path, coder=coder)
    assert coder.seen == ["1", "1#2"]
    assert report.triples == Counts(tp=1, fn=1)
    assert "ids repeat (1)" in caplog.text


def test_evaluate_real_coder_on_plover_gold_is_well_formed() -> None:
    path = GOLD_DIR / "plover-gsr.jsonl"
    if not path.exists():
        pytest.skip("../shared/eval (the gold data) is not next to this checkout")
    from dyadwatch.extract import Coder, build_nlp

    report = evaluate_file(path, coder=Coder(build_nlp()), limit=40)
    assert report.records == 40
    assert report.triples.tp + report.triples.fn == report.gold_scored
    assert report.triples.tp + report.triples.fp == report.predicted_scored
    assert sum(b.events for b in report.calibration) == report.predicted_scored
    assert sum(n for _, n in report.modality) == report.predicted_events
    assert sum(c.tp for _, c in report.by_type) == report.triples.tp
    json.dumps(report.to_dict())
