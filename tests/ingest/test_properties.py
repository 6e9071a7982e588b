"""Property tests: the text format round-trips, and no byte string makes a reader crash."""

from __future__ import annotations

import datetime
import gzip
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import InputError
from dyadwatch.ingest import normalise_text, read_file

# Any character a UTF-8 file can hold, except NUL (which marks a binary file).
BODY_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
DATE_LINE = re.compile(r"\s*date\s+\d{4}-", re.MULTILINE)
SUFFIXES = [".txt", ".jsonl", ".csv", ".tsv", ".html", ".rss", ".atom", ".txt.gz", ""]
PREFIXES = [
    b"",
    b"date 2023-11-12 ",
    b'{"date": "2023-11-12", "text": ',
    b"date,text\n2023-11-12,",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><pubDate>',
    b"<!DOCTYPE html><html><head><meta charset=",
    b"\x1f\x8b\x08\x00",
]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted(path.read_bytes() for path in DATA.rglob("*") if path.is_file())


def _splice(sample: bytes, start: float, stop: float, junk: bytes) -> bytes:
    """Replace a slice of a real sample file with junk bytes."""
    cut, resume = sorted((int(start * len(sample)), int(stop * len(sample))))
    return sample[:cut] + junk + sample[resume:]


FRACTIONS = st.floats(0, 1)
FUZZ_BYTES = st.builds(
    bytes.__add__,
    st.sampled_from(PREFIXES),
    st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
) | st.builds(_splice, st.sampled_from(SAMPLES), FRACTIONS, FRACTIONS, st.binary(max_size=8))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(BODY_CHARS, min_size=1, max_size=400), date=st.dates())
def test_properties_text_format_round_trips(scratch, body, date):
    assume(normalise_text(body) and not DATE_LINE.search(body))
    path = scratch / f"{uuid.uuid4().hex}.txt"
    path.write_text(f"date {date.isoformat()} {body.strip()}\n", encoding="utf-8", newline="")
    (article,) = read_file(path)
    assert (article.date, normalise_text(article.text)) == (date, normalise_text(body))


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FUZZ_BYTES, packed=st.booleans())
def test_properties_any_bytes_give_articles_or_an_input_error(scratch, suffix, data, packed):
    path = scratch / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(gzip.compress(data) if packed or suffix.endswith(".gz") else data)
    errors: list[InputError] = []
    articles = list(read_file(path, on_bad=errors.append))
    assert all(isinstance(a.date, datetime.date) and a.text for a in articles)
    assert all(str(path) in str(error) for error in errors)
    try:
        list(read_file(path))
    except InputError as error:
        assert str(error).startswith(str(path))
