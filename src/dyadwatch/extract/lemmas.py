"""Lemmas the coder can trust: the small model's verb and noun lemmas, mended where it errs."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token


def verb_lemma(token: Token, verbs: Mapping[str, object]) -> str | None:
    """Return the lexicon lemma of a verb, mending the model's lemma where it errs.

    The small English model lemmatises some verbs wrongly ('staged' -> 'stag'); when its
    lemma is not in the lexicon, the regular base forms of the word are tried.
    """
    lemma = token.lemma_.lower()
    if lemma in verbs:
        return lemma
    word = token.lower_
    candidates: list[str] = []
    if word.endswith("ed"):
        candidates += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            candidates.append(word[:-3])  # 'stopped' -> 'stop'
    elif word.endswith("ing"):
        candidates += [word[:-3], word[:-3] + "e"]
    elif word.endswith("s"):
        candidates += [word[:-1], word[:-2]]
    return next((c for c in candidates if c in verbs), None)


def noun_lemma(token: Token) -> str:
    """Return a noun's lemma, singular where the model left a plural as is ('euros')."""
    lemma = token.lemma_.lower()
    if (
        token.pos_ == "NOUN"
        and lemma == token.lower_
        and lemma.endswith("s")
        and not lemma.endswith(("ss", "us", "is"))
        and len(lemma) > 3
    ):
        return lemma[:-1]
    return lemma
