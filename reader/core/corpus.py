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
fork a process holding Qt's locks. Must not import Qt or ``reader.storage``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

# The engine's tokens, cached by text: the evidence and the verdict count the words it aligned.
from reader.core.align import Cancelled, align, prepare_cached

# Page furniture (menus, captions) is no evidence of anything: shares and sentences are the body's.
# Words inside passages are counted as the engine counts them (a word is inside when it starts
# inside), so shares here and in ``Summary`` agree.
from reader.core.article_body import TextLayout, count_all, span_flags, text_layout
from reader.core.config import AlignConfig
from reader.core.derivation import DERIVED, QUOTED, derivation_graph, direction, relation
from reader.core.matches import QUOTE, Alignment, Match, Summary
from reader.core.shingles import MAX_DF, MIN_SCORE, ShingleIndex, shingles
from reader.core.text import quoted_spans
from reader.core.verdict import Verdict, judge

__all__ = ["CorpusDoc", "PairRecord", "ScanResult", "CorpusIndex", "Ranked", "Ranking", "Cancelled",
           "compare_pair", "pair_verdict", "scan", "SCAN_CONFIG"]

#: The engine's settings for corpus work: the word diff is only needed when a pair is opened.
SCAN_CONFIG = AlignConfig(word_diff=False)
#: Candidates aligned per document at most (its best by shared shingles).
PER_DOC = 25
#: Below this many candidate pairs (or documents to shingle), worker processes cost more than they save.
PARALLEL_MIN = 24
#: A library this small is ranked by aligning every document, not only the index's candidates.
SMALL_LIBRARY = 40
#: A corpus this small is scanned by aligning every pair (at most 66): exact, and still quick.
SMALL_CORPUS = 12

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One document of a corpus: a unique ``key`` (file name, database id, …) and its text."""

    key: Hashable
    text: str
    title: str = ""
    #: ISO date ``YYYY-MM-DD`` when known.
    published: str | None = None


@dataclass(frozen=True, slots=True)
class PairRecord:
    """Two documents that share passages, as the scan and the rankings report them."""

    a: Hashable
    b: Hashable
    #: Share of each text (words) inside any shared passage, quotations included, 0..1.
    share_a: float
    share_b: float
    #: Shared passages in all, and how many of them are quotations both texts carry.
    passages: int
    quote_passages: int
    #: Shares of each article body (see ``body_tokens``) inside non-quotation passages only:
    #: the evidence of copying, and what decides direction by containment.
    derived_share_a: float
    derived_share_b: float
    longest_verbatim_words: int
    #: ``"derived"``, ``"shared"`` or ``"quote"`` (see ``reader.core.derivation``).
    relation: str
    #: The key judged to be the source, and the copy; both ``None`` when unknown or quote-only.
    source: Hashable | None
    copy: Hashable | None
    #: ``"dates"``, ``"quotations"`` or ``"containment"`` (``None`` with no direction), and 0..1
    #: confidence (see ``reader.core.derivation.direction``).
    basis: str | None
    confidence: float
    #: Passages per kind: verbatim, edited, paraphrase, quote.
    kinds: tuple[tuple[str, int], ...] = ()
    #: The verdict on the pair (``reader.core.verdict``), side ``"a"`` being ``a``.
    verdict: Verdict | None = None

    def share_of(self, key: Hashable) -> float:
        """Share of document ``key`` (one side of the pair) inside shared passages."""
        return self.share_a if key == self.a else self.share_b

    def other(self, key: Hashable) -> Hashable:
        return self.b if key == self.a else self.a


@dataclass(frozen=True, slots=True)
class _Evidence:
    share_a: float  # share of each article body inside the non-quotation passages
    share_b: float
    quoted_a: int  # words inside quotation marks within those passages
    quoted_b: int


def _quoted_words(text: str, tokens, spans: list[tuple[int, int]]) -> int:
    """How many of ``tokens`` lie both inside ``spans`` and inside quotation marks."""
    quotes = [(q.start, q.end) for q in quoted_spans(text)]
    if not quotes:
        return 0
    starts = [t.start for t in tokens]
    return count_all(span_flags(starts, spans), span_flags(starts, quotes))


def _quoted_body_words(layout: TextLayout, inside: bytearray) -> int:
    """``_quoted_words`` of ``layout``'s body words, those inside the spans flagged in ``inside``."""
    quotes = [(q.start, q.end) for q in quoted_spans(layout.text)]
    if not quotes:
        return 0
    return count_all(layout.body, inside, layout.inside(quotes))


def _evidence(matches: Sequence[Match], layout_a: TextLayout, layout_b: TextLayout) -> _Evidence:
    """The figures that decide relation and direction, from the non-quotation passages."""
    own = [m for m in matches if m.kind != QUOTE]
    if not own:
        return _Evidence(0.0, 0.0, 0, 0)
    in_a = layout_a.inside([(m.a_start, m.a_end) for m in own])
    in_b = layout_b.inside([(m.b_start, m.b_end) for m in own])
    ca, cb = count_all(layout_a.body, in_a), count_all(layout_b.body, in_b)
    na, nb = layout_a.body_count, layout_b.body_count
    return _Evidence(ca / na if na else 0.0, cb / nb if nb else 0.0,
                     _quoted_body_words(layout_a, in_a), _quoted_body_words(layout_b, in_b))


