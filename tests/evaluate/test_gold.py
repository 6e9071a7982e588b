"""Reading gold files: kinds, normalised types, and errors that name the path and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.evaluate.builders import AGREE, NOTHING, petrarch_record, plover_record, write_lines

from dyadwatch.errors import FormatError, RecordError
from dyadwatch.evaluate.gold import Coded, detect_kind, read_gold


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"events": [{"source": "HUN", "target": "ROU", "plover": "AGREE"}]}, "plover"),
        ({"events": [{"source": "ARN", "target": "GON", "cameo": "064"}]}, "petrarch"),
        ({"events": [{"source": "", "target": "", "cameo": ""}]}, "petrarch"),
        ({"events": [{"source": "Kyiv", "source_code": "UKR", "cameo": "112"}]}, "corpus"),
        ({"events": []}, None),
        ({"text": "no events field"}, None),
    ],
)
def test_gold_detect_kind(record: dict[str, object], expected: str | None) -> None:
    assert detect_kind(record) == expected


def test_gold_read_gold_normalises_types_and_drops_empty_events(tmp_path: Path) -> None:
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


def _corpus_event(source: str, target: str, cameo: str, modality: str) -> dict[str, str]:
    return {"source": "x", "source_code": source, "target": "y", "target_code": target,
            "cameo": cameo, "modality": modality, "trigger": "z"}  # fmt: skip


def test_gold_read_gold_corpus_format_reduces_sides_and_drops_negated(tmp_path: Path) -> None:
    record = {
        "id": "w-01-001", "date": "2023-09-19", "text": "...",
        "events": [
            _corpus_event("CANGOV", "INDGOV", "1742", "asserted"),
            _corpus_event("IGOUNOSC", "PRKMIL", "1122", "reported"),
            _corpus_event("INDGOV", "CANGOV", "190", "negated"),
        ],
    }  # fmt: skip
    gold = read_gold(write_lines(tmp_path / "dev.jsonl", [record]))
    assert gold.kind == "corpus"
    assert gold.records[0].events == (
        Coded("CAN", "IND", "17", "1742"), Coded("IGO", "PRK", "11", "1122"),
    )  # fmt: skip


def test_gold_read_gold_corpus_format_scores_a_planned_act_as_cameo_codes_announcing_it(
    tmp_path: Path,
) -> None:
    record = {
        "id": "w-01-002", "date": "2019-08-07", "text": "...",
        "events": [
            _corpus_event("PAKGOV", "IND", "161", "planned"),  # 'said it would expel'
            _corpus_event("DEUGOV", "UKR", "070", "planned"),  # 'will send aid'
            _corpus_event("PAKGOV", "IND", "161", "asserted"),
        ],
    }  # fmt: skip
    gold = read_gold(write_lines(tmp_path / "dev.jsonl", [record]))
    assert gold.records[0].events == (
        Coded("PAK", "IND", "13", "1313"), Coded("DEU", "UKR", "03", "033"),
        Coded("PAK", "IND", "16", "161"),
    )  # fmt: skip


@pytest.mark.parametrize("code", ["17a", "19", "01234"])
def test_gold_read_gold_corpus_format_bad_code_names_the_line(tmp_path: Path, code: str) -> None:
    record = {"id": "1", "date": "2020-01-01", "text": "t",
              "events": [_corpus_event("USA", "IRN", code, "asserted")]}  # fmt: skip
    path = write_lines(tmp_path / "dev.jsonl", [record])
    with pytest.raises(RecordError, match="not a CAMEO code"):
        read_gold(path)


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
def test_gold_read_gold_errors_name_path_and_line(
    tmp_path: Path, lines: list[object], line: int, fragment: str
) -> None:
    path = write_lines(tmp_path / "gold.jsonl", lines)
    with pytest.raises(RecordError) as caught:
        read_gold(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert fragment in str(caught.value)


def test_gold_read_gold_without_any_kind_is_a_format_error(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "gold.jsonl", [{"id": "1", "date": "2000-01-01", "text": "t", "events": []}]
    )
    with pytest.raises(FormatError, match="no event names"):
        read_gold(path)
