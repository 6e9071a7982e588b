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
