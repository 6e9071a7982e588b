"""Checks the bundled example corpus: article format, size, date span and README table."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = EXAMPLES / "seed-article.txt"
DATE_LINE = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2})(?=\s|\Z)")
EARLIEST = datetime.date(2022, 1, 1)
LATEST = datetime.date(2025, 12, 31)
HEADER = ["pair", "kind", "quarter", "folder"]
KINDS = {"emerging_alignment", "rapprochement", "rupture", "escalation", "none"}
PAIR = re.compile(r"\A[A-Z]{3}-[A-Z]{3}\Z")
QUARTER = re.compile(r"\A(\d{4})Q([1-4])\Z")
TWO_YEARS = datetime.timedelta(days=730)

ARTICLES = sorted(EXAMPLES.rglob("*.txt"))


def _article_date(path: Path) -> datetime.date:
    match = DATE_LINE.match(path.read_text(encoding="utf-8"))
    assert match, f"{path}: does not start with 'date YYYY-MM-DD'"
    return datetime.date.fromisoformat(match.group(1))


def _table() -> list[list[str]]:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```tsv\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert block, "README.md has no ```tsv fenced block"
    return [line.split("\t") for line in block.group(1).splitlines()]


def _rows() -> list[dict[str, str]]:
    header, *rows = _table()
    return [dict(zip(header, row, strict=True)) for row in rows]


def _folders(*, signal: bool) -> list[str]:
    return [row["folder"] for row in _rows() if (row["kind"] != "none") is signal]


def _quarter_start(quarter: str) -> datetime.date:
    match = QUARTER.match(quarter)
    assert match, f"bad quarter {quarter!r}"
    return datetime.date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_examples_article_parses_as_seed_format(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = DATE_LINE.match(text)
    assert match, "must start with optional white space then 'date YYYY-MM-DD'"
    date = datetime.date.fromisoformat(match.group(1))
    assert text[match.end() :].strip(), "body is empty"
    if path != SEED:
        assert EARLIEST <= date <= LATEST
        assert path.name.startswith(f"{date.isoformat()}-"), "file name must start with the date"


def test_examples_seed_article_is_bundled() -> None:
    assert _article_date(SEED) == datetime.date(2023, 11, 12)


def test_examples_corpus_has_enough_articles() -> None:
    assert len([p for p in ARTICLES if p != SEED]) >= 70


def test_examples_storylines_have_enough_articles_over_two_years() -> None:
    paths = [p for folder in _folders(signal=True) for p in (EXAMPLES / folder).glob("*.txt")]
    dates = [_article_date(p) for p in paths]
    assert len(paths) >= 60
    assert max(dates) - min(dates) >= TWO_YEARS


def test_examples_has_non_storyline_articles() -> None:
    signal = {EXAMPLES / folder for folder in _folders(signal=True)}
    others = [p for p in ARTICLES if p != SEED and p.parent not in signal]
    assert len(others) >= 10


def test_examples_readme_table_is_well_formed() -> None:
    header, *rows = _table()
    assert header == HEADER
    assert rows
    for row in rows:
        assert len(row) == len(HEADER), row
    assert len({row[3] for row in rows}) == len(rows), "folders repeat"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["folder"])
def test_examples_readme_row_is_valid(row: dict[str, str]) -> None:
    assert PAIR.match(row["pair"]), row["pair"]
    assert row["kind"] in KINDS
    if row["kind"] == "none":
        assert row["quarter"] == "-"
    else:
        _quarter_start(row["quarter"])
    assert (EXAMPLES / row["folder"]).is_dir()
    assert list((EXAMPLES / row["folder"]).glob("*.txt")), "folder has no articles"


@pytest.mark.parametrize(
    "row", [r for r in _rows() if r["kind"] != "none"], ids=lambda r: r["folder"]
)
def test_examples_storyline_has_baseline_and_aftermath(row: dict[str, str]) -> None:
    start = _quarter_start(row["quarter"])
    dates = sorted(_article_date(p) for p in (EXAMPLES / row["folder"]).glob("*.txt"))
    assert sum(d < start for d in dates) >= 3, "needs a baseline before the change"
    assert sum(d >= start for d in dates) >= 3, "needs articles during and after the change"
    assert dates[-1] - dates[0] >= TWO_YEARS
