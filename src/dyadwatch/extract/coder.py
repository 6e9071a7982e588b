"""Turn parsed articles into ``Event`` records: the ``dyadwatch_events`` component and ``Coder``.

The component runs inside spaCy's pipeline (and so inside its worker processes) and
stores plain rows on the Doc; ``Coder`` feeds articles through ``nlp.pipe`` and turns
those rows into frozen ``Event`` records with the ontology's quad class, Goldstein and
PLOVER labels. The spaCy ``Doc`` never leaves this package.
"""

from __future__ import annotations

import collections
import datetime
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyadwatch.errors import ExtractError, UnknownNameError
from dyadwatch.extract import learned, places, when
from dyadwatch.extract.actors import ActorSpan, actor_spans, article_date
from dyadwatch.extract.arguments import Arguments, Discourse
from dyadwatch.extract.events import Draft, SentenceCoder
from dyadwatch.extract.lexicon import Lexicon, load_lexicon
from dyadwatch.learned import PairModel
from dyadwatch.ontology import cameo
from dyadwatch.records import (
    Actor,
    ActorKind,
    Article,
    CoderKind,
    DatePrecision,
    Event,
    GeoPrecision,
    Location,
    Modality,
)

CODER_VERSION = "dyadwatch-coder/0.2"
logger = logging.getLogger(__name__)


class EventComponent:
    """Pipeline component: code every sentence of a Doc into plain event rows."""

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        max_sentence_tokens: int,
        kind: CoderKind = CoderKind.HYBRID,
        threshold: float = 0.6,
        model: PairModel | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.max_sentence_tokens = max_sentence_tokens
        self.kind = kind
        self.threshold = threshold
        self.model = model
        self._model_pid = os.getpid()
        if kind is not CoderKind.RULES and model is None:
            raise ExtractError(f"the {kind.value} coder needs the learned model")
        # Loaded when the pipeline is built, not on first use: run workers forked from a
        # loaded stage (runner.start_method = "fork") then share it instead of each
        # building it (2 s).
        self.places = places.Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        return self._code(doc, self._proposals(doc))

    def _code(self, doc: Doc, proposals: list[list[Draft]]) -> Doc:
        spans = actor_spans(doc)
        tok2span = {i: span for span in spans for i in range(span.start, span.end)}
        args = Arguments(tok2span=tok2span, memory=Discourse(), places=self._place_tokens(doc))
        coder = SentenceCoder(self.lexicon, args)
        lead_end = _lead_end(doc.text)
        date = article_date(doc)
        rows: list[dict[str, Any]] = []
        skipped = 0
        for index, sent in enumerate(doc.sents):
            if len(sent) > self.max_sentence_tokens:
                skipped += 1
                continue
            rule_drafts = coder.code(sent) if self.kind is not CoderKind.LEARNED else []
            drafts = learned.merge(rule_drafts, proposals[index])
            for draft in drafts:
                row = _row(index, sent, draft, is_root=sent.start_char < lead_end)
                row.update(self._where_when(sent.text, draft, doc.text, date))
                rows.append(row)
            # The rules' own pairs: the model's proposals never steer their pronouns.
            pair = _pair(sent, rule_drafts, tok2span)
            args.memory.remember(_main_subject(sent, tok2span), pair)
        doc._.events = rows
        doc._.skipped_sentences = skipped
        return doc

    def _proposals(self, doc: Doc) -> list[list[Draft]]:
        """Return the learned model's drafts for each sentence (none for the rules coder).

        One model call per Doc: int8 activations are quantised per batch, so a sentence's
        scores depend on its batch mates, and batching by Doc keeps every runner's output
        the same (local(1) = local(2) = Ray).
        """
        sents = list(doc.sents)
        if self.model is None or self.kind is CoderKind.RULES:
            return [[] for _ in sents]
        if self._model_pid != os.getpid():
            # A session forked from the parent (runner.start_method = "fork") runs several
            # times slower in the child: each process opens its own.
            self.model = PairModel.load(folder=self.model.folder, threads=self.model.threads)
            self._model_pid = os.getpid()
        spans = actor_spans(doc)
        mentions = [
            learned.candidates(sent, spans) if len(sent) <= self.max_sentence_tokens else []
            for sent in sents
        ]
        inputs = [learned.sentence_pairs(s, m) for s, m in zip(sents, mentions, strict=True)]
        scores = self.model.score(inputs)
        return [
            learned.drafts(sent, found, scored, threshold=self.threshold)
            for sent, found, scored in zip(sents, mentions, scores, strict=True)
        ]

    def _place_tokens(self, doc: Doc) -> dict[int, Actor]:
        """Map the tokens of named towns and regions to their country ('shelled Kherson')."""
        found: dict[int, Actor] = {}
        for match in self.places.find(doc.text):
            location = match.location
            if location.precision is GeoPrecision.COUNTRY or not location.country:
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            actor = Actor(code=location.country, country=location.country, name=match.name)
            found.update((token.i, actor) for token in span)
        return found

    def _where_when(
        self, sentence: str, draft: Draft, article_text: str, date: datetime.date
    ) -> dict[str, Any]:
        """Return the row fields for where and when the drafted event happened (#10)."""
        info = cameo.get(draft.cameo)
        location = places.locate_event(
            sentence,
            article_text=article_text,
            source_country=draft.source.country,
            target_country=draft.target.country,
            root=info.root,
            cameo=info.code,
            quad_class=int(info.quad_class),
            trigger_start=draft.trigger_start,
            gazetteer=self.places,
            symmetric=draft.symmetric,
        )
        day, precision = when.event_date(draft.clause or sentence, article_date=date)
        return {
            "location": [
                location.name,
                location.country,
                location.admin1,
                location.latitude,
                location.longitude,
                location.geonames_id,
                location.precision.value,
            ],
            "date": day.isoformat(),
            "date_precision": precision.value,
        }


