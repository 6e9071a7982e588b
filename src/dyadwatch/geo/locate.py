"""Pick where a coded event happened from the places its sentence names (issue #10).

The coder calls ``locate_event`` once per event with a ``PlaceQuery`` built from the
evidence sentence; everything here works on plain text and character offsets, so it runs
(and is tested) without spaCy. The names themselves come from ``PlaceGazetteer``, loaded
once per process; the cue words from ``data/place_cues.tsv`` (``cues``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dyadwatch.geo.cues import load_cues
from dyadwatch.geo.gazetteer import PlaceGazetteer, PlaceMatch
from dyadwatch.geo.text import TOKEN, fold
from dyadwatch.records import GeoPrecision, Location

__all__ = ["PlaceQuery", "locate_event"]

_CUES = load_cues()
_PRECISION_RANK = {GeoPrecision.PLACE: 2, GeoPrecision.ADMIN1: 1, GeoPrecision.COUNTRY: 0}
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class PlaceQuery:
    """What the locator needs to know of one coded event.

    Attributes:
        sentence: The evidence sentence.
        cameo: The CAMEO code ("042"), or its root ("04") when no more is known; the full
            code tells a visit made (042) from a visit hosted (043).
        quad_class: The event's CAMEO quad class (4: material conflict).
        source_country: The source actor's ISO alpha-3 country ("" when none).
        target_country: The target actor's ISO alpha-3 country ("" when none).
        article_text: The article; its dateline ("KYIV, Ukraine (Reuters) -") helps pick
            between same-named cities.
        trigger_start: Offset of the event verb in ``sentence``; nearer places win ties.
        symmetric: The event is coded both ways ("met", "fought"), so neither side's
            country stands for the scene.
    """

    sentence: str
    cameo: str
    quad_class: int
    source_country: str = ""
    target_country: str = ""
    article_text: str = ""
    trigger_start: int | None = None
    symmetric: bool = False


def locate_event(query: PlaceQuery, *, gazetteer: PlaceGazetteer) -> Location:
    """Return where the event of ``query`` happened.

    The scene named in the sentence wins ("shelled Kherson", "talks in Doha"); without one,
    the event is placed in a country: the host's for a visit, else the target's, else the
    source's (see docs/geo-and-dates.md). A symmetric event with no scene named is not
    placed: its two directions would otherwise land in two countries.

    Args:
        query: The event: its sentence, code and actors' countries.
        gazetteer: ``PlaceGazetteer.load()``.

    Example:
        >>> query = PlaceQuery("Russian forces shelled Kherson.", cameo="195", quad_class=4,
        ...                    source_country="RUS", target_country="UKR")
        >>> locate_event(query, gazetteer=PlaceGazetteer.load()).name
        'Kherson'
    """
    sentence = query.sentence
    source_country, target_country = query.source_country, query.target_country
    involved = {target_country} if query.quad_class == 4 else {source_country, target_country}
    prefer = (
        *(c for c in (source_country, target_country) if c),
        *_dateline_countries(query.article_text[:120], gazetteer),
    )
    scenes = [
        (score, match)
        for match in gazetteer.find(sentence, prefer=prefer)
        if (score := _scene_score(sentence, match, involved - {""}, gazetteer)) > 0
    ]
    if scenes:
        return max(scenes, key=functools.partial(_rank, query.trigger_start))[1].location
    if query.symmetric and source_country != target_country:
        return Location()
    order = (
        (source_country, target_country)
        if query.cameo.startswith("043")
        else (target_country, source_country)
    )
    return next((gazetteer.countries[c] for c in order if c in gazetteer.countries), Location())


def _scene_score(
    sentence: str, match: PlaceMatch, involved: set[str], gazetteer: PlaceGazetteer
) -> int:
    """Score how surely ``match`` is the scene: 3 cued, 2 weakly cued, 1 bare, 0 not a scene."""
    before = [
        fold(m.group()) for m in TOKEN.finditer(sentence, max(0, match.start - 60), match.start)
    ][-8:]
    while before and before[-1] in _ARTICLES:
        before.pop()
    is_country = match.location.precision is GeoPrecision.COUNTRY
    if len(before) >= 2 and before[-1] == "of" and before[-2] in _CUES.place_nouns:
        head = before[-6:-2]  # "shelled the Russian-held city of Donetsk"
        return 3 if any(w in _CUES.locative or w in _CUES.scene_verbs for w in head) else 2
    cue = before[-1] if before else ""
    locative = _CUES.country_locative if is_country else _CUES.locative
    if cue in locative or cue in _CUES.scene_verbs:
        return 3
    if cue in ("to", "for") and len(before) >= 2 and before[-2] in _CUES.travel:
        return 3  # "a trip to Beijing", "left for Doha"
    if is_country or gazetteer.is_capital(match.location):
        return 0  # "Moscow accused Kyiv", "Iran said": actors, not scenes
    if cue == "to":
        return 2
    return 1 if match.location.country in involved else 0


def _rank(trigger_start: int | None, scene: tuple[int, PlaceMatch]) -> tuple[int, int, int]:
    score, match = scene
    closeness = -match.start if trigger_start is None else -abs(match.start - trigger_start)
    return score, _PRECISION_RANK[match.location.precision], closeness


@functools.lru_cache(maxsize=1024)
def _dateline_countries(head: str, gazetteer: PlaceGazetteer) -> tuple[str, ...]:
    """Return the countries named in an article's dateline ("KYIV, Ukraine (Reuters) -")."""
    cut = min(
        (i for i in (head.find(" - "), head.find(" — "), head.find("(")) if i > 0), default=-1
    )
    if cut < 0:
        return ()
    return tuple(dict.fromkeys(m.location.country for m in gazetteer.find(head[:cut])))
