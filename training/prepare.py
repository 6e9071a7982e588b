"""Turn the written corpus into pair examples: each sentence, its actor mentions, and the
label of every ordered pair of mentions (a CAMEO code, or NONE).

Mentions are what the coder will see at run time: the gazetteer's (``dyadwatch.actors``),
on the sentence's date. A labelled actor span the gazetteer misses is added as a mention
of its own, so no written event is lost. Near-duplicate sentences (MinHash over word
3-grams, Jaccard >= 0.8) are dropped, the first one kept.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

from dyadwatch.learned.sides import NO_COUNTRY_PREFIXES, distinct, event_sides
from dyadwatch.records import Actor, ActorKind

logger = logging.getLogger(__name__)

NONE = "NONE"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence with its mentions and labelled ordered pairs."""

    id: str
    text: str
    mentions: tuple[tuple[int, int], ...]
    pairs: tuple[tuple[int, int, str, str], ...]  # (source, target, code or NONE, modality)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "mentions": [list(m) for m in self.mentions],
            "pairs": [list(p) for p in self.pairs],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Example:
        return cls(
            id=raw["id"],
            text=raw["text"],
            mentions=tuple((int(a), int(b)) for a, b in raw["mentions"]),
            pairs=tuple((int(s), int(t), str(c), str(m)) for s, t, c, m in raw["pairs"]),
        )


def read_corpus(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Yield the corpus records of every file, in file order."""
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise SystemExit(f"{path}:{number}: not JSON ({error})") from None


def corpus_hash(paths: Iterable[Path]) -> str:
    """Return the SHA-256 of the corpus files' bytes, in sorted path order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def shingles(text: str, n: int = 3) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}


def dedupe(records: Sequence[dict[str, Any]], threshold: float = 0.8) -> list[dict[str, Any]]:
    """Drop records whose text is a near-duplicate of an earlier one."""
    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    kept: list[dict[str, Any]] = []
    for index, record in enumerate(records):
        sketch = MinHash(num_perm=64, seed=1)
        for gram in shingles(record["text"]):
            sketch.update(gram.encode("utf-8"))
        if lsh.query(sketch):
            continue
        lsh.insert(str(index), sketch)
        kept.append(record)
    return kept


def span_of(text: str, event: dict[str, Any], side: str) -> tuple[int, int]:
    """Return the character span of an event's ``side`` ("source" or "target")."""
    needle = event[side]
    start = -1
    for _ in range(int(event.get(f"{side}_at", 0)) + 1):
        start = text.find(needle, start + 1)
    return start, start + len(needle)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class MentionFinder:
    """The gazetteer's mentions of a sentence, as the coder finds them at run time."""

    def __init__(self) -> None:
        from dyadwatch.actors import ActorGazetteer, Resolver

        self.resolver = Resolver(ActorGazetteer.load())

    def find(self, text: str, date: datetime.date) -> list[tuple[int, int, Actor]]:
        """The mentions that can be an event's side, as the coder's candidates."""
        mentions = self.resolver.find(text, date=date)
        return [
            (mentions[i].start, mentions[i].end, actor)
            for i, actor in event_sides([m.actor for m in mentions])
        ]


def labelled_actor(code: str) -> Actor:
    """The actor a written label names (a span the gazetteer missed): its country and
    sector read from the code ("EGYCOP"), an IGO kept whole."""
    if code.startswith(NO_COUNTRY_PREFIXES):
        return Actor(code, "", "", kind=ActorKind.IGO if code.startswith("IGO") else ActorKind.NSA)
    return Actor(code, code[:3], code[3:6], kind=ActorKind.AGENT if code[3:] else ActorKind.COUNTRY)


def party(code: str) -> str:
    """The party an actor code belongs to: its country, or the whole IGO or NGO code."""
    return code if code.startswith(NO_COUNTRY_PREFIXES) else code[:3]


def example(record: dict[str, Any], finder: MentionFinder) -> Example:
    """Label every ordered pair of mentions of one corpus record."""
    text = record["text"]
    date = datetime.date.fromisoformat(record["date"])
    found = finder.find(text, date)
    mentions = [(s, e) for s, e, _ in found]
    actors = [a for _, _, a in found]
    labels: dict[tuple[int, int], tuple[str, str]] = {}
    for event in record["events"]:
        ends = []
        for side in ("source", "target"):
            span = span_of(text, event, side)
            index = next((i for i, m in enumerate(mentions) if overlaps(m, span)), None)
            if index is None:
                mentions.append(span)
                actors.append(labelled_actor(event[f"{side}_code"]))
                index = len(mentions) - 1
            ends.append(index)
        if ends[0] != ends[1]:
            labels.setdefault((ends[0], ends[1]), (str(event["cameo"]), event["modality"]))
    # Another mention of a labelled pair's countries ('the French foreign ministry ...
    # Paris', 'Pakistan said its air force ...') is neither taught as the event nor as NONE.
    codes = [a.code for a in actors]
    labelled = {(party(codes[s]), party(codes[t])) for s, t in labels}
    pairs = tuple(
        (s, t, *labels.get((s, t), (NONE, "asserted")))
        for s in range(len(mentions))
        for t in range(len(mentions))
        if s != t
        and ((s, t) in labels or distinct(actors[s], actors[t]))
        and not overlaps(mentions[s], mentions[t])
        and ((s, t) in labels or (party(codes[s]), party(codes[t])) not in labelled)
    )
    return Example(id=record["id"], text=text, mentions=tuple(mentions), pairs=pairs)


def prepare(paths: Sequence[Path], out: Path) -> dict[str, int]:
    """Write the pair examples of the corpus to ``out`` (JSON Lines); return counts."""
    records = list(read_corpus(paths))
    kept = dedupe(records)
    finder = MentionFinder()
    out.parent.mkdir(parents=True, exist_ok=True)
    positives = pairs = 0
    with out.open("w", encoding="utf-8") as sink:
        for record in kept:
            ex = example(record, finder)
            pairs += len(ex.pairs)
            positives += sum(p[2] != NONE for p in ex.pairs)
            sink.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
    return {
        "sentences": len(records),
        "near_duplicates": len(records) - len(kept),
        "pairs": pairs,
        "event_pairs": positives,
    }


def read_examples(path: Path) -> list[Example]:
    return [
        Example.from_json(json.loads(line))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def is_dev(example_id: str, share: int = 10) -> bool:
    """Hold out about 1/share of the sentences, by a hash of the id (stable across runs)."""
    return int(hashlib.sha1(example_id.encode()).hexdigest(), 16) % share == 0
