"""Small, real, picklable run stages shared by the store and runner tests (no spaCy)."""

from __future__ import annotations

import hashlib

from dyadwatch.records import Actor, Article, Event, Modality, QuadClass


class FirstSentenceStage:
    """One NOR-SWE event from each article's first sentence; the same for every wire copy."""

    version = "first-sentence-1"

    def __call__(self, articles: list[Article]) -> list[Event]:
        return [self._event(article) for article in articles]

    def _event(self, article: Article) -> Event:
        sentence = article.text.split(".")[0]
        digest = hashlib.sha1(f"{article.id}|{sentence}".encode()).hexdigest()
        return Event(
            id=digest[:24], article_id=article.id, date=article.date, sentence_index=0,
            start=0, end=len(sentence), source=Actor(code="NOR", country="NOR"),
            target=Actor(code="SWE", country="SWE"), cameo="057", root="05",
            quad_class=QuadClass.VERBAL_COOPERATION, goldstein=8.0, plover_type="AGREE",
            plover_mode="", modality=Modality.ASSERTED, trigger="signed", evidence=sentence,
            confidence=0.9, coder_version=self.version,
        )  # fmt: skip
