"""The learned half of the hybrid coder on parsed sentences (extract/learned.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dyadwatch.extract import learned
from dyadwatch.extract.actor_spans import actor_spans
from dyadwatch.extract.nlp import article_doc


def _parse(coder: Any, text: str) -> Any:
    return coder.nlp(article_doc(coder.nlp, text, date=datetime.date(2003, 5, 1)))


def _codes(coder: Any, text: str) -> list[str]:
    doc = _parse(coder, text)
    sent = next(iter(doc.sents))
    return [span.actor.code for span in learned.candidates(sent, actor_spans(doc))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One country named: the bare sector words become its agents.
        ("Egyptian police arrested dozens of students in Cairo.", ["EGYCOP", "EGYEDU", "EGYGOV"]),
        # Two countries named: whose the police are is not said; they are no side.
        ("Police in Egypt arrested dozens of Israeli tourists.", ["EGY", "ISR"]),
    ],
)
def test_candidates_give_bare_sector_words_the_one_country(
    coder: Any, text: str, expected: list[str]
) -> None:
    assert _codes(coder, text) == expected


def test_a_domestic_pair_is_scored(coder: Any) -> None:
    doc = _parse(coder, "Egyptian police arrested dozens of students in Cairo.")
    sent = next(iter(doc.sents))
    mentions = learned.candidates(sent, actor_spans(doc))
    pairs = learned.sentence_pairs(sent, mentions).pairs
    codes = {(mentions[s].actor.code, mentions[t].actor.code) for s, t in pairs}
    assert ("EGYCOP", "EGYEDU") in codes
    assert ("EGYCOP", "EGYGOV") in codes  # two agents of one country are two sides
