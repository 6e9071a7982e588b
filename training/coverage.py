"""Print the corpus coverage table of docs/training.md (Markdown).

Usage: python -m training.coverage
"""

from __future__ import annotations

import collections
import glob
from pathlib import Path

from training.check_corpus import cameo_codes
from training.prepare import read_corpus

ROOT_NAMES = {
    "01": "make public statement",
    "02": "appeal",
    "03": "express intent to cooperate",
    "04": "consult",
    "05": "engage in diplomatic cooperation",
    "06": "material cooperation",
    "07": "provide aid",
    "08": "yield",
    "09": "investigate",
    "10": "demand",
    "11": "disapprove",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "exhibit force posture",
    "16": "reduce relations",
    "17": "coerce",
    "18": "assault",
    "19": "fight",
    "20": "unconventional mass violence",
}


def table(paths: list[Path]) -> str:
    records = list(read_corpus(paths))
    codes = {c for c in cameo_codes() if len(c) == 3}
    per_code: collections.Counter[str] = collections.Counter()
    modality: collections.Counter[str] = collections.Counter()
    decades: collections.Counter[str] = collections.Counter()
    empty = 0
    for record in records:
        decades[record["date"][:3] + "0s"] += 1
        empty += not record["events"]
        for event in record["events"]:
            per_code[str(event["cameo"])[:3]] += 1
            modality[event["modality"]] += 1
    lines = [
        f"{len(records):,} sentences, {empty:,} with no event, {sum(per_code.values()):,} events.",
        "",
        "| root | name | events | 3-digit codes | fewest events of one code |",
        "|---|---|---|---|---|",
    ]
    for root, name in ROOT_NAMES.items():
        under = sorted(c for c in codes if c.startswith(root))
        fewest = min((per_code[c], c) for c in under)
        total = sum(per_code[c] for c in under)
        lines.append(f"| {root} | {name} | {total:,} | {len(under)} | {fewest[0]} ({fewest[1]}) |")
    lines += [
        "",
        "Modality: " + ", ".join(f"{m} {n:,}" for m, n in modality.most_common()) + ".",
        "Dates: " + ", ".join(f"{d} {n:,}" for d, n in sorted(decades.items())) + ".",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(sorted(Path(p) for p in glob.glob("training/corpus/*.jsonl"))))
