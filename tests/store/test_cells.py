"""Exports are safe to open in a spreadsheet: formula-like text cells are neutralised (#15.2)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from tests.store.test_layouts import EVENTS

from dyadwatch.records import Actor, Article, QuadClass
from dyadwatch.store import Store
from dyadwatch.store.cells import spreadsheet_safe

pytestmark = pytest.mark.issue(15)

PAYLOAD = "=cmd|' /C calc'!A0"
ARTICLE = Article(
    id="evil",
    date=EVENTS[0].date,
    title="+SUM(1,2)",
    text=f"{PAYLOAD} Russia met North Korea.",
    url='=HYPERLINK("http://evil.example","x")',
    source="@outlet",
)
EVENT = dataclasses.replace(
    EVENTS[2],
    id="e" * 40,
    article_id="evil",
    evidence=f"{PAYLOAD} Russia met North Korea.",
    source=Actor(code="USAGOV", country="USA", sector="GOV", name="-2+3+cmd|' /C calc'!A0"),
    quad_class=QuadClass.MATERIAL_CONFLICT,
    goldstein=-5.0,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("cells") / "c.duckdb")
    with store.writer() as con:
        store.upsert_articles(con, [ARTICLE])
        store.upsert_events(con, [EVENT])
    with store.writer() as con:
        store.rebuild_stories(con)
    return store


def rows(path: Path, *, delimiter: str, header: bool = True) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        if header:
            return list(csv.DictReader(handle, delimiter=delimiter))
        return [dict(enumerate(row)) for row in csv.reader(handle, delimiter=delimiter)]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PAYLOAD, "'" + PAYLOAD),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5.0", "-5.0"),
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("RUS", "RUS"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_cells_spreadsheet_safe_prefixes_formulas_only(text: str, expected: str) -> None:
    assert spreadsheet_safe(text) == expected


def test_cells_csv_export_of_articles_neutralises_title_url_and_text(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "articles.csv"
    store.export_table("articles", out, fmt="csv")
    (row,) = rows(out, delimiter=",")
    assert row["title"] == "'+SUM(1,2)"
    assert row["url"] == "'" + ARTICLE.url
    assert row["text"] == "'" + ARTICLE.text
    assert row["source"] == "'@outlet"


def test_cells_csv_export_of_events_neutralises_text_and_keeps_numbers(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    store.export_table("events", out, fmt="csv")
    (row,) = rows(out, delimiter=",")
    assert row["evidence"] == "'" + EVENT.evidence
    assert row["source_name"] == "'" + EVENT.source.name
    assert row["goldstein"] == "-5.0"


def test_cells_parquet_export_keeps_the_text_as_stored(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    store.export_table("events", out, fmt="jsonl")
    assert PAYLOAD in out.read_text(encoding="utf-8")
    assert "'" + PAYLOAD not in out.read_text(encoding="utf-8")


def test_cells_gdelt_layout_neutralises_sourceurl_and_keeps_goldstein(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "gdelt.tsv"
    store.export_layout("gdelt", out, header=True)
    (row,) = rows(out, delimiter="\t")
    assert row["SOURCEURL"] == "'" + ARTICLE.url
    assert row["Actor1Name"] == "'" + EVENT.source.name.upper()
    assert row["GoldsteinScale"] == "-5.0"


def test_cells_polecat_layout_neutralises_source(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "polecat.tsv"
    store.export_layout("polecat", out)
    (row,) = rows(out, delimiter="\t")
    assert row["Source"] == "'@outlet"
    assert row["Intensity"] == "-5.0"
    assert all(not cell.startswith(("=", "+", "@")) for cell in row.values())
