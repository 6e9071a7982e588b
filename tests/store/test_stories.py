"""Tests for story clusters and collapsed events: one event with all its sources (issue #10)."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.ingest.ids import article_id
from dyadwatch.records import Actor, Article, Event, Modality, QuadClass
from dyadwatch.store import Store
from dyadwatch.store.collapse import ArticleInfo, EventMention, collapse_mentions, outlet
from dyadwatch.store.stories import StoryOptions, StoryText, cluster_stories, shingles

DAY = datetime.date(2024, 7, 8)

LEAD = (
    "Japanese Foreign Minister Yoko Kamikawa met Philippine President Ferdinand Marcos "
    "in Manila on Monday, and the two governments signed a reciprocal access agreement "
    "that lets their troops train on each other's soil."
)
PARAGRAPHS = (
    LEAD,
    "The pact, the first of its kind Japan has concluded in Asia, still has to be ratified "
    "by the Japanese parliament before it takes effect. Officials in Tokyo said they "
    "hoped the process would be finished within the year.",
    "Manila has been looking for partners since a series of confrontations with Chinese "
    "coast guard vessels near the Second Thomas Shoal, where a Philippine navy sailor "
    "lost a thumb in June. Beijing claims almost all of the South China Sea.",
    "Defence Minister Minoru Kihara attended the signing ceremony and said joint drills "
    "with the United States and Australia would grow in size next year, according to a "
    "statement released by the Japanese embassy after the meeting.",
)
UNRELATED_TEXT = (
    "Brazilian President Luiz Inacio Lula da Silva received Argentine Foreign Minister "
    "Diana Mondino in Brasilia on Monday to discuss grain export quotas.\n\n"
    "The talks focused on tariffs for wheat and the state of the Mercosur customs union, "
    "whose summit in Asuncion was set for later in the week. Neither side gave figures."
)


def _copy(*, trim: int | None = None, punctuation: bool = False) -> str:
    paragraphs = [p for i, p in enumerate(PARAGRAPHS) if i != trim]
    text = "\n\n".join(paragraphs)
    if punctuation:
        text = text.replace(",", "").replace("'", "\u2019").replace(". ", "; ", 2)
    return text


def _article(text: str, *, title: str, source: str, day: datetime.date = DAY) -> Article:
    return Article(id=article_id(text, day), date=day, title=title, text=text, source=source)


STORY = (
    _article(_copy(), title="Japan, Philippines sign defence pact", source="Reuters"),
    _article(_copy(punctuation=True), title="Tokyo and Manila seal deal", source="AP"),
    _article(_copy(trim=3), title="Japan-Philippines pact signed", source="AFP"),
    _article(
        _copy(trim=1, punctuation=True),
        title="Troops to train on each other's soil",
        source="Kyodo",
        day=DAY + datetime.timedelta(days=1),
    ),
    _article(_copy(trim=2), title="Philippines, Japan sign RAA", source="Inquirer"),
)
UNRELATED = _article(UNRELATED_TEXT, title="Lula meets Mondino", source="Reuters")
ARTICLES = (*STORY, UNRELATED)


def _event(article: Article, source: str, target: str, *, sentence: int = 0) -> Event:
    key = f"{article.id}|{sentence}|{source}|{target}|040"
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest(),
        article_id=article.id,
        date=article.date,
        sentence_index=sentence,
        start=0,
        end=len(LEAD),
        source=Actor(code=f"{source}GOV", country=source, sector="GOV"),
        target=Actor(code=f"{target}GOV", country=target, sector="GOV"),
        cameo="040",
        root="04",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=1.0,
        plover_type="CONSULT",
        plover_mode="",
        modality=Modality.ASSERTED,
        trigger="met",
        evidence=article.text[:80],
        confidence=0.5 + sentence / 10,
        coder_version="test",
        is_root=sentence == 0,
    )


EVENTS = (
    *(_event(article, "JPN", "PHL") for article in STORY),
    _event(STORY[0], "JPN", "PHL", sentence=3),  # the same event again, further down
    _event(UNRELATED, "BRA", "ARG"),
)


def _build(db: Path, articles: Any, events: Any) -> dict[str, Any]:
    """Store articles one transaction each (in the order given), then rebuild."""
    store = Store.open(db)
    for article in articles:
        with store.writer() as con:
            store.upsert_articles(con, [article])
            store.upsert_events(con, [e for e in events if e.article_id == article.id])
    with store.writer() as con:
        store.rebuild_stories(con)
    with store.reader() as con:
        stories = dict(con.execute('SELECT * FROM "stories"').fetchall())
        cursor = con.execute('SELECT * FROM "unique_events" ORDER BY "id"')
        names = [column[0] for column in cursor.description]
        unique = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        mentions = dict(con.execute('SELECT * FROM "event_mentions"').fetchall())
    return {"stories": stories, "unique": unique, "mentions": mentions}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _build(tmp_path_factory.mktemp("stories") / "s.duckdb", ARTICLES, EVENTS)


def test_stories_edited_copies_form_one_story(built: dict[str, Any]) -> None:
    stories = built["stories"]
    assert {stories[article.id] for article in STORY} == {min(a.id for a in STORY)}
    assert stories[UNRELATED.id] == UNRELATED.id


def test_stories_story_event_appears_once_with_all_sources(built: dict[str, Any]) -> None:
    (event,) = [row for row in built["unique"] if row["source_country"] == "JPN"]
    assert (event["n_mentions"], event["n_articles"], event["n_sources"]) == (6, 5, 5)
    assert sorted(event["article_ids"]) == sorted(article.id for article in STORY)
    assert event["sources"] == sorted(article.source for article in STORY)
    assert (event["first_seen"], event["last_seen"]) == (DAY, DAY + datetime.timedelta(days=1))
    assert event["is_root"] is True


def test_stories_representative_is_the_most_confident_mention(built: dict[str, Any]) -> None:
    (event,) = [row for row in built["unique"] if row["source_country"] == "JPN"]
    assert event["mention_id"] == EVENTS[5].id
    assert event["sentence_index"] == 3


def test_stories_unrelated_article_keeps_its_own_event(built: dict[str, Any]) -> None:
    (event,) = [row for row in built["unique"] if row["source_country"] == "BRA"]
    assert (event["n_mentions"], event["n_articles"], event["n_sources"]) == (1, 1, 1)
    assert event["story_ids"] == [UNRELATED.id]


def test_stories_every_mention_maps_to_one_event(built: dict[str, Any]) -> None:
    assert sorted(built["mentions"]) == sorted(event.id for event in EVENTS)
    assert set(built["mentions"].values()) == {row["id"] for row in built["unique"]}


@settings(max_examples=5, deadline=None)
@given(order=st.permutations(ARTICLES))
def test_stories_ids_do_not_depend_on_ingestion_order(
    order: list[Article], built: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        again = _build(Path(folder) / "s.duckdb", order, list(reversed(EVENTS)))
    assert again == built


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia, and North-Korea!", "russia and north korea"),
        ("\u201cWe agreed,\u201d he said.", '"we agreed" -- he said'),
        ("Caf\u00e9  talks", "CAFE\u0301 talks"),
    ],
)
def test_stories_shingles_ignore_case_punctuation_and_composition(a: str, b: str) -> None:
    assert shingles(a) == shingles(b)


def test_stories_far_apart_dates_are_other_stories() -> None:
    text = "\n\n".join(PARAGRAPHS)
    later = DAY + datetime.timedelta(days=StoryOptions().window_days + 1)
    stories = cluster_stories([StoryText("a", DAY, text), StoryText("b", later, text)])
    assert stories == {"a": "a", "b": "b"}


def test_stories_empty_text_is_its_own_story() -> None:
    stories = cluster_stories([StoryText("a", DAY, ""), StoryText("b", DAY, "")])
    assert stories == {"a": "a", "b": "b"}


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        (" Reuters ", "https://reuters.com/x", "Reuters"),
        ("", "https://www.apnews.com/article/1", "apnews.com"),
        ("", "", "article-1"),
        ("", "not a url", "article-1"),
    ],
)
def test_collapse_outlet_falls_back_to_host_then_id(source: str, url: str, expected: str) -> None:
    assert outlet(source, url, "article-1") == expected


Spec = tuple[str, str, int, str]  # mention id, story id, day offset, modality


def _case(*specs: Spec) -> tuple[list[EventMention], dict[str, ArticleInfo]]:
    mentions = [
        EventMention(
            id=id_,
            article_id=f"art-{id_}",
            date=DAY + datetime.timedelta(days=day),
            key=("JPNGOV", "PHLGOV", "040", modality),
            confidence=0.5,
            is_root=False,
        )
        for id_, _, day, modality in specs
    ]
    infos = {
        f"art-{id_}": ArticleInfo(story, (f"outlet-{id_}",), DAY + datetime.timedelta(days=day))
        for id_, story, day, _ in specs
    }
    return mentions, infos


@pytest.mark.parametrize(
    ("specs", "n_events"),
    [
        pytest.param([("m1", "s1", 0, "asserted"), ("m2", "s2", 0, "asserted")], 1, id="same-day"),
        pytest.param([("m1", "s1", 0, "asserted"), ("m2", "s2", 1, "asserted")], 2, id="other-day"),
        pytest.param([("m1", "s1", 0, "asserted"), ("m2", "s1", 1, "asserted")], 1, id="one-story"),
        pytest.param(
            [("m1", "s1", 0, "asserted"), ("m2", "s1", 1, "asserted"), ("m3", "s2", 1, "asserted")],
            1,
            id="chained",
        ),
        pytest.param([("m1", "s1", 0, "asserted"), ("m2", "s1", 0, "negated")], 2, id="modality"),
    ],
)
def test_collapse_mentions_join_by_story_or_day(specs: list[Spec], n_events: int) -> None:
    mentions, infos = _case(*specs)
    events = collapse_mentions(mentions, infos)
    assert len(events) == n_events
    assert sum(event.n_mentions for event in events) == len(mentions)


def test_collapse_mentions_id_is_order_independent() -> None:
    mentions, infos = _case(
        ("m2", "s1", 0, "asserted"), ("m1", "s1", 0, "asserted"), ("m3", "s2", 0, "asserted")
    )
    forward = collapse_mentions(mentions, infos)
    assert forward == collapse_mentions(mentions[::-1], infos)
    assert forward[0].id == hashlib.sha1(b"unique:m1").hexdigest()


def test_collapse_mentions_representative_breaks_ties_by_id() -> None:
    mentions, infos = _case(
        ("m1", "s1", 0, "asserted"), ("m3", "s1", 0, "asserted"), ("m2", "s1", 0, "asserted")
    )
    mentions = [dataclasses.replace(m, confidence=0.9) if m.id != "m1" else m for m in mentions]
    (event,) = collapse_mentions(mentions, infos)
    assert event.mention_id == "m2"


def test_collapse_rebuild_of_an_empty_store_is_empty(tmp_path: Path) -> None:
    assert _build(tmp_path / "e.duckdb", [], []) == {"stories": {}, "unique": [], "mentions": {}}


def test_stories_real_coder_events_collapse_across_copies(coder: Any, tmp_path: Path) -> None:
    events = list(coder.code(list(ARTICLES)))
    built = _build(tmp_path / "c.duckdb", ARTICLES, events)
    story_ids = {article.id for article in STORY}
    story_events = [row for row in built["unique"] if set(row["article_ids"]) <= story_ids]
    keys = {(e.source.code, e.target.code, e.cameo, e.modality) for e in events}
    story_keys = {
        (e.source.code, e.target.code, e.cameo, e.modality)
        for e in events
        if e.article_id in story_ids
    }
    assert story_events, "the coder found no event in the story"
    assert len(story_events) == len(story_keys)  # each story event appears once
    assert max(row["n_sources"] for row in story_events) == 5
    assert len(built["unique"]) == len(keys)


@pytest.mark.issue(10)
@pytest.mark.parametrize(("count_mentions", "expected"), [(False, 1), (True, 6)])
def test_stories_dyad_series_counts_the_story_once(
    tmp_path: Path, count_mentions: bool, expected: int
) -> None:
    from dyadwatch.analyze import dyad_series
    from dyadwatch.config import AnalyticsSettings

    _build(tmp_path / "d.duckdb", ARTICLES, EVENTS)
    store = Store.open(tmp_path / "d.duckdb", read_only=True)
    settings = AnalyticsSettings(count_mentions=count_mentions)
    series = dyad_series(store, "JPN", "PHL", freq="month", settings=settings)
    assert sum(point.n_events for point in series) == expected
