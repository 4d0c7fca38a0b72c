"""Many documents at once: which pairs share passages, how much, and who took from whom.

Pipeline (pure, no Qt, no sqlite):

1. shingles   each document → hashed three-content-word shingles (``reader.core.shingles``),
              computed in worker processes for large corpora;
2. candidates an inverted index proposes the pairs whose shared shingles, weighted by how few
              documents carry them, reach ``min_score``; each document keeps at most
              ``per_doc`` best candidates;
3. alignment  ``reader.core.align.align`` (without word diffs) runs on the candidates only,
              in ``workers`` processes;
4. records    each aligned pair with passages becomes a ``PairRecord``: both shares, passage
              counts, the relation and direction from ``reader.core.derivation``.

``scan(docs, ...)`` runs it all on a list of ``CorpusDoc``. ``CorpusIndex`` keeps a library
indexed so that a new or chosen document gets its ``likely_sources`` without a scan: its
candidates come from the index and only they are aligned.

Long runs poll ``should_cancel()`` (raising ``reader.core.align.Cancelled``) and report
``progress(done, total)``; the window runs them in a worker thread. Worker processes are started
with ``forkserver``/``spawn``, never ``fork``, so a scan started from the window's thread does not
fork a process holding Qt's locks.

This module is the facade: the code lives in ``corpus_records`` (documents, pair records, the
verdict plumbing), ``corpus_scan`` (scan orchestration) and ``corpus_index`` (the index and
rankings), and the names callers use are re-exported here. Must not import Qt or
``reader.storage``, and holds no code of its own.
"""

from reader.core.align import Cancelled
from reader.core.corpus_index import SMALL_LIBRARY, CorpusIndex, Ranked, Ranking, ranking_from_records
from reader.core.corpus_records import (
    PER_DOC,
    SCAN_CONFIG,
    CorpusDoc,
    PairRecord,
    Progress,
    compare_pair,
    pair_verdict,
    record_from_alignment,
)
from reader.core.corpus_scan import PARALLEL_MIN, SMALL_CORPUS, ScanResult, scan

__all__ = ["CorpusDoc", "PairRecord", "ScanResult", "CorpusIndex", "Ranked", "Ranking", "Cancelled",
           "compare_pair", "pair_verdict", "scan", "SCAN_CONFIG", "record_from_alignment",
           "ranking_from_records", "Progress", "PER_DOC", "PARALLEL_MIN", "SMALL_CORPUS", "SMALL_LIBRARY"]
