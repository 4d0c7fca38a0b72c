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
from itertools import chain
from dataclasses import dataclass, field

from reader.core import rarity
from reader.core.text import Token, split_sentences, tokenize

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

    def __post_init__(self) -> None:
        if not self.unit_firsts:
            self.unit_firsts = [u.first for u in self.units]


def prepare(text: str) -> PreparedText:
    tokens = tokenize(text)
    units: list[Unit] = []
    pending = None  # (start, first) of short sentences waiting to be joined
    for s in split_sentences(text, tokens):
        start, first = (pending if pending else (s.start, s.first))
        terms = Counter(t.norm for t in tokens[first:s.last] if not t.stop)
        if sum(terms.values()) < MIN_UNIT_TERMS:
            pending = (start, first)
            continue
        units.append(Unit(start, s.end, first, s.last, dict(terms)))
        pending = None
    if pending is not None:
        start, first = pending
        last = len(tokens)
        terms = Counter(t.norm for t in tokens[first:last] if not t.stop)
        if terms:
            if units:  # a short tail joins the unit before it
                u = units.pop()
                merged = Counter(u.terms)
                merged.update(terms)
                units.append(Unit(u.start, tokens[last - 1].end, u.first, last, dict(merged)))
            else:
                units.append(Unit(start, tokens[last - 1].end, first, last, dict(terms)))
    return PreparedText(text, tokens, units)


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
    df: Counter[str] = Counter()
    for u in pa.units:
        df.update(u.terms.keys())
    for u in pb.units:
        df.update(u.terms.keys())
    n = len(pa.units) + len(pb.units)
    local = n / (n + PRIOR_UNITS)
    # Smoothed so that a word found in every unit still counts: plain log(n / df) would be zero.
    isf = {t: math.log(1.0 + n / c) ** local * rarity.weight(t) ** (1.0 - local) for t, c in df.items()}

    def vec(u: Unit) -> dict[str, float]:
        return {t: c * isf[t] for t, c in u.terms.items()}

    return Vectors([vec(u) for u in pa.units], [vec(u) for u in pb.units], isf)


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    dot = sum(w * y[t] for t, w in x.items() if t in y)
    if not dot:
        return 0.0
    nx = math.sqrt(sum(w * w for w in x.values()))
    ny = math.sqrt(sum(w * w for w in y.values()))
    return dot / (nx * ny)


def dice(x: dict, y: dict) -> float:
    if not x or not y:
        return 0.0
    shared = len(x.keys() & y.keys())
    return 2.0 * shared / (len(x) + len(y))


def find_seeds(pa: PreparedText, pb: PreparedText, vectors: Vectors, threshold: float,
               dice_threshold: float | None = None, tick=None) -> list[tuple[int, int, float, float]]:
    """All unit pairs (i in A, j in B, cosine, dice) whose cosine and Dice reach the thresholds."""
    if dice_threshold is None:
        dice_threshold = threshold
    postings: dict[str, list[int]] = {}
    for i, u in enumerate(pa.units):
        for t in u.terms:
            postings.setdefault(t, []).append(i)
    # Words found in a large share of the units (in a long text) act as stop words: their
    # postings are not walked, which keeps long texts near-linear; they still count in Dice.
    frequent = max(FREQUENT_MIN, len(pa.units) // FREQUENT_SHARE)
    seeds = []
    va, vb, ua = vectors.a, vectors.b, pa.units
    for j, u in enumerate(pb.units):
        if tick is not None and j % 256 == 0:
            tick(j, len(pb.units))
        terms = u.terms
        # Dice >= t needs at least t*|y|/(2-t) shared words (the other side has >= that many).
        need = max(1, math.ceil(dice_threshold * len(terms) / (2.0 - dice_threshold) - 1e-9))
        walked = []
        skipped = 0
        for t in terms:
            post = postings.get(t)
            if post is None:
                continue
            if len(post) > frequent:
                skipped += 1
                continue
            walked.append(post)
        counts = Counter(chain.from_iterable(walked))  # counted in C
        least = max(1, need - skipped)
        wb = vb[j]
        nb = len(terms)
        for i in [i for i, k in counts.items() if k >= least]:
            k = counts[i]
            x = ua[i].terms
            d = 2.0 * (k if not skipped else len(x.keys() & terms.keys())) / (len(x) + nb)
            if d < dice_threshold:
                continue
            c = cosine(va[i], wb)
            if c >= threshold:
                seeds.append((i, j, c, d))
    seeds.sort()
    return seeds
