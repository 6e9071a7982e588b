"""Conjoined sides (extract/conjoined.py), on parsed sentences."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dyadwatch.extract import learned
from dyadwatch.extract.actor_spans import actor_spans
from dyadwatch.extract.conjoined import co_subjects, distinct_conjunct
from dyadwatch.extract.nlp import article_doc


def _sentence(coder: Any, text: str, date: datetime.date) -> tuple[Any, list[Any]]:
    """The first sentence of ``text`` and its candidate mentions."""
    doc = coder.nlp(article_doc(coder.nlp, text, date=date))
    sent = next(iter(doc.sents))
    return sent, learned.candidates(sent, actor_spans(doc))


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
    sent, mentions = _sentence(coder, text, datetime.date(2024, 1, 10))
    mali = next(m for m in mentions if m.actor.country == "MLI")
    burkina = next(m for m in mentions if m.actor.country == "BFA")
    verb = next(t for t in sent if t.pos_ == "VERB")
    assert co_subjects(sent, mali, burkina, verb) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two actors of one country, conjoined: each is a side of its own
        ("The United States urged Sudan's army and the Rapid Support Forces to stop.", True),
        # another country's actor conjoined is no compound of Sudan's
        ("The United States urged Sudan's army and Chad to stop.", False),
        # one actor of Sudan, not conjoined with another of Sudan's
        ("The United States urged Sudan's army to stop fighting the Rapid Support Forces.", False),
    ],
    ids=["compound", "other-country", "not-conjoined"],
)
def test_a_distinct_conjunct_of_its_own_country(coder: Any, text: str, expected: bool) -> None:
    sent, mentions = _sentence(coder, text, datetime.date(2023, 4, 20))
    army = next(m for m in mentions if m.actor.code == "SDNMIL")
    assert distinct_conjunct(sent, army, mentions) is expected


def test_the_titles_of_one_person_are_no_compound(coder: Any) -> None:
    text = (
        "Tunisian police arrested Rached Ghannouchi, leader of the Ennahda party and speaker"
        " of the parliament, on Monday."
    )
    sent, mentions = _sentence(coder, text, datetime.date(2023, 4, 18))
    assert not any(distinct_conjunct(sent, m, mentions) for m in mentions)


def test_an_apposition_of_several_people_may_be_a_compound(coder: Any) -> None:
    text = (
        "The United States called the two generals, Sudan's army chief and the Rapid Support"
        " Forces commander, to talks in Jeddah."
    )
    sent, mentions = _sentence(coder, text, datetime.date(2023, 5, 6))
    sudanese = [m for m in mentions if m.actor.country == "SDN"]
    assert sudanese and all(distinct_conjunct(sent, m, mentions) for m in sudanese)
