"""Conjoined sides (extract/conjoined.py), on parsed sentences."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dyadwatch.extract import learned
from dyadwatch.extract.actor_spans import actor_spans
from dyadwatch.extract.conjoined import co_subjects
from dyadwatch.extract.nlp import article_doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali and its ally Burkina Faso recalled their ambassadors from Algeria.", True),
        ("Mali and Burkina Faso recalled their ambassadors from Algeria.", True),
        # a mutual act is done between them whatever third party is named
        ("Mali and Burkina Faso exchanged prisoners on the border with Niger.", False),
        ("Mali and Burkina Faso accused each other of hosting rebels.", False),
        # not one subject
        ("Mali recalled its ambassador from Burkina Faso.", False),
    ],
    ids=["apposition", "conjuncts", "exchange", "each-other", "object"],
)
def test_conjoined_co_subjects(coder: Any, text: str, expected: bool) -> None:
    doc = coder.nlp(article_doc(coder.nlp, text, date=datetime.date(2024, 1, 10)))
    sent = next(iter(doc.sents))
    mentions = learned.candidates(sent, actor_spans(doc))
    mali = next(m for m in mentions if m.actor.country == "MLI")
    burkina = next(m for m in mentions if m.actor.country == "BFA")
    verb = next(t for t in sent if t.pos_ == "VERB")
    assert co_subjects(sent, mali, burkina, verb) is expected
