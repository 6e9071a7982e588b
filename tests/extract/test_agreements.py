"""Agreements undone or condemned (extract/agreements.py), on parsed sentences."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dyadwatch.extract import learned
from dyadwatch.extract.actor_spans import actor_spans
from dyadwatch.extract.agreements import undone_between
from dyadwatch.extract.nlp import article_doc


def _undone(coder: Any, text: str, source: str, target: str) -> bool:
    doc = coder.nlp(article_doc(coder.nlp, text, date=datetime.date(2024, 1, 10)))
    sent = next(iter(doc.sents))
    mentions = learned.candidates(sent, actor_spans(doc))
    first = next(m for m in mentions if m.actor.country == source)
    second = next(m for m in mentions if m.actor.country == target)
    return undone_between(sent, first, second, learned.joining_word(sent, first, second))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Somalia declared void the memorandum between Ethiopia and Somalia.", True),
        ("Somalia said the memorandum with Ethiopia was a flagrant violation.", True),
        ('India put the Indus Waters Treaty with Pakistan "in abeyance".', True),
        ("India suspended the Indus Waters Treaty with Pakistan.", True),
        ("India said it would not withdraw from the treaty with Pakistan.", False),
        ("India restored the treaty with Pakistan, in abeyance since 2023.", False),
        ("India signed a treaty with Pakistan in Delhi.", False),
    ],
    ids=["declared-void", "violation", "abeyance", "suspended", "denied", "restored", "signed"],
)
def test_agreements_undone_between_the_sides(coder: Any, text: str, expected: bool) -> None:
    pair = ("SOM", "ETH") if "Somalia" in text else ("IND", "PAK")
    assert _undone(coder, text, *pair) is expected
