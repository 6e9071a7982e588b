"""Who a phrase names: the pair an earlier sentence named ('the two men'), end to end."""

from __future__ import annotations

import datetime
from typing import Any

from dyadwatch.extract.coder import code_text

DAY = datetime.date(2023, 7, 27)
MET = "Russian Defence Minister Sergei Shoigu met North Korean leader Kim Jong Un in Pyongyang."


def _pairs(coder: Any, text: str) -> set[tuple[str, str, int]]:
    events = code_text(coder, text, date=DAY)
    return {(e.source.country, e.target.country, e.sentence_index) for e in events}


def test_arguments_the_two_men_are_the_last_pair(coder: Any) -> None:
    text = f"{MET} The two men discussed defence and security issues, KCNA said."
    assert {("RUS", "PRK", 1), ("PRK", "RUS", 1)} <= _pairs(coder, text)


def test_arguments_two_men_without_the_are_a_count(coder: Any) -> None:
    text = f"{MET} Police in Moscow said two men discussed the attack with Ukrainian agents."
    assert not {p for p in _pairs(coder, text) if p[2] == 1 and {p[0], p[1]} == {"RUS", "PRK"}}


def test_arguments_the_two_men_are_no_pair_of_countries(coder: Any) -> None:
    text = "Russia and Ukraine exchanged prisoners on Friday. The two men met in Istanbul."
    assert not {p for p in _pairs(coder, text) if p[2] == 1}
