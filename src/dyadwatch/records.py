"""Core records that flow between pipeline stages: articles in, actors and events out.

Every stage hands these plain, frozen, picklable dataclasses to the next one; no spaCy
object, no database row and no HTTP request ever crosses a stage boundary.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Protocol


class Modality(StrEnum):
    """How real an event is, as the text tells it."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    PLANNED = "planned"
    SPECULATIVE = "speculative"
    NEGATED = "negated"


class CoderKind(StrEnum):
    """Which coder codes sentences: the rule engine, the learned model, or both."""

    RULES = "rules"
    LEARNED = "learned"
    HYBRID = "hybrid"


class QuadClass(IntEnum):
    """CAMEO quad class (the numbering GDELT uses)."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def label(self) -> str:
        """Return the snake-case name, e.g. ``verbal_cooperation``."""
        return self.name.lower()


class ActorKind(StrEnum):
    """What sort of thing an actor is."""

    COUNTRY = "country"
    PERSON = "person"
    IGO = "igo"
    NSA = "nsa"  # non-state armed group or other non-state organisation
    AGENT = "agent"  # a sector word alone ("troops", "officials") with its country


class GeoPrecision(StrEnum):
    """How precisely an event location is known (ACLED's geo precision)."""

    PLACE = "place"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    NONE = "none"


class DatePrecision(StrEnum):
    """How the event date was found."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class Article:
    """One dated news article.

    ``id`` is a content hash of the normalised text and the date (see ``ingest.ids``), so
    the same article read twice, from any file, is one article.
    """

    id: str
    date: datetime.date
    title: str
    text: str
    source: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved political actor.

    ``code`` is the CAMEO-style actor code (``RUSGOV``, ``PRKMIL``, ``IGOUNO``); the
    country (ISO 3166 alpha-3, ``""`` when none) and sector stay separate fields.
    """

    code: str
    country: str
    sector: str = ""
    name: str = ""
    kind: ActorKind = ActorKind.COUNTRY


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened."""

    name: str = ""
    country: str = ""
    admin1: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    precision: GeoPrecision = GeoPrecision.NONE


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, how real, and the sentence behind it.

    ``id`` is a content hash of (article id, sentence offsets, source, target, CAMEO code),
    so coding the same article again yields the same ids. Character offsets are into
    ``Article.text``: ``start``/``end`` delimit the evidence sentence.
    """

    id: str
    article_id: str
    date: datetime.date
    sentence_index: int
    start: int
    end: int
    source: Actor
    target: Actor
    cameo: str
    root: str
    quad_class: QuadClass
    goldstein: float
    plover_type: str
    plover_mode: str
    modality: Modality
    trigger: str
    evidence: str
    confidence: float
    coder_version: str
    date_precision: DatePrecision = DatePrecision.ARTICLE
    is_root: bool = False
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, slots=True)
class UniqueEvent:
    """One collapsed event (#10): the mentions of one happening, folded into one record.

    ``event`` is the representative mention (the most confident; its ``id`` is that
    mention's), except that ``event.is_root`` is true when any mention is from a lead
    paragraph. ``id`` is the collapsed event's own id; ``sources`` are its outlets.
    """

    id: str
    event: Event
    n_mentions: int
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    story_ids: tuple[str, ...]
    first_seen: datetime.date
    last_seen: datetime.date

    @property
    def n_articles(self) -> int:
        """Return the number of articles that mention the event."""
        return len(self.article_ids)

    @property
    def n_sources(self) -> int:
        """Return the number of outlets that reported the event."""
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an imported event came from: the dataset's layout, the file and its line (#18)."""

    event_id: str
    dataset: str  # gdelt | icews | polecat
    file: str  # the file's name, without its folder, so a moved file is the same source
    line: int


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of a dyad's (or pair's) time series."""

    period: datetime.date
    source: str
    target: str
    n_events: int
    n_verbal_cooperation: float
    n_material_cooperation: float
    n_verbal_conflict: float
    n_material_conflict: float
    goldstein_sum: float
    goldstein_mean: float
    net_cooperation: float


class SignalKind(StrEnum):
    """Which way a pair's relations changed."""

    EMERGING_ALIGNMENT = "emerging_alignment"  # cooperative partners draw closer (arms, troops)
    RAPPROCHEMENT = "rapprochement"  # relations that were not cooperative improve
    RUPTURE = "rupture"  # relations worsen (words, sanctions, broken ties)
    ESCALATION = "escalation"  # force, or a worsening of relations already hostile


@dataclass(frozen=True, slots=True)
class Signal:
    """A flagged change in a pair's relations, with the events behind it."""

    kind: SignalKind
    pair: tuple[str, str]
    start: datetime.date
    detected: datetime.date
    magnitude: float
    confidence: float
    evidence: tuple[str, ...] = ()  # event ids, strongest first


class Source(Protocol):
    """Anything that yields articles (a file reader, a directory walk, a feed)."""

    def read(self) -> Iterator[Article]: ...
