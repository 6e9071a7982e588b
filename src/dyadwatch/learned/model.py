"""Run the shipped pair model: encode each sentence once, pool its mentions, score pairs.

One encoder pass per sentence (``onnxruntime``) gives a vector per sub-word token; a
mention's vector is the mean of the tokens it covers. An ordered pair (source, target)
is read by a small feed-forward head over ``[source, target, source * target, sentence]``
into three distributions: the CAMEO root or NONE, the three-digit code, and the modality.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from dyadwatch.errors import ModelError
from dyadwatch.records import Modality

Array = npt.NDArray[np.float32]
NONE = "NONE"
MODEL_FILES = ("encoder.onnx", "tokenizer.json", "heads.npz")
LOAD_ERRORS: tuple[type[Exception], ...] = (OSError, ValueError, RuntimeError)
_BATCH = 32
# A further root of a pair is reported from this probability on; the coder codes those of
# ``extract.learned.SECOND_FROM`` (0.3) or more, which must not be below it.
ALSO_FROM = 0.1
ALSO_MAX = 2


def model_dir() -> Path:
    """Return the folder of the shipped model (``dyadwatch/learned/data``)."""
    return Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class SentencePairs:
    """A sentence, its actor mentions as character spans, and the ordered pairs to score."""

    text: str
    mentions: tuple[tuple[int, int], ...]
    pairs: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class RootScore:
    """A further root the model reads between a pair: its probability and best code."""

    root: str
    probability: float
    code: str


@dataclass(frozen=True, slots=True)
class PairScore:
    """What the model reads between one ordered pair of mentions.

    ``root`` is the most likely CAMEO root if some event links the pair; ``probability``
    is the calibrated probability that one does, in this direction (1 - P(NONE)).
    ``also`` holds the next likeliest roots (at most ``ALSO_MAX``, each with a probability
    of ``ALSO_FROM`` or more): a pair can be linked by two events of different roots
    ("agreed to restore relations and reopen embassies", 046 and 057). The shipped model was
    trained on one label per pair, yet its second likeliest root there is often the other
    event (docs/training.md: a model trained to share its probability did no better).
    """

    source: int
    target: int
    root: str
    probability: float
    code: str
    code_probability: float
    modality: Modality
    also: tuple[RootScore, ...] = ()


@dataclass(frozen=True, slots=True)
class ModelCard:
    """The model card: labels, settings and how the model was trained and scored."""

    roots: tuple[str, ...]  # index 0 is NONE
    codes: tuple[str, ...]
    modalities: tuple[str, ...]
    max_tokens: int
    temperature: float
    corpus_sha256: str
    base_model: str
    raw: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> ModelCard:
        """Read ``card.json``; a missing or broken card raises ``ModelError``."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            labels = raw["labels"]
            return cls(
                roots=tuple(labels["roots"]),
                codes=tuple(labels["codes"]),
                modalities=tuple(labels["modalities"]),
                max_tokens=int(raw["max_tokens"]),
                temperature=float(raw.get("temperature", 1.0)),
                corpus_sha256=str(raw["corpus"]["sha256"]),
                base_model=str(raw["base_model"]),
                raw=raw,
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ModelError(path, f"unreadable model card ({error})") from error


class PairModel:
    """The encoder session, tokenizer and pair heads, loaded once per process."""

    def __init__(self, folder: Path, *, threads: int = 1) -> None:
        import onnxruntime as ort  # imported here: workers that never code skip its 0.3 s
        import tokenizers
        from threadpoolctl import threadpool_limits

        # The heads' matrix products are small: BLAS threads on top of one coder process per
        # core made two processes slower than one (bench/throughput.py, 175 -> 336 sent/s).
        threadpool_limits(limits=threads, user_api="blas")

        self.folder = folder
        self.threads = threads
        self.card = ModelCard.read(folder / "card.json")
        for name in MODEL_FILES:
            if not (folder / name).is_file():
                raise ModelError(folder / name, "the pair model's file is missing")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(
                str(folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
            )
            self.tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
            with np.load(folder / "heads.npz") as heads:
                self.heads = {name: heads[name].astype(np.float32) for name in heads.files}
        except LOAD_ERRORS + _ort_errors(ort) as error:
            raise ModelError(folder, f"cannot load the pair model ({error})") from error
        self.tokenizer.enable_truncation(max_length=self.card.max_tokens)
        # Each sentence is encoded alone, at its own length (tokenizer.json pads to 128).
        self.tokenizer.no_padding()
        self._inputs = {i.name for i in self.session.get_inputs()}
        # The codes under each root, for the best code of a pair's root.
        self._under = {root: _codes_under(self.card.codes, root) for root in self.card.roots}

    @classmethod
    def load(cls, folder: Path | None = None, *, threads: int = 1) -> PairModel:
        """Load the shipped model (or the one in ``folder``)."""
        return cls(folder or model_dir(), threads=threads)

    def score(self, sentences: Sequence[SentencePairs]) -> list[list[PairScore]]:
        """Score every requested pair of every sentence, in order.

        Each sentence is encoded on its own: no padding to a longer batch mate, which made
        batches of an article's sentences a quarter slower (bench/throughput.py), and since
        the int8 encoder quantises its activations per call, a sentence's scores depend on
        that sentence alone, not on the sentences scored with it. The heads read the pairs
        of up to ``_BATCH`` sentences in one pass.
        """
        todo = [i for i, s in enumerate(sentences) if s.pairs]
        out: list[list[PairScore]] = [[] for _ in sentences]
        for first in range(0, len(todo), _BATCH):
            rows = todo[first : first + _BATCH]
            for row, scores in zip(
                rows, self._score_batch([sentences[i] for i in rows]), strict=True
            ):
                out[row] = scores
        return out

    def _score_batch(self, batch: Sequence[SentencePairs]) -> list[list[PairScore]]:
        encodings = self.tokenizer.encode_batch([s.text for s in batch])
        feats = [
            self._features(self._encode(encoding), encoding, sentence)
            for encoding, sentence in zip(encodings, batch, strict=True)
        ]
        # One pass of the heads over every pair of the batch: the same rows, fewer calls.
        scores = self._heads(np.concatenate(feats), [p for s in batch for p in s.pairs])
        out, first = [], 0
        for sentence in batch:
            out.append(scores[first : first + len(sentence.pairs)])
            first += len(sentence.pairs)
        return out

    def _encode(self, encoding: Any) -> Array:
        """Return the encoder's vector for each sub-word token of one sentence."""
        ids = np.array([encoding.ids], dtype=np.int64)
        feeds = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        }
        result = self.session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        return np.asarray(result[0][0], dtype=np.float32)

    def _features(self, hidden: Array, encoding: Any, sentence: SentencePairs) -> Array:
        """Return the heads' input rows for the pairs of one sentence, one row a pair:

        ``[source, target, source * target, sentence, words between, source comes first]``.
        """
        sent_vec = hidden.mean(axis=0)
        tokens = _TokenSpans.of(encoding)
        pairs = sentence.pairs
        vectors = tokens.means(hidden, sentence.mentions, sent_vec)
        middles = tokens.means(
            hidden,
            [between(sentence.mentions[s], sentence.mentions[t]) for s, t in pairs],
            np.zeros_like(sent_vec),
        )
        src = vectors[[s for s, _ in pairs]]
        tgt = vectors[[t for _, t in pairs]]
        order = np.array(
            [
                [1.0 if sentence.mentions[s][0] < sentence.mentions[t][0] else -1.0]
                for s, t in pairs
            ],
            dtype=np.float32,
        )
        sent = np.broadcast_to(sent_vec, src.shape)
        feats = np.concatenate([src, tgt, src * tgt, sent, middles, order], axis=1)
        return np.asarray(feats, dtype=np.float32)

    def _heads(self, feats: Array, pairs: Sequence[tuple[int, int]]) -> list[PairScore]:
        h = self.heads
        hidden = gelu(feats @ h["w1"] + h["b1"])
        roots = softmax((hidden @ h["w_root"] + h["b_root"]) / self.card.temperature)
        codes = softmax(hidden @ h["w_code"] + h["b_code"])
        modes = softmax(hidden @ h["w_mod"] + h["b_mod"])
        return [
            self._read(pair, roots[row], codes[row], modes[row]) for row, pair in enumerate(pairs)
        ]

    def _read(self, pair: tuple[int, int], roots: Array, codes: Array, modes: Array) -> PairScore:
        card = self.card
        best = int(np.argmax(roots[1:])) + 1
        root = card.roots[best]
        code, code_p = self._best_code(codes, root)
        also = tuple(
            RootScore(
                root=card.roots[i],
                probability=float(roots[i]),
                code=self._best_code(codes, card.roots[i])[0],
            )
            for i in further_roots(roots, best)
        )
        return PairScore(
            source=pair[0],
            target=pair[1],
            root=root,
            probability=float(1.0 - roots[0]),
            code=code,
            code_probability=code_p,
            modality=Modality(card.modalities[int(np.argmax(modes))]),
            also=also,
        )

    def _best_code(self, codes: Array, root: str) -> tuple[str, float]:
        """``best_code`` with the codes under each root found once, at load."""
        return _best_under(self.card.codes, codes, self._under[root], root)


def further_roots(roots: Array, best: int) -> list[int]:
    """Return the indices of the next likeliest roots after ``best`` (index 0, NONE, is no
    root): at most ``ALSO_MAX``, each of probability ``ALSO_FROM`` or more, likeliest first."""
    likely = [int(i) for i in np.flatnonzero(roots >= ALSO_FROM) if i not in (0, best)]
    return sorted(likely, key=lambda i: -float(roots[i]))[:ALSO_MAX]


def _ort_errors(ort: Any) -> tuple[type[Exception], ...]:
    """The runtime's own load errors (a broken or foreign ``.onnx`` file)."""
    state = ort.capi.onnxruntime_pybind11_state
    return (state.Fail, state.InvalidProtobuf, state.InvalidGraph, state.NoSuchFile)


def best_code(codes: Sequence[str], probs: Array, root: str) -> tuple[str, float]:
    """Return the most likely three-digit code under ``root`` and its share of the root."""
    return _best_under(codes, probs, _codes_under(codes, root), root)


def _codes_under(codes: Sequence[str], root: str) -> npt.NDArray[np.intp]:
    return np.array([i for i, code in enumerate(codes) if code.startswith(root)], dtype=np.intp)


def _best_under(
    codes: Sequence[str], probs: Array, under: npt.NDArray[np.intp], root: str
) -> tuple[str, float]:
    if not len(under):
        return root + "0", 0.0
    total = float(probs[under].sum()) or 1.0
    best = int(under[int(np.argmax(probs[under]))])
    return codes[best], float(probs[best]) / total


@dataclass(frozen=True, slots=True, eq=False)
class _TokenSpans:
    """The character offsets of a sentence's sub-word tokens, for span means in one step."""

    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    usable: npt.NDArray[np.bool_]  # not special, not empty

    @classmethod
    def of(cls, encoding: Any) -> _TokenSpans:
        offsets = np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        special = np.array(encoding.special_tokens_mask, dtype=bool)
        starts, ends = offsets[:, 0], offsets[:, 1]
        return cls(starts, ends, ~special & (ends > starts))

    def means(self, hidden: Array, spans: Sequence[tuple[int, int]], fallback: Array) -> Array:
        """Return ``mention_vector`` of each span, as rows (``fallback`` for an empty one)."""
        if not spans:
            return np.zeros((0, hidden.shape[1]), dtype=np.float32)
        bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
        inside = (
            self.usable[None, :]
            & (self.ends[None, :] > bounds[:, :1])
            & (self.starts[None, :] < bounds[:, 1:])
        )
        counts = inside.sum(axis=1, keepdims=True)
        sums = inside.astype(np.float32) @ hidden
        means = np.where(counts > 0, sums / np.maximum(counts, 1), fallback[None, :])
        return np.asarray(means, dtype=np.float32)


def mention_vector(
    hidden: Array,
    offsets: Sequence[tuple[int, int]],
    special: Sequence[int],
    span: tuple[int, int],
    fallback: Array,
) -> Array:
    """Return the mean of the token vectors that overlap the character ``span``."""
    start, end = span
    rows = [
        i for i, (a, b) in enumerate(offsets) if not special[i] and b > start and a < end and b > a
    ]
    return np.asarray(hidden[rows].mean(axis=0), dtype=np.float32) if rows else fallback


def between(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """Return the character span between two mentions (where the predicate usually is)."""
    first, second = sorted((a, b))
    return (first[1], max(first[1], second[0]))


def gelu(x: Array) -> Array:
    """GELU, tanh form (the training head uses the same)."""
    inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
    return (0.5 * x * (1.0 + np.tanh(inner))).astype(np.float32)


def softmax(x: Array) -> Array:
    """Row-wise softmax."""
    z = x - x.max(axis=-1, keepdims=True)
    e: Array = np.exp(z)
    out: Array = (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)
    return out
