"""Read human-coded gold sentences for ``dyadwatch eval``: PLOVER's, PETRARCH2's and the corpus's.

Each line of a gold file is one sentence with the events a coder should find in it (see
``docs/evaluation.md``). Events are read into ``Coded``, the vocabulary both the gold and
the reduced predictions share. Files in the training corpus format (``training/corpus/
README.md``: events with ``source_code``, ``target_code``, ``cameo`` and ``modality``) are
gold too, scored at the level of countries and CAMEO roots.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dyadwatch.errors import FormatError, RecordError, UnknownNameError
from dyadwatch.ontology import cameo
from dyadwatch.ontology.plover import normalise_type

GoldKind = Literal["plover", "petrarch", "corpus"]


@dataclass(frozen=True, slots=True)
class Coded:
    """One event reduced to what gold data records: two actors, a type and a code.

    ``type`` is the PLOVER type (PLOVER gold) or the CAMEO root (PETRARCH gold); ``code``
    is the full CAMEO code (PETRARCH gold) or the PLOVER type again.
    """

    source: str
    target: str
    type: str
    code: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with the events a coder should find in it."""

    id: str
    date: datetime.date
    text: str
    events: tuple[Coded, ...]
    valid: bool = True

    @property
    def two_sided(self) -> bool:
        """Whether every gold event names both actors (needed for triples and pairs)."""
        return all(event.source and event.target for event in self.events)


@dataclass(frozen=True, slots=True)
class GoldFile:
    """The records of one gold file and the format they share."""

    kind: GoldKind
    records: tuple[GoldRecord, ...]


def detect_kind(record: Mapping[str, Any]) -> GoldKind | None:
    """Tell PLOVER gold (``plover``), corpus-format gold (``source_code``) and PETRARCH gold.

    Returns ``None`` when no event says (a record that expects no events).

    Example:
        >>> detect_kind({"events": [{"source": "ARN", "target": "GON", "cameo": "064"}]})
        'petrarch'
    """
    events = record.get("events")
    events = events if isinstance(events, list) else []
    fields = {name for event in events if isinstance(event, dict) for name in event}
    if "plover" in fields:
        return "plover"
    if "source_code" in fields:
        return "corpus"
    return "petrarch" if "cameo" in fields else None


def read_gold(path: str | Path) -> GoldFile:
    """Read a gold JSON Lines file (one sentence with its events a line).

    Raises:
        RecordError: a line is not a gold record; the message gives ``path:line``.
        FormatError: no record tells which gold format the file is in.
    """
    raw = list(_json_lines(Path(path)))
    kinds = [(line, kind) for line, record in raw if (kind := detect_kind(record))]
    if not kinds:
        problem = "no event names a 'plover' type or a 'cameo' code"
        raise FormatError(str(path), None, problem, "see docs/evaluation.md")
    kind = kinds[0][1]
    for line, other in kinds:
        if other != kind:
            problem = f"a {other} record in a {kind} gold file"
            raise RecordError(str(path), line, problem, "keep one format per file")
    return GoldFile(
        kind, tuple(_gold_record(record, kind, str(path), line) for line, record in raw)
    )


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                raise RecordError(
                    str(path), line, f"not valid JSON ({error.msg})", "write one JSON object a line"
                ) from None
            if not isinstance(record, dict):
                raise RecordError(
                    str(path), line, "not a JSON object", 'write {"id", "date", "text", "events"}'
                )
            yield line, record


def _gold_record(record: dict[str, Any], kind: GoldKind, path: str, line: int) -> GoldRecord:
    fix = 'each line needs {"id": ..., "date": "YYYY-MM-DD", "text": ..., "events": [...]}'
    values = [record.get(name) for name in ("id", "date", "text")]
    if not all(isinstance(value, str) and value for value in values) or not isinstance(
        record.get("events"), list
    ):
        raise RecordError(path, line, "missing or empty 'id', 'date', 'text' or 'events'", fix)
    try:
        date = datetime.date.fromisoformat(record["date"])
        events = tuple(
            _gold_event(event, kind) for event in record["events"] if _is_event(event, kind)
        )
    except (ValueError, TypeError, KeyError, UnknownNameError) as error:
        raise RecordError(path, line, f"bad gold record ({error})", fix) from None
    return GoldRecord(
        record["id"], date, record["text"], events, valid=record.get("valid") is not False
    )


def _is_event(event: Any, kind: GoldKind) -> bool:
    if kind == "corpus" and isinstance(event, dict) and event.get("modality") == "negated":
        return False  # the corpus labels what did not happen; a coder drops negated events
    # PETRARCH writes a record that must yield nothing as one event with every field empty.
    return not isinstance(event, dict) or any(event.values())


def corpus_side(code: str) -> str:
    """Reduce a corpus actor code to its country, or to ``IGO``/``NGO``/``IMG``.

    Example:
        >>> corpus_side("RUSMIL"), corpus_side("IGOUNOSC")
        ('RUS', 'IGO')
    """
    code = code.strip().upper()
    if len(code) < 3 or not code[:3].isalpha():
        raise ValueError(f"{code!r} is not an actor code")
    return code[:3]


def _gold_event(event: dict[str, Any], kind: GoldKind) -> Coded:
    if kind == "corpus":
        code = str(event["cameo"])
        if not (code.isdigit() and 3 <= len(code) <= 4):
            raise ValueError(f"{code!r} is not a CAMEO code")
        if event.get("modality") == "planned":
            # The corpus labels an announced act with the act's code ('would expel the
            # ambassador', 161); CAMEO, and so the coder, codes announcing it (1313).
            code = cameo.intent_of(code)
        sides = corpus_side(str(event["source_code"])), corpus_side(str(event["target_code"]))
        return Coded(*sides, code[:2], code)
    source, target = str(event["source"]), str(event["target"])
    if kind == "plover":
        plover = normalise_type(str(event["plover"]))
        return Coded(source, target, plover, plover)
    code = str(event["cameo"])
    if not code.isalnum():  # the suite has a few pattern codes such as 174K
        raise ValueError(f"{code!r} is not a CAMEO code")
    return Coded(source, target, code[:2], code)