def _layout(text: str) -> TextLayout:
    """``text``'s layout over the engine's tokens of it (cached when it was just aligned)."""
    return text_layout(text, prepare_cached(text).tokens)


def record_from_alignment(a: CorpusDoc, b: CorpusDoc, matches: Sequence[Match], share_a: float,
                          share_b: float, longest_verbatim: int) -> PairRecord | None:
    """The ``PairRecord`` of an aligned pair, or ``None`` when it shares no passage."""
    if not matches:
        return None
    layouts = _layout(a.text), _layout(b.text)  # once, for the evidence and the verdict
    ev = _evidence(matches, *layouts)
    dsa, dsb = ev.share_a, ev.share_b
    rel = relation(matches, dsa, dsb)
    assert rel is not None  # ``relation`` is None only without matches, returned for above
    source = copy = basis = None
    confidence = 0.0
    if rel == DERIVED:  # a passage or two in common says nothing about who wrote first
        d = direction(dsa, dsb, a.published, b.published, ev.quoted_a, ev.quoted_b)
        basis, confidence = d.basis, d.confidence
        if d.source is not None:
            source, copy = (a.key, b.key) if d.source == "a" else (b.key, a.key)
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    alignment = Alignment(tuple(matches), Summary(share_a, share_b, len(matches), longest_verbatim))
    side = None if source is None else ("a" if source == a.key else "b")
    verdict = judge(alignment, a.text, b.text, relation=rel, source=side, basis=basis, layouts=layouts)
    return PairRecord(a.key, b.key, verdict.share_a, verdict.share_b, len(matches),
                      counts.get(QUOTE, 0), round(dsa, 4), round(dsb, 4), longest_verbatim, rel,
                      source, copy, basis, confidence, tuple(sorted(counts.items())), verdict)


def pair_verdict(alignment: Alignment, text_a: str, text_b: str, published_a: str | None = None,
                 published_b: str | None = None) -> Verdict:
    """The verdict on one aligned pair, with the library's relation and direction evidence
    (dates when both are known, else quotations, else containment): what ``compare`` and the
    window show, and the same as the pair's ``PairRecord.verdict`` in a scan or ranking."""
    s = alignment.summary
    record = record_from_alignment(CorpusDoc("a", text_a, published=published_a),
                                   CorpusDoc("b", text_b, published=published_b),
                                   alignment.matches, s.share_a, s.share_b, s.longest_verbatim_words)
    if record is None:
        return judge(alignment, text_a, text_b, relation=None)
    assert record.verdict is not None  # ``record_from_alignment`` always judges the pair
    return record.verdict


def compare_pair(a: CorpusDoc, b: CorpusDoc, config: AlignConfig = SCAN_CONFIG,
                 should_cancel=None) -> PairRecord | None:
    """Align two documents and summarise them as a ``PairRecord`` (``None``: nothing shared)."""
    al = align(a.text, b.text, config, should_cancel=should_cancel)
    s = al.summary
    return record_from_alignment(a, b, al.matches, s.share_a, s.share_b, s.longest_verbatim_words)


# -- worker-process entry points (module level so that they pickle) ----------------------------

def _shingle_task(item: tuple[int, str]) -> tuple[int, set[int]]:
    ordinal, text = item
    return ordinal, shingles(text)


