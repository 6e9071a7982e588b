"""Tests for content-hash article ids."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.ingest import article_id, normalise_text, read_file

DAY = datetime.date(2023, 11, 12)
TEXT = "Russia and North Korea held talks.\n\nSeoul café owners protested."


@pytest.mark.parametrize(
    "variant",
    [
        "  Russia and North Korea held talks.  Seoul café owners protested.\n",
        "Russia and North Korea held talks.\r\nSeoul cafe\u0301 owners protested.",  # NFD é
        "Russia\tand North Korea held talks. Seoul\u00a0café owners protested.",
    ],
    ids=["spaces", "nfd", "tab-nbsp"],
)
def test_ids_ignore_white_space_and_unicode_composition(variant):
    assert article_id(variant, DAY) == article_id(TEXT, DAY)


@pytest.mark.parametrize(
    ("text", "date"),
    [(TEXT.lower(), DAY), (TEXT, datetime.date(2023, 11, 13)), (TEXT + " Again.", DAY)],
    ids=["case", "date", "word"],
)
def test_ids_change_with_case_date_or_words(text, date):
    assert article_id(text, date) != article_id(TEXT, DAY)


def test_ids_normalise_text_keeps_case():
    assert normalise_text(" US\n and  us ") == "US and us"


def test_ids_same_article_from_text_jsonl_and_csv_is_one_article(tmp_path):
    (tmp_path / "a.txt").write_text(f"date 2023-11-12\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(
        '{"date": "2023-11-12T09:00:00Z", "text": "Russia and North Korea held talks.\\n\\n'
        'Seoul caf\\u00e9 owners protested."}\n',
        encoding="utf-8",
    )
    (tmp_path / "a.csv").write_text(f'date,text\n2023-11-12,"{TEXT}"\n', encoding="utf-8")
    ids = {
        article.id
        for name in ("a.txt", "a.jsonl", "a.csv")
        for article in read_file(tmp_path / name)
    }
    assert ids == {article_id(TEXT, DAY)}
