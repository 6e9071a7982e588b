"""Tests for the rejects file written by --skip-bad."""

from __future__ import annotations

import json

from dyadwatch.ingest import RejectsWriter, read_articles


def test_rejects_writes_one_json_line_per_bad_record(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text(
        '{"text": "x"}\n{"date": "2023-11-12", "text": "ok"}\n{"date": "2023-11-12"}\n'
    )
    with RejectsWriter(tmp_path / "out" / "rejects.jsonl") as rejects:
        articles = list(read_articles([source], on_bad=rejects))
    rows = [json.loads(line) for line in rejects.path.read_text(encoding="utf-8").splitlines()]
    assert [a.text for a in articles] == ["ok"]
    assert rejects.count == 2
    assert [(r["path"], r["line"], r["problem"]) for r in rows] == [
        (str(source), 1, 'missing "date" field'),
        (str(source), 3, 'missing "text" field'),
    ]
    assert rows[0]["fix"].startswith("each line needs")


def test_rejects_appends_and_leaves_no_file_when_nothing_is_rejected(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("date 2023-11-12 fine\n")
    with RejectsWriter(tmp_path / "rejects.jsonl") as rejects:
        list(read_articles([good], on_bad=rejects))
    assert (rejects.count, rejects.path.exists()) == (0, False)
