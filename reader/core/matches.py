"""The alignment result model: frozen dataclasses shared by the engine, storage, CLI and UI.

All offsets are character (code point) offsets into ``Document.text`` of side A or side B,
half-open ``[start, end)``. Nothing here computes an alignment; see ``reader.core.align``.
Must not import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

VERBATIM = "verbatim"
EDITED = "edited"
PARAPHRASE = "paraphrase"
QUOTE = "quote"
#: Every kind a match can have, strongest evidence of copying first.
KINDS = (VERBATIM, EDITED, PARAPHRASE, QUOTE)

#: Word-diff tags, as in difflib / Meld's DiffChunk.
EQUAL = "equal"
REPLACE = "replace"
DELETE = "delete"  # words only in A
INSERT = "insert"  # words only in B


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of words inside a match: shared (``equal``) or changed.

    ``a_start == a_end`` for an insert (words only in B), ``b_start == b_end`` for a delete.
    """

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of A and its counterpart in B."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str
    #: Similarity of the two passages in [0, 1] (1 = same words in the same order).
    score: float
    #: Word-level diff inside the passage, in order; empty when not computed.
    ops: tuple[DiffOp, ...] = field(default=(), compare=False)
    #: Number of words of B's passage that are shared with A's passage.
    shared_words: int = 0
    #: Longest run of identical consecutive words.
    longest_run: int = 0
    #: Index into ``Alignment.regions`` of the region this passage belongs to (-1: none).
    region: int = -1

    @property
    def a_span(self) -> tuple[int, int]:
        return (self.a_start, self.a_end)

    @property
    def b_span(self) -> tuple[int, int]:
        return (self.b_start, self.b_end)

    def swapped(self) -> Match:
        """The same match seen from the other side (A and B exchanged)."""
        ops = tuple(
            DiffOp({DELETE: INSERT, INSERT: DELETE}.get(o.tag, o.tag), o.b_start, o.b_end, o.a_start, o.a_end)
            for o in self.ops
        )
        return Match(self.b_start, self.b_end, self.a_start, self.a_end, self.kind, self.score,
                     ops, self.shared_words, self.longest_run, self.region)


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures for a pair: how much of each side is covered by matches."""

    share_a: float  # fraction of A's words inside some match, 0..1
    share_b: float
    matches: int
    longest_verbatim_words: int
    words_a: int = 0
    words_b: int = 0


@dataclass(frozen=True, slots=True)
class Alignment:
    """The shared passages of two texts, ordered by their position in A (``regions`` too).

    ``matches`` are the passages a reader walks through: each links a sentence or a run of
    sentences to its counterpart. ``regions`` group them into the stretches of text that were
    reused as a whole (a rewritten article body, a copied section): what a plagiarism-detection
    evaluation (PAN) calls a case. Each region is a ``Match`` without word diff; a match's
    ``region`` field indexes this tuple.
    """

    matches: tuple[Match, ...]
    summary: Summary
    regions: tuple[Match, ...] = ()

    def swapped(self) -> Alignment:
        """The same alignment seen from B: sides exchanged, re-ordered by position in the new A."""
        s = self.summary
        order = sorted(range(len(self.regions)), key=lambda k: (self.regions[k].b_start, self.regions[k].a_start))
        renumber = {old: new for new, old in enumerate(order)}
        regions = tuple(self.regions[k].swapped() for k in order)
        matches = tuple(sorted(
            (replace(m.swapped(), region=renumber.get(m.region, -1)) for m in self.matches),
            key=lambda m: (m.a_start, m.b_start)))
        return Alignment(matches, Summary(s.share_b, s.share_a, s.matches, s.longest_verbatim_words,
                                          s.words_b, s.words_a),
                         tuple(replace(r, region=k) for k, r in enumerate(regions)))
