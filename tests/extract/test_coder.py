"""The coder's article date: set explicitly on each Doc, never guessed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from dyadwatch.errors import ExtractError
from dyadwatch.extract import article_doc, set_doc_extensions
from dyadwatch.extract.actor_spans import article_date

DAY = datetime.date(2023, 9, 13)


def test_coder_article_doc_carries_the_date() -> None:
    set_doc_extensions()
    doc = article_doc(spacy.blank("en"), "Putin met Kim.", date=DAY)
    assert article_date(doc) == DAY


def test_coder_doc_without_a_date_is_an_extract_error() -> None:
    set_doc_extensions()
    doc = Doc(spacy.blank("en").vocab, words=["Putin", "met", "Kim"])
    with pytest.raises(ExtractError, match=r"no article date.*article_doc\(nlp, text, date="):
        article_date(doc)


def test_coder_pipeline_refuses_a_bare_text(coder: Any) -> None:
    with pytest.raises(ExtractError, match="no article date"):
        coder.nlp("Russia condemned Iran.")
