"""Small, real, picklable stages for the runner seam (the spaCy coder takes ~1 s to load)."""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

from dyadwatch.errors import ExtractError
from dyadwatch.records import Actor, Article, Event, Modality, QuadClass

PAIRS = [("RUS", "PRK"), ("SAU", "IRN"), ("NER", "FRA"), ("ISR", "IRN")]


class SentenceStage:
    """One event per sentence, its dyad and quad class picked from the sentence's hash.

    ``fail_on`` makes the stage raise on an article whose text contains it: ``"crash"``
    raises a plain RuntimeError (an engine failure), ``"extract"`` an ExtractError, and
    ``"exit"`` ends the worker process.
    ``pid_log`` appends each worker's pid there, to check how many processes coded.
    """

    version = "sentence-1"

    def __init__(self, *, fail_on: str = "", pid_log: str = "") -> None:
        self.fail_on = fail_on
        self.pid_log = pid_log

    def __call__(self, articles: list[Article]) -> list[Event]:
        if self.pid_log and articles:  # not a forked runner's load call, which codes nothing
            with open(self.pid_log, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
        return [event for article in articles for event in self._code(article)]

    def _code(self, article: Article) -> list[Event]:
        if self.fail_on and self.fail_on in article.text:
            if self.fail_on == "exit":
                os._exit(3)  # a worker process dying (out of memory, killed)
            if self.fail_on == "extract":
                raise ExtractError(f"article {article.id}: cannot code it")
            raise RuntimeError(f"stage crashed on article {article.id}")
        start = 0
        events = []
        for index, sentence in enumerate(article.text.split(". ")):
            events.append(_event(article, index, start, sentence))
            start += len(sentence) + 2
        return events


def _event(article: Article, index: int, start: int, sentence: str) -> Event:
    digest = hashlib.sha1(f"{article.id}|{index}|{sentence}".encode()).hexdigest()
    source, target = PAIRS[int(digest[:4], 16) % len(PAIRS)]
    quad = QuadClass(int(digest[4:6], 16) % 4 + 1)
    return Event(
        id=digest[:24],
        article_id=article.id,
        date=article.date,
        sentence_index=index,
        start=start,
        end=start + len(sentence),
        source=Actor(code=source, country=source),
        target=Actor(code=target, country=target),
        cameo="040",
        root="04",
        quad_class=quad,
        goldstein=1.0,
        plover_type="CONSULT",
        plover_mode="",
        modality=Modality.ASSERTED,
        trigger="met",
        evidence=sentence,
        confidence=0.5,
        coder_version=SentenceStage.version,
    )


def write_corpus(
    folder: Path, *, n_files: int, per_file: int, marker: tuple[int, int] | None = None
) -> Path:
    """Write ``n_files`` JSONL files of ``per_file`` articles of three sentences each.

    ``marker=(file, line)`` puts the words "crash extract exit" into that article.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        lines = []
        for j in range(per_file):
            n = i * per_file + j
            extra = " crash extract exit" if marker == (i, j) else ""
            text = f"Envoys of pair {n} met. They talked about trade{extra}. Talks go on {n % 7}"
            record = {
                "date": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "title": f"T{n}",
                "text": text,
            }
            lines.append(json.dumps(record))
        (folder / f"part{i:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_inputs() -> list[Path]:
    """The bundled example articles (the storyline folders and the seed article)."""
    return [*sorted(p for p in EXAMPLES.iterdir() if p.is_dir()), EXAMPLES / "seed-article.txt"]


def write_sentence_corpus(path: Path, *, n_sentences: int, per_article: int = 8) -> Path:
    """Write a JSONL corpus of example sentences, shuffled with a fixed seed."""
    from dyadwatch.ingest import read_articles

    sentences = [
        (article.date, sentence.strip() + ".")
        for article in read_articles(example_inputs())
        for sentence in article.text.replace("\n", " ").split(". ")
        if len(sentence.split()) > 4
    ]
    random.Random(20231112).shuffle(sentences)
    picked = [sentences[i % len(sentences)] for i in range(n_sentences)]
    lines = [
        json.dumps(
            {
                "date": picked[i][0].isoformat(),
                "title": f"Generated {i // per_article}",
                "text": " ".join(text for _, text in picked[i : i + per_article]),
            }
        )
        for i in range(0, n_sentences, per_article)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
