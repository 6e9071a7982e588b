"""Limits: an over-long article, an over-long sentence, and constant memory on a big file."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.extract import article_doc, code_text
from dyadwatch.store import Store

from .harness import stream_peak_rss, write_big_jsonl

LIMIT = 100


def write_articles(path: Path, lengths: list[int]) -> Path:
    lines = [
        json.dumps({"date": "2024-02-01", "text": f"Russia met Iran {i}. " + "x" * n})
        for i, n in enumerate(lengths)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["ingest", "run"])
def test_limits_long_article_is_a_one_line_error_with_file_and_line(
    tmp_path: Path, command: str
) -> None:
    path = write_articles(tmp_path / "news.jsonl", [10, 10, 500, 10])
    db = tmp_path / "news.duckdb"
    args = [command, str(path), "--db", str(db), "--set", f"ingest.max_article_chars={LIMIT}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}:3: article of 519 characters is over ")
    assert result.output.count("\n") == 1
    assert "--set ingest.max_article_chars=N" in result.output


def test_limits_long_article_with_skip_bad_is_one_reject(tmp_path: Path) -> None:
    path = write_articles(tmp_path / "news.jsonl", [10, 10, 500, 10])
    db = tmp_path / "news.duckdb"
    args = ["ingest", str(path), "--db", str(db), "--skip-bad"]
    result = CliRunner().invoke(cli, [*args, "--set", f"ingest.max_article_chars={LIMIT}"])
    assert result.exit_code == 0, result.output
    (reject,) = [json.loads(line) for line in (tmp_path / "news.rejects.jsonl").open()]
    assert (reject["path"], reject["line"]) == (str(path), 3)
    assert Store.open(db, read_only=True).counts()["articles"] == 3


def test_limits_sentence_over_the_token_limit_is_skipped_not_coded(coder: Any) -> None:
    limit = coder.nlp.get_pipe("dyadwatch_events").max_sentence_tokens
    sentence = "Russia condemned Iran " + "and Iran " * limit + "today."
    text = f"{sentence} Russia condemned Iran."
    date = datetime.date(2024, 2, 1)
    assert coder.nlp(article_doc(coder.nlp, text, date=date))._.skipped_sentences == 1
    events = code_text(coder, text, date=date)
    assert all(event.start >= len(sentence) for event in events)


def test_limits_skipped_sentences_are_reported_once(
    coder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    limit = coder.nlp.get_pipe("dyadwatch_events").max_sentence_tokens
    sentence = "Russia condemned Iran " + "and Iran " * limit + "today."
    text = f"{sentence} {sentence} Russia condemned Iran."
    with caplog.at_level("WARNING", logger="dyadwatch.extract.coder"):
        code_text(coder, text, date=datetime.date(2024, 2, 1))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    expected = f"2 sentences longer than coder.max_sentence_tokens={limit} tokens were not coded"
    assert warnings == [expected]


@pytest.mark.slow
def test_limits_reading_streams_at_constant_memory(tmp_path: Path) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    n_small, n_big = write_big_jsonl(small, megabytes=10), write_big_jsonl(big, megabytes=50)
    (read_small, peak_small), (read_big, peak_big) = stream_peak_rss(small), stream_peak_rss(big)
    assert (read_small, read_big) == (n_small, n_big)
    assert abs(peak_big - peak_small) < 20
