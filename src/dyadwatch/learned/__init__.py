"""The learned layer of the coder: a sentence encoder and pair heads that read an ordered
pair of actor mentions in a sentence and say which CAMEO event, if any, links them.

It needs no spaCy and no torch: the encoder is an int8 ONNX model run by ``onnxruntime``,
the tokenizer is ``tokenizers``' Rust one, and the heads are small NumPy matrices, all
shipped in ``dyadwatch/learned/data`` with the model card that says how they were trained.

Example:
    >>> from dyadwatch.learned import PairModel, SentencePairs
    >>> model = PairModel.load()  # doctest: +SKIP
    >>> text = "Russian troops poured across Ukraine's borders."
    >>> pairs = SentencePairs(text, ((0, 14), (29, 36)), ((0, 1),))
    >>> [scores] = model.score([pairs])  # doctest: +SKIP
    >>> scores[0].root  # doctest: +SKIP
    '19'
"""

from __future__ import annotations

from dyadwatch.learned.model import (
    ModelCard,
    PairModel,
    PairScore,
    RootScore,
    SentencePairs,
    model_dir,
)

__all__ = ["ModelCard", "PairModel", "PairScore", "RootScore", "SentencePairs", "model_dir"]
