"""Pick where a coded event happened from the places its sentence names (issue #10).

The coder calls ``locate_event`` once per event with the evidence sentence; everything here
works on plain text and character offsets, so it runs (and is tested) without spaCy. The
names themselves come from ``placenames.Gazetteer``, loaded once per process.
"""

from __future__ import annotations

import functools

from dyadwatch.extract.placenames import LOCATIVE, TOKEN, Gazetteer, PlaceMatch, fold, words
from dyadwatch.records import GeoPrecision, Location

__all__ = ["Gazetteer", "PlaceMatch", "locate_event"]

# Words after which a place is the scene (for countries; ``LOCATIVE`` for towns and regions).
_COUNTRY_LOCATIVE = words("in inside into across throughout within")
_SCENE_VERBS = words(
    """
    shell shells shelled shelling strike strikes struck striking bomb bombs bombed bombing
    attack attacks attacked attacking hit hits hitting pound pounds pounded pounding
    capture captures captured capturing seize seizes seized seizing storm stormed storming
    raid raids raided raiding target targets targeted targeting besiege besieged besieging
    invade invades invaded invading occupy occupied occupying retake retook retaken
    recapture recaptured encircle encircled liberate liberated bombard bombarded
    visit visits visited visiting tour toured touring
    """
)
_TRAVEL = words(
    "trip visit journey travel travelled traveled travels flew fly flies came come went go "
    "goes returned return headed arrived arrive moved sent deployed"
)
_PLACE_NOUNS = words(
    "city town village port capital region province oblast district outskirts suburb suburbs "
    "centre center area border streets base airport state"
)
_PRECISION_RANK = {GeoPrecision.PLACE: 2, GeoPrecision.ADMIN1: 1, GeoPrecision.COUNTRY: 0}
_ARTICLES = frozenset({"the", "a", "an"})


def locate_event(
    sentence: str,
    *,
    article_text: str = "",
    source_country: str,
    target_country: str,
    root: str,
    quad_class: int,
    trigger_start: int | None = None,
    gazetteer: Gazetteer,
    cameo: str = "",
    symmetric: bool = False,
) -> Location:
    """Return where the event coded from ``sentence`` happened.

    The scene named in the sentence wins ("shelled Kherson", "talks in Doha"); without one,
    the event is placed in a country: the host's for a visit, else the target's, else the
    source's (see docs/geo-and-dates.md). A symmetric event with no scene named is not
    placed: its two directions would otherwise land in two countries.

    Args:
        sentence: The evidence sentence.
        article_text: The article; its dateline ("KYIV, Ukraine (Reuters) -") helps pick
            between same-named cities.
        source_country: The source actor's ISO alpha-3 country ("" when none).
        target_country: The target actor's ISO alpha-3 country ("" when none).
        root: The CAMEO root ("04"); pass the full code as ``cameo`` to tell a visit
            made (042) from a visit hosted (043).
        quad_class: The event's CAMEO quad class (4: material conflict).
        trigger_start: Offset of the event verb in ``sentence``; nearer places win ties.
        gazetteer: ``Gazetteer.load()``.
        cameo: The full CAMEO code, when known.
        symmetric: The event is coded both ways ("met", "fought"), so neither side's
            country stands for the scene.

    Example:
        >>> locate_event("Russian forces shelled Kherson.", source_country="RUS",
        ...              target_country="UKR", root="19", quad_class=4,
        ...              gazetteer=Gazetteer.load()).name
        'Kherson'
    """
    involved = {target_country} if quad_class == 4 else {source_country, target_country}
    prefer = (
        *(c for c in (source_country, target_country) if c),
        *_dateline_countries(article_text[:120], gazetteer),
    )
    scenes = [
        (score, match)
        for match in gazetteer.find(sentence, prefer=prefer)
        if (score := _scene_score(sentence, match, involved - {""}, gazetteer)) > 0
    ]
    if scenes:
        return max(scenes, key=functools.partial(_rank, trigger_start))[1].location
    if symmetric and source_country != target_country:
        return Location()
    code = cameo or root
    order = (
        (source_country, target_country)
        if code.startswith("043")
        else (target_country, source_country)
    )
    return next((gazetteer.countries[c] for c in order if c in gazetteer.countries), Location())


def _scene_score(sentence: str, match: PlaceMatch, involved: set[str], gazetteer: Gazetteer) -> int:
    """Score how surely ``match`` is the scene: 3 cued, 2 weakly cued, 1 bare, 0 not a scene."""
    before = [
        fold(m.group()) for m in TOKEN.finditer(sentence, max(0, match.start - 60), match.start)
    ][-8:]
    while before and before[-1] in _ARTICLES:
        before.pop()
    is_country = match.location.precision is GeoPrecision.COUNTRY
    if len(before) >= 2 and before[-1] == "of" and before[-2] in _PLACE_NOUNS:
        head = before[-6:-2]  # "shelled the Russian-held city of Donetsk"
        return 3 if any(w in LOCATIVE or w in _SCENE_VERBS for w in head) else 2
    cue = before[-1] if before else ""
    if cue in (_COUNTRY_LOCATIVE if is_country else LOCATIVE) or cue in _SCENE_VERBS:
        return 3
    if cue in ("to", "for") and len(before) >= 2 and before[-2] in _TRAVEL:
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
def _dateline_countries(head: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Return the countries named in an article's dateline ("KYIV, Ukraine (Reuters) -")."""
    cut = min(
        (i for i in (head.find(" - "), head.find(" — "), head.find("(")) if i > 0), default=-1
    )
    if cut < 0:
        return ()
    return tuple(dict.fromkeys(m.location.country for m in gazetteer.find(head[:cut])))
