"""Seeds: pairs of similar sentences, the first stage of the reuse engine.

A text is cut into *units* (sentences; a unit with fewer than ``MIN_UNIT_TERMS`` content words is
joined to the next one, as Sanchez-Perez et al. (PAN 2014) do). Each unit becomes a tf-isf vector
over its stemmed content words. A pair of units is a seed when both the cosine of the vectors and
the Dice coefficient of the word sets reach the threshold. Candidate pairs come from an inverted
index (shared-word counts), so long texts are not compared all-pairs.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import not_

from reader.core import rarity
from reader.core.text import Sentence, Token, split_sentences, token_columns

MIN_UNIT_TERMS = 3
#: A word in more than 1/FREQUENT_SHARE of A's units (and more than FREQUENT_MIN) is not used
#: to find candidate partners (see ``find_seeds``).
FREQUENT_SHARE = 20
FREQUENT_MIN = 64


@dataclass(frozen=True, slots=True)
class Unit:
    start: int  # character offsets
    end: int
    first: int  # token indices [first, last)
    last: int
    terms: dict[str, int]  # content word → count


@dataclass(slots=True)
class PreparedText:
    """A text cut into tokens and units, ready to be aligned many times."""

    text: str
    tokens: list[Token]
    units: list[Unit]
    unit_firsts: list[int] = field(default_factory=list)  # first token of each unit, for bisect
    unit_lasts: list[int] = field(default_factory=list)  # end (exclusive) of each unit, for bisect
    #: ``tokens[k].norm`` for every k: compared in slices (C speed) when passages grow.
    norms: list[str] = field(default_factory=list)
    #: ``tokens[k].start`` for every k, ascending: the tokens inside a span are a bisect away.
    #: Kept, as the quotation flags, the summary and the verdict's layout each listed them.
    starts: list[int] = field(default_factory=list)
    #: ``split_sentences(text, tokens)``, which the units are made of: kept for the verdict's
    #: sentence counts (``article_body.text_layout``), which would otherwise split them again.
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.unit_firsts:
            self.unit_firsts = [u.first for u in self.units]
        if not self.unit_lasts:
            self.unit_lasts = [u.last for u in self.units]
        if not self.norms:
            self.norms = [t.norm for t in self.tokens]
        if not self.starts:
            self.starts = [t.start for t in self.tokens]
        if not self.sentences and self.tokens:
            self.sentences = split_sentences(self.text, self.tokens)


def prepare(text: str) -> PreparedText:
    tokens, starts, norms, stops = token_columns(text)
    # Each unit's content words are counted from two flat lists, sliced and filtered in C
    # (``compress``), not by a Python-level generator over its tokens.
    content = list(map(not_, stops))
    units: list[Unit] = []
    pending = None  # (start, first) of short sentences waiting to be joined
    sentences = split_sentences(text, tokens)
    for s in sentences:
        start, first = (pending if pending else (s.start, s.first))
        terms = _counted(compress(norms[first:s.last], content[first:s.last]))
        if sum(terms.values()) < MIN_UNIT_TERMS:
            pending = (start, first)
            continue
        units.append(Unit(start, s.end, first, s.last, terms))
        pending = None
    if pending is not None:
        start, first = pending
        last = len(tokens)
        terms = _counted(compress(norms[first:last], content[first:last]))
        if terms:
            if units:  # a short tail joins the unit before it
                u = units.pop()
                merged = Counter(u.terms)
                merged.update(terms)
                units.append(Unit(u.start, tokens[last - 1].end, u.first, last, dict(merged)))
            else:
                units.append(Unit(start, tokens[last - 1].end, first, last, terms))
    return PreparedText(text, tokens, units, norms=norms, starts=starts, sentences=sentences)


def _counted(words) -> dict[str, int]:
    """How many times each of ``words`` comes, in order of first appearance (as ``Counter``,
    whose Python-level set-up cost more than the counting on a unit's few words)."""
    counts: dict[str, int] = {}
    get = counts.get
    for word in words:
        counts[word] = get(word, 0) + 1
    return counts


@dataclass(slots=True)
class Vectors:
    """Weighted vectors of the units of both texts (see ``weigh``)."""

    a: list[dict[str, float]]
    b: list[dict[str, float]]
    isf: dict[str, float]


#: How many units of local evidence weigh as much as the background prior (see ``weigh``). Set
#: on the seeds, PAN and the rewrite set: 4 keeps PAN's figures (long texts: local statistics
#: dominate) while two one-sentence texts are weighed mostly by English at large.
PRIOR_UNITS = 4


def weigh(pa: PreparedText, pb: PreparedText) -> Vectors:
    """tf-isf vectors of both texts' units, with isf blended with background rarity.

    Within-text rarity (isf over the units of both texts) says which words tell one sentence
    from another here, but needs many units to say it: with two one-sentence texts every shared
    word has the same isf. Background rarity (``reader.core.rarity``) knows that "Iraq" is rarer
    than "sent" whatever the texts' length. The two are blended geometrically, the local share
    growing with the number of units: ``isf ** l * background ** (1 - l)``, ``l = n / (n + PRIOR_UNITS)``.
    """
    # Every unit's words counted in one C loop (a Counter.update per unit took twice as long).
    df = Counter(chain.from_iterable(u.terms for u in chain(pa.units, pb.units)))
    n = len(pa.units) + len(pb.units)
    local = n / (n + PRIOR_UNITS)
    background = rarity.weights(df)
    # Smoothed so that a word found in every unit still counts: plain log(n / df) would be zero.
    isf = {t: math.log(1.0 + n / c) ** local * background[t] ** (1.0 - local) for t, c in df.items()}

    def vec(u: Unit) -> dict[str, float]:
        return {t: c * isf[t] for t, c in u.terms.items()}

    return Vectors([vec(u) for u in pa.units], [vec(u) for u in pb.units], isf)


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    dot = _dot(x, y)
    if not dot:
        return 0.0
    return dot / (_norm(x) * _norm(y))


def _dot(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):  # walk the shorter
        x, y = y, x
    return sum(w * y[t] for t, w in x.items() if t in y)


def _norm(x: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in x.values()))


