"""Tests for the TABARI/PETRARCH dictionary importer (``dyadwatch actors import-tabari``)."""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner

from dyadwatch.actors import ActorGazetteer, MentionKind, Resolver
from dyadwatch.actors.tabari import (
    import_tabari,
    plural,
    read_actor_dictionary,
    read_agent_dictionary,
    write_user_gazetteer,
)
from dyadwatch.cli import cli
from dyadwatch.errors import InputError, RecordError

ISO = frozenset({"ISR", "PSE", "USA", "DNK"})

ACTORS = """\
<!-- A TEST DICTIONARY -->
<!--
# a comment block over
several lines -->
ARNOR_  [ARN]  # the north kingdom
+ARNORIAN ; a TABARI-style comment
<! -- a skipped line -->
ISRAEL [ISR]
ISRAELI_TROOPS [ISRMIL]
HAMAS [PSEREBHMS]
GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB >990816]
SAM_GAMGEE [HOB]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]
PRINCE OF DOL AMROTH
\t[--- <950630]
\t[DOL]
THE_SHIRE [FRO/BIL]
PALESTINIAN [PAL]
PALESTINE [PSE]
+PALESTINIAN
"""

AGENTS = """\
<!-- AGENTS -->
!PERSON! = MAN, MEN
CONGRESS!PERSON! [~LEG]
OFFICIAL [~GOV] # plural made by rule
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
HUMAN_RIGHTS_BODY [NGO~]
"""


@pytest.fixture
def actors_file(tmp_path):
    path = tmp_path / "test.actors"
    path.write_text(ACTORS, encoding="utf-8")
    return path


@pytest.fixture
def agents_file(tmp_path):
    path = tmp_path / "test.agents"
    path.write_text(AGENTS, encoding="utf-8")
    return path


def _by_name(rows):
    found: dict[str, list] = {}
    for row in rows:
        found.setdefault(row.name, []).append(row)
    return found


def test_tabari_entries_synonyms_and_comments(actors_file):
    rows = _by_name(read_actor_dictionary(actors_file, countries=ISO))
    (arnor,) = rows["ARNOR"]
    assert (arnor.kind, arnor.code, arnor.country, arnor.aliases) == (
        MentionKind.NSA,
        "ARN",
        "ARN",
        ("ARNORIAN",),
    )
    assert arnor.origin.endswith("test.actors:5")
    assert "A TEST DICTIONARY" not in rows and "several lines" not in str(rows)


@pytest.mark.parametrize(
    ("name", "kind", "country", "sector", "code"),
    [
        ("ISRAEL", MentionKind.COUNTRY, "ISR", "", ""),
        ("ISRAELI TROOPS", MentionKind.AGENT, "ISR", "MIL", "ISRMIL"),
        ("HAMAS", MentionKind.NSA, "PSE", "REB", "PSEREBHMS"),
        ("THE SHIRE", MentionKind.NSA, "FRO", "", "FRO"),
    ],
)
def test_tabari_codes_become_kinds(actors_file, name, kind, country, sector, code):
    (row,) = _by_name(read_actor_dictionary(actors_file, countries=ISO))[name]
    assert (row.kind, row.country, row.sector, row.code) == (kind, country, sector, code)


def test_tabari_dated_codes_become_windows_before_the_default(actors_file):
    rows = _by_name(read_actor_dictionary(actors_file, countries=ISO))
    windows = [(r.code, r.start, r.end) for r in rows["GOLLUM"]]
    assert windows == [
        ("HOB", None, datetime.date(1995, 6, 1)),
        ("HOBGOV", datetime.date(1995, 6, 1), datetime.date(1999, 8, 16)),
        ("HOBREB", datetime.date(1999, 8, 17), None),
    ]
    assert rows["GOLLUM"][0].aliases == ("SMEAGOL",)
    assert [(r.code, r.end) for r in rows["SAM GAMGEE"]][-1] == ("HOB", None)


def test_tabari_null_code_is_a_dated_stop(actors_file):
    rows = _by_name(read_actor_dictionary(actors_file, countries=ISO))["PRINCE OF DOL AMROTH"]
    assert [(r.kind, r.end) for r in rows] == [
        (MentionKind.STOP, datetime.date(1995, 6, 30)),
        (MentionKind.NSA, None),
    ]


def test_tabari_later_definition_wins(actors_file):
    rows = _by_name(read_actor_dictionary(actors_file, countries=ISO))
    assert "PALESTINIAN" not in rows
    assert rows["PALESTINE"][0].aliases == ("PALESTINIAN",)


