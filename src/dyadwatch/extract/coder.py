"""Turn parsed articles into ``Event`` records: the ``dyadwatch_events`` component and ``Coder``.

The component runs inside spaCy's pipeline (and so inside its worker processes), codes
each sentence with ``sentences.code_sentences`` and leaves ``CodedEvent`` records on the
Doc; ``Coder`` feeds dated articles through ``nlp.pipe`` and turns those into frozen
``Event`` records with the ontology's quad class, Goldstein and PLOVER labels. The spaCy
``Doc`` never leaves this package.
"""

from __future__ import annotations

import collections
import datetime
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyadwatch.errors import ExtractError, UnknownNameError
from dyadwatch.extract import learned, when
from dyadwatch.extract.actor_spans import ActorSpan, actor_spans, article_date
from dyadwatch.extract.events import Draft
from dyadwatch.extract.lexicon import Lexicon, load_lexicon
from dyadwatch.extract.nlp import article_doc
from dyadwatch.extract.sentences import CodedSentence, CodingOptions, ParsedArticle, code_sentences
from dyadwatch.geo import PlaceGazetteer, PlaceQuery, locate_event
from dyadwatch.learned import PairModel
from dyadwatch.ontology import cameo
from dyadwatch.records import (
    Actor,
    Article,
    CoderKind,
    DatePrecision,
    Event,
    GeoPrecision,
    Location,
    Modality,
)

# 0.4: the model reads every sentence, vetoes and adds to the rules (docs/training.md).
# 0.5: second events of one pair of parties, scored at most 0.6.
# 0.6: a rule draft the rules are unsure of gives way to the model's other root on the same
# predicate; article text ('the two leaders', a bare 'the junta' of the article's country, an
# object its subject owns); modality (an act announced as under way is done, a negated denial
# leaves an act possible, a time phrase is out of a negation's reach) (docs/training.md).
# 0.7: conjoined subjects that act on no one else act on each other ('the presidents of
# Kyrgyzstan and Tajikistan signed a treaty').
# 0.8: model (g), fine-tuned three epochs; 'has yet to' negates; what a charge alleges is
# no event; the 1989-2009 gazetteer rows (docs/training.md).
# 0.9: model (h), fine-tuned at a learning rate of 6e-5; a party inside a charge is no
# side; the 2001-2020 foreign and defence ministers (docs/training.md).
# 0.10: one encoder pass per sentence; meetings and charges told in passing
# (extract/meetings.py, extract/accusations.py); complements that undo their object; no
# modality across a semicolon (docs/training.md).
# 0.11: restoring or establishing relations is 054 (trade ties 061, military ties 062); a
# promise takes the intent of the specific act it promises ('agreed to restore relations':
# 032); counted objects ('hundreds of missiles') are what they count; 'hopes to' plans its
# act (docs/training.md).
# 0.12: an act begun is under way, not planned; a bare promise takes the intent of the act
# it names, which is then no second event, and a promise is aimed at its act's target, not
# mutual; a charge covers what the charged act is for; warning shots are a show of force;
# 'the two men' refer back to a pair of people (docs/training.md).
# 0.13: the model's events within one country need probability 0.8; a past or present verb
# conjoined to an -ing form or hung on an infinitive starts its own clause, out of the
# negation's reach, unless 'or' or 'nor' joins it (docs/training.md).
# 0.14: 580 more office holders; a bare agent noun after a region word ('West African
# leaders') and a lone surname inside another name ('Abbas Araqchi', 'Blair House') are no
# mentions; 'stopped short of' negates; marking an anniversary of relations is no act of
# them (docs/training.md).
# 0.15: agreeing outright to restore relations is 054; scrapping defence accords is 1212;
# what a 'since' measures from is background; a passive control verb's subject is its
# complement's; 'the two countries' ministers' are each side's; an audience told something
# is no side (docs/training.md).
# 0.16: a small town named like a person ('Kim') is a target of force or its threat only;
# a habit ('has repeatedly accused') and an act weeks before another ('came five weeks
# after Xi met Albanese') are background; a present in a relative clause describes ('which
# backs Haftar'); how a charged act was done ('by signing') is the charge; breakaway
# entities (Somaliland) are their state's rebels; 'both countries' may be the pair the
# article names most; 'called on Marcos' with no clause is a courtesy call; 'hostility' is no
# fighting, 'hostilities' are (docs/lexicon.md).
# 0.17: the model's cooperation through an agreement declared void, scrapped, called a
# violation or put in abeyance is no act; the owner of a breakaway region that is a party is
# its rebels, a region named by an actor is that actor; contacts resumed, held or restored
# are consultations (040); co-subjects of an act on a third party do not do it to each
# other (docs/training.md).
# 0.18: the model's appeals and disapproval between two parties from a lower probability
# (extract/easier.py); each actor of a compound of one country a side of its own in the
# model's events, and the owner of a compound's first conjunct no owner of the act on the
# others (docs/training.md).
# 0.19: a participle's 'since' measures from its point too ('trade, stalled since China
# banned imports': the ban is background), and a point placed within the day is the day's
# act ('suspended since Iran fired missiles overnight'; docs/training.md).
# 0.20: crowd-control weapons fired or used at people are repression (175), and force a
# country's government, police, army or intelligence service uses on its own people is
# repression (extract/repression.py; docs/training.md).
CODER_VERSION = "dyadwatch-coder/0.20"
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """One event the component coded on a Doc: an ``Event`` but for its article's id.

    The component leaves these on ``doc._.events``; ``to_event`` adds the article.
    """

    sentence_index: int
    start: int  # character offsets of the sentence in the article text
    end: int
    source: Actor
    target: Actor
    cameo: str
    trigger: str
    modality: Modality
    confidence: float
    is_root: bool
    date: datetime.date
    date_precision: DatePrecision
    location: Location


