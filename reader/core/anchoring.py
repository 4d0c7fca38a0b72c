"""Anchor an annotation to its text, and find it again after the text changed.

An annotation remembers where it points the way W3C Web Annotation and Hypothesis do: a
``TextQuoteSelector`` (the exact quoted text with up to 32 characters of prefix and suffix), a
``TextPositionSelector`` (half-open character offsets) and the content hash of the text they
were made on. ``anchor`` finds the passage in a (possibly changed) text:

1. same content hash and the offsets still hold → ``exact`` (no search at all);
2. the exact quote occurs in the text → ``exact`` if at the old offsets, else ``moved``;
   several occurrences are told apart by their prefix/suffix, then by distance to the old offsets;
3. the quote was edited → ``fuzzy``: a 32-character piece of it (start, end or middle) that is
   still intact, else diff-match-patch's fuzzy ``match_main`` near the old offsets, finds the
   region, and an edit-distance alignment of the whole quote fixes both edges; accepted only
   if the passage found is similar enough to the quote, and, for a short quote (under
   ``SHORT_QUOTE_CHARS``), only if the text around it still reads like the stored prefix or
   suffix: two words edited a little match many places ("to share" → "to shar", "gimme");
4. otherwise ``orphan``: the caller shows the annotation with its quote, never drops it.

``match_main`` only takes patterns of up to ``Match_MaxBits`` (32) characters, so a long quote
is located by its first, last or middle 32 characters and then expanded, in the spirit of
Hypothesis' dom-anchor-text-quote. Pure: no Qt, no sqlite.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

# The one definition of a text's hash (sha256 of UTF-8), re-exported for annotation code.
from reader.core.documents import content_hash  # noqa: F401

#: Characters of context kept on each side of the quote (Hypothesis uses 32 as well).
CONTEXT_CHARS = 32

EXACT = "exact"
MOVED = "moved"
FUZZY = "fuzzy"
ORPHAN = "orphan"
STATUSES = (EXACT, MOVED, FUZZY, ORPHAN)

#: A fuzzy candidate must be at least this similar to the quote (1 - edit distance / length).
MIN_FUZZY_SIMILARITY = 0.6
#: Edit operations one character of agreeing prefix/suffix context is worth when choosing edges.
CONTEXT_WEIGHT = 0.5
#: A quote shorter than this is too short for its own letters to tell an edited copy from a chance
#: look-alike: re-anchoring 200 edited annotations attached 7, all quotes of one to three words,
#: to wrong text such as "to shar" and "gime". Such a quote is placed fuzzily only where its
#: context agrees (``CONTEXT_SIMILARITY``).
SHORT_QUOTE_CHARS = 40
#: How similar (difflib ratio) the stored prefix or suffix must be to the text beside a fuzzy
#: match of a short quote. 0.6: a prefix of 32 characters may lose a word or two to edits.
CONTEXT_SIMILARITY = 0.6
#: Characters on each side of the old position that the fuzzy search looks at (it is slow in
#: pure Python: about 0.1 s for 40,000 characters); an intact 32-character piece of the quote
#: is found anywhere.
FUZZY_SEARCH_CHARS = 20_000
#: Length of the quote pieces located first (diff-match-patch's Match_MaxBits).
_PIECE = 32
#: Stop collecting exact occurrences after this many (a one-letter quote in a long text).
_MAX_OCCURRENCES = 10_000


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """The quoted text and a little context on each side (W3C ``TextQuoteSelector``)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """Half-open character offsets ``[start, end)`` (W3C ``TextPositionSelector``)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation lies in a text now; ``start``/``end`` are ``None`` for an orphan."""

    start: int | None
    end: int | None
    status: str

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN


ORPHAN_ANCHOR = Anchor(None, None, ORPHAN)


def make_selectors(text: str, start: int, end: int,
                   context: int = CONTEXT_CHARS) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Selectors for ``text[start:end]``. Raises ``ValueError`` for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is empty or outside the text (length {len(text)})")
    quote = TextQuoteSelector(text[start:end], text[max(0, start - context):start], text[end:end + context])
    return quote, TextPositionSelector(start, end)


def anchor(text: str, selectors: Iterable[TextQuoteSelector | TextPositionSelector],
           content_hash_: str | None = None) -> Anchor:
    """Find the passage the selectors describe in ``text``; see the module docstring."""
    quote = next((s for s in selectors if isinstance(s, TextQuoteSelector)), None)
    position = next((s for s in selectors if isinstance(s, TextPositionSelector)), None)
    if position is not None and not 0 <= position.start < position.end <= len(text):
        position_valid = False
    else:
        position_valid = position is not None
    if position_valid and position is not None and content_hash_ is not None and content_hash_ == content_hash(text):
        if quote is None or text[position.start:position.end] == quote.exact:
            return Anchor(position.start, position.end, EXACT)
    if quote is None or not quote.exact or not text:
        return ORPHAN_ANCHOR
    hint = position.start if position is not None else 0
    found = _exact_occurrence(text, quote, hint)
    if found is not None:
        status = EXACT if position is not None and found == position.start else MOVED
        return Anchor(found, found + len(quote.exact), status)
    span = _fuzzy_span(text, quote, min(max(hint, 0), len(text)))
    if span is None or (len(quote.exact) < SHORT_QUOTE_CHARS and not _context_agrees(text, quote, *span)):
        return ORPHAN_ANCHOR
    return Anchor(span[0], span[1], FUZZY)


