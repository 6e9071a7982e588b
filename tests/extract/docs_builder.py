"""Build parsed spaCy Docs by hand, so coder logic is tested without the trained model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadwatch.actors import MentionKind
from dyadwatch.extract.actor_spans import ActorSpan
from dyadwatch.records import Actor, ActorKind

VOCAB = spacy.blank("en").vocab


def parse(spec: str) -> Doc:
    """Build a Doc from ``word/POS/dep/head[/lemma]`` items; heads are 0-based indices.

    Sentences are separated by `` || ``; heads are indices within their own sentence.
    """
    words, pos, deps, heads, lemmas, starts = [], [], [], [], [], []
    offset = 0
    for sentence in spec.split(" || "):
        items = sentence.split()
        for index, item in enumerate(items):
            parts = item.split("/")
            word, tag, dep, head = parts[0].replace("_", " "), parts[1], parts[2], int(parts[3])
            words.append(word)
            pos.append(tag)
            deps.append(dep)
            heads.append(head + offset)
            lemmas.append(parts[4] if len(parts) > 4 else word.lower())
            starts.append(index == 0)
        offset += len(items)
    _check_tree(heads, deps)
    return Doc(
        VOCAB, words=words, pos=pos, deps=deps, heads=heads, lemmas=lemmas, sent_starts=starts
    )


def _check_tree(heads: list[int], deps: list[str]) -> None:
    """Fail fast on a mistyped spec: every token must reach a ROOT that heads itself."""
    for start in range(len(heads)):
        seen: set[int] = set()
        node = start
        while heads[node] != node:
            if node in seen:
                raise ValueError(f"token {start}: the heads form a cycle")
            seen.add(node)
            node = heads[node]
        if deps[node] != "ROOT":
            raise ValueError(f"token {start}: reaches token {node}, which is not a ROOT")


COUNTRIES = {
    "Russia": "RUS",
    "Moscow": "RUS",
    "North Korea": "PRK",
    "Cuba": "CUB",
    "Iran": "IRN",
    "U.S.": "USA",
    "Ukraine": "UKR",
    "China": "CHN",
    "Russian": "RUS",
    "Iranian": "IRN",
}


def spans(
    doc: Doc, *, people: dict[str, str] | None = None, agents: dict[str, str] | None = None
) -> dict[int, ActorSpan]:
    """Pin country names (possibly two words) and given people/agents onto the tokens."""
    found: dict[int, ActorSpan] = {}
    index = 0
    while index < len(doc):
        two = f"{doc[index].text} {doc[index + 1].text}" if index + 1 < len(doc) else ""
        for name, width in ((two, 2), (doc[index].text, 1)):
            actor = _actor(name, people or {}, agents or {})
            if actor is not None:
                kind = MentionKind.AGENT if not actor.country else MentionKind.COUNTRY
                span = ActorSpan(index, index + width, actor, kind)
                for i in range(index, index + width):
                    found[i] = span
                index += width - 1
                break
        index += 1
    return found


def _actor(name: str, people: dict[str, str], agents: dict[str, str]) -> Actor | None:
    if name in COUNTRIES:
        code = COUNTRIES[name]
        return Actor(code=code, country=code, name=name)
    if name in people:
        country = people[name]
        return Actor(
            code=f"{country}GOV", country=country, sector="GOV", name=name, kind=ActorKind.PERSON
        )
    if name in agents:
        return Actor(code="", country="", sector=agents[name], name=name, kind=ActorKind.AGENT)
    return None