class EventComponent:
    """Pipeline component: code every sentence of a Doc into ``CodedEvent`` records."""

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        max_sentence_tokens: int,
        kind: CoderKind = CoderKind.HYBRID,
        threshold: float = 0.7,
        min_confidence: float = 0.0,
        model: PairModel | None = None,
        cache_dir: str = "",
    ) -> None:
        self.options = CodingOptions(lexicon, kind=kind, max_sentence_tokens=max_sentence_tokens)
        self.threshold = threshold
        self.min_confidence = min_confidence
        self.model = model
        self._model_pid = os.getpid()
        if kind is not CoderKind.RULES and model is None:
            raise ExtractError(f"the {kind.value} coder needs the learned model")
        # Loaded when the pipeline is built, not on first use: run workers forked from a
        # loaded stage (runner.start_method = "fork") then share it instead of each
        # building it (2 s).
        self.places = PlaceGazetteer.load(cache_dir=cache_dir)

    @property
    def max_sentence_tokens(self) -> int:
        """Sentences longer than this many tokens are skipped, not coded."""
        return self.options.max_sentence_tokens

    @property
    def kind(self) -> CoderKind:
        """Which coder codes sentences: rules, learned or hybrid."""
        return self.options.kind

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token each time it is read
        spans = actor_spans(doc)
        places, namesakes = self._place_tokens(doc, text)
        article = ParsedArticle(
            sents=tuple(doc.sents),
            actors={i: span for span in spans for i in range(span.start, span.end)},
            places=places,
            namesakes=namesakes,
        )
        lead_end = _lead_end(text)
        date = article_date(doc)

        def propose(indices: Sequence[int]) -> list[learned.Proposal]:
            return self._proposals([article.sents[i] for i in indices], spans)

        coded = code_sentences(article, self.options, propose)
        doc._.events = [
            self._coded_event(sentence, draft, text, date, lead_end=lead_end)
            for sentence in coded
            for draft in sentence.drafts
            if draft.confidence >= self.min_confidence
        ]
        doc._.skipped_sentences = sum(sentence.skipped for sentence in coded)
        return doc

    def _proposals(
        self, sents: Sequence[Span], spans: Sequence[ActorSpan]
    ) -> list[learned.Proposal]:
        """Return the learned model's drafts and pair readings for each of ``sents``.

        The model encodes each sentence alone, so its scores, and every runner's output
        (local(1) = local(2) = Ray), do not depend on how sentences are batched.
        """
        if self.model is None:
            return [learned.Proposal() for _ in sents]
        if self._model_pid != os.getpid():
            # A session forked from the parent (runner.start_method = "fork") runs several
            # times slower in the child: each process opens its own.
            self.model = PairModel.load(folder=self.model.folder, threads=self.model.threads)
            self._model_pid = os.getpid()
        mentions = learned.article_candidates(sents, spans)
        inputs = [learned.sentence_pairs(s, m) for s, m in zip(sents, mentions, strict=True)]
        scores = self.model.score(inputs)
        return [
            learned.Proposal(
                tuple(learned.drafts(sent, found, scored, threshold=self.threshold)),
                learned.readings(found, scored),
            )
            for sent, found, scored in zip(sents, mentions, scores, strict=True)
        ]

    def _place_tokens(self, doc: Doc, text: str) -> tuple[dict[int, Actor], frozenset[int]]:
        """Map the tokens of named towns and regions to their country ('shelled Kherson'),
        and tell those whose one-word name is also a person's ('Kim', Gujarat)."""
        found: dict[int, Actor] = {}
        namesakes: set[int] = set()
        for match in self.places.find(text):
            location = match.location
            if location.precision is GeoPrecision.COUNTRY or not location.country:
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            actor = Actor(code=location.country, country=location.country, name=match.name)
            found.update((token.i, actor) for token in span)
            if self.places.is_namesake(match):
                namesakes.update(token.i for token in span)
        return found, frozenset(namesakes)

    def _coded_event(
        self,
        coded: CodedSentence,
        draft: Draft,
        article_text: str,
        date: datetime.date,
        *,
        lead_end: int,
    ) -> CodedEvent:
        """Return the event of one draft, with where and when it happened (#10)."""
        sent = coded.sent
        info = cameo.get(draft.cameo)
        query = PlaceQuery(
            sent.text,
            cameo=info.code,
            quad_class=int(info.quad_class),
            source_country=draft.source.country,
            target_country=draft.target.country,
            article_text=article_text,
            trigger_start=draft.trigger_start,
            symmetric=draft.symmetric,
        )
        location = locate_event(query, gazetteer=self.places)
        day, precision = when.event_date(draft.clause or sent.text, article_date=date)
        return CodedEvent(
            sentence_index=coded.index,
            start=sent.start_char,
            end=sent.end_char,
            source=draft.source,
            target=draft.target,
            cameo=draft.cameo,
            trigger=draft.trigger,
            modality=draft.modality,
            confidence=draft.confidence,
            is_root=sent.start_char < lead_end,
            date=day,
            date_precision=precision,
            location=location,
        )


