"""The one reader of dyadwatch's tab-separated tables: format, package data and errors."""

from __future__ import annotations

import pytest

from dyadwatch.datafiles import package_table, package_words, read_rows, read_words
from dyadwatch.errors import InputError


def test_datafiles_rows_skip_comments_and_blanks_and_pad_missing_cells() -> None:
    text = "# about\n\nname\tcode\tnote\n  # indented comment\nA\t1\nB\n\r\nC\t3\tx\ty\r\n"
    rows = list(read_rows(text, "t.tsv"))
    assert [(row.line, dict(row.cells)) for row in rows] == [
        (5, {"name": "A", "code": "1", "note": ""}),
        (6, {"name": "B", "code": "", "note": ""}),
        (8, {"name": "C", "code": "3", "note": "x"}),
    ]


def test_datafiles_missing_column_names_file_line_and_fix() -> None:
    fix = r"the header needs name, code"
    with pytest.raises(InputError, match=rf"^t\.tsv:2: header lacks code; {fix}"):
        list(read_rows("# about\nname\tnote\nA\tx\n", "t.tsv", required=("name", "code")))


def test_datafiles_empty_table_with_required_columns_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^t\.tsv:1: header lacks name"):
        list(read_rows("# only comments\n", "t.tsv", required=("name",)))


def test_datafiles_row_error_is_located() -> None:
    (row,) = read_rows("a\n1\n", "t.tsv")
    assert str(row.error("bad", "fix it")) == "t.tsv:2: bad; fix it"


def test_datafiles_word_classes_merge_lines_and_lower_case() -> None:
    words = read_words("class\twords\nX\tA|b\n# c\nX\tc| \nY\td\n", "w.tsv")
    assert words["X"] == {"a", "b", "c"}
    assert words["Y"] == {"d"}


def test_datafiles_unknown_word_class_names_the_file_and_fix() -> None:
    words = read_words("class\twords\nX\ta\n", "w.tsv")
    with pytest.raises(InputError, match=r"^w\.tsv: no word class 'Z'; add a line Z<TAB>"):
        words["Z"]


def test_datafiles_word_class_defined_again_further_down_is_an_error() -> None:
    # roles.tsv once held two MEASURE_NOUNS with two meanings, merged without a word
    with pytest.raises(InputError, match=r"^w\.tsv:4: word class X is defined again"):
        read_words("class\twords\nX\ta\nY\tb\nX\tc\n", "w.tsv")


def test_datafiles_word_class_without_name_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^w\.tsv:2: a word class needs a name"):
        read_words("class\twords\n\ta|b\n", "w.tsv")


@pytest.mark.parametrize(
    ("package", "name"),
    [
        ("dyadwatch.ontology", "cameo.tsv"),
        ("dyadwatch.actors", "countries.tsv"),
        ("dyadwatch.extract", "verbs.tsv"),
    ],
)
def test_datafiles_package_tables_read_with_source_names(package: str, name: str) -> None:
    rows = package_table(package, name)
    assert rows
    assert all(row.source == name and row.line > 1 for row in rows)


def test_datafiles_package_words_are_cached() -> None:
    assert package_words("dyadwatch.extract", "classes.tsv") is package_words(
        "dyadwatch.extract", "classes.tsv"
    )
