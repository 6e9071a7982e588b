"""The words that tell the locator where an event happened, read from ``data/place_cues.tsv``.

Scene verbs, journeys and place nouns are kept as lemmas and matched on lemma, so the
data lists "shell" once instead of "shell shells shelled shelling". There is no parse here
(this package runs without spaCy): a word matches a lemma when the word, its irregular
form (``data/irregular_forms.tsv``) or one of its regular stems ("occupied" -> "occupy",
"hitting" -> "hit", "captured" -> "capture") is that lemma. Prepositions and the words
that may touch a place name are matched as written.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from dyadwatch.datafiles import package_table, package_words

__all__ = ["Cues", "LemmaSet", "load_cues", "stems"]

CUES_FILE = "place_cues.tsv"
IRREGULAR_FILE = "irregular_forms.tsv"


@dataclass(frozen=True, slots=True)
class LemmaSet:
    """Lemmas that match every inflected form of themselves.

    Example:
        >>> shell = LemmaSet(frozenset({"shell", "occupy"}), {})
        >>> "shelled" in shell, "occupies" in shell, "shellfish" in shell
        (True, True, False)
    """

    lemmas: frozenset[str]
    irregular: dict[str, str]  # form -> lemma ("struck" -> "strike")

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.lemmas or self.irregular.get(word) in self.lemmas:
            return True
        return any(stem in self.lemmas for stem in stems(word))


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue word classes of ``place_cues.tsv``; see the file's comments for each."""

    locative: frozenset[str]
    country_locative: frozenset[str]
    scene_verbs: LemmaSet
    travel: LemmaSet
    place_nouns: LemmaSet
    admin_suffixes: frozenset[str]
    days_and_months: frozenset[str]


@functools.cache
def load_cues() -> Cues:
    """Return the packaged cue words (read once per process).

    Example:
        >>> "struck" in load_cues().scene_verbs
        True
    """
    classes = package_words("dyadwatch.geo", CUES_FILE)
    irregular = {
        form.strip(): row["lemma"]
        for row in package_table("dyadwatch.geo", IRREGULAR_FILE, ("lemma", "forms"))
        for form in row["forms"].split("|")
        if form.strip()
    }

    def lemmas(name: str) -> LemmaSet:
        return LemmaSet(frozenset(classes[name]), irregular)

    return Cues(
        locative=frozenset(classes["LOCATIVE"]),
        country_locative=frozenset(classes["COUNTRY_LOCATIVE"]),
        scene_verbs=lemmas("SCENE_VERB_LEMMAS"),
        travel=lemmas("TRAVEL_LEMMAS"),
        place_nouns=lemmas("PLACE_NOUN_LEMMAS"),
        admin_suffixes=frozenset(classes["ADMIN_SUFFIX"]),
        days_and_months=frozenset(classes["DAY_OR_MONTH"]),
    )


def stems(word: str) -> Iterator[str]:
    """Yield the regular stems ``word`` may be an inflection of (a lemma is one of them).

    The first stems are the ones ``extract.lemmas.verb_lemma`` tries, in its order; the
    "-ies"/"-ied" and doubled "-ing" stems follow.

    Example:
        >>> list(stems("hitting"))
        ['hitt', 'hitte', 'hit']
    """
    if word.endswith("ed"):
        yield from (word[:-1], word[:-2])  # 'captured', 'shelled'
        if len(word) > 4 and word[-3] == word[-4]:
            yield word[:-3]  # 'travelled'
        if word.endswith("ied"):
            yield word[:-3] + "y"  # 'occupied'
    elif word.endswith("ing"):
        yield from (word[:-3], word[:-3] + "e")  # 'shelling', 'capturing'
        if len(word) > 5 and word[-4] == word[-5]:
            yield word[:-4]  # 'hitting'
    elif word.endswith("s"):
        yield from (word[:-1], word[:-2])  # 'shells', 'goes'
        if word.endswith("ies"):
            yield word[:-3] + "y"  # 'occupies'
