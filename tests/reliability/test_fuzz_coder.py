"""Fuzz the real coder with arbitrary Unicode: it never raises, and events point into the text."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyadwatch.extract import article_doc, code_text

DATE = datetime.date(2024, 3, 1)
# Any character a Python str holds apart from lone surrogates (which UTF-8 cannot carry).
ANY_CHAR = st.characters(exclude_categories=["Cs"])
PIECES = st.sampled_from(
    [
        *("Russia", "North Korea", "Iran", "Vladimir Putin", "Kim Jong Un", "the United Nations"),
        *("condemned", "met", "said", "signed a deal with", "did not attack", "may visit"),
        *('"', "'", "«", "»", "“", "”", "\"He said 'no'\"", "(", ")", ".", "!", "?", ";", "..."),
        *("إيران", "ישראל", "\u202e", "\u202c", "\u200f", "\u200d", "\ufeff", "\u2028", "\u2029"),
        *("😀", "🇷🇺", "👩‍👩‍👧", "e\u0301", "\u0300" * 8, "Ａ", "ﬁ", "İ", "ß"),
        *("\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\t", "\n", "\n\n", "\r\n", "   ", ""),
    ]
)
TEXTS = (
    st.text(ANY_CHAR, max_size=300)
    | st.lists(PIECES | st.text(ANY_CHAR, max_size=6), max_size=40).map(" ".join)
    | st.lists(PIECES, max_size=60).map("".join)
)
FUZZ_EXAMPLES = 1_000


def check_events(coder: Any, text: str) -> None:
    for event in code_text(coder, text, date=DATE):
        assert 0 <= event.start <= event.end <= len(text)
        assert event.evidence == text[event.start : event.end]
        assert event.date == DATE


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(text=TEXTS)
@example(text="")
@example(text=" \n\t\u3000 ")
@example(text="Russia condemned Russia. " * 50)
@example(text="Putin said \"Kim said 'Xi said «Iran condemned Israel»'\" and left.")
@example(text="\u202eإيران تدين إسرائيل\u202c Iran condemned Israel.")
def test_fuzz_coder_never_raises_and_offsets_fit_the_text(coder: Any, text: str) -> None:
    check_events(coder, text)


def long_sentence(words: int) -> str:
    names = ["Russia", "officials", "of", "Iran", "met", "envoys", "from", "France", "and"]
    return " ".join(names[i % len(names)] for i in range(words)) + "."


@pytest.mark.timeout(120)
@pytest.mark.parametrize("words", [1_000, 10_000])
def test_fuzz_coder_skips_a_sentence_over_the_token_limit(coder: Any, words: int) -> None:
    head = "Russia condemned Iran. "
    text = head + long_sentence(words) + " France met Niger."
    doc = coder.nlp(article_doc(coder.nlp, text, date=DATE))
    assert doc._.skipped_sentences == 1
    long_start, long_end = len(head), len(head) + len(long_sentence(words))
    events = code_text(coder, text, date=DATE)
    assert not [e for e in events if e.start < long_end and e.end > long_start]
    check_events(coder, text)
