"""What the lexicon sees around a predicate: hand-built parses."""

from __future__ import annotations

import pytest

from dyadwatch.extract.frames import verb_frame

from .docs_builder import parse


@pytest.mark.parametrize(
    ("complement", "lends"),
    [("impose", True), ("lift", False), ("cut", False), ("ease", False)],
)
def test_frames_a_complement_lends_its_object_unless_it_undoes_it(
    complement: str, lends: bool
) -> None:
    # 'agreed to impose sanctions' is the agreement's sanctions (163); 'agreed to lift
    # sanctions' is not: lifting them is the complement's own act (085)
    doc = parse(
        f"Iran/PROPN/nsubj/1 agreed/VERB/ROOT/1/agree to/PART/aux/3 "
        f"{complement}/VERB/xcomp/1/{complement} sanctions/NOUN/dobj/3/sanction"
    )
    frame = verb_frame(doc[1])
    assert complement in frame.xcomp
    assert ("sanction" in frame.obj) is lends


def test_frames_a_modifiers_own_modifier_names_the_kind() -> None:
    # 'revoked a set of military cooperation agreements': the set measures the agreements,
    # and 'military' modifies 'cooperation', not 'agreements': both say what kind they are
    doc = parse(
        "Niger/PROPN/nsubj/1 revoked/VERB/ROOT/1/revoke a/DET/det/3 set/NOUN/dobj/1/set "
        "of/ADP/prep/3 military/ADJ/amod/6 cooperation/NOUN/compound/7 "
        "agreements/NOUN/pobj/4/agreement"
    )
    frame = verb_frame(doc[1])
    assert {"agreement", "cooperation agreement", "military cooperation agreement"} <= frame.obj
