"""Word lists live in data files, not in Python (#16): a guard over the source of src/.

A literal set, list, tuple or dict holding more than ten distinct words, or a string of
more than ten words split into a list, fails this test unless its name is listed below
with the reason it may stay. Move a new word list to a TSV file beside the lexicon
(``extract/data``, ``actors/data``, ``ontology/data``) and read it with
``dyadwatch.datafiles``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dyadwatch"
LIMIT = 10
WORD = re.compile(r"[^\W\d_][^\W\d_' .-]*")
CONTAINERS = (ast.Set, ast.List, ast.Tuple, ast.Dict)

# Collections that may stay in code, by the name they are bound to, with the reason.
ALLOWED = {
    "__all__": "the public names of a module, not words",
    "_HOMES": "runner/__init__.py: the names of Python objects, by module, for lazy import",
    "_BLOCK_TAGS": "ingest/markup.py: HTML element names, a closed class fixed by the HTML spec",
    "_VOID_TAGS": "ingest/markup.py: HTML element names, a closed class fixed by the HTML spec",
    "_MONTHS": "extract/when.py: month names and their abbreviations, a closed class",
    "_DAYS_AND_MONTHS": "placenames: weekday and month names, a closed class",
    "LOCATIVE": "placenames: prepositions, a closed class",
    "TARGET_PREPS": "extract/arguments.py: prepositions, a closed class",
    "NOMINAL_TARGET_PREPS": "extract/events.py: prepositions, a closed class",
    "CLIMB_DEPS": "extract/modality.py: dependency labels",
    "INHERIT_DEPS": "extract/modality.py: dependency labels",
    "_SWAPS": "actors/name_forms.py: letter groups transliterations swap, not words",
    "GDELT_COLUMNS": "store/layouts.py: a file format's column names, not words",
    "POLECAT_COLUMNS": "store/layouts.py: a file format's column names, not words",
    # Pending (#16): the place gazetteer and location finding move to geo/ in another
    # part of the issue; their words move to data files there.
}


def _words(node: ast.expr) -> set[str]:
    """Return the distinct words among the string constants of a literal, nested included."""
    found: set[str] = set()
    items = [*node.keys, *node.values] if isinstance(node, ast.Dict) else getattr(node, "elts", [])
    for item in items:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            found.update([item.value] if WORD.fullmatch(item.value) else [])
        elif isinstance(item, CONTAINERS):
            found |= _words(item)
    return found


def _split_words(node: ast.Call) -> set[str]:
    """Return the words of ``"a b c".split()`` or ``words("a b c")``, else nothing."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "split" and not node.args:
        text = func.value
    elif isinstance(func, ast.Name) and func.id == "words" and len(node.args) == 1:
        text = node.args[0]
    else:
        return set()
    if isinstance(text, ast.Constant) and isinstance(text.value, str):
        return {word for word in text.value.split() if WORD.fullmatch(word)}
    return set()


def _bound_name(parents: dict[int, ast.AST], node: ast.AST) -> str:
    """Return the name a literal is assigned to (or the function it sits in)."""
    current: ast.AST | None = node
    while current is not None:
        if isinstance(current, ast.Assign) and isinstance(current.targets[0], ast.Name):
            return current.targets[0].id
        if isinstance(current, ast.AnnAssign) and isinstance(current.target, ast.Name):
            return current.target.id
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return current.name
        current = parents.get(id(current))
    return "<module>"


def word_lists(path: Path) -> Iterator[tuple[str, int, int]]:
    """Yield (bound name, line, word count) for each word list in one module's source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {
        id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)
    }
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, CONTAINERS) and id(node) not in nested:
            nested.update(id(inner) for inner in ast.walk(node) if inner is not node)
            found = _words(node)
        elif isinstance(node, ast.Call):
            found = _split_words(node)
        else:
            continue
        if len(found) > LIMIT:
            yield _bound_name(parents, node), node.lineno, len(found)


def test_words_are_data_no_word_list_in_src() -> None:
    offending = [
        f"{path.relative_to(SRC)}:{line}: {name} holds {count} words"
        for path in sorted(SRC.rglob("*.py"))
        for name, line, count in word_lists(path)
        if name not in ALLOWED
    ]
    assert not offending, "move these word lists to data files:\n" + "\n".join(offending)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("X = frozenset({" + ", ".join(f'"w{chr(97 + i)}x"' for i in range(11)) + "})", True),
        ("X = frozenset({" + ", ".join(f'"w{chr(97 + i)}x"' for i in range(10)) + "})", False),
        ("X = {('a', 'b'): ('c', 'd', 'e', 'f'), ('g', 'h', 'i'): ('j', 'k')}", True),
        ("X = ['GOV', 'MIL', 'CVL', 'OPP', 'LAB', 'EDU', 'HLH', 'REF', 'AGR', 'REL', 'NGO']", True),
        ("X = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11']", False),
        ('X = words("a b c d e f g h i j k")', True),
        ('X = "a b c d e f g h i j k".split()', True),
        ('log("a b c d e f g h i j k")', False),
    ],
)
def test_words_are_data_guard_finds_word_lists(tmp_path: Path, source: str, flagged: bool) -> None:
    path = tmp_path / "module.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert bool(list(word_lists(path))) is flagged
