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
from importlib import resources

from dyadwatch.errors import FormatError

__all__ = ["Cues", "LemmaSet", "load_cues", "parse_classes", "stems"]

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
    classes = dict(_classes(CUES_FILE, header="class"))
    irregular = {
        form: lemma for lemma, forms in _classes(IRREGULAR_FILE, header="lemma") for form in forms
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


def _classes(name: str, *, header: str) -> Iterator[tuple[str, list[str]]]:
    text = resources.files("dyadwatch.geo").joinpath("data", name).read_text(encoding="utf-8")
    return parse_classes(text, where=f"dyadwatch/geo/data/{name}", header=header)


def parse_classes(text: str, *, where: str, header: str) -> Iterator[tuple[str, list[str]]]:
    r"""Yield ``(name, words)`` for each ``name<TAB>word|word|...`` line after the header.

    Raises:
        FormatError: naming ``where`` and the line, for a missing header or a line
            without a tab or words.

    Example:
        >>> list(parse_classes("class\twords\nTRAVEL\ttrip|go", where="x.tsv", header="class"))
        [('TRAVEL', ['trip', 'go'])]
    """
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    numbered = [(n, line) for n, line in numbered if not line.startswith("#")]
    if not numbered or numbered[0][1].split("\t")[0] != header:
        first = numbered[0][0] if numbered else 1
        raise FormatError(where, first, f"the header must start with {header!r}")
    for number, line in numbered[1:]:
        key, tab, words = line.partition("\t")
        if not tab or not words.strip():
            raise FormatError(where, number, "a line needs a name, a tab and word|word|...")
        yield key.strip(), [word.strip() for word in words.split("|") if word.strip()]
