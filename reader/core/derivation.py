"""Who derives from whom: the relation of a pair of documents, its direction, and the graph.

Contract
- ``relation(matches, derived_share_a, derived_share_b)`` says what the shared passages of a pair
  amount to: ``"derived"`` (enough reuse that one text was built from the other), ``"shared"``
  (a passage or two in common — often two reports of the same event saying the same thing) or
  ``"quote"`` (only a quotation both carry; a quotation is shared *material*, not copying, so it
  never makes an edge). Quote matches never count as evidence of derivation.
- ``direction(...)`` says which side is the source, from the first evidence that decides:
  1. publication dates, when both are known and differ: the earlier text is the source;
  2. quotations: where one side's passages quote someone word for word in quotation marks and
     the other side's counterparts do not, the quoting side is the source — rewrites turn
     direct quotes into reported speech ("“There was enormous pressure…” said X" becomes
     "Pressure had mounted…, according to X"), while nobody turns reported speech back into a
     verbatim quote. This decides seed 002 → 003, where containment cannot: 003 keeps most
     of 002 *and* adds as much of its own, so the two shares are nearly equal;
  3. containment: the side whose text is more contained in the other (a larger share of it
     lies in shared passages) is the copy — when the gap is clear and the copy is largely
     made of the other text.
  When none decides, the direction is unknown (``source is None``) rather than guessed.
- ``derivation_graph(records)`` turns pair records (``reader.core.corpus.PairRecord`` or any
  object with the same attributes) into nodes, directed edges ``source → copy`` for derived
  pairs, and undirected links for the rest (drawn dashed: shared passages or a quotation).
Pure functions and frozen dataclasses; must not import Qt, storage or ``reader.core.corpus``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.core.matches import EDITED, QUOTE, VERBATIM, Match

DERIVED = "derived"
SHARED = "shared"
QUOTED = "quote"
#: Every relation, strongest first.
RELATIONS = (DERIVED, SHARED, QUOTED)

#: Words shared inside verbatim or lightly edited passages that alone prove copying (about two
#: sentences: independent reports share names and stock phrases, not two sentences word for word).
STRONG_WORDS = 20
#: Non-quote passages that together make a derivation even when each is reworded: a rewrite
#: follows its source passage after passage, while two reports of one event meet in their lead
#: and in a stock sentence or two (seed 000 meets 003 three times, 003 meets 002 sixteen times).
MIN_PASSAGES = 5
#: Share of either article inside non-quote passages that makes a derivation by itself.
MIN_SHARE = 0.25
#: Containment decides the direction only when the larger share exceeds the smaller by this
#: fraction of the larger (0.15: 0.40 vs 0.34 decides, 0.40 vs 0.36 does not) ...
CONTAINMENT_MARGIN = 0.15
#: ... and the copy is largely made of the other text. When two articles share a few
#: paragraphs, which one holds the larger share depends on their lengths, not on who copied:
#: on the synthetic benchmark such guesses were right about half the time.
CONTAINMENT_MIN_SHARE = 0.35
#: Quoted words (inside the non-quote passages) by which the quoting side must lead, and the
#: factor by which it must exceed the other side, for quotations to decide the direction.
QUOTE_CUE_WORDS = 10
QUOTE_CUE_RATIO = 2.0

DATES = "dates"
QUOTATIONS = "quotations"
CONTAINMENT = "containment"


def relation(matches: Sequence[Match], derived_share_a: float, derived_share_b: float) -> str | None:
    """What the shared passages of a pair amount to; ``None`` when there are none."""
    if not matches:
        return None
    own = [m for m in matches if m.kind != QUOTE]
    if not own:
        return QUOTED
    strong = sum(m.shared_words for m in own if m.kind in (VERBATIM, EDITED))
    if strong >= STRONG_WORDS or len(own) >= MIN_PASSAGES or max(derived_share_a, derived_share_b) >= MIN_SHARE:
        return DERIVED
    return SHARED


@dataclass(frozen=True, slots=True)
class Direction:
    #: ``"a"`` or ``"b"``: the side judged to be the source; ``None``: cannot tell.
    source: str | None
    #: ``"dates"``, ``"quotations"``, ``"containment"`` or ``None``.
    basis: str | None
    #: 0..1; 1 for differing publication dates, else the relative lead of the deciding figure.
    confidence: float


def direction(share_a: float, share_b: float, published_a: str | None = None,
              published_b: str | None = None, quoted_a: int = 0, quoted_b: int = 0) -> Direction:
    """Which side of a pair is the source, and on what evidence.

    ``share_a``/``share_b`` are the shares of each text inside the non-quote passages;
    ``published_*`` are ISO dates (``YYYY-MM-DD``, optionally with a time), compared as text;
    ``quoted_*`` count the words inside quotation marks within each side's non-quote passages.
    """
    if published_a and published_b and published_a != published_b:
        return Direction("a" if published_a < published_b else "b", DATES, 1.0)
    more, less = max(quoted_a, quoted_b), min(quoted_a, quoted_b)
    if more - less >= QUOTE_CUE_WORDS and more >= QUOTE_CUE_RATIO * less:
        return Direction("a" if quoted_a > quoted_b else "b", QUOTATIONS, round((more - less) / more, 3))
    high = max(share_a, share_b)
    if high <= 0:
        return Direction(None, None, 0.0)
    gap = abs(share_a - share_b) / high
    if gap < CONTAINMENT_MARGIN or high < CONTAINMENT_MIN_SHARE:
        return Direction(None, None, round(gap, 3))
    # The copy is the side more contained in the other, so the source is the *less* covered one.
    return Direction("a" if share_a < share_b else "b", CONTAINMENT, round(gap, 3))


@dataclass(frozen=True, slots=True)
class Edge:
    """``copy`` derives from ``source`` (or, with ``directed`` false, the two are related)."""

    source: str
    copy: str
    relation: str
    #: Share of ``copy`` shared with ``source`` (for a link, the larger of the two shares): the
    #: one coverage figure of every view (``reader.core.coverage``), quotations included.
    share: float
    passages: int
    directed: bool
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class DerivationGraph:
    nodes: tuple[str, ...]
    #: Directed edges (``relation == "derived"`` with a known direction), strongest first.
    edges: tuple[Edge, ...]
    #: Everything else: derived pairs of unknown direction, shared passages, shared quotations.
    links: tuple[Edge, ...]

    def sources_of(self, key: str) -> list[str]:
        return [e.source for e in self.edges if e.copy == key]

    def copies_of(self, key: str) -> list[str]:
        return [e.copy for e in self.edges if e.source == key]

    def connected(self, a: str, b: str, *, relations: Iterable[str] = (DERIVED, SHARED)) -> bool:
        """Whether ``a`` and ``b`` are joined by edges/links of the given relations (any direction)."""
        wanted = set(relations)
        adjacent: dict[str, set[str]] = {}
        for e in (*self.edges, *self.links):
            if e.relation in wanted:
                adjacent.setdefault(e.source, set()).add(e.copy)
                adjacent.setdefault(e.copy, set()).add(e.source)
        seen, todo = {a}, [a]
        while todo:
            for nxt in adjacent.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return b in seen


def derivation_graph(records: Iterable, nodes: Iterable[str] = ()) -> DerivationGraph:
    """The graph of pair records: nodes, ``source → copy`` edges, and undirected links.

    Each record needs ``a``, ``b``, ``relation``, ``source`` (a key or ``None``), ``share_a``,
    ``share_b``, ``passages`` and ``basis``.
    """
    names = dict.fromkeys(nodes)
    edges, links = [], []
    for r in records:
        names.setdefault(r.a)
        names.setdefault(r.b)
        if r.relation is None:
            continue
        if r.relation == DERIVED and r.source is not None:
            copy = r.b if r.source == r.a else r.a
            share = r.share_b if copy == r.b else r.share_a
            edges.append(Edge(r.source, copy, DERIVED, share, r.passages, True, r.basis))
        else:
            share = max(r.share_a, r.share_b)
            links.append(Edge(r.a, r.b, r.relation, share, r.passages, False, None))
    edges.sort(key=lambda e: (-e.share, e.source, e.copy))
    links.sort(key=lambda e: (RELATIONS.index(e.relation), -e.share, e.source, e.copy))
    return DerivationGraph(tuple(names), tuple(edges), tuple(links))
