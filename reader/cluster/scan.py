"""The whole scan on a Dask cluster: ``cluster_scan(source, columns, scheduler=...)``.

Same result as ``reader.core.corpus_scan.scan`` on the same documents (same pairs, shares,
verdicts and order), computed without the corpus or the index in any one process:

1. the workers read SOURCE in partitions (``reader.cluster.sources``);
2. candidate pairs come from shingle postings shuffled across the cluster
   (``reader.cluster.candidates``); only the candidates, a few per document, reach the client;
3. the candidates are grouped by the two partitions that hold their documents and aligned in
   tasks of at most ``ALIGN_CHUNK`` pairs; each task takes as inputs the documents of its two
   partitions that some candidate names (each partition read again from SOURCE on a worker and
   cut down to those), so Dask moves them where the task runs, never to the client.
   A task returns its ``PairRecord`` and the titles and dates of the documents in them.

A corpus of at most ``SMALL_CORPUS`` documents has every pair aligned, as locally. A worker lost
mid-scan costs time: Dask recomputes what it held (P2P shuffles restart). Progress: the
scheduler's task counts, through ``progress(done, total)``, for each of the two phases in turn
(``phase(name)`` is told which). ``KeyboardInterrupt`` (Ctrl+C) cancels the submitted work on the
cluster and closes the client (and a cluster it started) before it propagates.

``scheduler`` is an address (``tcp://host:8786``) or ``"local"``: a ``LocalCluster`` of
``workers`` processes on 127.0.0.1 with ``memory_limit`` each. Imports Dask; must not import Qt
or reader.storage.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import dask

from reader.cluster.candidates import candidate_frame
from reader.cluster.compat import unlock_cached_properties
from reader.cluster.progress import wait_with_progress
from reader.cluster.sources import SourcePlan, partition_of, plan_partitions
from reader.core.config import AlignConfig
from reader.core.corpus_files import Columns
from reader.core.corpus_records import PER_DOC, SCAN_CONFIG, PairRecord, compare_pair
from reader.core.corpus_scan import SMALL_CORPUS, ScanResult
from reader.core.shingles import MAX_DF, MIN_SCORE

__all__ = ["ClusterScan", "DocumentInfo", "cluster_scan", "connect", "ALIGN_CHUNK"]

#: Pairs per alignment task: a second or two of work (a candidate pair aligns in 10-40 ms), so
#: the last tasks leave no worker idle for long, progress moves and a lost worker costs little,
#: while the scheduler's per-task overhead (about a millisecond) stays negligible. (200 left
#: one of two workers idle for the last ~10 s of a 10,000-article scan.)
ALIGN_CHUNK = 50
#: Worker processes of ``--scheduler local`` unless told (the project's machine has two cores).
LOCAL_WORKERS = 2
#: Memory limit per worker of ``--scheduler local`` unless told (the issue's target).
LOCAL_MEMORY = "4GB"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a result reports of a document that shares something (its text stays in SOURCE)."""

    title: str
    published: str | None
    url: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class ClusterScan:
    """A distributed scan's result and the figures of ``docs/scaling.md``."""

    #: ``keys`` are the documents that share something, in SOURCE order (not the whole corpus).
    result: ScanResult
    documents: int
    info: dict[Hashable, DocumentInfo]
    figures: dict = field(default_factory=dict)


def connect(scheduler: str, *, workers: int = LOCAL_WORKERS, memory_limit: str = LOCAL_MEMORY):
    """A ``distributed.Client`` on ``scheduler`` (an address, or ``"local"`` to start a cluster)."""
    from distributed import Client, LocalCluster

    unlock_cached_properties()  # before any graph is built: see reader.cluster.compat
    if scheduler == "local":
        # Ctrl+C signals the terminal's whole process group. Workers started with SIGINT ignored
        # (a spawned Python keeps an inherited SIG_IGN) leave it to this process, which cancels
        # the work and closes the cluster in order, instead of each dying with a traceback.
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   memory_limit=memory_limit, dashboard_address=":0",
                                   # Workers log at WARNING what is routine here (shuffles starting,
                                   # cancelled tasks at Ctrl+C); errors still show.
                                   silence_logs=logging.ERROR)
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        return Client(cluster)
    return Client(scheduler, timeout="20s")


def _align_chunk(rows_a, rows_b, pairs: list[tuple[int, int]], config: AlignConfig):
    """Align ``pairs`` of ordinals whose documents are in partitions ``rows_a`` and ``rows_b``."""
    by_ordinal = dict(rows_a)
    by_ordinal.update(rows_b)
    records = []
    for a, b in pairs:
        record = compare_pair(by_ordinal[a].doc, by_ordinal[b].doc, config)
        if record is not None:
            records.append((a, b, record))
    info = {}
    for a, b, _ in records:
        for o in (a, b):
            row = by_ordinal[o]
            info[o] = (row.doc.key, DocumentInfo(row.doc.title, row.doc.published, row.url, row.outlet))
    return records, info


def _only(rows, ordinals: frozenset[int]) -> list:
    """The rows of a partition whose ordinals are in ``ordinals``."""
    return [(o, row) for o, row in rows if o in ordinals]


def _ordinals(rows) -> list[int]:
    return [o for o, _ in rows]


