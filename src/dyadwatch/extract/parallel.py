"""Code texts in worker processes that send back event rows, not parsed Docs.

``nlp.pipe(n_process=N)`` ships every parsed ``Doc`` back to the parent (its tokens,
tensor and extension data, through msgpack), and the parent rebuilds it: on 2 cores that
parent competes with the workers for CPU. The coder needs only the rows its components
leave on the Doc, so here each worker runs the whole pipeline with ``nlp.pipe`` and returns
those plain rows. Workers are forked where the platform allows, so they share the loaded
pipeline and gazetteers with the parent instead of each loading its own.
"""

from __future__ import annotations

import collections
import datetime
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from spacy.language import Language

from dyadwatch.errors import ExtractError
from dyadwatch.extract.nlp import article_doc

if TYPE_CHECKING:
    from dyadwatch.extract.coder import CodedEvent

Rows = tuple[list["CodedEvent"], int]
"""The events coded on one text and how many of its sentences were too long to code."""

IN_FLIGHT_PER_PROCESS = 2
"""Batches queued per worker: enough to keep each busy, few enough to bound memory."""

_worker_nlp: Language | None = None


def rows_of(doc: Any) -> Rows:
    """Return the coder's rows and skipped-sentence count left on a processed Doc."""
    return list(doc._.events or ()), int(doc._.skipped_sentences or 0)


def pipe_rows(
    nlp: Language, items: Iterable[tuple[str, datetime.date]], *, batch_size: int, n_process: int
) -> Iterator[Rows]:
    """Yield the rows of each ``(text, article date)`` item, in input order.

    With ``n_process`` 1 the pipeline runs here; above that, batches of ``batch_size``
    texts go to a pool of worker processes, at most ``IN_FLIGHT_PER_PROCESS`` per worker
    at a time, so memory stays bounded whatever the input's length.

    Raises:
        ExtractError: a worker process died (killed, or out of memory).
    """
    if n_process <= 1:
        yield from _pipe(nlp, items, batch_size)
        return
    pool = ProcessPoolExecutor(
        n_process, mp_context=_fork_context(), initializer=_init_worker, initargs=(nlp,)
    )
    try:
        yield from _ordered(pool, items, batch_size=batch_size, n_process=n_process)
    except BrokenProcessPool:
        raise ExtractError(
            "a coder worker process died (killed, or out of memory); lower "
            "coder.n_process or coder.batch_size and run again"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ordered(
    pool: ProcessPoolExecutor,
    items: Iterable[tuple[str, datetime.date]],
    *,
    batch_size: int,
    n_process: int,
) -> Iterator[Rows]:
    pending: collections.deque[Future[list[Rows]]] = collections.deque()
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        pending.append(pool.submit(_code_batch, batch, batch_size))
        if len(pending) >= IN_FLIGHT_PER_PROCESS * n_process:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _fork_context() -> multiprocessing.context.BaseContext:
    """Fork where available (the pipeline is then shared, not pickled); else the default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _init_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _code_batch(batch: list[tuple[str, datetime.date]], batch_size: int) -> list[Rows]:
    if _worker_nlp is None:
        raise ExtractError("coder worker started without a pipeline; this is a bug in dyadwatch")
    return list(_pipe(_worker_nlp, batch, batch_size))


def _pipe(
    nlp: Language, items: Iterable[tuple[str, datetime.date]], batch_size: int
) -> Iterator[Rows]:
    docs = (article_doc(nlp, text, date=date) for text, date in items)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield rows_of(doc)
