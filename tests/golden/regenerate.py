"""Rewrite the coder golden files from their inputs: `make golden`, then review the diff.

Inputs are the seed article, a few bundled examples and `sentences.tsv` (date, text),
all written for dyadwatch. Each golden line holds one input and the events the coder
produced for it; `tests/extract/test_golden.py` recodes the inputs and compares.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
ARTICLE_SOURCES = (
    "examples/seed-article.txt",
    "examples/russia-north-korea/2023-09-13-kim-meets-putin-at-vostochny.txt",
    "examples/russia-north-korea/2024-06-19-putin-kim-sign-mutual-defence-treaty.txt",
    "examples/saudi-arabia-iran/2023-03-10-saudi-arabia-iran-agree-to-restore-ties.txt",
    "examples/niger-france/2023-08-26-junta-orders-french-ambassador-out.txt",
    "examples/israel-iran/2024-04-14-iran-launches-drones-and-missiles-at-israel.txt",
)
GOLDEN = HERE / "coder.jsonl"
LEARNED = HERE / "learned.jsonl"  # the pair model's scores on the same sentences


def inputs() -> list[dict[str, str]]:
    """Return the golden inputs as {name, date, text} records."""
    records = []
    for relative in ARTICLE_SOURCES:
        path = ROOT / relative
        if not path.exists():
            continue
        raw = path.read_text("utf-8").lstrip()
        _, date, text = raw.split(None, 2)
        records.append({"name": relative, "date": date, "text": text})
    for number, line in enumerate((HERE / "sentences.tsv").read_text("utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            date, text = line.split("\t", 1)
            records.append({"name": f"sentences.tsv:{number}", "date": date, "text": text})
    return records


def event_view(event: Any) -> dict[str, Any]:
    """Return the fields a golden file pins for one event."""
    return {
        "source": event.source.code,
        "target": event.target.code,
        "cameo": event.cameo,
        "modality": event.modality.value,
        "trigger": event.trigger,
        "sentence": event.sentence_index,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision.value,
        "location": [event.location.name, event.location.country, event.location.precision.value],
    }


def code_record(coder: Any, record: dict[str, str]) -> list[dict[str, Any]]:
    """Code one golden input and return its sorted event views."""
    from dyadwatch.extract import code_text

    date = datetime.date.fromisoformat(record["date"])
    events = code_text(coder, record["text"], date=date, article_id=record["name"])
    return sorted((event_view(e) for e in events), key=lambda v: json.dumps(v, sort_keys=True))


def learned_inputs() -> list[dict[str, Any]]:
    """Return the one-sentence inputs with their gazetteer mentions (the model's input)."""
    from dyadwatch.actors import ActorGazetteer, Resolver
    from dyadwatch.learned.sides import distinct, event_sides

    resolver = Resolver(ActorGazetteer.load())
    records = []
    for record in inputs():
        if not record["name"].startswith("sentences.tsv"):
            continue
        date = datetime.date.fromisoformat(record["date"])
        mentions = resolver.find(record["text"], date=date)
        found = [(mentions[i], actor) for i, actor in event_sides([m.actor for m in mentions])]
        spans = [[m.start, m.end] for m, _ in found]
        pairs = [
            [s, t]
            for s, (_, a) in enumerate(found)
            for t, (_, b) in enumerate(found)
            if s != t and distinct(a, b)
        ]
        if pairs:
            records.append(
                {"name": record["name"], "text": record["text"], "mentions": spans, "pairs": pairs}
            )
    return records


def score_record(model: Any, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Score one learned golden input: root, code, rounded probability and further roots
    (root, code, rounded probability) per pair."""
    from dyadwatch.learned import SentencePairs

    sentence = SentencePairs(
        record["text"],
        tuple((a, b) for a, b in record["mentions"]),
        tuple((s, t) for s, t in record["pairs"]),
    )
    [scores] = model.score([sentence])
    return [
        {
            "pair": [s.source, s.target],
            "root": s.root,
            "code": s.code,
            "probability": round(s.probability, 2),
            "also": [[o.root, o.code, round(o.probability, 2)] for o in s.also],
        }
        for s in scores
    ]


def main() -> None:
    """Recode every input and rewrite the golden files."""
    from dyadwatch.extract import Coder, build_nlp
    from dyadwatch.learned import PairModel

    coder = Coder(build_nlp())
    with GOLDEN.open("w", encoding="utf-8") as handle:
        for record in inputs():
            line = {**record, "events": code_record(coder, record)}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    model = PairModel.load()
    with LEARNED.open("w", encoding="utf-8") as handle:
        for record in learned_inputs():
            line = {**record, "scores": score_record(model, record)}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