def _compare_task(item: tuple[CorpusDoc, CorpusDoc, AlignConfig]) -> PairRecord | None:
    a, b, config = item
    return compare_pair(a, b, config)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Every pair of a corpus that shares passages, and what the scan did to find them."""

    keys: tuple[Hashable, ...]
    records: tuple[PairRecord, ...]
    #: Candidate pairs proposed by the index and aligned.
    candidates: int
    seconds: float
    published: dict = field(default_factory=dict, compare=False)

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


class _Ticker:
    """Forwards progress and polls cancellation, at most every ``every`` steps."""

    def __init__(self, progress: Progress | None, should_cancel, every: int = 1) -> None:
        self.progress, self.should_cancel, self.every = progress, should_cancel, every

    def __call__(self, done: int, total: int, force: bool = False) -> None:
        if not force and done % self.every:
            return
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(done, total)


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
    tick = _Ticker(progress, should_cancel, every=max(1, n // 200))
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
        tick = _Ticker(progress, should_cancel, every=1)
        if pool is not None and len(tasks) >= PARALLEL_MIN:
            results = pool.imap_unordered(_compare_task, ((a, b, config) for a, b in tasks), chunksize=4)
        else:
            results = (compare_pair(a, b, config, should_cancel) for a, b in tasks)
        for done, rec in enumerate(results, start=1):
            if rec is not None:
                records.append(rec)
            tick(n + done, total)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    records.sort(key=lambda r: (-max(r.share_a, r.share_b), order[r.a], order[r.b]))
    return ScanResult(tuple(keys), tuple(records), len(tasks), time.perf_counter() - started,
                      {d.key: d.published for d in docs})


@dataclass(frozen=True, slots=True)
class Ranked:
    """Another document, seen from the chosen one."""

    key: Hashable
    #: Share of the *chosen* document inside passages shared with this one, 0..1.
    share: float
    #: Share of this document inside them.
    other_share: float
    passages: int
    #: ``"source"`` (the chosen document took from it), ``"copy"`` (it took from the chosen one),
    #: ``"related"`` (derived or shared, direction unknown) or ``"quote"`` (a quotation only).
    role: str
    record: PairRecord


@dataclass(frozen=True, slots=True)
class Ranking:
    key: Hashable
    sources: tuple[Ranked, ...]
    copies: tuple[Ranked, ...]
    related: tuple[Ranked, ...]
    #: Documents compared (aligned) to produce it, and documents in the library.
    compared: int
    library: int
    seconds: float

    @property
    def all(self) -> tuple[Ranked, ...]:
        return tuple(sorted((*self.sources, *self.copies, *self.related), key=lambda r: -r.share))


def ranking_from_records(key: Hashable, records: Iterable[PairRecord], *, compared: int = 0,
                         library: int = 0, seconds: float = 0.0) -> Ranking:
    """Sort the pair records involving ``key`` into likely sources, likely copies and the rest."""
    sources: list[Ranked] = []
    copies: list[Ranked] = []
    related: list[Ranked] = []
    for r in records:
        if key not in (r.a, r.b):
            continue
        other = r.other(key)
        if r.relation == DERIVED and r.source == other:
            role, bucket = "source", sources
        elif r.relation == DERIVED and r.source == key:
            role, bucket = "copy", copies
        else:
            role, bucket = ("quote" if r.relation == QUOTED else "related"), related
        bucket.append(Ranked(other, r.share_of(key), r.share_of(other), r.passages, role, r))
    def order(x: Ranked):
        return (-x.share, -x.other_share, str(x.key))
    return Ranking(key, tuple(sorted(sources, key=order)), tuple(sorted(copies, key=order)),
                   tuple(sorted(related, key=order)), compared, library, seconds)


class CorpusIndex:
    """A library kept indexed, so any document's likely sources come without a full scan.

    ``add`` a document (text, key and date), then ``likely_sources(key)`` aligns it with its
    index candidates only — or with every document while the library is small — and ranks them.
    """

    def __init__(self, docs: Iterable[CorpusDoc] = (), *, max_df: int = MAX_DF) -> None:
        self._index = ShingleIndex(max_df=max_df)
        self._docs: dict[Hashable, CorpusDoc] = {}
        for d in docs:
            self.add(d)

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._docs

    def get(self, key: Hashable) -> CorpusDoc:
        return self._docs[key]

    @property
    def docs(self) -> list[CorpusDoc]:
        return list(self._docs.values())

    def add(self, doc: CorpusDoc, *, hashes: Iterable[int] | None = None) -> None:
        """Index ``doc``; raises ``KeyError`` if its key is already in the library."""
        if doc.key in self._docs:
            raise KeyError(f"document {doc.key!r} is already in the library")
        self._index.add(doc.key, doc.text, hashes=hashes)
        self._docs[doc.key] = doc

    def update(self, doc: CorpusDoc) -> None:
        """Replace the title or date of an indexed document (its text, hence shingles, is the same)."""
        old = self._docs[doc.key]
        if old.text != doc.text:
            raise ValueError(f"document {doc.key!r} has another text; index it under a new key")
        self._docs[doc.key] = doc

    def candidates(self, key: Hashable, *, min_score: float = MIN_SCORE, limit: int | None = None):
        """Library documents sharing shingles with ``key``: ``[(other_key, score), ...]``, best first."""
        doc = self._docs[key]
        return self._index.candidates_for(doc.text, exclude=key, min_score=min_score, limit=limit)

    def likely_sources(self, key: Hashable, *, config: AlignConfig = SCAN_CONFIG,
                       limit: int = PER_DOC, should_cancel=None, progress: Progress | None = None) -> Ranking:
        """Rank the other documents by how much of document ``key`` they share."""
        started = time.perf_counter()
        doc = self._docs[key]
        if len(self._docs) <= SMALL_LIBRARY:
            others = [k for k in self._docs if k != key]
        else:
            others = [k for k, _ in self.candidates(key, limit=limit)]
        tick = _Ticker(progress, should_cancel)
        records = []
        for done, other in enumerate(others, start=1):
            tick(done - 1, len(others))
            rec = compare_pair(doc, self._docs[other], config, should_cancel)
            if rec is not None:
                records.append(rec)
        tick(len(others), len(others), force=True)
        return ranking_from_records(key, records, compared=len(others), library=len(self._docs),
                                    seconds=time.perf_counter() - started)
