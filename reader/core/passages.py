"""Reader's passages: sentence-level links inside one reused region, never overlapping.

A region (a validated cluster of seeds, see ``reader.core.extension``) is what PAN scores; a
reader wants to see which sentence of B came from which sentence of A. This module turns the
seeds of a region into *links*: each unit (sentence) of either text belongs to at most one
link, a link may take in an adjacent unit on one side (a sentence split in two, or two
sentences condensed into one), and links are cut down to their first and last shared content
word, then grown over identical neighbouring words that no other link owns, copies first: a
copy takes every identical neighbouring word even from a looser link (``settle``), since a
copy and its original need not cut into the same sentences. Consecutive links that are both
near-verbatim are joined, so a copied paragraph reads as one passage.

Pure functions over ``reader.core.seeding`` data; must not import Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.extension import SeedLike, cluster_similarity
from reader.core.seeding import PreparedText
from reader.core.worddiff import span_diff

#: A link with an identical run this long (words) is copied text; see ``copied_core``.
COPY_RUN = 8
CORE_RUN = 3
#: ... and at least this share of its words between the first and last runs is shared.
COPY_SHARE = 0.8

#: A copied run inside a reused stretch stands for its whole sentences when the rest of them
#: still shares this many content words ("Tehran has officially denied any involvement in the
#: October 7 Hamas attack on Israel" / "Despite Tehran's official denial of involvement in the
#: October 7 Hamas attack on Israel, ..."). A copy that starts mid-sentence goes on with other
#: text: on PAN's verbatim subset, 2 changes nothing.
REWORDED_AROUND_WORDS = 2

#: Rank bonus of a seed per diagonal neighbour seed (times its cosine) (see ``link_units``).
DIAGONAL_BONUS = 0.1


@dataclass(slots=True)
class Link:
    """A group of units of A linked to a group of units of B (unit indices, inclusive)."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Span:
    """A passage as token ranges ``[a0, a1)`` / ``[b0, b1)`` with its similarity."""

    a0: int
    a1: int
    b0: int
    b1: int
    similarity: float


def link_units(seeds: Sequence[SeedLike], va=None, vb=None) -> list[Link]:
    """One-to-one (or one-to-adjacent-few) links between units, best seeds first.

    A seed whose both units are already linked is dropped (a weaker echo); a seed sharing one
    unit with a link joins it only when its other unit is next to that link's span and (given
    the unit vectors ``va``/``vb``) the joined sides are more similar than before, so a
    sentence split in two joins, a merely related neighbour does not. Link spans stay
    contiguous and disjoint on both sides.
    """
    links: list[Link] = []
    owner_a: dict[int, Link] = {}
    owner_b: dict[int, Link] = {}

    def improves(link: Link, a_first, a_last, b_first, b_last) -> bool:
        if va is None:
            return True
        new = cluster_similarity(va, vb, a_first, a_last, b_first, b_last)
        if new > link.similarity:
            link.similarity = new
            return True
        return False

    # A seed whose diagonal neighbours are seeds too (the sentences before and after were
    # taken along) ranks higher: a sentence repeated in A links to the copy in context.
    pairs = {(s[0], s[1]): s[2] for s in seeds}

    def rank(s):
        i, j = s[0], s[1]
        support = pairs.get((i - 1, j - 1), 0.0) + pairs.get((i + 1, j + 1), 0.0)
        return (-(s[2] + s[3] + DIAGONAL_BONUS * support), i, j)

    for i, j, c, _dice in sorted(seeds, key=rank):
        la, lb = owner_a.get(i), owner_b.get(j)
        if la is None and lb is None:
            link = Link(i, i, j, j, c)
            links.append(link)
            owner_a[i] = owner_b[j] = link
        elif la is not None and lb is None:
            if j in (la.b_first - 1, la.b_last + 1) and \
                    improves(la, la.a_first, la.a_last, min(la.b_first, j), max(la.b_last, j)):
                la.b_first, la.b_last = min(la.b_first, j), max(la.b_last, j)
                owner_b[j] = la
        elif lb is not None and la is None:
            if i in (lb.a_first - 1, lb.a_last + 1) and \
                    improves(lb, min(lb.a_first, i), max(lb.a_last, i), lb.b_first, lb.b_last):
                lb.a_first, lb.a_last = min(lb.a_first, i), max(lb.a_last, i)
                owner_a[i] = lb
    return links


