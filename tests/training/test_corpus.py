"""The written corpus: well-formed, no leakage from evaluation data, and the card matches it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from training.overlap import eval_texts, leaks, runs
from training.prepare import corpus_hash, read_corpus

from training import check_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "training" / "corpus").glob("*.jsonl"))
DEV = sorted((ROOT / "training" / "dev").glob("*.jsonl"))
EVAL = ROOT.parent / "shared" / "eval"
CARD = ROOT / "src" / "dyadwatch" / "learned" / "data" / "card.json"


def test_corpus_every_line_is_well_formed(capsys: pytest.CaptureFixture[str]) -> None:
    assert CORPUS, "no corpus files under training/corpus"
    status = check_corpus.main([str(p) for p in CORPUS])
    problems = [line for line in capsys.readouterr().out.splitlines() if ".jsonl:" in line]
    assert status == 0, "\n".join(problems[:20])


def test_corpus_shares_no_eight_word_run_with_eval_data() -> None:
    if not EVAL.is_dir():
        pytest.skip(f"{EVAL} is absent: the leakage check needs ../shared/eval")
    corpus = [(r["id"], r["text"]) for r in read_corpus(CORPUS)]
    found = leaks(corpus, eval_texts(EVAL))
    assert not found, f"{len(found)} sentences share 8 words with eval data, e.g. {found[:5]}"


def test_dev_set_is_well_formed_and_shares_nothing_with_eval_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # training/dev is scored, never trained on: it must be valid and must not copy eval text.
    assert DEV, "no development files under training/dev"
    status = check_corpus.main([str(p) for p in DEV])
    problems = [line for line in capsys.readouterr().out.splitlines() if ".jsonl:" in line]
    assert status == 0, "\n".join(problems[:20])
    ids = [r["id"] for r in read_corpus(DEV)]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {r["id"] for r in read_corpus(CORPUS)}
    if EVAL.is_dir():
        dev = [(r["id"], r["text"]) for r in read_corpus(DEV)]
        assert not leaks(dev, eval_texts(EVAL))


def test_overlap_finds_a_shared_run() -> None:
    gold = ["The ministers of the two countries met in Geneva on Tuesday to discuss trade."]
    corpus = [("x", "Officials said the ministers of the two countries met in Geneva on Tuesday.")]
    assert [record_id for record_id, _ in leaks(corpus, gold)] == ["x"]
    assert not leaks([("y", "The ministers of two countries met in Geneva.")], gold)
    assert len(runs("one two three four five six seven eight nine")) == 2


def test_model_card_corpus_hash_matches_the_corpus() -> None:
    card = json.loads(CARD.read_text(encoding="utf-8"))
    assert card["corpus"]["sha256"] == corpus_hash(CORPUS), (
        "the shipped model was trained on another corpus: run `make train`"
    )
