"""Scores of the pair model: temperature fitting and dev scores through the shipped runtime."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training.prepare import NONE, Example

PENTA = {  # CAMEO root -> the five-way class of the research notes
    **{r: "statement" for r in ("01", "02")},
    **{r: "verbal_coop" for r in ("03", "04", "05")},
    **{r: "material_coop" for r in ("06", "07", "08")},
    **{r: "verbal_conflict" for r in ("09", "10", "11", "12", "13")},
    **{r: "material_conflict" for r in ("14", "15", "16", "17", "18", "19", "20")},
}


def log_softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """Return the temperature that minimises the dev negative log-likelihood."""
    if len(gold) == 0:
        return 1.0
    grid = np.arange(0.5, 3.01, 0.05)
    nll = [-log_softmax(logits / t)[np.arange(len(gold)), gold].mean() for t in grid]
    return round(float(grid[int(np.argmin(nll))]), 2)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        if tp + fn:
            scores.append(prf(tp, fp, fn)["f1"])
    return round(float(np.mean(scores)), 3) if scores else 0.0


def score_pairs(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Pair-level scores: events found with the right root, and the five-way class."""
    tp = sum(g != NONE and p == g for g, p in zip(gold, pred, strict=True))
    fp = sum(p != NONE and p != g for g, p in zip(gold, pred, strict=True))
    fn = sum(g != NONE and p != g for g, p in zip(gold, pred, strict=True))
    found = [(g, p) for g, p in zip(gold, pred, strict=True) if g != NONE and p != NONE]
    penta_gold = [PENTA[g] for g, _ in found]
    penta_pred = [PENTA[p] for _, p in found]
    return {
        "root": prf(tp, fp, fn),
        "event_vs_none": prf(
            sum(g != NONE and p != NONE for g, p in zip(gold, pred, strict=True)),
            sum(g == NONE and p != NONE for g, p in zip(gold, pred, strict=True)),
            sum(g != NONE and p == NONE for g, p in zip(gold, pred, strict=True)),
        ),
        "pentaclass_macro_f1_of_found": macro_f1(
            penta_gold, penta_pred, sorted(set(PENTA.values()))
        ),
        "pairs": len(gold),
        "event_pairs": sum(g != NONE for g in gold),
    }


def score_runtime(folder: Path, dev: Sequence[Example], threshold: float = 0.5) -> dict[str, Any]:
    """Score the dev examples with the exported model through ``dyadwatch.learned``."""
    from dyadwatch.learned import PairModel, SentencePairs

    model = PairModel.load(folder, threads=2)
    todo = [e for e in dev if e.pairs]
    inputs = [
        SentencePairs(e.text, e.mentions, tuple((s, t) for s, t, _, _ in e.pairs)) for e in todo
    ]
    gold: list[str] = []
    pred: list[str] = []
    codes_right = codes_total = modal_right = 0
    for example, scores in zip(todo, model.score(inputs), strict=True):
        for (_, _, label, modality), score in zip(example.pairs, scores, strict=True):
            gold.append(label[:2] if label != NONE else NONE)
            pred.append(score.root if score.probability >= threshold else NONE)
            if label != NONE and score.root == label[:2]:
                codes_total += 1
                codes_right += score.code == label[:3]
                modal_right += score.modality.value == modality
    result = score_pairs(gold, pred)
    result["code_accuracy_given_root"] = round(codes_right / codes_total, 3) if codes_total else 0.0
    result["modality_accuracy_given_root"] = (
        round(modal_right / codes_total, 3) if codes_total else 0.0
    )
    return result
