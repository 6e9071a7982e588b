"""Extraction stage: the only package that imports spaCy; articles in, events out.

``build_nlp`` loads the English model and adds the ``dyadwatch_actors`` and
``dyadwatch_events`` components; ``Coder`` runs it over articles and returns ``Event``
records. Doc extensions are set by ``set_doc_extensions``, called explicitly; a Doc
carries its article's date (``article_doc``), which the components require.
"""

from __future__ import annotations

# First: spaCy is imported with torch hidden (see the module).
from dyadwatch.extract import _without_torch  # noqa: F401

# isort: split
from spacy.tokens import Doc

# Importing these modules registers the component factories with spaCy.
from dyadwatch.extract import actor_spans as _actor_spans  # noqa: F401
from dyadwatch.extract import coder as _coder  # noqa: F401
from dyadwatch.extract.coder import CODER_VERSION, Coder, code_text, to_event
from dyadwatch.extract.nlp import article_doc, build_nlp
from dyadwatch.extract.stage import CodeStage

DOC_EXTENSIONS = ("article_date", "actor_spans", "events", "skipped_sentences")


def set_doc_extensions() -> None:
    """Register dyadwatch's Doc extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


__all__ = [
    "CODER_VERSION",
    "DOC_EXTENSIONS",
    "CodeStage",
    "Coder",
    "article_doc",
    "build_nlp",
    "code_text",
    "set_doc_extensions",
    "to_event",
]
