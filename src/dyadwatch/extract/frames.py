"""Read the parse around a predicate as the lexicon sees it: its frame and phrase lemmas.

A ``Frame`` holds the lemmas of a predicate's objects, complements, prepositions and
particles; lexicon rules (``obj=WEAPON``, ``prep=to``) match against it.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.extract.lemmas import noun_lemma
from dyadwatch.extract.lexicon import Frame, word_table

THEME_PREPS = frozenset({"with", "of", "for", "on", "about", "over"})
MEASURE_NOUNS = word_table("roles.tsv")["MEASURE_NOUNS"]
UNDOING_VERBS = word_table("roles.tsv")["UNDOING_VERBS"]
DIRECTION_ADVERBS = word_table("roles.tsv")["DIRECTION_ADVERBS"]


def verb_frame(verb: Token) -> Frame:
    """Return what the parse offers around a verbal predicate, for the lexicon to match."""
    obj: set[str] = set()
    xcomp: set[str] = set()
    preps: set[str] = set()
    prt: set[str] = set()
    for_: set[str] = set()
    clausal = False
    for child in _verb_dependents(verb):
        dep = child.dep_
        if dep in {"dobj", "attr", "oprd", "nsubjpass", "dative"}:
            obj.update(phrase_lemmas(child))
        elif dep == "prep":
            preps.add(child.lower_)
            lemmas = {
                w for p in child.children if p.dep_ in {"pobj", "pcomp"} for w in phrase_lemmas(p)
            }
            if child.lower_ in THEME_PREPS:
                obj.update(lemmas)
            if child.lower_ == "for":
                for_.update(lemmas)
        elif dep in {"xcomp", "ccomp"}:
            clausal = True
            xcomp.add(child.lemma_.lower())
            xcomp.update(c.lemma_.lower() for c in child.conjuncts)
            if child.lemma_.lower() not in UNDOING_VERBS:
                # 'agreed to impose sanctions': the complement's object is the verb's too;
                # not 'agreed to lift sanctions', whose act is the complement's own
                obj.update(w for c in child.children if c.dep_ == "dobj" for w in phrase_lemmas(c))
        elif dep == "prt":
            prt.add(child.lower_)
        elif dep in {"advcl", "csubj"}:
            clausal = True
    return Frame(
        frozenset(obj),
        frozenset(xcomp),
        frozenset(preps),
        frozenset(prt),
        frozenset(for_),
        clausal=clausal,
    )


def _verb_dependents(verb: Token) -> list[Token]:
    """A verb's children, with the phrases a directional adverb holds for it: 'put Japan back
    on its white list' hangs 'on' under 'back'."""
    found = []
    for child in verb.children:
        found.append(child)
        if child.dep_ == "advmod" and child.lower_ in DIRECTION_ADVERBS:
            found.extend(c for c in child.children if c.dep_ == "prep")
    return found


def noun_frame(noun: Token) -> Frame:
    """Return what the parse offers around a nominal predicate, for the lexicon to match."""
    obj: set[str] = set()
    preps: set[str] = set()
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "nmod"}:
            obj.add(child.lemma_.lower())
        elif child.dep_ == "prep":
            preps.add(child.lower_)
            if child.lower_ in {"of", "for", "on", "with"}:
                obj.update(w for p in child.children if p.dep_ == "pobj" for w in phrase_lemmas(p))
    return Frame(obj=frozenset(obj), preps=frozenset(preps))


def phrase_lemmas(token: Token) -> set[str]:
    """Lemmas of a noun phrase head, its conjuncts and compound+head pairs ('food aid')."""
    lemmas: set[str] = set()
    heads = (
        [token, *(c for c in token.conjuncts if c.i > token.i)] if token.dep_ != "conj" else [token]
    )
    if token.lower_ in {"that", "which"} and token.head.dep_ == "relcl":
        heads.append(token.head.head)
    for head in heads:
        lemma = noun_lemma(head)
        lemmas.add(lemma)
        lemmas.add(head.lower_)
        for child in head.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                lemmas.add(f"{child.lemma_.lower()} {lemma}")
                lemmas.add(child.lemma_.lower())
                # 'military cooperation agreements': the modifier's own modifier names
                # the kind with it ('military cooperation agreement').
                lemmas.update(
                    f"{grand.lemma_.lower()} {child.lemma_.lower()} {lemma}"
                    for grand in child.children
                    if grand.dep_ in {"compound", "amod"}
                )
            elif child.dep_ == "prep" and child.lower_ == "of" and lemma not in MEASURE_NOUNS:
                # 'state of emergency', 'freedom of movement': the whole name counts.
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # 'list of trusted trading partners': with its compounds too
                        named = pobj.lemma_.lower()
                        lemmas.add(f"{lemma} of {named}")
                        lemmas.update(
                            f"{lemma} of {c.lemma_.lower()} {named}"
                            for c in pobj.children
                            if c.dep_ == "compound"
                        )
            elif child.dep_ == "prep" and child.lower_ == "of" and lemma in MEASURE_NOUNS:
                # '5 million dollars of aid', 'tons of food aid': the measured thing counts.
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        lemmas.update(phrase_lemmas(pobj))
    return lemmas


def theme_tokens(verb: Token) -> set[int]:
    """Return the tokens of a verb's objects and prepositional objects (its themes)."""
    themes: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"dobj", "attr", "nsubjpass"}:
            themes.update(c.i for c in (child, *child.conjuncts))
        elif child.dep_ == "prep":
            themes.update(p.i for p in child.children if p.dep_ == "pobj")
    return themes
