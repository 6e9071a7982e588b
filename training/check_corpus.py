"""Check training-corpus files: one JSON object per line, spans that occur in the text, known codes.

Usage: python training/check_corpus.py training/corpus/*.jsonl
Prints one line per problem (file:line: what is wrong) and a summary of codes per root.
"""

from __future__ import annotations

import collections
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CAMEO = ROOT / "src/dyadwatch/ontology/data/cameo.tsv"
MODALITIES = {"asserted", "reported", "planned", "speculative", "negated"}
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "PTY",
    "COP",
    "JUD",
    "LEG",
    "BUS",
    "MED",
    "CVL",
    "EDU",
    "REF",
    "REL",
    "SPY",
    "NGO",
    "LAB",
    "AGR",
    "HLH",
    "CRM",
    "PKO",
    "INS",
    "ELI",
}
CODE = re.compile(r"^(?:[A-Z]{3}(?:[A-Z]{3})*|IGO[A-Z0-9]+|NGO[A-Z0-9]*|IMG[A-Z0-9]*)$")


def cameo_codes() -> set[str]:
    codes = set()
    for row in CAMEO.read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#") and not row.startswith("code\t"):
            codes.add(row.split("\t", 1)[0])
    return codes


def occurrences(text: str, needle: str) -> list[int]:
    found, start = [], 0
    while needle and (i := text.find(needle, start)) >= 0:
        found.append(i)
        start = i + 1
    return found


def check_side(text: str, event: dict, side: str) -> str | None:
    needle = event.get(side)
    if not isinstance(needle, str) or not needle.strip():
        return f'"{side}" must be the exact words of the text naming the {side} actor'
    hits = occurrences(text, needle)
    if not hits:
        return f'{side} "{needle}" is not in the text (it must be an exact substring)'
    at = event.get(f"{side}_at", 0)
    if not isinstance(at, int) or at >= len(hits):
        return f'{side}_at={at} but "{needle}" occurs {len(hits)} time(s)'
    if len(hits) > 1 and f"{side}_at" not in event:
        return f'{side} "{needle}" occurs {len(hits)} times: add "{side}_at": N (0-based)'
    code = event.get(f"{side}_code", "")
    if not isinstance(code, str) or not CODE.match(code):
        return f'{side}_code "{code}" must be ISO3 (+ sector) like "RUS", "RUSMIL", or an IGO code'
    return None


def check_line(text_line: str, codes: set[str]) -> tuple[list[str], list[str]]:
    record = json.loads(text_line)
    problems: list[str] = []
    found: list[str] = []
    for key in ("id", "date", "text", "events"):
        if key not in record:
            problems.append(f'missing "{key}"')
    if problems:
        return problems, found
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", record["date"]):
        problems.append('"date" must be YYYY-MM-DD')
    text = record["text"]
    for n, event in enumerate(record["events"]):
        for side in ("source", "target"):
            if (why := check_side(text, event, side)) is not None:
                problems.append(f"event {n}: {why}")
        if event.get("cameo") not in codes or len(str(event.get("cameo"))) < 3:
            problems.append(
                f'event {n}: cameo "{event.get("cameo")}" is not a 3- or 4-digit CAMEO code'
            )
        if event.get("modality") not in MODALITIES:
            problems.append(f"event {n}: modality must be one of {sorted(MODALITIES)}")
        trigger = event.get("trigger")
        if not isinstance(trigger, str) or trigger not in text:
            problems.append(f'event {n}: trigger "{trigger}" is not in the text')
        if event.get("source_code") == event.get("target_code"):
            problems.append(f"event {n}: source and target codes are the same")
        found.append(str(event.get("cameo", ""))[:3])
    return problems, found


def main(paths: list[str]) -> int:
    codes = cameo_codes()
    bad = 0
    sentences = 0
    empty = 0
    per_code: collections.Counter[str] = collections.Counter()
    ids: set[str] = set()
    for path in paths:
        for number, line in enumerate(
            pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1
        ):
            if not line.strip():
                continue
            try:
                problems, found = check_line(line, codes)
            except (json.JSONDecodeError, AttributeError, TypeError) as error:
                problems, found = [f"not a JSON object: {error}"], []
            if not problems:
                rid = json.loads(line)["id"]
                if rid in ids:
                    problems.append(f'duplicate id "{rid}"')
                ids.add(rid)
            for problem in problems:
                print(f"{path}:{number}: {problem}")
            bad += bool(problems)
            sentences += 1
            empty += not found
            per_code.update(found)
    roots = collections.Counter()
    for code, n in per_code.items():
        roots[code[:2]] += n
    print(f"{sentences} sentences, {empty} without events, {bad} with problems")
    print("events per root: " + ", ".join(f"{r} {roots[r]}" for r in sorted(roots)))
    thin = sorted(c for c in codes if len(c) == 3 and per_code[c] < 20)
    print(f"3-digit codes under 20 events: {len(thin)}: {' '.join(thin)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