def trimmed(pa: PreparedText, pb: PreparedText, a0: int, a1: int, b0: int, b1: int,
            similarity: float) -> Span | None:
    """Token ranges cut to their first and last content word that the other side also has.

    Set-based rather than diff-based, so a reordered sentence keeps its full extent.
    """
    ta, tb = pa.tokens, pb.tokens
    words_a = {t.norm for t in ta[a0:a1] if not t.stop}
    words_b = {t.norm for t in tb[b0:b1] if not t.stop}
    shared = words_a & words_b
    if not shared:
        return None

    def bounds(tokens, lo, hi):
        first = next(k for k in range(lo, hi) if not tokens[k].stop and tokens[k].norm in shared)
        last = next(k for k in range(hi - 1, lo - 1, -1) if not tokens[k].stop and tokens[k].norm in shared)
        return first, last + 1

    (na0, na1), (nb0, nb1) = bounds(ta, a0, a1), bounds(tb, b0, b1)
    # Function words just before the start that the other side also uses ("For repeated ..." against
    # "... for repeatedly") belong to the passage: readers expect whole phrases.
    stops_a = {t.norm for t in ta[a0:a1] if t.stop}
    stops_b = {t.norm for t in tb[b0:b1] if t.stop}
    while na0 > a0 and ta[na0 - 1].stop and ta[na0 - 1].norm in stops_b:
        na0 -= 1
    while nb0 > b0 and tb[nb0 - 1].stop and tb[nb0 - 1].norm in stops_a:
        nb0 -= 1
    return Span(na0, na1, nb0, nb1, similarity)


def grow(span: Span, pa: PreparedText, pb: PreparedText, free_a=None, free_b=None) -> Span:
    """``span`` grown outwards while both texts go on with the same words.

    Sentence units rarely start and end where copying does; identical neighbouring words belong
    to the passage. ``free_a``/``free_b`` (bytearrays, 1 = unclaimed) keep it off other passages.
    The runs are measured by comparing slices of words (``equal_run``), not word by word: a text
    compared with itself grows every copy over the whole text, which word by word in Python
    took minutes for a 200 KB text.
    """
    na, nb = pa.norms, pb.norms
    a0, a1, b0, b1 = span.a0, span.a1, span.b0, span.b1
    back, ahead = min(a0, b0), min(len(na) - a1, len(nb) - b1)
    if free_a is not None:  # stop at the first token another passage holds, on either side
        back = min(back, a0 - 1 - free_a.rfind(0, 0, a0), b0 - 1 - free_b.rfind(0, 0, b0))
        ahead = min(ahead, _free_ahead(free_a, a1), _free_ahead(free_b, b1))
    left = equal_run(na, nb, a0, b0, back, backwards=True)
    right = equal_run(na, nb, a1, b1, ahead)
    return Span(a0 - left, a1 + right, b0 - left, b1 + right, span.similarity)


def _free_ahead(free: bytearray, start: int) -> int:
    held = free.find(0, start)
    return (len(free) if held == -1 else held) - start


def equal_run(xs: list[str], ys: list[str], i: int, j: int, limit: int, backwards: bool = False) -> int:
    """How many items, at most ``limit``, are equal going on from ``xs[i]`` and ``ys[j]``
    (or, ``backwards``, going back from ``xs[i - 1]`` and ``ys[j - 1]``).

    Compares slices that double while they agree and halve when they do not, so a long run
    costs a few C-speed list comparisons instead of one Python step per word.
    """
    done, step = 0, 16
    while done < limit:
        k = min(step, limit - done)
        if backwards:
            same = xs[i - done - k:i - done] == ys[j - done - k:j - done]
        else:
            same = xs[i + done:i + done + k] == ys[j + done:j + done + k]
        if same:
            done += k
            step *= 2
        elif k == 1:
            break
        else:
            step = k // 2
    return done


