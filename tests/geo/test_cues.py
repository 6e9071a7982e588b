"""Cue words: lemmas in data/place_cues.tsv match every form the old word lists spelled out."""

from __future__ import annotations

import pytest

from dyadwatch.datafiles import read_words
from dyadwatch.errors import InputError
from dyadwatch.geo.cues import LemmaSet, load_cues, stems


def _words(text: str) -> list[str]:
    return text.split()


# The inflected forms the locator matched before its lists became lemmas (#16).
SCENE_VERBS = _words("""
    shell shells shelled shelling strike strikes struck striking bomb bombs bombed bombing
    attack attacks attacked attacking hit hits hitting pound pounds pounded pounding
    capture captures captured capturing seize seizes seized seizing storm stormed storming
    raid raids raided raiding target targets targeted targeting besiege besieged besieging
    invade invades invaded invading occupy occupied occupying retake retook retaken
    recapture recaptured encircle encircled liberate liberated bombard bombarded
    visit visits visited visiting tour toured touring
""")
TRAVEL = _words("""
    trip visit journey travel travelled traveled travels flew fly flies came come went go
    goes returned return headed arrived arrive moved sent deployed
""")
PLACE_NOUNS = _words("""
    city town village port capital region province oblast district outskirts suburb suburbs
    centre center area border streets base airport state
""")


@pytest.mark.issue(16)
@pytest.mark.parametrize("word", SCENE_VERBS)
def test_cues_scene_verbs_match_every_old_form(word: str) -> None:
    assert word in load_cues().scene_verbs


@pytest.mark.issue(16)
@pytest.mark.parametrize("word", TRAVEL)
def test_cues_travel_words_match_every_old_form(word: str) -> None:
    assert word in load_cues().travel


@pytest.mark.issue(16)
@pytest.mark.parametrize("word", PLACE_NOUNS)
def test_cues_place_nouns_match_every_old_form(word: str) -> None:
    assert word in load_cues().place_nouns


@pytest.mark.parametrize("word", ["shellfish", "hitter", "said", "in", "talks", "the", ""])
def test_cues_other_words_are_not_scene_verbs(word: str) -> None:
    assert word not in load_cues().scene_verbs


def test_cues_prepositions_match_as_written() -> None:
    cues = load_cues()
    assert {"in", "near", "towards"} <= cues.locative
    assert "near" not in cues.country_locative
    assert cues.country_locative <= cues.locative


@pytest.mark.parametrize(
    ("word", "stem"),
    [("occupied", "occupy"), ("flies", "fly"), ("goes", "go"), ("travelled", "travel"),
     ("capturing", "capture"), ("hitting", "hit"), ("shells", "shell")],
)  # fmt: skip
def test_cues_stems_include_the_lemma(word: str, stem: str) -> None:
    assert stem in list(stems(word))


def test_cues_irregular_forms_map_to_their_lemma() -> None:
    lemmas = LemmaSet(frozenset({"strike"}), {"struck": "strike", "flew": "fly"})
    assert ("struck" in lemmas, "flew" in lemmas) == (True, False)


@pytest.mark.parametrize(
    ("text", "line"),
    [("# note\nclass\twords\nGOOD\ta|b\n\tb|c\n", 4), ("\nlemma\tforms\n", 2)],
)
def test_cues_bad_data_lines_name_the_file_and_line(text: str, line: int) -> None:
    with pytest.raises(InputError, match=rf"^cues\.tsv:{line}: "):
        read_words(text, "cues.tsv")