def dice(x: dict, y: dict) -> float:
    if not x or not y:
        return 0.0
    shared = len(x.keys() & y.keys())
    return 2.0 * shared / (len(x) + len(y))


def find_seeds(pa: PreparedText, pb: PreparedText, vectors: Vectors, threshold: float,
               dice_threshold: float | None = None, tick=None,
               bit_sets: bool | None = None) -> list[tuple[int, int, float, float]]:
    """All unit pairs (i in A, j in B, cosine, dice) whose cosine and Dice reach the thresholds.

    Candidates come from an inverted index over A's units: a pair must share at least one word
    that is not frequent (see below) and as many words as Dice needs (``need``). Counting every
    posting of every unit of B took most of the time on long texts, and most pairs share only
    one word (two 1 MB texts: 3.2 of 3.5 million pairs), which reaches the Dice threshold only
    between two short units. So each word's postings are a set of bits (a Python int, over
    blocks of ``block`` units of A): for a unit of B, a few big-int operations per word (in C)
    give the units of A sharing at least one, two, three and four of its words; a unit sharing
    exactly one, two or three is a candidate only if it is short enough for that many to reach
    the Dice threshold (a mask by length), and only those sharing four or more are counted one
    by one. Units of B with a frequent word are counted posting by posting, as before, and so
    is everything when the postings are short (``bit_sets``: ``None`` chooses by their length,
    ``True``/``False`` forces either way). The seeds are exactly those of counting every posting.
    """
    import re
    from bisect import bisect_left

    # Bit sets pay from about this many postings per word walked (fewer: two seed articles).
    BITS_MIN_POSTINGS = 4
    if dice_threshold is None:
        dice_threshold = threshold
    dt = dice_threshold
    postings: dict[str, list[int]] = {}
    for i, u in enumerate(pa.units):
        for t in u.terms:
            postings.setdefault(t, []).append(i)
    # Words found in a large share of the units (in a long text) act as stop words: their
    # postings are not walked, which keeps long texts near-linear; they still count in Dice.
    frequent = max(FREQUENT_MIN, len(pa.units) // FREQUENT_SHARE)
    seeds = []
    va, vb, ua = vectors.a, vectors.b, pa.units
    sizes = [len(u.terms) for u in ua]  # |x| of each unit of A
    largest = max(sizes, default=0)
    n_b = len(pb.units)

    bounds: dict[tuple[int, int], int] = {}

    def bound(k: int, nb: int) -> int:
        """The largest |x| (at most ``largest``) whose Dice with a unit of ``nb`` words, sharing
        ``k``, reaches ``dt`` by the very test of ``keep``, so no rounding can make the two
        disagree; -1 if none does. Dice falls as |x| grows: found from its estimate by steps."""
        b = bounds.get((k, nb))
        if b is None:

            def reaches(nx: int) -> bool:
                return nx + nb == 0 or 2.0 * k / (nx + nb) >= dt

            b = largest if dt <= 0 else max(-1, min(largest, int(2.0 * k / dt) - nb))
            while b < largest and reaches(b + 1):
                b += 1
            while b >= 0 and not reaches(b):
                b -= 1
            bounds[k, nb] = b
        return b

    # Each unit's norm, computed on its first candidate pair: ``cosine`` computes both norms for
    # every pair, and on two 1 MB texts that was four fifths of its work.
    norms_a: dict[int, float] = {}
    norms_b: dict[int, float] = {}

    def similarity(i: int, j: int) -> float:
        """``cosine(va[i], vb[j])``, the very same float."""
        dot = _dot(va[i], vb[j])
        if not dot:
            return 0.0
        nx = norms_a.get(i)
        if nx is None:
            nx = norms_a[i] = _norm(va[i])
        ny = norms_b.get(j)
        if ny is None:
            ny = norms_b[j] = _norm(vb[j])
        return dot / (nx * ny)

    def keep(i: int, j: int, k: int, nb: int) -> None:
        d = 2.0 * k / (sizes[i] + nb)
        if d < dt:
            return
        c = similarity(i, j)
        if c >= threshold:
            seeds.append((i, j, c, d))

    # The walked words of each unit of B (those A has, less the frequent ones), how many were
    # skipped as frequent, and how many it must share.
    too_frequent = {t for t, post in postings.items() if len(post) > frequent}
    plans = []
    walks = volume = 0  # words walked, postings on them
    for u in pb.units:
        terms = u.terms
        walked = list(filter(postings.__contains__, terms))
        skipped = 0
        if too_frequent:
            skipped = len(too_frequent.intersection(walked))
            if skipped:
                walked = [t for t in walked if t not in too_frequent]
        walks += len(walked)
        volume += sum(map(len, map(postings.__getitem__, walked)))
        # Dice >= t needs at least t*|y|/(2-t) shared words (the other side has >= that many).
        need = max(1, math.ceil(dice_threshold * len(terms) / (2.0 - dice_threshold) - 1e-9))
        plans.append((walked, skipped, need))
    # Bit sets pay when a word's postings are long; on short texts counting them is quicker.
    use_bits = volume >= BITS_MIN_POSTINGS * walks if bit_sets is None else bit_sets

    nonzero = re.compile(rb"[^\x00]")
    byte_bits: dict[int, tuple[int, ...]] = {}

    def members(x: int, base: int) -> list[int]:
        """The units whose bits are set in ``x`` (bit ``b`` is unit ``base + b``)."""
        if x & (x - 1) == 0:  # one bit
            return [base + x.bit_length() - 1]
        raw = x.to_bytes((x.bit_length() + 7) // 8, "little")
        out = []
        for m in nonzero.finditer(raw):
            at = m.start()
            v = raw[at]
            bits = byte_bits.get(v)
            if bits is None:
                bits = byte_bits[v] = tuple(b for b in range(8) if v >> b & 1)
            at = base + 8 * at
            out.extend([at + b for b in bits])
        return out

    # Blocks of A's units keep each int (and all of them together) small on very long texts.
    block = 8192
    n_blocks = max(1, -(-len(ua) // block)) if use_bits else 1
    for blk in range(n_blocks):
        lo, hi = blk * block, min(len(ua), (blk + 1) * block)
        width = (hi - lo + 7) // 8
        bitmaps: dict[str, int] = {}

        # Bound now (defaults), though it is only called within this block's iteration.
        def bitmap(t: str, lo: int = lo, hi: int = hi, width: int = width,
                   bitmaps: dict[str, int] = bitmaps) -> int:
            post = postings[t]
            a, b = (bisect_left(post, lo), bisect_left(post, hi)) if n_blocks > 1 else (0, len(post))
            if (b - a) * width < 4096:  # few postings or a small block: or the bits in
                x = 0
                for i in post[a:b]:
                    x |= 1 << (i - lo)
            else:  # set them in a byte buffer: no int as wide as the block made per posting
                buf = bytearray(width)
                for i in post[a:b]:
                    i -= lo
                    buf[i >> 3] |= 1 << (i & 7)
                x = int.from_bytes(buf, "little")
            bitmaps[t] = x
            return x

        # up_to[n]: the units of the block with at most n words.
        up_to = []
        if use_bits:
            by_size = [0] * (largest + 1)
            for i in range(lo, hi):
                by_size[sizes[i]] |= 1 << (i - lo)
            acc = 0
            for x in by_size:
                acc |= x
                up_to.append(acc)

        for j, (walked, skipped, need) in enumerate(plans):
            if tick is not None and j % 256 == 0:
                tick(blk * n_b + j, n_blocks * n_b)
            u = pb.units[j]
            terms = u.terms
            nb = len(terms)
            if skipped or not use_bits:
                if blk:
                    continue
                # Counted posting by posting. With frequent words skipped, Dice counts them and
                # the candidate filter does not.
                counts = Counter(chain.from_iterable(postings[t] for t in walked))  # counted in C
                least = max(1, need - skipped)
                for i, k in [(i, k) for i, k in counts.items() if k >= least]:
                    ta = ua[i].terms
                    d = 2.0 * (k if not skipped else len(ta.keys() & terms.keys())) / (len(ta) + nb)
                    if d < dt:
                        continue
                    c = similarity(i, j)
                    if c >= threshold:
                        seeds.append((i, j, c, d))
                continue
            # Every word of the unit that A has is walked: a unit's count is the words it
            # shares. The units in at least one, two, three and four of the walked words' postings:
            once = twice = thrice = more = 0
            for t in walked:
                held = bitmaps.get(t)
                x = bitmap(t) if held is None else held
                if not x:
                    continue
                if twice:
                    if thrice:
                        more |= thrice & x
                    thrice |= twice & x
                if once:
                    twice |= once & x
                once |= x
            if not once:
                continue
            # Units sharing exactly one, two or three words: only short enough ones can reach
            # the threshold.
            for shared, exactly in ((1, once ^ twice), (2, twice ^ thrice), (3, thrice ^ more)):
                if need > shared or not exactly:
                    continue
                limit = bound(shared, nb)
                if limit >= 0:
                    x = exactly & up_to[min(limit, largest)]
                    if x:
                        for i in members(x, lo):
                            keep(i, j, shared, nb)
            if more:  # sharing four words or more: count them
                for i in members(more, lo):
                    k = len(ua[i].terms.keys() & terms.keys())
                    if k >= need:
                        keep(i, j, k, nb)
    seeds.sort()
    return seeds
