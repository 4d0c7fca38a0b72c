"""The corpus index: a library kept indexed, and the ranking of one document's likely sources.

``CorpusIndex`` holds ``CorpusDoc`` in a ``reader.core.shingles.ShingleIndex``; ``candidates(key)``
are the library documents sharing shingles with one, and ``likely_sources(key)`` aligns it with
those candidates only (with every document while the library has at most ``SMALL_LIBRARY``) and
returns a ``Ranking``: likely sources, likely copies and the rest, each a ``Ranked``.
``ranking_from_records`` sorts pair records the same way.

Polls ``should_cancel()`` (raising ``reader.core.align.Cancelled``) and reports
``progress(done, total)``. Must not import Qt, ``reader.storage``, ``reader.core.corpus`` (the
facade that re-exports this module) or ``reader.core.corpus_scan``.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace

from reader.core.align import TooSlow
from reader.core.config import AlignConfig
from reader.core.corpus_records import PER_DOC, SCAN_CONFIG, CorpusDoc, PairRecord, Progress, Ticker, compare_pair
from reader.core.derivation import DERIVED, QUOTED
from reader.core.shingles import MAX_DF, MIN_SCORE, ShingleIndex

__all__ = ["CorpusIndex", "Ranked", "Ranking", "ranking_from_records", "SMALL_LIBRARY"]

#: A library this small is ranked by aligning every document, not only the index's candidates.
SMALL_LIBRARY = 40


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
    #: Documents left out because aligning them ran past ``config.max_seconds``.
    skipped: tuple[Hashable, ...] = ()

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
        tick = Ticker(progress, should_cancel)
        records = []
        skipped = []
        for done, other in enumerate(others, start=1):
            tick(done - 1, len(others))
            try:
                rec = compare_pair(doc, self._docs[other], config, should_cancel)
            except TooSlow:
                skipped.append(other)
                continue
            if rec is not None:
                records.append(rec)
        tick(len(others), len(others), force=True)
        ranking = ranking_from_records(key, records, compared=len(others), library=len(self._docs),
                                       seconds=time.perf_counter() - started)
        return replace(ranking, skipped=tuple(skipped))
