"""Scoring a coder on a gold file, the library behind ``dyadwatch eval``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from tests.evaluate.builders import (
    GOLD_DIR,
    NOTHING,
    event,
    petrarch_record,
    plover_record,
    write_lines,
)

from dyadwatch.evaluate import Counts, Share, evaluate_file
from dyadwatch.records import Article, Event, Modality


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
def test_driver_file_scores_and_counts_add_up(
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


def test_driver_file_tables_and_json(gold_file: Path, coder: TableCoder) -> None:
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


def test_driver_file_limit_and_invalid_records(tmp_path: Path) -> None:
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


def test_driver_file_scores_records_that_share_an_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_lines(tmp_path / "g.jsonl", [plover_record("1", ("RUS", "PRK", "AGREE"))] * 2)
    coder = TableCoder([event("1#2", "RUS", "PRK", "AGREE")])
    report = evaluate_file(path, coder=coder)
    assert coder.seen == ["1", "1#2"]
    assert report.triples == Counts(tp=1, fn=1)
    assert "ids repeat (1)" in caplog.text


def test_driver_real_coder_on_plover_gold_is_well_formed() -> None:
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
