"""Checks on the shipped lexicon data files (classes.tsv, verbs.tsv, nouns.tsv)."""

from __future__ import annotations

import csv
import datetime
import importlib
import re
from dataclasses import dataclass
from importlib import resources

import pytest

CONDITION_KEYS = frozenset({"obj", "xcomp", "prep", "prt", "for"})
CLASS_KEYS = frozenset({"obj", "xcomp", "for"})
ROLES = frozenset({"s>o", "o>s", "sym"})
CODE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
RULE_FILES = ("verbs.tsv", "nouns.tsv")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a lexicon file with its line number."""

    file: str
    line: int
    cells: tuple[str, ...]


def _text(name: str) -> str:
    return resources.files("dyadwatch.extract").joinpath("data", name).read_text("utf-8")


def _rows(name: str) -> list[Row]:
    reader = csv.reader(_text(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for number, cells in enumerate(reader, start=1):
        if number == 1 or not cells or not cells[0].strip() or cells[0].startswith("#"):
            continue
        rows.append(Row(name, number, tuple(cells)))
    return rows


def _conditions(when: str) -> list[tuple[str, str]]:
    if when == "-":
        return []
    return [tuple(part.split("=", 1)) for part in when.split(",")]  # type: ignore[misc]


def _classes() -> dict[str, set[str]]:
    return {row.cells[0]: set(row.cells[1].split("|")) for row in _rows("classes.tsv")}


RULES = [row for name in RULE_FILES for row in _rows(name)]
CLASS_ROWS = _rows("classes.tsv")


def _row_id(row: Row) -> str:
    return f"{row.file}:{row.line}"


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("classes.tsv", "class\twords"),
        ("verbs.tsv", "lemma\twhen\tcameo\troles\tnote"),
        ("nouns.tsv", "lemma\twhen\tcameo\troles\tnote"),
    ],
)
def test_lexicon_data_header_is_first_line(name: str, header: str) -> None:
    assert _text(name).splitlines()[0] == header


@pytest.mark.parametrize("name", RULE_FILES)
def test_lexicon_data_rule_files_are_not_empty(name: str) -> None:
    assert len(_rows(name)) >= 100


@pytest.mark.parametrize("row", RULES, ids=_row_id)
def test_lexicon_data_rule_row_shape(row: Row) -> None:
    lemma, when, cameo, roles = row.cells[:4]
    assert len(row.cells) in (4, 5)
    assert lemma == lemma.strip().lower() and lemma
    assert CODE.fullmatch(cameo), f"malformed CAMEO code {cameo!r}"
    assert roles in ROLES
    for key, value in _conditions(when):
        assert key in CONDITION_KEYS
        assert value and value == value.strip()


@pytest.mark.parametrize("row", CLASS_ROWS, ids=_row_id)
def test_lexicon_data_class_row_shape(row: Row) -> None:
    name, words = row.cells
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name)
    members = words.split("|")
    assert all(word and word == word.strip().lower() for word in members)
    assert len(members) == len(set(members)), f"duplicate member in {name}"


def test_lexicon_data_class_names_are_unique() -> None:
    names = [row.cells[0] for row in CLASS_ROWS]
    assert len(names) == len(set(names))


def test_lexicon_data_every_class_used_is_defined() -> None:
    defined = set(_classes())
    used = {
        (_row_id(row), name)
        for row in RULES
        for key, value in _conditions(row.cells[1])
        if key in CLASS_KEYS
        for name in value.split("|")
        if name != "-"  # 'xcomp=-': no clause at all, not a class
    }
    assert {pair for pair in used if pair[1] not in defined} == set()


def test_lexicon_data_every_class_is_used() -> None:
    used = {
        name
        for row in RULES
        for key, value in _conditions(row.cells[1])
        if key in CLASS_KEYS
        for name in value.split("|")
    }
    assert set(_classes()) - used == set()


@pytest.mark.parametrize("name", RULE_FILES)
def test_lexicon_data_no_duplicate_conditions_per_lemma(name: str) -> None:
    keys = [(r.cells[0], tuple(sorted(_conditions(r.cells[1])))) for r in _rows(name)]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


@pytest.mark.parametrize("name", RULE_FILES)
def test_lexicon_data_bare_row_is_last_and_rows_are_grouped(name: str) -> None:
    rows = _rows(name)
    lemmas = [row.cells[0] for row in rows]
    for lemma in set(lemmas):
        positions = [i for i, seen in enumerate(lemmas) if seen == lemma]
        assert positions == list(range(positions[0], positions[-1] + 1)), f"{lemma} split"
        bare = [i for i in positions if rows[i].cells[1] == "-"]
        assert bare in ([], [positions[-1]]), f"{lemma}: '-' row must be last"


@pytest.mark.parametrize("row", RULES, ids=_row_id)
def test_lexicon_data_codes_are_in_the_codebook(row: Row) -> None:
    try:
        cameo = importlib.import_module("dyadwatch.ontology.cameo")
    except ImportError:
        pytest.skip("dyadwatch.ontology.cameo is not available")
    if not hasattr(cameo, "is_valid"):
        pytest.skip("dyadwatch.ontology.cameo has no is_valid")
    assert cameo.is_valid(row.cells[2]), f"{row.cells[2]} is not a CAMEO 1.1b3 code"


@pytest.mark.parametrize(
    ("lemma", "when"),
    [
        ("say", None),
        ("tell", None),
        ("hold", "-"),
        ("sign", "-"),
        ("launch", "-"),
        ("send", "-"),
        ("impose", "-"),
        ("lift", "-"),
        ("make", "-"),
        ("take", "-"),
        ("give", "-"),
        ("have", "-"),
    ],
)
def test_lexicon_data_light_verbs_have_no_bare_row(lemma: str, when: str | None) -> None:
    found = [row.cells[1] for row in _rows("verbs.tsv") if row.cells[0] == lemma]
    assert (found == []) if when is None else (when not in found)


@pytest.mark.parametrize(
    ("file", "lemma", "roles"),
    [
        ("verbs.tsv", "meet", "sym"),
        ("verbs.tsv", "negotiate", "sym"),
        ("verbs.tsv", "clash", "sym"),
        ("verbs.tsv", "buy", "o>s"),
        ("nouns.tsv", "talk", "sym"),
        ("nouns.tsv", "accusation", "s>o"),
    ],
)
def test_lexicon_data_roles_of_anchor_words(file: str, lemma: str, roles: str) -> None:
    bare = [row.cells[3] for row in _rows(file) if row.cells[0] == lemma and row.cells[1] == "-"]
    assert bare == [roles]


ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize("root", ROOTS)
def test_lexicon_data_covers_every_root(root: str) -> None:
    assert any(row.cells[2].startswith(root) for row in _rows("verbs.tsv"))


@pytest.mark.parametrize(
    ("lemma", "when", "cameo"),
    [
        ("supply", "obj=WEAPON", "072"),
        ("impose", "obj=SANCTION", "163"),
        ("expel", "obj=AMBASSADOR", "161"),
        ("hold", "obj=TALKS", "046"),
        ("sign", "obj=AGREEMENT", "057"),
        ("shell", "-", "194"),
    ],
)
def test_lexicon_data_anchor_rows(lemma: str, when: str, cameo: str) -> None:
    codes = [r.cells[2] for r in _rows("verbs.tsv") if r.cells[0] == lemma and r.cells[1] == when]
    assert codes == [cameo]


@pytest.mark.parametrize(
    ("class_name", "lemma"),
    [
        ("WEAPON", "arm"),
        ("WEAPON", "munition"),
        ("TROOP", "troop"),
        ("TALKS", "talk"),
        ("SANCTION", "sanction"),
    ],
)
def test_lexicon_data_classes_hold_spacy_lemmas(class_name: str, lemma: str) -> None:
    assert lemma in _classes()[class_name]


@pytest.mark.parametrize(
    ("which", "text", "expected"),
    [
        # warning shots are a show of force (150), shots at someone an attack (190)
        (
            "coder",
            "South Korean troops fired warning shots at North Korean soldiers on Tuesday.",
            ("KOR", "PRK", "150"),
        ),
        (
            "coder",
            "South Korean troops fired shots at North Korean soldiers on Tuesday.",
            ("KOR", "PRK", "190"),
        ),
        # crowd-control weapons fired or used at anyone: coercion by repression (175), not
        # an attack; the rule coder alone, and foreign targets, so only the rows (not
        # extract/repression.py) decide
        (
            "rules_coder",
            "Israeli troops fired rubber bullets at Palestinian protesters.",
            ("ISR", "PSE", "175"),
        ),
        (
            "rules_coder",
            "A Chinese coast guard ship fired a water cannon at a Philippine boat.",
            ("CHN", "PHL", "175"),
        ),
        (
            "rules_coder",
            "Turkish police used tear gas against Syrian refugees at the border.",
            ("TUR", "SYR", "175"),
        ),
        # live fire named beside them is still force
        (
            "rules_coder",
            "Israeli troops fired live ammunition and tear gas at Palestinian protesters.",
            ("ISR", "PSE", "190"),
        ),
        (
            "rules_coder",
            "Israeli troops used live ammunition and tear gas against Palestinian protesters.",
            ("ISR", "PSE", "190"),
        ),
        (
            "rules_coder",
            "Indian troops fired rubber bullets and live rounds at Pakistani soldiers.",
            ("IND", "PAK", "190"),
        ),
    ],
)
def test_lexicon_data_rows_code_their_sentences(
    request: pytest.FixtureRequest, which: str, text: str, expected: tuple[str, str, str]
) -> None:
    """The pair's only code is the row's (with the full coder, or the rules alone)."""
    from dyadwatch.extract.coder import code_text

    events = code_text(request.getfixturevalue(which), text, date=datetime.date(2024, 6, 11))
    source, target, code = expected
    pair = {e.cameo for e in events if (e.source.country, e.target.country) == (source, target)}
    assert pair == {code}
