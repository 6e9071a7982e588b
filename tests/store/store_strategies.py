"""Hypothesis strategies for arbitrary articles and events (store tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from dyadwatch.records import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    GeoPrecision,
    Location,
    Modality,
    QuadClass,
)

texts = st.text(max_size=40)
actors = st.builds(
    Actor, code=texts, country=texts, sector=texts, name=texts, kind=st.sampled_from(ActorKind)
)
locations = st.builds(
    Location,
    name=texts,
    country=texts,
    admin1=texts,
    latitude=st.none() | st.floats(allow_nan=False),
    longitude=st.none() | st.floats(allow_nan=False),
    geonames_id=st.none() | st.integers(0, 2**63 - 1),
    precision=st.sampled_from(GeoPrecision),
)
int32 = st.integers(0, 2**31 - 1)
events = st.builds(
    Event,
    id=texts,
    article_id=texts,
    date=st.dates(),
    sentence_index=int32,
    start=int32,
    end=int32,
    source=actors,
    target=actors,
    cameo=texts,
    root=texts,
    quad_class=st.sampled_from(QuadClass),
    goldstein=st.floats(allow_nan=False),
    plover_type=texts,
    plover_mode=texts,
    modality=st.sampled_from(Modality),
    trigger=texts,
    evidence=st.text(),
    confidence=st.floats(allow_nan=False),
    coder_version=texts,
    date_precision=st.sampled_from(DatePrecision),
    is_root=st.booleans(),
    location=locations,
)
articles = st.builds(
    Article, id=texts, date=st.dates(), title=texts, text=st.text(), source=texts, url=texts
)