def _context_agrees(text: str, quote: TextQuoteSelector, start: int, end: int) -> bool:
    """Whether the text before ``start`` or after ``end`` still reads like the stored context."""
    before = text[max(0, start - len(quote.prefix)):start]
    after = text[end:end + len(quote.suffix)]
    return any(stored and SequenceMatcher(None, stored, found, autojunk=False).ratio() >= CONTEXT_SIMILARITY
               for stored, found in ((quote.prefix, before), (quote.suffix, after)))


def _exact_occurrence(text: str, quote: TextQuoteSelector, hint: int) -> int | None:
    """Start of the best exact occurrence of the quote: most context agreeing, then nearest."""
    best_key, best = None, None
    start = text.find(quote.exact)
    seen = 0
    while start != -1 and seen < _MAX_OCCURRENCES:
        end = start + len(quote.exact)
        before = text[max(0, start - len(quote.prefix)):start]
        after = text[end:end + len(quote.suffix)]
        context = _common_suffix(quote.prefix, before) + _common_prefix(quote.suffix, after)
        key = (context, -abs(start - hint))
        if best_key is None or key > best_key:
            best_key, best = key, start
        seen += 1
        start = text.find(quote.exact, start + 1)
    return best


def _fuzzy_span(text: str, quote: TextQuoteSelector, hint: int) -> tuple[int, int] | None:
    """Locate an edited version of the quote; ``None`` if nothing is similar enough.

    ``_locate`` finds the region; an exact edit-distance alignment of the whole quote inside
    it then fixes both edges, so a quote edited at its ends still gets the right span.
    Edit distance alone cannot tell whether replaced words at an edge belong to the quote, so
    among nearly-as-good edges the one where the stored prefix/suffix resumes wins.
    """
    exact = quote.exact
    size = len(exact)
    expected = _locate(text, exact, hint)
    if expected is None:
        return None
    slack = size // 2 + _PIECE
    lo, hi = max(0, expected - slack), min(len(text), expected + size + slack)
    window = text[lo:hi]
    ends = _edit_distances(exact, window, anchored=False)
    reach = min(ends) + CONTEXT_WEIGHT * len(quote.suffix)
    end = min((i for i, d in enumerate(ends) if d <= reach), key=lambda i: (
        ends[i] - CONTEXT_WEIGHT * _common_prefix(quote.suffix, text[lo + i:lo + i + len(quote.suffix)]),
        abs(i - (expected - lo + size))))
    starts = _edit_distances(exact[::-1], window[:end][::-1], anchored=True)
    reach = min(starts) + CONTEXT_WEIGHT * len(quote.prefix)
    length = min((k for k, d in enumerate(starts) if d <= reach), key=lambda k: (
        starts[k] - CONTEXT_WEIGHT * _common_suffix(
            quote.prefix, text[max(0, lo + end - k - len(quote.prefix)):lo + end - k]),
        abs(k - size)))
    start, end = lo + end - length, lo + end
    if start >= end or 1 - starts[length] / max(size, length) < MIN_FUZZY_SIMILARITY:
        return None
    return start, end


def _locate(text: str, exact: str, hint: int) -> int | None:
    """Roughly where an edited ``exact`` starts in ``text``, or ``None``.

    A 32-character piece of the quote (its start, end or middle) that survived intact is found
    anywhere with ``str.find``; otherwise diff-match-patch's ``match_main`` (patterns of at most
    ``Match_MaxBits`` = 32 characters) searches the text around the hint.
    """
    size = len(exact)
    offsets = list(dict.fromkeys((0, max(0, size - _PIECE), max(0, (size - _PIECE) // 2))))
    if size > _PIECE:  # a shorter quote is its own only piece, and it was not found intact
        for offset in offsets:
            at = _nearest(text, exact[offset:offset + _PIECE], hint + offset)
            if at is not None:
                return at - offset
    lo, hi = max(0, hint - FUZZY_SEARCH_CHARS), min(len(text), hint + size + FUZZY_SEARCH_CHARS)
    window = text[lo:hi]
    dmp = diff_match_patch()
    dmp.Match_Distance = max(1000, len(window))
    for offset in offsets:
        piece = exact[offset:offset + dmp.Match_MaxBits]
        at = dmp.match_main(window, piece, min(len(window), hint - lo + offset))
        if at != -1:
            return lo + at - offset
    return None


def _nearest(text: str, piece: str, target: int) -> int | None:
    best = None
    at = text.find(piece)
    for _ in range(_MAX_OCCURRENCES):
        if at == -1:
            break
        if best is None or abs(at - target) < abs(best - target):
            best = at
        at = text.find(piece, at + 1)
    return best


def _edit_distances(pattern: str, text: str, anchored: bool) -> list[int]:
    """Edit distance between ``pattern`` and the best substring of ``text`` ending at each offset.

    Myers' bit-parallel algorithm (1999) on Python integers, so any pattern length works.
    ``anchored``: the substring must start at offset 0 (then entry ``i`` is the distance to
    ``text[:i]``). Entry 0 is for the empty prefix.
    """
    size = len(pattern)
    full = (1 << size) - 1
    high = 1 << (size - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    carry = 1 if anchored else 0
    pv, mv, score = full, 0, size
    out = [size]
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        out.append(score)
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n