def within_units(grown: Span, span: Span, pa: PreparedText, pb: PreparedText) -> Span:
    """``grown`` (``span`` grown by ``grow``) without growth that stops inside a neighbouring
    unit: a reworded link grown back over a shared "CNN." reads "CNN. The policy …", a stray
    tail of the sentence before, which a reader takes for a bad cut. Growth over whole units,
    or inside the link's own units, is kept. Copies are not cut so (copying crosses sentences)."""
    back = min(_back_room(grown.a0, span.a0, pa), _back_room(grown.b0, span.b0, pb))
    ahead = min(_ahead_room(grown.a1, span.a1, pa), _ahead_room(grown.b1, span.b1, pb))
    return Span(span.a0 - back, span.a1 + ahead, span.b0 - back, span.b1 + ahead, span.similarity)


def _back_room(grown0: int, start: int, p: PreparedText) -> int:
    """How many tokens a link starting at ``start`` may keep of a growth back to ``grown0``."""
    firsts = p.unit_firsts
    k = bisect_right(firsts, grown0)  # the first unit start after grown0
    if (k > 0 and firsts[k - 1] == grown0) or k == len(firsts) or firsts[k] > start:
        return start - grown0  # the growth starts a unit, or stays inside one
    return start - firsts[k]


def _ahead_room(grown1: int, end: int, p: PreparedText) -> int:
    """How many tokens a link ending at ``end`` may keep of a growth on to ``grown1``."""
    lasts = p.unit_lasts
    k = bisect_left(lasts, grown1) - 1  # the last unit end before grown1
    if (k + 1 < len(lasts) and lasts[k + 1] == grown1) or k < 0 or lasts[k] < end:
        return grown1 - end
    return lasts[k] - end


def claim(span: Span, free_a: bytearray, free_b: bytearray) -> None:
    free_a[span.a0:span.a1] = bytes(span.a1 - span.a0)
    free_b[span.b0:span.b1] = bytes(span.b1 - span.b0)


def chars(span: Span, pa: PreparedText, pb: PreparedText) -> tuple[int, int, int, int]:
    """Character offsets ``(a_start, a_end, b_start, b_end)`` of a token span."""
    ta, tb = pa.tokens, pb.tokens
    a_start, a_end = _bracketed(pa.text, ta[span.a0].start, ta[span.a1 - 1].end)
    b_start, b_end = _bracketed(pb.text, tb[span.b0].start, tb[span.b1 - 1].end)
    return a_start, a_end, b_start, b_end


_BRACKETS = {"(": ")", "[": "]"}
_CLOSING = {v: k for k, v in _BRACKETS.items()}