def test_tabari_agents_plurals_markers_and_prefixes(agents_file):
    rows = {row.name: row for row in read_agent_dictionary(agents_file)}
    assert rows["CONGRESSMAN"].aliases == ("CONGRESSMEN",)
    assert (rows["OFFICIAL"].aliases, rows["OFFICIAL"].sector) == (("OFFICIALS",), "GOV")
    assert (rows["POLICE"].aliases, rows["POLICE"].sector) == ((), "COP")
    assert rows["ATTORNEY GENERAL"].aliases == ("ATTORNEYS GENERAL",)
    assert rows["HUMAN RIGHTS BODY"].sector == "NGO"
    assert {row.kind for row in rows.values()} == {MentionKind.AGENT}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("OFFICIAL", "OFFICIALS"), ("AUTHORITY", "AUTHORITIES"), ("ATTORNEY", "ATTORNEYS"),
     ("CONGRESS", "CONGRESSES"), ("SECURITY SERVICE", "SECURITY SERVICES")],
)  # fmt: skip
def test_tabari_plural(phrase, expected):
    assert plural(phrase) == expected


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("ARNOR [ARN]\nGONDOR [GON <19951340]\n", 2, "not a date"),
        ("ARNOR [ARN >]\n", 1, "cannot read the code"),
        ("+ARNORIAN\nARNOR [ARN]\n", 1, "a synonym before any entry"),
        ("ARNOR [ARN]\nGONDOR\n+MINAS_TIRITH\n", 2, "has no code"),
        ("ARNOR [ARN] extra\n", 1, "unexpected text"),
        ("ARNOR [ARN 19990101-19980101]\n", 1, "ends before it starts"),
    ],
)
def test_tabari_bad_actor_lines_name_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.actors"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_actor_dictionary(path, countries=ISO)
    assert (caught.value.line, str(path)) == (line, caught.value.path)
    assert words in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("OFFICIAL\n", "cannot read the agent line"),
        ("OFFICIAL [GOV]\n", "cannot read the agent code"),
        ("CONGRESS!PERSON! [~LEG]\n", "!PERSON! is not defined"),
        ("ATTORNEY_GENERAL {ATTORNEYS [~GOV]\n", "missing '}'"),
    ],
)
def test_tabari_bad_agent_lines_name_file_and_line(tmp_path, text, words):
    path = tmp_path / "bad.agents"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=words) as caught:
        read_agent_dictionary(path)
    assert caught.value.line == 1


def test_tabari_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the dictionary"):
        import_tabari(tmp_path / "none.actors")


def test_tabari_written_file_loads_and_resolves(tmp_path, actors_file, agents_file):
    out = tmp_path / "user.tsv"
    write_user_gazetteer(import_tabari(actors_file, agents_path=agents_file), out)
    resolver = Resolver(ActorGazetteer.load(user_files=[out]))

    def codes(text: str, day: str) -> list[str]:
        date = datetime.date.fromisoformat(day)
        return [m.actor.code for m in resolver.find(text, date=date)]

    assert codes("Arnor accused Hamas.", "2000-01-01") == ["ARN", "PSEREBHMS"]
    assert codes("Smeagol left.", "1994-01-01") == ["HOB"]
    assert codes("Smeagol left.", "1997-01-01") == ["HOBGOV"]
    assert codes("Sam Gamgee left.", "2010-01-12") == ["ORCHOB"]
    assert codes("The Prince of Dol Amroth left.", "1990-01-01") == []
    assert codes("The Prince of Dol Amroth left.", "1999-01-01") == ["DOL"]
    assert codes("Israeli congressmen", "2000-01-01") == ["ISRLEG"]


def test_tables_user_file_accepts_legacy_country_only_with_a_group_code(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("name\tcountry\tkind\tcode\nArnor\tARN\tnsa\tARNGOV\n", encoding="utf-8")
    assert (
        Resolver(ActorGazetteer.load(user_files=[good]))
        .lookup("Arnor", date=datetime.date(2000, 1, 1))
        .actor.country
        == "ARN"
    )
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tcountry\tkind\nArnor\tARN\tcountry\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad\.tsv:2: unknown country code 'ARN'"):
        ActorGazetteer.load(user_files=[bad])


def test_cli_actors_import_tabari_writes_user_file(tmp_path, actors_file, agents_file):
    out = tmp_path / "user.tsv"
    args = ["actors", "import-tabari", str(actors_file), "--agents", str(agents_file)]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote 19 rows to {out}")
    assert out.read_text(encoding="utf-8").startswith("name\taliases\tcountry\tsector\trole")


def test_cli_actors_import_tabari_bad_line_is_one_line_error(tmp_path):
    path = tmp_path / "bad.actors"
    path.write_text("ARNOR [ARN >]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["actors", "import-tabari", str(path), "--out", "x.tsv"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}:1: cannot read the code")


def test_tabari_real_suite_dictionaries_code_the_suite(tmp_path, shared_eval):
    from dyadwatch.config import CoderSettings
    from dyadwatch.evaluate import evaluate_file
    from dyadwatch.extract import Coder, build_nlp

    raw = shared_eval / "raw" / "petrarch2"
    rows = import_tabari(
        raw / "PETR.Validate.actors.txt", agents_path=raw / "PETR.Validate.agents.txt"
    )
    assert {"ARNOR", "GOLLUM", "MINISTER"} <= {row.name for row in rows}
    out = tmp_path / "suite.tsv"
    write_user_gazetteer(rows, out)
    coder = Coder(build_nlp(CoderSettings(user_gazetteer=str(out))))
    report = evaluate_file(shared_eval / "petrarch-unit.jsonl", coder=coder, limit=40)
    assert report.kind == "petrarch" and report.records + report.skipped == 40
    assert report.all_types is not None and report.all_codes is not None
    assert report.all_codes.hits <= report.all_types.hits <= report.all_types.records
    assert 0.0 <= report.all_codes.share <= report.all_types.share <= 1.0
