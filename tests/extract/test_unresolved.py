"""Tests for ``dyadwatch actors unresolved``: names like actors that resolve to none."""

from __future__ import annotations

import datetime
import json

import pytest
import spacy
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.extract.unresolved_entities import find_unresolved
from dyadwatch.records import Article
from dyadwatch.store import Store

TEXTS = (
    "Foreign Minister Olaf Brennick met Russian President Vladimir Putin in Moscow. "
    "Putin said the talks went well.",
    "Putin spoke again on Tuesday. Later, Interior Minister Olaf Brennick flew home.",
)


@pytest.fixture
def articles():
    day = datetime.date(2024, 3, 1)
    return [Article(id=f"a{i}", date=day, title="", text=t) for i, t in enumerate(TEXTS)]


def test_unresolved_finds_invented_minister_not_known_actor(articles):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    names = find_unresolved(articles, nlp=nlp)
    assert [(n.name, n.count, n.articles) for n in names] == [("Olaf Brennick", 2, 2)]
    assert names[0].example.startswith("Foreign Minister Olaf Brennick met")


def test_cli_actors_unresolved_reads_the_store(tmp_path, articles):
    db = tmp_path / "news.duckdb"
    store = Store.open(db)
    with store.writer() as con:
        store.upsert_articles(con, articles)
    args = ["actors", "unresolved", "--db", str(db), "--format", "json", "--limit", "5"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in json.loads(result.output)]
    assert "Olaf Brennick" in names
    assert not {"Putin", "Vladimir Putin", "Moscow", "Russian"} & set(names)


def test_cli_actors_unresolved_has_help():
    result = CliRunner().invoke(cli, ["actors", "unresolved", "--help"])
    assert result.exit_code == 0 and "--limit" in result.output