@Language.factory(
    "dyadwatch_events",
    default_config={
        "max_sentence_tokens": 150,
        "coder": CoderKind.HYBRID.value,
        "threshold": 0.7,
        "min_confidence": 0.0,
        "threads": 1,
        "cache_dir": "",
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
    min_confidence: float,
    threads: int,
    cache_dir: str,
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
        min_confidence=min_confidence,
        model=model,
        cache_dir=cache_dir,
    )


def _lead_end(text: str) -> int:
    """Return where the lead paragraph ends (GDELT's root-event window)."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n\n", stripped)
    return end if end > 0 else min(len(text), stripped + 400)


def event_id(article_id: str, start: int, end: int, source: str, target: str, code: str) -> str:
    """Return the content-hash id of an event (stable across recoding)."""
    key = "\x1f".join((article_id, str(start), str(end), source, target, code))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def to_event(article: Article, coded: CodedEvent) -> Event:
    """Build the ``Event`` record of one event the component coded on ``article``."""
    info = cameo.get(coded.cameo)
    source, target = coded.source, coded.target
    return Event(
        id=event_id(article.id, coded.start, coded.end, source.code, target.code, info.code),
        article_id=article.id,
        date=coded.date,
        sentence_index=coded.sentence_index,
        start=coded.start,
        end=coded.end,
        source=source,
        target=target,
        cameo=info.code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_type=info.plover_type,
        plover_mode=info.plover_mode,
        modality=coded.modality,
        trigger=coded.trigger,
        evidence=article.text[coded.start : coded.end],
        confidence=float(coded.confidence),
        coder_version=CODER_VERSION,
        is_root=coded.is_root,
        date_precision=coded.date_precision,
        location=coded.location,
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
        for article, coded in self.code_rows(articles):
            for event in coded:
                yield to_event(article, event)

    def code_rows(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[CodedEvent]]]:
        """Yield each article with the events coded on it (for callers that batch by article)."""
        pending: collections.deque[Article] = collections.deque()

        def docs() -> Iterator[Doc]:
            # Each Doc carries its article's date (article_doc), which the components read.
            for article in articles:
                pending.append(article)
                yield article_doc(self.nlp, article.text, date=article.date)

        before = self.skipped_sentences
        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
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
