"""Worker processes return the same rows, in the same order, as coding in one process."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.errors import ExtractError
from dyadwatch.extract import Coder, set_doc_extensions
from dyadwatch.extract.parallel import pipe_rows
from dyadwatch.ingest import read_articles

EXAMPLES = Path(__file__).parents[2] / "examples"


@Language.component("test_count_words")
def _count_words(doc: Doc) -> Doc:
    """Leave one row per word, so the output shows which text each row came from."""
    doc._.events = [{"word": token.text, "date": doc._.article_date} for token in doc]
    doc._.skipped_sentences = 1 if "long" in doc.text else 0
    return doc


@Language.component("test_die_on_crash")
def _die_on_crash(doc: Doc) -> Doc:
    if "CRASH" in doc.text:
        os._exit(1)  # a worker killed mid-batch (out of memory, SIGKILL)
    return doc


def _blank(*components: str) -> Language:
    set_doc_extensions()
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    return nlp


@pytest.mark.parametrize("n_process", [1, 2, 3])
def test_parallel_pipe_rows_keep_input_order(n_process: int) -> None:
    day = datetime.date(2024, 1, 1)
    items = [
        (f"text number {i}" + (" long" if i % 7 == 0 else ""), day + datetime.timedelta(days=i))
        for i in range(50)
    ]
    got = list(pipe_rows(_blank("test_count_words"), items, batch_size=4, n_process=n_process))
    assert [rows[0]["date"] for rows, _ in got] == [date for _, date in items]
    assert [rows[2]["word"] for rows, _ in got] == [str(i) for i in range(50)]
    assert [skipped for _, skipped in got] == [int(i % 7 == 0) for i in range(50)]


def test_parallel_pipe_rows_dead_worker_is_an_extract_error() -> None:
    day = datetime.date(2024, 1, 1)
    items = [("fine", day), ("CRASH now", day), ("fine again", day)]
    with pytest.raises(ExtractError, match="worker process died"):
        list(pipe_rows(_blank("test_die_on_crash"), items, batch_size=1, n_process=2))


def test_parallel_coder_two_processes_match_one(coder: Any) -> None:
    inputs = [EXAMPLES / "seed-article.txt", EXAMPLES / "russia-north-korea"]
    articles = list(read_articles(inputs))[:30]
    one = list(coder.code(articles))
    assert len(one) > 10
    assert list(Coder(coder.nlp, batch_size=8, n_process=2).code(articles)) == one
