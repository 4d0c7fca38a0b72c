"""Extension: grow seeds (similar unit pairs) into clusters, the second stage of the engine.

Seeds that lie close together in *both* texts form one cluster; order inside a cluster does not
matter, so reordered sentences stay together. Clustering alternates between the two texts
(split wherever the gap between consecutive seeds exceeds ``max_gap`` units) until stable; a
cluster whose two sides are not similar enough as a whole is re-clustered with a smaller gap
(Sanchez-Perez, Sidorov & Gelbukh, PAN 2014).
Pure functions; must not import Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.seeding import cosine


class Seed(NamedTuple):
    """A pair of similar units. A named tuple: long texts make thousands, and older code indexes them."""

    a: int  # unit index in A
    b: int  # unit index in B
    cosine: float
    dice: float


#: What the clusters are grown from: a ``Seed``, or the plain ``(a, b, cosine, dice)`` tuple that
#: ``reader.core.seeding.find_seeds`` makes (the code here only indexes them).
SeedLike = tuple[int, int, float, float]


@dataclass(frozen=True, slots=True)
class Cluster:
    a_first: int  # unit indices, inclusive
    a_last: int
    b_first: int
    b_last: int
    seeds: tuple[SeedLike, ...]
    similarity: float  # cosine of the summed vectors of both sides
    #: Sentence pairs linked by order inside a reused stretch (``reader.core.sentence_align``):
    #: too weakly similar to be seeds, shown to readers, not part of the region's evidence.
    aligned: tuple[SeedLike, ...] = ()
    #: Part of a stretch known to be reused (``sentence_align.stretches``): reworded links are
    #: shown as whole sentences.
    in_stretch: bool = False


def _split(seeds: list[SeedLike], dim: int, max_gap: int) -> list[list[SeedLike]]:
    ordered = sorted(seeds, key=lambda s: (s[dim], s[1 - dim]))
    groups = [[ordered[0]]]
    for s in ordered[1:]:
        if s[dim] - groups[-1][-1][dim] - 1 > max_gap:
            groups.append([s])
        else:
            groups[-1].append(s)
    return groups


def _widest_gap(seeds: list[SeedLike]) -> int:
    """The widest gap (in units) between consecutive seeds, in either text."""
    widest = 0
    for dim in (0, 1):
        units = sorted(s[0] if dim == 0 else s[1] for s in seeds)
        widest = max(widest, max((b - a - 1 for a, b in zip(units, units[1:])), default=0))
    return widest


def cluster_seeds(seeds: Sequence[SeedLike], max_gap: int) -> list[list[SeedLike]]:
    """Groups of seeds close together in both texts."""
    if not seeds:
        return []
    clusters = [list(seeds)]
    dim = 0
    stable_rounds = 0
    while stable_rounds < 2:
        nxt = []
        for c in clusters:
            nxt.extend(_split(c, dim, max_gap))
        stable_rounds = stable_rounds + 1 if len(nxt) == len(clusters) else 0
        clusters = nxt
        dim = 1 - dim
    return clusters


def _summed(vectors: list[dict[str, float]], first: int, last: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vectors[first:last + 1]:
        for t, w in v.items():
            out[t] = out.get(t, 0.0) + w
    return out


def cluster_similarity(va, vb, a_first, a_last, b_first, b_last) -> float:
    return cosine(_summed(va, a_first, a_last), _summed(vb, b_first, b_last))


def extend(seeds: Sequence[SeedLike], va, vb, max_gap: int, min_similarity: float, anchor=None) -> list[Cluster]:
    """Validated clusters from seeds; clusters failing validation are re-split with a smaller gap.

    With ``anchor`` (a predicate on seeds), only clusters holding at least one anchor seed are
    kept: weak seeds may extend a cluster but never start one.
    """
    out = []
    for group in cluster_seeds(seeds, max_gap):
        if anchor is not None and not any(anchor(s) for s in group):
            continue
        a_first = min(s[0] for s in group)
        a_last = max(s[0] for s in group)
        b_first = min(s[1] for s in group)
        b_last = max(s[1] for s in group)
        sim = cluster_similarity(va, vb, a_first, a_last, b_first, b_last)
        if sim >= min_similarity or len(group) == 1:
            out.append(Cluster(a_first, a_last, b_first, b_last, tuple(group), sim))
        elif max_gap > 0:
            # Every gap from the group's own widest one up to ``max_gap - 1`` gives this same
            # group back, failing the same way: go straight to the first gap that splits it
            # (same result as stepping down one by one, without recursing ``max_gap`` deep).
            smaller = min(max_gap - 1, max(_widest_gap(group) - 1, 0))
            out.extend(extend(group, va, vb, smaller, min_similarity, anchor))
        else:
            # No gap left: keep the seeds as they are, one cluster each.
            for s in group:
                if anchor is None or anchor(s):
                    out.append(Cluster(s[0], s[0], s[1], s[1], (s,), s[2]))
    return out
