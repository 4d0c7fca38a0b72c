"""Scan orchestration: every pair of a corpus that shares passages, found in one run.

``scan(docs, ...)`` shingles each ``CorpusDoc`` (``reader.core.shingles``), lets the inverted index
propose candidate pairs (every pair up to ``SMALL_CORPUS`` documents), aligns the candidates with
``reader.core.corpus_records.compare_pair`` and returns a ``ScanResult``: the pair records, most
shared first, with the corpus's share matrix and derivation graph. Large corpora are shingled and
aligned in worker processes (``reader.core.workers``: ``forkserver``/``spawn``, never ``fork``),
so a scan started from the window's thread does not fork a process holding Qt's locks.

Polls ``should_cancel()`` (raising ``reader.core.align.Cancelled``) and reports
``progress(done, total)``. Must not import Qt, ``reader.storage``, ``reader.core.corpus`` (the
facade that re-exports this module) or ``reader.core.corpus_index``.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from reader.core.align import TooSlow
from reader.core.config import AlignConfig
from reader.core.corpus_records import PER_DOC, SCAN_CONFIG, CorpusDoc, PairRecord, Progress, Ticker, compare_pair
from reader.core.derivation import derivation_graph
from reader.core.shingles import MAX_DF, MIN_SCORE, ShingleIndex, shingles

__all__ = ["ScanResult", "scan", "PARALLEL_MIN", "SMALL_CORPUS"]

#: Below this many candidate pairs (or documents to shingle), worker processes cost more than they save.
PARALLEL_MIN = 24
#: A corpus this small is scanned by aligning every pair (at most 66): exact, and still quick.
SMALL_CORPUS = 12


# -- worker-process entry points (module level so that they pickle) ----------------------------

def _shingle_task(item: tuple[int, str]) -> tuple[int, set[int]]:
    ordinal, text = item
    return ordinal, shingles(text)


def _compare_task(item: tuple[CorpusDoc, CorpusDoc, AlignConfig]) -> PairRecord | tuple[Hashable, Hashable] | None:
    a, b, config = item
    return _compared(a, b, config)


def _compared(a: CorpusDoc, b: CorpusDoc, config: AlignConfig, should_cancel=None):
    """The pair's record, or its keys ``(a, b)`` when it ran past ``config.max_seconds``."""
    try:
        return compare_pair(a, b, config, should_cancel)
    except TooSlow:
        return (a.key, b.key)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Every pair of a corpus that shares passages, and what the scan did to find them."""

    keys: tuple[Hashable, ...]
    records: tuple[PairRecord, ...]
    #: Candidate pairs proposed by the index and aligned.
    candidates: int
    seconds: float
    published: dict = field(default_factory=dict, compare=False)
    #: Pairs left out because aligning them ran past ``config.max_seconds`` (keys, in scan order).
    skipped: tuple[tuple[Hashable, Hashable], ...] = ()

    def graph(self):
        """The derivation graph of the scanned corpus (``reader.core.derivation``)."""
        return derivation_graph(self.records, self.keys)

    def matrix(self) -> list[list[float]]:
        """``m[i][j]``: share of document ``keys[i]`` inside passages shared with ``keys[j]``."""
        pos = {k: i for i, k in enumerate(self.keys)}
        n = len(self.keys)
        m = [[0.0] * n for _ in range(n)]
        for r in self.records:
            i, j = pos[r.a], pos[r.b]
            m[i][j], m[j][i] = r.share_a, r.share_b
        for i in range(n):
            m[i][i] = 1.0
        return m


def scan(docs: Sequence[CorpusDoc], *, workers: int = 2, config: AlignConfig = SCAN_CONFIG,
         min_score: float = MIN_SCORE, per_doc: int | None = PER_DOC, max_df: int = MAX_DF,
         should_cancel=None, progress: Progress | None = None) -> ScanResult:
    """Every pair of ``docs`` that shares passages, most shared first.

    Up to ``SMALL_CORPUS`` documents every pair is aligned; beyond, only the index's candidates.

    Progress runs over the documents (shingling) then the candidate pairs (alignment): ``total``
    starts as twice the number of documents and becomes documents + candidates once known.
    Raises ``Cancelled`` when ``should_cancel()`` turns true, and ``ValueError`` for repeated keys.
    """
    started = time.perf_counter()
    keys = [d.key for d in docs]
    if len(set(keys)) != len(keys):
        raise ValueError("document keys must be unique")
    n = len(docs)
    tick = Ticker(progress, should_cancel, every=max(1, n // 200))
    tick(0, 2 * n, force=True)
    index = ShingleIndex(max_df=max_df)
    pool = None
    try:
        if workers > 1 and n >= PARALLEL_MIN:
            from reader.core.workers import worker_context  # multiprocessing only when it is used

            pool = worker_context().Pool(workers)
            results = pool.imap(_shingle_task, ((i, d.text) for i, d in enumerate(docs)), chunksize=64)
        else:
            results = ((i, shingles(d.text)) for i, d in enumerate(docs))
        for i, hashes in results:
            index.add(docs[i].key, hashes=hashes)
            tick(i + 1, 2 * n)
        if n <= SMALL_CORPUS:
            pairs = [(docs[i].key, docs[j].key, 0.0) for i in range(n) for j in range(i + 1, n)]
        else:
            pairs = index.candidate_pairs(min_score=min_score, per_doc=per_doc, should_cancel=should_cancel)
        tick(n, 2 * n, force=True)
        del index
        by_key = {d.key: d for d in docs}
        order = {k: i for i, k in enumerate(keys)}
        # Consecutive tasks reuse a document, so the engine's small prepared-text cache hits.
        tasks = sorted(((by_key[a], by_key[b]) for a, b, _ in pairs),
                       key=lambda ab: (order[ab[0].key], order[ab[1].key]))
        total = n + len(tasks)
        records = []
        tick = Ticker(progress, should_cancel, every=1)
        if pool is not None and len(tasks) >= PARALLEL_MIN:
            results = pool.imap_unordered(_compare_task, ((a, b, config) for a, b in tasks), chunksize=4)
        else:
            results = (_compared(a, b, config, should_cancel) for a, b in tasks)
        skipped = []
        for done, rec in enumerate(results, start=1):
            if isinstance(rec, tuple):
                skipped.append(rec)
            elif rec is not None:
                records.append(rec)
            tick(n + done, total)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    records.sort(key=lambda r: (-max(r.share_a, r.share_b), order[r.a], order[r.b]))
    skipped.sort(key=lambda ab: (order[ab[0]], order[ab[1]]))
    return ScanResult(tuple(keys), tuple(records), len(tasks), time.perf_counter() - started,
                      {d.key: d.published for d in docs}, tuple(skipped))
