"""The verdict on a pair: one relation, with the evidence a reader can check.

Contract
- ``judge(alignment, text_a, text_b, relation=..., source=..., basis=...)`` turns an
  ``Alignment`` and the pair's relation and direction (``reader.core.derivation``, as the
  library computes them; ``reader.core.corpus.pair_verdict`` does it all in one call) into a
  frozen ``Verdict``. ``Verdict.describe()`` says it in one English sentence, for example
  "B is a rewrite of A: 18 of its 21 sentences restate A, in A's order; 3 are new."
- The relations, strongest first:
  ``rewrite``   one text is the other sentence by sentence: the derivation evidence says one was
                built from the other, and most (more than half) of the later text's sentences
                restate the source;
  ``copies``    one text was built in part from the other (``derivation.relation`` is
                "derived") but most of its sentences are its own;
  ``shared``    a passage or two in common and nothing more: two independent reports of one
                event say the same things (the lead, a stock sentence), so no copying is claimed;
  ``quotation`` every shared passage is a quotation both carry — shared material, not copying;
  ``none``      nothing shared.
  ``shared`` is not in the issue's list (rewrite, copies, quotation, none): without it, seeds 000
  and 003, independent reports with three reworded sentences in common, would read "B copies
  passages of A", which is the accusation a fact-checker must not make on that evidence.
- Sentences are the article body's (``reader.core.article_body``: menus, captions and bylines
  are not sentences of the article), split by ``reader.core.text.split_sentences``. A sentence
  *restates* the other text when non-quotation passages cover at least half of its words; it
  *quotes* when quotation passages bring it to half; the rest are *new*. *In order* is the
  longest run of restating sentences whose counterparts' positions never go back.
- Direction: when the derivation evidence names a source (publication dates, quotations,
  containment), the other side is the later text and ``describe`` says who rewrote or copied
  whom. When it does not, the side more of whose sentences restate the other is the one the
  figures describe (``later``), but the sentence says "B restates A … which text came first is
  not known": that B follows A sentence by sentence is a fact on the page; who copied whom is
  not, and a reader would take "B is a rewrite of A" as that claim. When both sides restate each
  other about equally (two versions of one article), neither is singled out.
- Shares are the one coverage figure (``reader.core.coverage``), never another measure.
Pure functions and frozen dataclasses; must not import Qt, storage or the alignment engine.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from reader.core.article_body import TextLayout, text_layout
from reader.core.coverage import percent, share_figure
from reader.core.matches import QUOTE, Alignment
from reader.core.text import Token

REWRITE = "rewrite"
COPIES = "copies"
SHARED = "shared"
QUOTATION = "quotation"
NONE = "none"
#: Every relation, strongest first.
RELATIONS = (REWRITE, COPIES, SHARED, QUOTATION, NONE)

#: Part of a sentence's words that shared passages must cover for it to restate the other text.
#: Half: a rewritten sentence keeps its facts but rewords the rest, so a passage usually covers
#: it whole or not at all; a sentence that only ends on a shared clause is not a restatement.
RESTATE_MIN_COVER = 0.5
#: Part of the later text's sentences that a rewrite's restating sentences must exceed: most of
#: them, so more than half. At half or below, the later text is at least half its own, even
#: when it took whole passages (``copies``); seed 004 restates exactly 9 of its 18 from 002.
REWRITE_MIN_FRACTION = 0.5
#: Restating sentences a rewrite needs at least: a three-sentence brief with two borrowed
#: sentences is a copy of those sentences, not a rewrite of an article.
REWRITE_MIN_SENTENCES = 3
#: When direction is unknown and both sides restate each other by fractions closer than this,
#: neither is called the rewrite: two versions of one article, edited apart, look like that.
MUTUAL_MARGIN = 0.1

#: The derivation relation (``reader.core.derivation``) that allows ``rewrite`` or ``copies``.
_DERIVED = "derived"
_EVIDENCE_WORDS = {"dates": "publication dates", "quotations": "quotations", "containment": "containment"}


@dataclass(frozen=True, slots=True)
class SentenceCounts:
    """How the sentences of one text relate to the other text of its pair."""

    total: int = 0
    restating: int = 0
    #: Restating sentences in the other text's order (longest non-decreasing run of positions).
    in_order: int = 0
    #: Sentences that are mostly a quotation both texts carry (neither restating nor new).
    quoting: int = 0

    @property
    def new(self) -> int:
        return self.total - self.restating - self.quoting

    @property
    def fraction(self) -> float:
        return self.restating / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: str
    #: ``"a"`` or ``"b"``: the later text (the rewrite or copy; when direction is unknown, the
    #: side that restates more of the other). ``None`` for shared, quotation and none, and for
    #: two texts that restate each other equally.
    later: str | None
    #: ``"a"`` or ``"b"`` when the direction is known (then ``later`` is the other side).
    source: str | None
    #: What decided the direction: ``"dates"``, ``"quotations"``, ``"containment"``, or ``None``.
    evidence: str | None
    sentences_a: SentenceCounts
    sentences_b: SentenceCounts
    passages: int
    quote_passages: int
    #: Each side's share shared with the other (``reader.core.coverage.share_figure``).
    share_a: float
    share_b: float

    # The figures of the later text (of B when no side is singled out) -------------------------
    @property
    def focus(self) -> str:
        return self.later or "b"

    @property
    def counts(self) -> SentenceCounts:
        return self.sentences_a if self.focus == "a" else self.sentences_b

    @property
    def sentences_total(self) -> int:
        return self.counts.total

    @property
    def sentences_restating(self) -> int:
        return self.counts.restating

    @property
    def sentences_in_order(self) -> int:
        return self.counts.in_order

    @property
    def sentences_new(self) -> int:
        return self.counts.new

    @property
    def share(self) -> float:
        """Share of the later text (of B when none is singled out) shared with the other."""
        return self.share_a if self.focus == "a" else self.share_b

    @property
    def direction_known(self) -> bool:
        return self.source is not None

    def swapped(self) -> Verdict:
        """The same verdict with A and B exchanged."""
        flip: dict[str | None, str] = {"a": "b", "b": "a"}
        return replace(self, later=flip.get(self.later), source=flip.get(self.source),
                       sentences_a=self.sentences_b, sentences_b=self.sentences_a,
                       share_a=self.share_b, share_b=self.share_a)

    def describe(self, names: tuple[str, str] = ("A", "B")) -> str:
        """The verdict in one sentence, the texts called by ``names`` (A's, B's)."""
        return _describe(self, dict(zip("ab", names)))

    def explain_direction(self, names: tuple[str, str] = ("A", "B")) -> str:
        """Why one side is taken for the source, in one sentence; "" when it is not known."""
        if self.source is None or self.relation not in (REWRITE, COPIES):
            return ""
        name: dict[str | None, str] = dict(zip("ab", names))
        first, later = name[self.source], name[self.later]
        if self.evidence == "dates":
            return f"{first} was published first."
        if self.evidence == "quotations":
            return f"{first} came first: it quotes word for word what {later} reports without quotation marks."
        return f"{first} came first: {later} is largely made of {first}'s text, more than {first} is of {later}'s."

    def to_json(self, names: tuple[str, str] = ("A", "B")) -> dict:
        direction = ("known" if self.source else "unknown") if self.relation in (REWRITE, COPIES) else None
        c = self.counts
        return {"relation": self.relation, "later": self.later, "sentences_total": c.total,
                "sentences_restating": c.restating, "sentences_in_order": c.in_order,
                "sentences_quoting": c.quoting, "sentences_new": c.new, "passages": self.passages,
                "quote_passages": self.quote_passages, "share": self.share, "direction": direction,
                "evidence": self.evidence, "text": self.describe(names),
                "direction_text": self.explain_direction(names) or None}


def judge(alignment: Alignment, text_a: str, text_b: str, *, relation: str | None,
          source: str | None = None, basis: str | None = None,
          tokens: tuple[list[Token], list[Token]] | None = None,
          layouts: tuple[TextLayout, TextLayout] | None = None) -> Verdict:
    """The verdict on a pair, given the library's relation and direction for it.

    ``relation`` is ``reader.core.derivation.relation``'s ("derived", "shared", "quote" or
    ``None``); ``source`` (``"a"``/``"b"``) and ``basis`` are its ``direction``, when known.
    ``tokens`` are ``tokenize(text_a)``, ``tokenize(text_b)`` when the caller has them, and
    ``layouts`` their ``article_body.text_layout`` (which the caller may share with other work).
    """
    matches = alignment.matches
    quotes = sum(1 for m in matches if m.kind == QUOTE)
    share_a, share_b = share_figure(alignment.summary.share_a), share_figure(alignment.summary.share_b)
    # The figures every verdict carries; the relation and the sides are filled in below.
    base = Verdict(NONE, later=None, source=None, evidence=None, sentences_a=SentenceCounts(),
                   sentences_b=SentenceCounts(), passages=len(matches), quote_passages=quotes,
                   share_a=share_a, share_b=share_b)
    if not matches:
        return base
    if layouts is None:
        tokens_a, tokens_b = tokens if tokens is not None else (None, None)
        layouts = text_layout(text_a, tokens_a), text_layout(text_b, tokens_b)
    layout_a, layout_b = layouts
    counts_a = sentence_counts(text_a, layout_a.tokens, [(m.a_start, m.a_end, m.b_start, m.b_end, m.kind)
                                                         for m in matches], layout_a)
    counts_b = sentence_counts(text_b, layout_b.tokens, [(m.b_start, m.b_end, m.a_start, m.a_end, m.kind)
                                                         for m in matches], layout_b)
    base = replace(base, sentences_a=counts_a, sentences_b=counts_b)
    if quotes == len(matches):
        return replace(base, relation=QUOTATION)
    if relation != _DERIVED:
        return replace(base, relation=SHARED)
    if source in ("a", "b"):
        later = "b" if source == "a" else "a"
        base = replace(base, source=source, evidence=basis)
    else:
        fa, fb = counts_a.fraction, counts_b.fraction
        if abs(fa - fb) < MUTUAL_MARGIN and _is_rewrite(counts_a) and _is_rewrite(counts_b):
            return replace(base, relation=REWRITE)
        later = "a" if (fa, share_a) > (fb, share_b) else "b"
    counts = counts_a if later == "a" else counts_b
    return replace(base, relation=REWRITE if _is_rewrite(counts) else COPIES, later=later)


def _is_rewrite(counts: SentenceCounts) -> bool:
    return counts.restating >= REWRITE_MIN_SENTENCES and counts.fraction > REWRITE_MIN_FRACTION


def sentence_counts(text: str, tokens: list[Token], spans, layout: TextLayout | None = None) -> SentenceCounts:
    """How the body sentences of ``text`` relate to the other text.

    ``spans``: ``(start, end, other_start, other_end, kind)`` per shared passage, ``start`` and
    ``end`` in ``text``, the others in the other text. ``layout`` is ``text_layout(text, tokens)``
    when the caller has it.
    """
    if layout is None:
        layout = text_layout(text, tokens)
    body = layout.body
    own = [s for s in spans if s[4] != QUOTE]
    own_cover = layout.inside([(s[0], s[1]) for s in own])
    quote_cover = layout.inside([(s[0], s[1]) for s in spans if s[4] == QUOTE])
    counterparts = _Counterparts(own)
    total = restating = quoting = 0
    positions = []
    for sentence in layout.sentences:
        first, last = sentence.first, sentence.last
        if not body[first]:
            continue
        total += 1
        half = RESTATE_MIN_COVER * (last - first)
        mine = own_cover.count(1, first, last)
        if mine >= half:
            restating += 1
            positions.append(counterparts.position(sentence.start, sentence.end))
        elif mine + quote_cover.count(1, first, last) >= half:
            quoting += 1
    return SentenceCounts(total, restating, _longest_non_decreasing(positions), quoting)


class _Counterparts:
    """Where a sentence's counterpart lies in the other text (``_counterpart_position``), found
    among the passages near the sentence only: a 1 MB text has thousands of each."""

    def __init__(self, spans) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.starts = [spans[k][0] for k in self.order]
        self.longest = max((s[1] - s[0] for s in spans), default=0)

    def position(self, start: int, end: int) -> float:
        # A passage overlapping [start, end) starts before ``end`` and, being at most
        # ``longest`` long, after ``start - longest``. The best overlap wins; on a tie the
        # passage first in ``spans``, as ``max`` over them all would choose.
        spans = self.spans
        best_k, best_overlap = -1, 0
        for k in self.order[bisect.bisect_right(self.starts, start - self.longest):
                            bisect.bisect_left(self.starts, end)]:
            s = spans[k]
            overlap = min(end, s[1]) - max(start, s[0])
            if overlap > best_overlap or (overlap == best_overlap and best_k >= 0 and k < best_k):
                best_k, best_overlap = k, overlap
        if best_k < 0:  # no passage overlaps the sentence: the nearest one, as before
            return _counterpart_position(start, end, spans)
        return _placed(start, end, spans[best_k])


def _counterpart_position(start: int, end: int, spans) -> float:
    """Where a sentence's counterpart lies in the other text: the passage overlapping it most,
    its middle mapped proportionally (passages may span several sentences on each side)."""
    return _placed(start, end, max(spans, key=lambda s: min(end, s[1]) - max(start, s[0])))


def _placed(start: int, end: int, best) -> float:
    """The middle of ``[start, end)`` mapped proportionally from passage ``best``'s side to
    its other side."""
    middle = min(max((start + end) / 2, best[0]), best[1])
    along = (middle - best[0]) / (best[1] - best[0]) if best[1] > best[0] else 0.0
    return best[2] + along * (best[3] - best[2])


def _longest_non_decreasing(values: list[float]) -> int:
    tails: list[float] = []
    for v in values:
        k = bisect.bisect_right(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
    return len(tails)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _describe(v: Verdict, name: dict[str, str]) -> str:
    a, b = name["a"], name["b"]
    if v.relation == NONE:
        return "No shared text."
    if v.relation == QUOTATION:
        what = "a quotation" if v.quote_passages == 1 else f"{v.quote_passages} quotations"
        return f"{a} and {b} share {what} only."
    both = f"{percent(v.share_b)} of {b}, {percent(v.share_a)} of {a}"
    if v.relation == SHARED:
        return (f"{a} and {b} share {_plural(v.passages, 'passage')} ({both}): too little to say "
                "one copied the other.")
    if v.later is None:  # a rewrite both ways: two versions of one article
        ca, cb = v.sentences_a, v.sentences_b
        return (f"{a} and {b} restate each other: {cb.restating} of {b}'s {cb.total} sentences and "
                f"{ca.restating} of {a}'s {ca.total} say what the other says; which came first is not known.")
    later, first = name[v.later], name["a" if v.later == "b" else "b"]
    if v.relation == COPIES:
        if v.source is None:
            return (f"{a} and {b} share copied passages ({_plural(v.passages, 'passage')}; {both}); "
                    "which came first is not known.")
        return f"{later} copies passages of {first} ({_plural(v.passages, 'passage')}, {percent(v.share)} of {later})."
    c = v.counts
    order = (f"in {first}'s order" if c.in_order == c.restating
             else f"{c.in_order} of them in {first}'s order")
    rest = []
    if c.quoting:
        rest.append(f"{c.quoting} {'carries' if c.quoting == 1 else 'carry'} the same quotation")
    rest.append(f"{c.new} {'is' if c.new == 1 else 'are'} new")
    tail = "; ".join(rest)
    if v.source is None:
        return (f"{later} restates {first}: {c.restating} of its {c.total} sentences say what {first} "
                f"says, {order}; {tail}; which came first is not known.")
    return (f"{later} is a rewrite of {first}: {c.restating} of its {c.total} sentences restate {first}, "
            f"{order}; {tail}.")
