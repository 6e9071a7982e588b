"""Parsing and matching of lexicon rules."""

from __future__ import annotations

import pytest

from dyadwatch.errors import InputError
from dyadwatch.extract.lexicon import Frame, Lexicon, parse_classes, parse_rules


def test_lexicon_first_matching_rule_wins() -> None:
    lexicon = Lexicon(
        classes=parse_classes("c", "class\twords\nWEAPON\tarm|shell\nFOOD\tfood\n"),
        verbs=parse_rules(
            "v", "lemma\twhen\tcameo\troles\nsupply\tobj=WEAPON\t072\ts>o\nsupply\t-\t070\ts>o\n"
        ),
    )
    rules = lexicon.verbs["supply"]
    assert lexicon.match(rules, Frame(obj=frozenset({"shell"}))).cameo == "072"  # type: ignore[union-attr]
    assert lexicon.match(rules, Frame(obj=frozenset({"food"}))).cameo == "070"  # type: ignore[union-attr]


def test_lexicon_conditions_all_must_hold() -> None:
    rules = parse_rules("v", "lemma\twhen\tcameo\troles\nturn\tprep=to,for=SUPPORT\t020\ts>o\n")
    lexicon = Lexicon(classes={"SUPPORT": frozenset({"support"})}, verbs=rules)
    assert lexicon.match(rules["turn"], Frame(preps=frozenset({"to"}))) is None
    assert lexicon.match(rules["turn"], Frame(preps=frozenset({"to"}), for_=frozenset({"support"})))


def test_lexicon_no_clause_condition() -> None:
    # 'xcomp=-': the row holds only when the verb governs no clause at all
    rules = parse_rules(
        "v", "lemma\twhen\tcameo\troles\ncall\tprep=on,xcomp=-\t042\ts>o\ncall\tprep=on\t020\ts>o\n"
    )
    lexicon = Lexicon(verbs=rules)
    bare = Frame(preps=frozenset({"on"}))
    with_clause = Frame(preps=frozenset({"on"}), xcomp=frozenset({"halt"}), clausal=True)
    assert lexicon.match(rules["call"], bare).cameo == "042"  # type: ignore[union-attr]
    assert lexicon.match(rules["call"], with_clause).cameo == "020"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("meet\tobj\t040\tsym", "bad condition"),
        ("meet\t-\t040\tboth", "bad roles"),
        ("meet\t-", "expected lemma"),
    ],
)
def test_lexicon_bad_rows_name_file_and_line(row: str, problem: str) -> None:
    with pytest.raises(InputError, match=rf"verbs.tsv:2: {problem}"):
        parse_rules("verbs.tsv", f"lemma\twhen\tcameo\troles\n{row}\n")
