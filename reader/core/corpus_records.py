"""Pair records: one aligned pair of documents summarised, with its relation, direction and verdict.

``compare_pair(a, b)`` aligns two ``CorpusDoc`` (without word diffs, ``SCAN_CONFIG``) and returns
their ``PairRecord`` (``None`` when they share no passage): both shares, passage counts, the
relation and direction from ``reader.core.derivation`` and the verdict from
``reader.core.verdict``. ``record_from_alignment`` does the same from an alignment already made,
and ``pair_verdict`` gives the verdict alone, as ``compare`` and the window show it. Shares and
direction evidence count article-body words only (``reader.core.article_body``).

Also the plumbing the scan and the index share: ``Progress``, the ``Ticker`` that forwards progress
and polls cancellation (raising ``reader.core.align.Cancelled``), and ``PER_DOC``.

Pure functions and frozen dataclasses. Must not import Qt, ``reader.storage``, nor the other
corpus modules (``corpus``, ``corpus_scan``, ``corpus_index``), which build on this one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

# The engine's tokens, cached by text: the evidence and the verdict count the words it aligned.
from reader.core.align import Cancelled, align, prepare_cached

# Page furniture (menus, captions) is no evidence of anything: shares and sentences are the body's.
# Words inside passages are counted as the engine counts them (a word is inside when it starts
# inside), so shares here and in ``Summary`` agree.
from reader.core.article_body import TextLayout, count_all, span_flags, text_layout
from reader.core.config import AlignConfig
from reader.core.derivation import DERIVED, direction, relation
from reader.core.matches import QUOTE, Alignment, Match, Summary
from reader.core.text import quoted_spans
from reader.core.verdict import Verdict, judge

__all__ = ["CorpusDoc", "PairRecord", "compare_pair", "pair_verdict", "record_from_alignment", "SCAN_CONFIG",
           "PER_DOC", "Progress", "Ticker"]

#: The engine's settings for corpus work: the word diff is only needed when a pair is opened.
SCAN_CONFIG = AlignConfig(word_diff=False)
#: Candidates aligned per document at most (its best by shared shingles).
PER_DOC = 25

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
    """``text``'s layout over the engine's tokens and sentences of it (cached when it was just
    aligned)."""
    prepared = prepare_cached(text)
    return text_layout(text, prepared.tokens, prepared.sentences, prepared.starts)


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


class Ticker:
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