def _chunks(pairs: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """``pairs`` (sorted) grouped by their two partitions, cut into runs of ``ALIGN_CHUNK``."""
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for a, b in pairs:
        groups.setdefault((partition_of(a), partition_of(b)), []).append((a, b))
    out = []
    for (pa, pb), group in sorted(groups.items()):
        for i in range(0, len(group), ALIGN_CHUNK):
            out.append((pa, pb, group[i:i + ALIGN_CHUNK]))
    return out


def _run(client, collections: list, progress) -> list:
    # One compute call per collection: a single call over mixed collections (frames, scalars,
    # delayed) may hand the results back in another order. Shared keys are computed once.
    # (Overlapping calls are safe once ``compat.unlock_cached_properties`` has run.)
    futures = [client.compute(c) for c in collections]
    try:
        wait_with_progress(futures, progress)
        return client.gather(futures)
    except BaseException:
        client.cancel(futures)  # Ctrl+C or a failure: nothing keeps running on the cluster
        raise


def _candidates(client, plan: SourcePlan, *, max_df, min_score, per_doc, progress, figures) -> list[tuple[int, int]]:
    cands = candidate_frame(plan.parts, max_df=max_df, min_score=min_score, per_doc=per_doc)
    frame, documents, postings, pair_rows, scored = _run(
        client, [cands.candidates, cands.documents, cands.postings, cands.pair_rows, cands.scored_pairs], progress)
    figures.update(documents=int(documents), postings=int(postings), pair_weight_rows=int(pair_rows),
                   scored_pairs=int(scored))
    if documents <= SMALL_CORPUS:  # as locally: every pair of a tiny corpus
        ordinals = [o for part in _run(client, [dask.delayed(_ordinals)(p) for p in plan.parts], None)
                    for o in part]
        return [(a, b) for i, a in enumerate(ordinals) for b in ordinals[i + 1:]]
    return sorted(zip(frame["a"].tolist(), frame["b"].tolist()))


def _align(client, plan: SourcePlan, pairs, config, progress) -> tuple[list, dict]:
    from distributed import as_completed

    # Each partition is read once more and cut down to the documents some candidate pair names
    # (a quarter of the corpus in the 200,000-article benchmark): the alignment tasks take those
    # subsets, so the workers hold them, not whole partitions, until the last task needing one ends.
    needed: dict[int, set[int]] = {}
    for a, b in pairs:
        needed.setdefault(partition_of(a), set()).add(a)
        needed.setdefault(partition_of(b), set()).add(b)
    wanted = {p: dask.delayed(_only)(plan.parts[p], frozenset(ordinals)) for p, ordinals in needed.items()}
    tasks = [dask.delayed(_align_chunk)(wanted[pa], wanted[pb], chunk, config) for pa, pb, chunk in _chunks(pairs)]
    futures = client.compute(tasks)
    records, info = [], {}
    try:
        for done, (_, (chunk_records, chunk_info)) in enumerate(as_completed(futures, with_results=True), start=1):
            records.extend(chunk_records)
            info.update(chunk_info)
            if progress is not None:
                progress(done, len(futures))
    except BaseException:
        client.cancel(futures)
        raise
    return records, info


def cluster_scan(source: str, columns: Columns = Columns(), *, scheduler: str = "local", client=None,
                 workers: int = LOCAL_WORKERS, memory_limit: str = LOCAL_MEMORY, config: AlignConfig = SCAN_CONFIG,
                 min_score: float = MIN_SCORE, per_doc: int | None = PER_DOC, max_df: int = MAX_DF,
                 folder_keys: list[str] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 phase: Callable[[str], None] | None = None) -> ClusterScan:
    """Every pair of SOURCE's documents that shares passages, computed on a Dask cluster.

    ``client`` (an open ``distributed.Client``) is used as is and left open; otherwise one is
    opened on ``scheduler`` and closed at the end. ``folder_keys``: SOURCE is a document
    folder and these are its files (relative paths, repeated texts already left out).
    """
    started = time.perf_counter()
    unlock_cached_properties()  # a client made by the caller: see reader.cluster.compat
    # Each P2P shuffle logs two WARNING lines (started, finished) that are not warnings at all.
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    own = client is None
    if own:
        client = connect(scheduler, workers=workers, memory_limit=memory_limit)
    figures: dict = {}
    try:
        plan = plan_partitions(source, columns, folder_keys)
        figures["partitions"] = len(plan.parts)
        if phase:
            phase("candidates")
        t0 = time.perf_counter()
        pairs = _candidates(client, plan, max_df=max_df, min_score=min_score, per_doc=per_doc,
                            progress=progress, figures=figures)
        figures.update(candidates=len(pairs), candidates_s=round(time.perf_counter() - t0, 1))
        if phase:
            phase("alignment")
        t0 = time.perf_counter()
        found, ordinal_info = _align(client, plan, pairs, config, progress)
        figures["alignment_s"] = round(time.perf_counter() - t0, 1)
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    found.sort(key=lambda abr: (-max(abr[2].share_a, abr[2].share_b), abr[0], abr[1]))
    records: tuple[PairRecord, ...] = tuple(r for _, _, r in found)
    ordered = sorted(ordinal_info)
    keys = tuple(ordinal_info[o][0] for o in ordered)
    info = {ordinal_info[o][0]: ordinal_info[o][1] for o in ordered}
    result = ScanResult(keys, records, len(pairs), time.perf_counter() - started,
                        {k: i.published for k, i in info.items()})
    return ClusterScan(result, figures["documents"], info, figures)
