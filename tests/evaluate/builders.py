"""Gold records, coded events and gold files for the evaluation tests."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from pathlib import Path

from dyadwatch.evaluate import Coded
from dyadwatch.records import Actor, Event, Modality, QuadClass

GOLD_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
DATE = datetime.date(2000, 1, 1)


def coded(source: str, target: str, kind: str, code: str = "", confidence: float = 1.0) -> Coded:
    return Coded(source, target, kind, code or kind, confidence)


def event(
    article_id: str,
    source: str,
    target: str,
    plover: str,
    *,
    cameo: str = "036",
    modality: Modality = Modality.ASSERTED,
    confidence: float = 0.9,
) -> Event:
    return Event(
        id=f"{article_id}-{source}-{target}-{plover}", article_id=article_id, date=DATE,
        sentence_index=0, start=0, end=1,
        source=Actor(code=source, country=source[:3]),
        target=Actor(code=target, country=target[:3]),
        cameo=cameo, root=cameo[:2], quad_class=QuadClass.VERBAL_COOPERATION, goldstein=1.0,
        plover_type=plover, plover_mode="", modality=modality, trigger="x", evidence="x",
        confidence=confidence, coder_version="test",
    )  # fmt: skip


def write_lines(path: Path, records: Iterable[object]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def plover_record(rid: str, *events: tuple[str, str, str]) -> dict[str, object]:
    rows = [{"source": s, "target": t, "plover": p, "mode": ""} for s, t, p in events]
    return {"id": rid, "date": "2000-01-01", "text": f"Sentence {rid}.", "events": rows}


def petrarch_record(
    rid: str, *events: tuple[str, str, str], valid: bool = True
) -> dict[str, object]:
    rows = [{"source": s, "target": t, "cameo": c} for s, t, c in events]
    return {
        "id": rid,
        "date": "1995-01-01",
        "text": f"Sentence {rid}.",
        "events": rows,
        "valid": valid,
    }


AGREE = plover_record("1", ("A", "B", "AGREE"))
NOTHING = ("", "", "")  # PETRARCH's "this record must yield no event"
