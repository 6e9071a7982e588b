"""Tests for the HTML page reader."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dyadwatch.errors import LimitError, RecordError
from dyadwatch.ingest import read_file
from dyadwatch.ingest.files import MAX_DOCUMENT_BYTES

DATA = Path(__file__).parent / "data"
PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Talks</title>{meta}</head>
<body><nav><a href="/">Home</a></nav><article><p>{body}</p>
<p>Both sides described the talks in Geneva as constructive and agreed to meet again soon.</p>
</article><footer>Copyright notice</footer></body></html>"""
DATED = '<meta property="article:published_time" content="2023-11-12">'
BODY = "Delegates from Armenia and Azerbaijan met in Geneva to discuss a peace treaty and borders."


def test_webpage_keeps_the_article_and_drops_nav_ads_and_footer():
    (article,) = read_file(DATA / "page.html")
    assert article.date == datetime.date(2023, 11, 12)
    assert article.title == "Russia and North Korea draw closer"
    assert article.source == "The Daily Globe"
    assert article.url == "https://dailyglobe.example/world/russia-north-korea"
    assert article.text.startswith("Russia has turned to North Korea for artillery shells")
    assert "United Nations resolutions." in article.text
    for boilerplate in ("Subscribe now", "Advertisement", "Ten best beaches", "Privacy policy"):
        assert boilerplate not in article.text


def test_webpage_without_a_date_is_a_record_error(tmp_path):
    path = tmp_path / "undated.html"
    path.write_text(PAGE.format(charset="utf-8", meta="", body=BODY), encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        list(read_file(path))
    assert str(caught.value).startswith(f"{path}: no publication date found; ")
    assert "article:published_time" in str(caught.value)


def test_webpage_in_a_declared_charset_is_decoded(tmp_path):
    path = tmp_path / "cp1252.html"
    body = BODY.replace("Geneva", "Genève")
    path.write_bytes(PAGE.format(charset="windows-1252", meta=DATED, body=body).encode("cp1252"))
    (article,) = read_file(path)
    assert "Genève" in article.text


def test_webpage_not_utf8_and_undeclared_names_the_byte(tmp_path):
    path = tmp_path / "latin.html"
    page = PAGE.format(charset="utf-8", meta=DATED, body=BODY.replace("Geneva", "Genève"))
    path.write_bytes(page.replace('<meta charset="utf-8">', "").encode("latin-1"))
    with pytest.raises(RecordError, match=r"latin\.html:2: not valid UTF-8 \(byte 0xe8 at byte"):
        list(read_file(path))


def test_webpage_over_the_size_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html>")
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(LimitError, match=r"huge\.html: document larger than 50 MB; split it"):
        list(read_file(path))


@pytest.mark.issue(15)
@pytest.mark.parametrize("depth", [300, 3000])
def test_webpage_nested_deeper_than_lxml_parses_keeps_its_text(tmp_path: Path, depth: int) -> None:
    body = "<p>" + BODY + "</p>" + "<p>Both sides called the talks constructive.</p>"
    page = PAGE.format(charset="utf-8", meta=DATED, body="").replace(
        "<article>", "<article>" + "<div>" * depth + body + "</div>" * depth
    )
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_file(path)
    assert BODY in article.text
