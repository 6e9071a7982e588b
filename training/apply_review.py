"""Apply the second labeller's corrections to the corpus (or to files waiting), in place.

Each ``training/review/*.jsonl`` line is one correction:
``{"id": "a-01-007", "record": {...the whole corrected record...}, "why": "..."}``, or
``"record": null`` to drop a sentence that cannot be labelled well. Files apply in name order,
so a later file wins for the same id. Applying twice changes
nothing. ``python training/apply_review.py`` prints how many records each file changed;
``python training/apply_review.py training/pending`` applies them to the files waiting there.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
REVIEW = ROOT / "review"


def corrections() -> dict[str, dict[str, object] | None]:
    found: dict[str, dict[str, object] | None] = {}
    for path in sorted(REVIEW.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                found[row["id"]] = row["record"]
            except (json.JSONDecodeError, KeyError) as error:
                raise SystemExit(f"{path}:{number}: not a correction ({error})") from None
    return found


def apply(fixes: dict[str, dict[str, object] | None], *, folder: Path = CORPUS) -> dict[str, int]:
    changed: dict[str, int] = {}
    for path in sorted(folder.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out, n = [], 0
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["id"] in fixes:
                fixed = fixes[record["id"]]
                if fixed is None:
                    n += 1
                    continue
                fixed = {**fixed, "id": record["id"]}
                new = json.dumps(fixed, ensure_ascii=False)
                n += new != line
                out.append(new)
            else:
                out.append(line)
        if n:
            # Atomic: other reviewers apply their corrections at the same time.
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
            os.replace(tmp, path)
            changed[path.name] = n
    return changed


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not folder.is_dir() or folder.resolve() == REVIEW.resolve():
        raise SystemExit(
            f"{folder}: not a folder of corpus files; give training/corpus or training/pending"
        )
    changed = apply(corrections(), folder=folder)
    for name, n in changed.items():
        print(f"{name}: {n} records changed")
    print(f"{sum(changed.values())} records changed in {len(changed)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
