"""Passages as readers see them: consecutive copies joined, each diffed and given its kind.

``joined`` turns the settled token spans of a region into ``Match`` objects: consecutive
near-verbatim links become one passage, each passage gets its word diff
(``reader.core.worddiff``), its kind (verbatim: the same words up to case, typography and
spacing; edited: mostly the same words in order; paraphrase: reworded; quote: a quotation both
texts carry, narrowed to the quotation) and its score (``reader.core.similarity.content_share``,
1.0 for verbatim). ``balanced`` says whether a passage's two sides are comparable in length.
Pure functions; must not import Qt.
"""

from __future__ import annotations

from collections.abc import Set

from reader.core.config import AlignConfig
from reader.core.matches import EDITED, KINDS, PARAPHRASE, QUOTE, VERBATIM, Match
from reader.core.passages import COPY_RUN, Span, chars, claim, flag_runs
from reader.core.seeding import PreparedText
from reader.core.similarity import content_share
from reader.core.summarize import token_ranges
from reader.core.text import fold_word
from reader.core.worddiff import WordDiff, span_diff

#: A passage whose word diff keeps at least this share of words in order is ``edited``.
EDITED_RATIO = 0.8

#: A passage is a ``quote`` when this share of its shared words stands in quotation marks on both sides.
QUOTE_SHARE = 0.5

#: Consecutive near-verbatim links this many words apart or closer read as one passage.
JOIN_GAP = 4

#: A passage whose one side is more than this many times longer (characters) than the other is
#: not one piece of content told twice, and is not reported. A passage links a sentence (or two
#: adjacent ones) to one or two: rewording, even condensing two sentences into one, stays
#: within it (on PAN's 5,185 training pairs, summaries included, no passage that overlaps a
#: reuse case and is not a quotation exceeds 4.9). Past it were quotations widened to a stray
#: quotation mark's partner thousands of characters away. Regions may be far more uneven (a
#: summary condenses a page into a paragraph); this bounds the reader's passages only.
MAX_SIDE_RATIO = 5.0


def joined(spans: list[Span], pa, pb, config, flags_a, flags_b, free_a, free_b) -> list[Match]:
    """Classified passages; consecutive near-verbatim links (in both texts) become one passage.

    ``free_a``/``free_b`` (1 = unclaimed token) keep a quotation widened to its marks off the
    other passages; what it takes is claimed.
    """
    out: list[tuple[Span, WordDiff]] = []
    for span in sorted(spans, key=lambda s: (s.a0, s.b0)):
        diff = span_diff(pa, pb, span.a0, span.a1, span.b0, span.b1)
        if out:
            prev, prev_diff = out[-1]
            if (0 <= span.a0 - prev.a1 <= JOIN_GAP and 0 <= span.b0 - prev.b1 <= JOIN_GAP
                    and diff.ratio >= EDITED_RATIO and prev_diff.ratio >= EDITED_RATIO):
                merged = Span(prev.a0, span.a1, prev.b0, span.b1, (prev.similarity + span.similarity) / 2)
                out[-1] = (merged, span_diff(pa, pb, merged.a0, merged.a1, merged.b0, merged.b1))
                continue
        out.append((span, diff))
    return [passage_match(span, diff, pa, pb, config, flags_a, flags_b, free_a, free_b) for span, diff in out]


def in_quotes(tokens, quotes, starts: list[int] | None = None) -> bytearray:
    """1 for each token that stands inside a quotation span (``starts``: as ``token_ranges``)."""
    flags = bytearray(len(tokens))
    for lo, hi in token_ranges(tokens, [(q.start, q.end) for q in quotes], starts):
        flags[lo:hi] = b"\x01" * (hi - lo)
    return flags


def balanced(m: Match) -> bool:
    """Whether neither side of ``m`` is more than ``MAX_SIDE_RATIO`` times longer than the other."""
    a, b = m.a_end - m.a_start, m.b_end - m.b_start
    return max(a, b) <= MAX_SIDE_RATIO * min(a, b)


def wanted(m: Match, config: AlignConfig) -> bool:
    if m.kind == QUOTE and config.ignore_quotes:
        return False
    return not (m.kind == PARAPHRASE and not config.paraphrase)


