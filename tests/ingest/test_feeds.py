"""Tests for the RSS and Atom feed reader."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dyadwatch.errors import FormatError, InputError, RecordError
from dyadwatch.ingest import read_file

DATA = Path(__file__).parent / "data"


def test_feeds_rss_gives_one_article_per_item_with_html_stripped():
    articles = list(read_file(DATA / "wire.rss"))
    assert [a.title for a in articles] == [
        "Russia & North Korea hold arms talks",
        "Egypt mediates between Israel and Hamas",
    ]
    first = articles[0]
    # 23:30 at -05:00 is the next day in UTC; the day as written is kept.
    assert first.date == datetime.date(2023, 11, 12)
    assert (
        first.text
        == "Russia held arms talks with North Korea, officials said.\nSeoul condemned the talks."
    )
    assert (first.source, first.url) == ("World Wire", "https://wire.example/2023/11/12/arms-talks")


def test_feeds_atom_prefers_published_date_and_full_content():
    first, second = read_file(DATA / "agency.atom")
    assert first.date == datetime.date(2023, 11, 13)
    assert (
        first.text
        == "Brazil and Argentina signed a trade pact on Monday.\nBoth presidents praised the deal."
    )
    assert second.date == datetime.date(2023, 11, 14)  # only <updated>
    assert second.text == "Kenya said it would send police officers to Haiti."
    assert {first.source, second.source} == {"Agency Desk"}


def test_feeds_entry_without_date_names_its_line(tmp_path):
    path = tmp_path / "undated.rss"
    path.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n'
        "<item><title>A</title><pubDate>Sun, 12 Nov 2023 08:00:00 GMT</pubDate>"
        "<description>One.</description></item>\n\n"
        "<item><title>B</title><description>Two.</description></item>\n"
        "</channel></rss>\n",
        encoding="utf-8",
    )
    errors: list[InputError] = []
    articles = list(read_file(path, on_bad=errors.append))
    assert [a.text for a in articles] == ["One."]
    assert [str(e) for e in errors] == [
        f"{path}:5: no published or updated date (entry 2); give each RSS <item> a <pubDate>, "
        "or each Atom <entry> a <published> or <updated>"
    ]
    assert isinstance(errors[0], RecordError)


def test_feeds_a_file_that_is_not_a_feed_is_a_format_error(tmp_path):
    path = tmp_path / "page.rss"
    path.write_text("<html><body><p>No feed here.</p></body></html>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"page\.rss: not an RSS or Atom feed"):
        list(read_file(path))