def _bracketed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` taking in a bracket the span opens or closes without its partner:
    words end before punctuation, so a span would read "CNN) — Meta has …" or "Organization
    (FTO" where the text has "(CNN)" and "(FTO)"."""
    if start > 0 and text[start - 1] in _BRACKETS and _BRACKETS[text[start - 1]] in text[start:end + 1]:
        start -= 1
    if end < len(text) and text[end] in _CLOSING and _CLOSING[text[end]] in text[start:end]:
        end += 1
    return start, end


def copied_core(span: Span, pa: PreparedText, pb: PreparedText) -> Span:
    """A copied (verbatim or lightly edited) span cut to its first and last run of shared words.

    Copying often starts or ends mid-sentence; the rest of that sentence shares common words
    with the passage, so set-based trimming keeps it. When long identical runs show that the
    span is copied, the first and last runs of ``CORE_RUN`` words mark where copying is.
    """
    if not _shares_run(span, pa, pb, COPY_RUN):
        return span
    diff = span_diff(pa, pb, span.a0, span.a1, span.b0, span.b1, semantic_cleanup=False)
    if diff.longest_run < COPY_RUN:
        return span
    runs = [r for r in diff.runs if r[2] >= CORE_RUN]
    first, last = runs[0], runs[-1]
    inside = sum(r[2] for r in diff.runs if first[0] <= r[0] and r[0] + r[2] <= last[0] + last[2])
    core = (last[0] + last[2] - first[0]) + (last[1] + last[2] - first[1])
    if 2 * inside < COPY_SHARE * core:  # reworded throughout: not a copy with a clear edge
        return span
    return Span(span.a0 + first[0], span.a0 + last[0] + last[2], span.b0 + first[1], span.b0 + last[1] + last[2],
                span.similarity)


def link_spans(seeds, pa: PreparedText, pb: PreparedText, min_chars: int = 0, va=None, vb=None,
               whole_sentences: bool = False) -> list[Span]:
    """The token spans of the links of ``seeds``, in A order, at least ``min_chars`` long.

    A copied link is cut to where copying is (``copied_core``); a reworded one to its first and
    last shared words, or, with ``whole_sentences`` (the link lies in a stretch known to be
    reused), to its whole sentences: a rewrite restates a sentence, not the words between the
    first and last it happens to keep.
    """
    out = []
    for link in link_units(seeds, va, vb):
        ua0, ua1 = pa.units[link.a_first], pa.units[link.a_last]
        ub0, ub1 = pb.units[link.b_first], pb.units[link.b_last]
        span = trimmed(pa, pb, ua0.first, ua1.last, ub0.first, ub1.last, link.similarity)
        if span is None:
            continue
        core = copied_core(span, pa, pb)
        whole = Span(ua0.first, ua1.last, ub0.first, ub1.last, span.similarity)
        if whole_sentences and (core is span or _reworded_around(core, whole, pa, pb)):
            span = whole
        else:
            span = core
        a_start, a_end, b_start, b_end = chars(span, pa, pb)
        if min(a_end - a_start, b_end - b_start) >= min_chars:
            out.append(span)
    out.sort(key=lambda s: (s.a0, s.b0))
    return out


def _reworded_around(core: Span, whole: Span, pa: PreparedText, pb: PreparedText) -> bool:
    """Whether the sentences around a copied run restate each other too (a rewrite that kept a
    phrase), rather than going on with other text (a copy that starts or ends mid-sentence)."""
    def outside(tokens, lo, hi, c0, c1):
        return {t.norm for t in tokens[lo:c0] + tokens[c1:hi] if not t.stop}
    shared = outside(pa.tokens, whole.a0, whole.a1, core.a0, core.a1) & \
        outside(pb.tokens, whole.b0, whole.b1, core.b0, core.b1)
    return len(shared) >= REWORDED_AROUND_WORDS


def is_copy(span: Span, pa: PreparedText, pb: PreparedText) -> bool:
    """Whether ``span`` is copied text: an identical run of ``COPY_RUN`` words, and at least
    ``COPY_SHARE`` of its words shared in order."""
    if not _shares_run(span, pa, pb, COPY_RUN):
        return False
    diff = span_diff(pa, pb, span.a0, span.a1, span.b0, span.b1, semantic_cleanup=False)
    return diff.longest_run >= COPY_RUN and diff.ratio >= COPY_SHARE


def _shares_run(span: Span, pa: PreparedText, pb: PreparedText, n: int) -> bool:
    """Whether the two sides of ``span`` have ``n`` identical words in a row somewhere.

    A diff can only find a run of ``n`` where one exists: most reworded links have none, and
    this check (hashing word n-grams) spares them the diff, the costliest step on short texts.
    """
    a = [t.norm for t in pa.tokens[span.a0:span.a1]]
    b = [t.norm for t in pb.tokens[span.b0:span.b1]]
    if len(a) < n or len(b) < n:
        return False
    grams = {tuple(a[k:k + n]) for k in range(len(a) - n + 1)}
    return any(tuple(b[k:k + n]) in grams for k in range(len(b) - n + 1))


def flag_runs(flags: bytearray, lo: int, hi: int):
    """The runs ``(start, end)`` of set flags (1; every flag is 0 or 1) inside ``[lo, hi)``, in order.

    ``bytearray.find`` skips over runs at C speed: a passage as long as the text, claimed by
    another, must not cost a Python step per token.
    """
    k = lo
    while k < hi:
        start = flags.find(1, k, hi)
        if start == -1:
            return
        end = flags.find(0, start, hi)
        end = hi if end == -1 else end
        yield start, end
        k = end


def _free_part(lo: int, hi: int, free: bytearray) -> tuple[int, int]:
    """The longest run of free tokens inside ``[lo, hi)`` (empty when none is free)."""
    best = (lo, lo)
    for start, end in flag_runs(free, lo, hi):
        if end - start > best[1] - best[0]:
            best = (start, end)
    return best


def _cut(span: Span, pa: PreparedText, pb: PreparedText, free_a: bytearray, free_b: bytearray) -> Span | None:
    """``span`` cut to the longest free part of each side, then to the words both sides share
    (``trimmed``) and, for a copy, to its identical runs (``copied_core``); None when nothing is left."""
    a0, a1 = _free_part(span.a0, span.a1, free_a)
    b0, b1 = _free_part(span.b0, span.b1, free_b)
    if (a0, a1, b0, b1) == (span.a0, span.a1, span.b0, span.b1):
        return span
    if a1 == a0 or b1 == b0:
        return None
    cut = trimmed(pa, pb, a0, a1, b0, b1, span.similarity)
    return None if cut is None else copied_core(cut, pa, pb)


def settle(groups: list[list[Span]], pa: PreparedText, pb: PreparedText, free_a: bytearray,
           free_b: bytearray) -> list[list[Span]]:
    """The spans of each region grown over identical neighbouring words, never overlapping.

    Copies (``is_copy``) grow first, over every identical neighbouring word, whoever holds it:
    where the sentence units of a copy and its original differ (a copy whose spaces became line
    breaks, blank lines included, is cut into other sentences), a fragment of the copy can be
    linked to a similar sentence elsewhere, or one unit can straddle the copy's edge; identical
    text is the better account of those words. Copies that then overlap keep their words
    longest first (the longer identical stretch wins), and consecutive copies become one. A
    looser passage keeps the longest part left to it on each side, cut to the words both sides
    share (``trimmed``), or goes; then those grow, in order, over words still free, as before.
    ``free_a``/``free_b`` (1 = unclaimed token) hold the final claims on return.
    """
    out: list[list[Span | None]] = [list(spans) for spans in groups]
    # ``out`` holds no None before the cuts below: read the spans from ``groups`` until then.
    copies = [(g, k) for g, spans in enumerate(groups) for k, s in enumerate(spans) if is_copy(s, pa, pb)]
    for g, k in copies:
        out[g][k] = grow(groups[g][k], pa, pb)
    free_a[:] = b"\x01" * len(free_a)
    free_b[:] = b"\x01" * len(free_b)

    def size(gk):
        s = out[gk[0]][gk[1]]
        return (-(s.a1 - s.a0 + s.b1 - s.b0), s.a0, s.b0)

    for g, k in sorted(copies, key=size):
        grown = out[g][k]
        assert grown is not None  # each copy is grown above and cut once, here
        s = out[g][k] = _cut(grown, pa, pb, free_a, free_b)
        if s is not None:
            claim(s, free_a, free_b)
    copied = set(copies)
    looser = [(g, k) for g, spans in enumerate(out) for k in range(len(spans)) if (g, k) not in copied]
    for g, k in looser:
        out[g][k] = _cut(groups[g][k], pa, pb, free_a, free_b)  # not touched before: as in ``groups``
    for g, k in looser:
        cut = out[g][k]
        if cut is not None:
            claim(cut, free_a, free_b)
    for g, k in looser:
        s = out[g][k]
        if s is None:
            continue
        free_a[s.a0:s.a1] = b"\x01" * (s.a1 - s.a0)
        free_b[s.b0:s.b1] = b"\x01" * (s.b1 - s.b0)
        s = out[g][k] = within_units(grow(s, pa, pb, free_a, free_b), s, pa, pb)
        claim(s, free_a, free_b)
    return [[s for s in spans if s is not None] for spans in out]
