"""The event ontologies every stage codes into: CAMEO codes, quad classes, Goldstein, PLOVER.

Pure lookups over data files in ``ontology/data``; nothing here imports spaCy or DuckDB.

Example:
    >>> from dyadwatch.ontology import cameo, plover
    >>> cameo.get("0311").goldstein
    5.2
    >>> plover.normalise_type("DEMAND")
    'REQUEST'
"""

from __future__ import annotations

from dyadwatch.ontology import cameo, plover
from dyadwatch.ontology.cameo import CameoCode, Root
from dyadwatch.ontology.plover import PloverMapping

__all__ = ["CameoCode", "PloverMapping", "Root", "cameo", "plover"]
