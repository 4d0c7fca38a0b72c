"""Cluster stages between extension and passages: echoes, summaries, overlaps, edges, stretches.

Each takes the clusters (``reader.core.extension.Cluster``) of the stage before and returns
better ones; ``reader.core.align`` runs them in this order:

- ``without_echoes``    seeds whose both sentences have a clearly better partner are dropped
- ``summary_clusters``  where one side condenses a much longer stretch of the other, one wide
                        cluster replaces the fragments
- ``drop_overlaps``     clusters never share a linked sentence; the weaker one is re-clustered
- ``with_edges``        clusters grow at both ends by still-similar next sentence pairs
- ``aligned_stretches`` runs of clusters in order get their sentences aligned
                        (``reader.core.sentence_align``)

Pure functions; must not import Qt.
"""

from __future__ import annotations

from reader.core.extension import Cluster, Seed, extend
from reader.core.passages import link_units
from reader.core.seeding import PreparedText, cosine, find_seeds
from reader.core.sentence_align import align_stretch, stretches

#: Minimum similarity of a whole passage (its two sides summed as vectors).
VALIDATION_SIMILARITY = 0.34

#: A seed whose similarity is below this share of the best of both its sentences is an echo.
ECHO_RATIO = 0.85

#: Next sentence pairs at a passage's ends join it from this share of the seed threshold.
EDGE_FACTOR = 0.6

#: A passage this similar as a whole is a (near-)verbatim copy.
COPY_SIMILARITY = 0.9

#: Gap allowed (in sentences of the longer side) when one side summarises the other.
SUMMARY_GAP = 50

#: A summary's seeds fall apart into fragments of at most this many seeds under normal clustering.
SUMMARY_MAX_FRAGMENT = 6

#: Seed threshold and passage validation inside a summary: its sentences are condensed, so looser.
SUMMARY_THRESHOLD = 0.33

SUMMARY_VALIDATION = 0.34

#: One side counts as a summary when the other side's passage is this many times longer.
SUMMARY_RATIO = 3.0


def without_echoes(seeds: list) -> list:
    """Seeds minus echoes: pairs whose both sentences have a clearly better partner elsewhere.

    Similar sentences recur (a list of "The Fourth Report shows ..." items); the echo pairs
    between two copied passages would otherwise glue them into one passage, or make one
    passage's hull overlap another's and lose it.
    """
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for i, j, c, _ in seeds:
        best_a[i] = max(best_a.get(i, 0.0), c)
        best_b[j] = max(best_b.get(j, 0.0), c)
    return [s for s in seeds if s[2] >= ECHO_RATIO * best_a[s[0]] or s[2] >= ECHO_RATIO * best_b[s[1]]]


def summary_clusters(seeds, clusters: list[Cluster], pa, pb, vectors, threshold: float) -> list[Cluster] | None:
    """Passages where B condenses a much longer stretch of A (a summary), replacing fragments.

    Re-clustered with a wide gap, a summary's seeds form one cluster whose A side is several
    times longer than its B side, and which the normal clustering had broken into fragments of
    one or two seeds each. A wide cluster that swallows a solid normal passage is a merge of
    neighbouring passages, not a summary, and is not used.
    """
    if len(seeds) < 3:
        return None
    wide = extend(seeds, vectors.a, vectors.b, SUMMARY_GAP, VALIDATION_SIMILARITY)
    if SUMMARY_THRESHOLD < threshold:
        loose = find_seeds(pa, pb, vectors, SUMMARY_THRESHOLD)
        wide = extend(loose, vectors.a, vectors.b, SUMMARY_GAP, SUMMARY_VALIDATION)

    def is_summary(w: Cluster) -> bool:
        a_len = pa.units[w.a_last].end - pa.units[w.a_first].start
        b_len = pb.units[w.b_last].end - pb.units[w.b_first].start
        if len(w.seeds) < 3 or a_len < SUMMARY_RATIO * b_len:
            return False
        for c in clusters:
            in_a = w.a_first <= c.a_last and c.a_first <= w.a_last
            in_b = w.b_first <= c.b_last and c.b_first <= w.b_last
            # (Contained by position: normal clusters also hold weak seeds, which ``w`` lacks.)
            if w.a_first <= c.a_first and c.a_last <= w.a_last and w.b_first <= c.b_first \
                    and c.b_last <= w.b_last:
                if len(c.seeds) > SUMMARY_MAX_FRAGMENT:
                    return False
            # A passage sharing only one side with ``w`` is another account of that text; when
            # it is the closer one (a copy elsewhere), ``w`` is a loose match glued from echoes.
            elif in_a != in_b and c.similarity >= w.similarity:
                return False
        return True

    summaries = [w for w in wide if is_summary(w)]
    if not summaries:
        return None
    # Normal passages elsewhere stay as they were.
    rest = [c for c in clusters if not any(c.a_first <= w.a_last and w.a_first <= c.a_last or
                                            c.b_first <= w.b_last and w.b_first <= c.b_last for w in summaries)]
    return summaries + rest