def dominant_kind(matches: list[Match]) -> str:
    weight: dict[str, int] = {}
    for m in matches:
        weight[m.kind] = weight.get(m.kind, 0) + (m.b_end - m.b_start)
    return max(weight, key=lambda k: (weight[k], -KINDS.index(k)))


def passage_match(span: Span, diff: WordDiff, pa: PreparedText, pb: PreparedText, config: AlignConfig,
                   flags_a: bytearray, flags_b: bytearray, free_a: bytearray, free_b: bytearray) -> Match:
    """A reader's passage: classified; a shared quotation is narrowed to the quoted words.

    Verbatim means the same words up to case, apostrophe style and accent encoding; spacing,
    line breaks, quote marks and dashes are not words. A verbatim passage with ``COPY_RUN``
    words outside quotation marks is a copy that takes a quotation along, not a shared quote;
    and a quotation the other side does not share a content word of is no shared quote.
    """
    ta = pa.tokens[span.a0:span.a1]
    tb = pb.tokens[span.b0:span.b1]
    shared = {t.norm for t in ta if not t.stop} & {t.norm for t in tb if not t.stop}
    verbatim = len(ta) == len(tb) and all(_surface(pa.text, x) == _surface(pb.text, y) for x, y in zip(ta, tb))
    kind = VERBATIM if verbatim else EDITED if diff.ratio >= EDITED_RATIO else PARAPHRASE
    if _quoted_share(pa.tokens, span.a0, span.a1, shared, flags_a) >= QUOTE_SHARE and \
            _quoted_share(pb.tokens, span.b0, span.b1, shared, flags_b) >= QUOTE_SHARE and \
            not (verbatim and len(ta) - sum(flags_a[span.a0:span.a1]) >= COPY_RUN):
        narrow = Span(*_quoted_range(span.a0, span.a1, flags_a, free_a, pa.tokens, shared),
                      *_quoted_range(span.b0, span.b1, flags_b, free_b, pb.tokens, shared), span.similarity)
        if narrow == span:
            kind = QUOTE
        elif {t.norm for t in pa.tokens[narrow.a0:narrow.a1] if not t.stop} & \
                {t.norm for t in pb.tokens[narrow.b0:narrow.b1] if not t.stop}:
            kind = QUOTE
            claim(narrow, free_a, free_b)
            span = narrow
            diff = span_diff(pa, pb, span.a0, span.a1, span.b0, span.b1)
    a_start, a_end, b_start, b_end = chars(span, pa, pb)
    score = 1.0 if kind == VERBATIM else content_share(pa.tokens[span.a0:span.a1], pb.tokens[span.b0:span.b1])
    return Match(a_start, a_end, b_start, b_end, kind, round(score, 3),
                 diff.ops if config.word_diff else (), diff.equal_b, diff.longest_run)


def _quoted_share(tokens, lo: int, hi: int, shared: Set[str], flags: bytearray) -> float:
    """Share of the shared content words in ``tokens[lo:hi]`` that stand inside quotation marks."""
    hits = [flags[k] for k in range(lo, hi) if not tokens[k].stop and tokens[k].norm in shared]
    return sum(hits) / len(hits) if hits else 0.0


def _quoted_range(lo: int, hi: int, flags: bytearray, free: bytearray, tokens=None,
                  shared: Set[str] = frozenset()) -> tuple[int, int]:
    """The quotation inside ``[lo, hi)`` holding the most ``shared`` content words of ``tokens``
    (given), else the longest run of quoted tokens.

    It widens to the quotation's ends over tokens outside ``[lo, hi)`` only while they are
    ``free``: two passages inside one long quotation must not both become the whole quotation.
    """
    best = (lo, hi)
    best_key = (0, 0)
    for start, k in flag_runs(flags, lo, hi):
        hits = 0 if tokens is None else sum(1 for t in tokens[start:k] if not t.stop and t.norm in shared)
        if (hits, k - start) > best_key:
            best, best_key = (start, k), (hits, k - start)
    start, end = best
    if best_key[1]:  # the whole quotation, though the passage was trimmed to its shared words
        while start > 0 and flags[start - 1] and (start - 1 >= lo or free[start - 1]):
            start -= 1
        while end < len(flags) and flags[end] and (end < hi or free[end]):
            end += 1
    return start, end


def _surface(text: str, token) -> str:
    return fold_word(text[token.start:token.end])  # the word up to case, apostrophes, accent encoding
