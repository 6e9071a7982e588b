"""Places: the gazetteer of town, region and country names, and where an event happened.

Everything here works on plain text and character offsets, without spaCy; ``extract``
calls it from the event component. The gazetteer is built from GeoNames' data once and
kept on disk (``cache``), so each process loads it instead of building it.

Example:
    >>> from dyadwatch.geo import PlaceGazetteer, PlaceQuery, locate_event
    >>> query = PlaceQuery("Talks opened in Doha.", cameo="043", quad_class=1,
    ...                    source_country="USA", target_country="QAT")
    >>> locate_event(query, gazetteer=PlaceGazetteer.load()).name
    'Doha'
"""

from __future__ import annotations

from dyadwatch.geo.cache import default_cache_dir
from dyadwatch.geo.gazetteer import PlaceGazetteer, PlaceMatch
from dyadwatch.geo.locate import PlaceQuery, locate_event

__all__ = ["PlaceGazetteer", "PlaceMatch", "PlaceQuery", "default_cache_dir", "locate_event"]