def drop_overlaps(clusters: list[Cluster], pa: PreparedText, pb: PreparedText, vectors,
                   max_gap: int) -> list[Cluster]:
    """Passages that do not overlap on either side; the better of two overlapping ones wins.

    Overlap on B means two sources claimed for one stretch; overlap on A means one source
    stretch claimed twice, which in practice is a weaker echo of the real counterpart. The
    weaker passage loses only its seeds inside the winner; what is left is clustered and
    validated again, so a long passage that merely touches a better one is not lost.
    """
    def quality(c: Cluster):
        a = pa.units[c.a_last].end - pa.units[c.a_first].start
        b = pb.units[c.b_last].end - pb.units[c.b_first].start
        return c.similarity * (a + b)

    def owned(c: Cluster) -> tuple[set[int], set[int]]:
        """The units the cluster's sentence links use (its hull may hold unlinked echoes)."""
        units_a: set[int] = set()
        units_b: set[int] = set()
        for link in link_units(c.seeds, vectors.a, vectors.b):
            units_a.update(range(link.a_first, link.a_last + 1))
            units_b.update(range(link.b_first, link.b_last + 1))
        return units_a, units_b

    kept: list[Cluster] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    queue = sorted(clusters, key=quality, reverse=True)
    while queue:
        c = queue.pop(0)
        left = [s for s in c.seeds if s[0] not in used_a and s[1] not in used_b]
        if len(left) == len(c.seeds):
            kept.append(c)
            units_a, units_b = owned(c)
            used_a |= units_a
            used_b |= units_b
        elif left:
            queue.extend(extend(left, vectors.a, vectors.b, max_gap, VALIDATION_SIMILARITY))
            queue.sort(key=quality, reverse=True)
    return kept


def with_edges(clusters: list[Cluster], pa, pb, vectors, floor: float) -> list[Cluster]:
    """Passages grown at both ends by next sentence pairs that are still somewhat similar.

    A heavily reworded or garbled sentence next to a passage (cosine 0.2-0.3) is no evidence on
    its own, but right where a passage begins or ends in both texts it is most likely part of
    it. Growth never enters another passage.
    """
    # Units inside any cluster's span (a set: testing each span in turn was quadratic).
    taken_a = {k for c in clusters for k in range(c.a_first, c.a_last + 1)}
    taken_b = {k for c in clusters for k in range(c.b_first, c.b_last + 1)}

    def free(k, taken):
        return k not in taken

    out = []
    for c in clusters:
        # A copy ends where identical words end (``grow``); a lone sentence pair is no anchor.
        if c.similarity >= COPY_SIMILARITY or len(c.seeds) < 2:
            out.append(c)
            continue
        seeds = list(c.seeds)
        a0, a1, b0, b1 = c.a_first, c.a_last, c.b_first, c.b_last
        for step in (1, -1):
            while True:
                i0, j0 = (a1, b1) if step == 1 else (a0, b0)
                best = None
                for da, db in ((1, 1), (1, 2), (2, 1)):
                    i, j = i0 + step * da, j0 + step * db
                    if not (0 <= i < len(pa.units) and 0 <= j < len(pb.units)) or not free(i, taken_a) \
                            or not free(j, taken_b):
                        continue
                    sim = cosine(vectors.a[i], vectors.b[j])
                    if sim >= floor and (best is None or sim > best[2]):
                        best = Seed(i, j, sim, 0.0)
                if best is None:
                    break
                seeds.append(best)
                if step == 1:
                    a1, b1 = best[0], best[1]
                else:
                    a0, b0 = best[0], best[1]
        if len(seeds) == len(c.seeds):
            out.append(c)
        else:
            out.append(Cluster(a0, a1, b0, b1, tuple(seeds), c.similarity))
    return out


def aligned_stretches(clusters: list[Cluster], vectors, strong) -> list[Cluster]:
    """Clusters with each reused stretch aligned sentence by sentence (``sentence_align``)."""
    runs = stretches(clusters, strong)
    if not runs:
        return clusters
    in_run = {id(c) for run in runs for c in run}
    out = [c for c in clusters if id(c) not in in_run]
    blocked_a = {i for c in out for i in range(c.a_first, c.a_last + 1)}
    blocked_b = {j for c in out for j in range(c.b_first, c.b_last + 1)}
    for run in runs:  # the other runs' units are taken too
        blocked_a.update(i for c in run for i in range(c.a_first, c.a_last + 1))
        blocked_b.update(j for c in run for j in range(c.b_first, c.b_last + 1))
    for run in runs:
        own_a = {i for c in run for i in range(c.a_first, c.a_last + 1)}
        own_b = {j for c in run for j in range(c.b_first, c.b_last + 1)}
        aligned = align_stretch(run, vectors.a, vectors.b, blocked_a - own_a, blocked_b - own_b)
        blocked_a.update(s[0] for c in aligned for s in c.aligned)
        blocked_b.update(s[1] for c in aligned for s in c.aligned)
        out.extend(aligned)
    return out