@Language.factory(
    "dyadwatch_events",
    default_config={
        "max_sentence_tokens": 150,
        "coder": CoderKind.HYBRID.value,
        "threshold": 0.6,
        "threads": 1,
    },
    requires=["doc._.actor_spans", "token.dep", "token.lemma"],
    assigns=["doc._.events"],
)
def make_event_component(
    nlp: Language,
    name: str,
    *,
    max_sentence_tokens: int,
    coder: str,
    threshold: float,
    threads: int,
) -> EventComponent:
    """Build the event component over the packaged lexicon and, unless rules only, the model."""
    if coder not in set(CoderKind):
        raise UnknownNameError("coder (coder.kind)", coder, [k.value for k in CoderKind])
    kind = CoderKind(coder)
    model = PairModel.load(threads=threads) if kind is not CoderKind.RULES else None
    return EventComponent(
        load_lexicon(),
        max_sentence_tokens=max_sentence_tokens,
        kind=kind,
        threshold=threshold,
        model=model,
    )


def _lead_end(text: str) -> int:
    """Return where the lead paragraph ends (GDELT's root-event window)."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n\n", stripped)
    return end if end > 0 else min(len(text), stripped + 400)


def _actor_row(actor: Actor) -> list[str]:
    return [actor.code, actor.country, actor.sector, actor.name, actor.kind.value]


def _row(index: int, sent: Span, draft: Draft, *, is_root: bool) -> dict[str, Any]:
    return {
        "sentence_index": index,
        "start": sent.start_char,
        "end": sent.end_char,
        "source": _actor_row(draft.source),
        "target": _actor_row(draft.target),
        "cameo": draft.cameo,
        "trigger": draft.trigger,
        "modality": draft.modality.value,
        "confidence": draft.confidence,
        "is_root": is_root,
    }


def _main_subject(sent: Span, tok2span: dict[int, ActorSpan]) -> Actor | None:
    for token in sent:
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.head.dep_ == "ROOT"
            and token.i in tok2span
        ):
            return tok2span[token.i].actor
    firsts = [tok2span[t.i].actor for t in sent if t.i in tok2span and tok2span[t.i].actor.country]
    return firsts[0] if firsts else None


def _pair(
    sent: Span, drafts: list[Draft], tok2span: dict[int, ActorSpan]
) -> tuple[Actor, Actor] | None:
    for draft in drafts:
        if draft.source.country and draft.target.country:
            return (draft.source, draft.target)
    for token in sent:
        span = tok2span.get(token.i)
        if span is None or not span.actor.country:
            continue
        for conj in token.conjuncts:
            other = tok2span.get(conj.i)
            if (
                other is not None
                and other.actor.country
                and other.actor.country != span.actor.country
            ):
                return (span.actor, other.actor)
    return None


def _actor(row: list[str]) -> Actor:
    code, country, sector, name, kind = row
    return Actor(code=code, country=country, sector=sector, name=name, kind=ActorKind(kind))


def event_id(article_id: str, start: int, end: int, source: str, target: str, code: str) -> str:
    """Return the content-hash id of an event (stable across recoding)."""
    key = "\x1f".join((article_id, str(start), str(end), source, target, code))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _location(row: list[Any] | None) -> Location:
    if not row:
        return Location()
    name, country, admin1, lat, lon, geonames_id, precision = row
    return Location(
        name=name,
        country=country,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        geonames_id=geonames_id,
        precision=GeoPrecision(precision),
    )


def to_event(article: Article, row: dict[str, Any]) -> Event:
    """Build the ``Event`` record for one component row of ``article``."""
    info = cameo.get(row["cameo"])
    source, target = _actor(row["source"]), _actor(row["target"])
    start, end = int(row["start"]), int(row["end"])
    return Event(
        id=event_id(article.id, start, end, source.code, target.code, info.code),
        article_id=article.id,
        date=datetime.date.fromisoformat(row["date"]) if "date" in row else article.date,
        sentence_index=int(row["sentence_index"]),
        start=start,
        end=end,
        source=source,
        target=target,
        cameo=info.code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_type=info.plover_type,
        plover_mode=info.plover_mode,
        modality=Modality(row["modality"]),
        trigger=row["trigger"],
        evidence=article.text[start:end],
        confidence=float(row["confidence"]),
        coder_version=CODER_VERSION,
        is_root=bool(row["is_root"]),
        date_precision=DatePrecision(row.get("date_precision", DatePrecision.ARTICLE.value)),
        location=_location(row.get("location")),
    )


class Coder:
    """Code articles into events with a loaded pipeline.

    Example:
        >>> coder = Coder(build_nlp())  # doctest: +SKIP
        >>> events = list(coder.code(articles))  # doctest: +SKIP
    """

    def __init__(self, nlp: Language, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.skipped_sentences = 0  # over coder.max_sentence_tokens, in all calls so far

    def code(self, articles: Iterable[Article]) -> Iterator[Event]:
        """Yield the events of each article, in input order."""
        for article, rows in self.code_rows(articles):
            for row in rows:
                yield to_event(article, row)

    def code_rows(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
        """Yield each article with its raw event rows (for callers that batch by article)."""
        pending: collections.deque[Article] = collections.deque()

        def texts() -> Iterator[tuple[str, str]]:
            # The article date travels as the context the components read (article_date).
            for article in articles:
                pending.append(article)
                yield article.text, article.date.isoformat()

        before = self.skipped_sentences
        for doc, _context in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            self.skipped_sentences += int(doc._.skipped_sentences or 0)
            yield pending.popleft(), list(doc._.events or ())
        if skipped := self.skipped_sentences - before:
            # One summary line per call, not one per sentence (#8).
            component = self.nlp.get_pipe("dyadwatch_events")
            limit = component.max_sentence_tokens if isinstance(component, EventComponent) else 0
            logger.warning(
                "%d sentences longer than coder.max_sentence_tokens=%d tokens were not coded",
                skipped,
                limit,
            )


def code_text(coder: Coder, text: str, *, date: datetime.date, article_id: str = "") -> list[Event]:
    """Code one piece of text as an article dated ``date`` (for tests and `dyadwatch code`)."""
    article = Article(
        id=article_id or hashlib.sha1(text.encode()).hexdigest(), date=date, title="", text=text
    )
    return list(coder.code([article]))
