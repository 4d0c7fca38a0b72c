"""Sentence alignment inside reused stretches: every restated sentence linked to its source.

Seeds (``reader.core.seeding``) find sentence pairs similar enough to be evidence on their own.
A rewrite restates most sentences more loosely than that: the words change, the facts and their
order stay. Sentence aligners for parallel text (Gale & Church 1993, Bleualign, Vecalign) use
order as the strong evidence and accept a weak lexical similarity between sentences that lie in
order between already aligned ones. This module does the same inside *stretches*: runs of
clusters (``reader.core.extension``) that follow each other in the same order in both texts,
close together, and together hold at least ``MIN_STRETCH_SEEDS`` strong seeds, so that the
stretch as a whole is known to be reused.

Over the units of a stretch, a monotone dynamic programme picks the links that maximise the sum
of ``similarity - LINK_FLOOR`` with moves one-to-one, one-to-two and two-to-one (a sentence
split in two or two condensed into one) and skips (a sentence that restates nothing stays
unlinked: a new paragraph added by the rewriter is never forced onto a source sentence). Seeds
off the programme's path (a sentence moved within the stretch) are kept as they were. The
clusters of a stretch stay apart; each takes the links added nearest to it.

Pure functions; must not import Qt.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.extension import Cluster, Seed, SeedLike, cluster_similarity
from reader.core.seeding import cosine, dice

#: A stretch needs this many strong seeds, in order in both texts: two reports of one event
#: share a sentence or two by chance (a name, a date, a quotation); three in order are reuse.
MIN_STRETCH_SEEDS = 3
#: Clusters this many units apart or closer (in both texts) and in the same order are one
#: stretch: a rewriter drops or adds a few sentences between restated ones.
STRETCH_GAP = 4
#: Inside a stretch, a sentence pair links when its cosine passes this. Measured on the seeds'
#: hand-made gold (benchmarks/seed_rewrites.py): restated sentences of 003 against their 002
#: sources score 0.12-0.45; adjacent unrelated sentences of the same article mostly below 0.1.
LINK_FLOOR = 0.12
#: A one-to-two or two-to-one link must beat the one-to-one links by this much: otherwise a
#: merely related neighbour would be pulled in.
MERGE_PENALTY = 0.05


def stretches(clusters: list[Cluster], is_strong) -> list[list[Cluster]]:
    """Clusters grouped into runs that follow each other in order, close together, in both texts.

    Only runs holding at least ``MIN_STRETCH_SEEDS`` strong seeds are returned.
    """
    runs: list[list[Cluster]] = []
    for c in sorted(clusters, key=lambda c: (c.a_first, c.b_first)):
        if runs:
            prev = runs[-1][-1]
            if (prev.a_last < c.a_first <= prev.a_last + 1 + STRETCH_GAP
                    and prev.b_last < c.b_first <= prev.b_last + 1 + STRETCH_GAP):
                runs[-1].append(c)
                continue
        runs.append([c])
    return [run for run in runs if sum(1 for c in run for s in c.seeds if is_strong(s)) >= MIN_STRETCH_SEEDS]


def align_stretch(run: list[Cluster], va, vb, blocked_a: set[int], blocked_b: set[int]) -> list[Cluster]:
    """The clusters of the stretch ``run``, each with the links the programme adds near it as ``aligned``.

    The clusters stay apart (each is a region of its own, what PAN scores); a link the
    programme adds goes to the cluster nearest to it in A. ``blocked_a``/``blocked_b`` are units
    that other passages own; they are never linked here.
    """
    # Only between the stretch's first and last links: the sentences beyond are for
    # ``align._with_edges`` to judge (looking further here cost PAN's translation subset 0.007).
    a0 = min(c.a_first for c in run)
    a1 = max(c.a_last for c in run)
    b0 = min(c.b_first for c in run)
    b1 = max(c.b_last for c in run)
    seeds: list[SeedLike] = [s for c in run for s in c.seeds]
    have = {(s[0], s[1]) for s in seeds}
    linked_a = {s[0] for s in seeds}
    linked_b = {s[1] for s in seeds}
    added: list[list[Seed]] = [[] for _ in run]
    links = []
    anchors = [(a0 - 1, b0 - 1), *_chain(seeds), (a1 + 1, b1 + 1)]
    for (pa_, pb_), (na, nb) in zip(anchors, anchors[1:]):
        # Between two anchors in order, only the sentences strictly between them can link.
        if na - pa_ > 1 and nb - pb_ > 1:
            links.extend(_monotone_links(pa_ + 1, na - 1, pb_ + 1, nb - 1, va, vb, blocked_a, blocked_b))
    for ia, ja, sim in links:
        for i in ia:
            for j in ja:
                # A unit the seeds already link keeps its link; the programme fills the rest.
                if (i, j) in have or (i in linked_a and j in linked_b):
                    continue
                nearest = min(range(len(run)), key=lambda k: max(run[k].a_first - i, i - run[k].a_last, 0))
                added[nearest].append(Seed(i, j, sim, dice(va[i], vb[j])))
                have.add((i, j))
    return [replace(c, aligned=c.aligned + tuple(extra), in_stretch=True) for c, extra in zip(run, added)]


def _chain(seeds: list[SeedLike]) -> list[tuple[int, int]]:
    """The heaviest chain of seeds in order in both texts (by cosine): the stretch's anchors.

    The programme then runs only in the gaps between anchors, as sentence aligners do between
    anchor points: far cheaper than over the whole stretch, and the anchors are links anyway.
    Points are taken in A order; a Fenwick tree over B positions gives the best chain ending
    before each point in log time (a repetitive text has tens of thousands of seeds in one
    stretch, where the plain quadratic search took minutes). Ties go to the earliest point.
    """
    points = sorted({(s[0], s[1]): s[2] for s in seeds}.items())
    if not points:
        return []
    columns = {j: k for k, j in enumerate(sorted({j for (_, j), _ in points}), 1)}
    tree: list[tuple[float, int]] = [(0.0, 0)] * (len(columns) + 1)  # (best, -index) prefix maxima
    best: list[float] = []
    back: list[int] = []
    k = 0
    while k < len(points):
        group_end = k
        while group_end < len(points) and points[group_end][0][0] == points[k][0][0]:
            group_end += 1
        # Points of one A unit cannot chain with each other: query them all before adding any.
        for q in range(k, group_end):
            (_, j), w = points[q]
            found, position = (0.0, 0), columns[j] - 1  # chains ending strictly before B unit j
            while position > 0:
                found = max(found, tree[position])
                position -= position & -position
            linked = found[1] < 0 and found[0] > 0.0
            score, prev = (found[0] + w, -found[1] - 1) if linked else (w, -1)
            best.append(score)
            back.append(prev)
        for q in range(k, group_end):
            entry, position = (best[q], -(q + 1)), columns[points[q][0][1]]
            while position < len(tree):
                if entry > tree[position]:
                    tree[position] = entry
                position += position & -position
        k = group_end
    k = max(range(len(points)), key=lambda x: best[x])
    out = []
    while k != -1:
        out.append(points[k][0])
        k = back[k]
    return out[::-1]


def _monotone_links(a0, a1, b0, b1, va, vb, blocked_a, blocked_b):
    """The best order-keeping links between units ``a0..a1`` and ``b0..b1`` (inclusive).

    Returns ``[(units of A, units of B, similarity)]`` in order.
    """
    n, m = a1 - a0 + 1, b1 - b0 + 1
    cache: dict[tuple, float] = {}

    def sim(ia: tuple[int, ...], jb: tuple[int, ...]) -> float:
        key = (ia, jb)
        hit = cache.get(key)
        if hit is None:
            if any(i in blocked_a for i in ia) or any(j in blocked_b for j in jb):
                hit = -1.0
            elif len(ia) == 1 and len(jb) == 1:
                hit = cosine(va[ia[0]], vb[jb[0]])
            else:
                hit = cluster_similarity(va, vb, ia[0], ia[-1], jb[0], jb[-1])
            cache[key] = hit
        return hit

    # best[x][y]: best score aligning the first x units of A's window with the first y of B's.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for x in range(n + 1):
        for y in range(m + 1):
            if x == 0 and y == 0:
                continue
            cands = []
            if x > 0:
                cands.append((best[x - 1][y], (1, 0)))
            if y > 0:
                cands.append((best[x][y - 1], (0, 1)))
            for dx, dy in ((1, 1), (1, 2), (2, 1)):
                if x >= dx and y >= dy:
                    ia = tuple(range(a0 + x - dx, a0 + x))
                    jb = tuple(range(b0 + y - dy, b0 + y))
                    s = sim(ia, jb)
                    if s < LINK_FLOOR:
                        continue
                    gain = s - LINK_FLOOR - (MERGE_PENALTY if dx + dy > 2 else 0.0)
                    cands.append((best[x - dx][y - dy] + gain, (dx, dy)))
            score, move = max(cands, key=lambda c: c[0])
            best[x][y] = score
            back[x][y] = move
    out = []
    x, y = n, m
    while x > 0 or y > 0:
        dx, dy = back[x][y]
        if dx and dy:
            ia = tuple(range(a0 + x - dx, a0 + x))
            jb = tuple(range(b0 + y - dy, b0 + y))
            out.append((ia, jb, sim(ia, jb)))
        x, y = x - dx, y - dy
    out.reverse()
    return out
