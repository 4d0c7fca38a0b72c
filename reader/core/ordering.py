"""The display order of a similarity matrix: related documents together, strongest first.

``order_matrix(matrix, keep_unrelated=True) -> MatrixLayout``: ``matrix[i][j]`` is a share in
0..1 (``ScanResult.matrix()``; it need not be symmetric: a pair's weight is the larger of its two
shares, and a pair is related when either share is above 0). Pairs are joined strongest first
(single linkage): each group of related documents is contiguous in ``order``, the groups sorted by
their strongest share, then size, then lowest index; ties always break the same way. ``blocks``
holds the ``(first, end)`` positions in ``order`` of each group of two or more. Documents related to
none come last in index order, or, with ``keep_unrelated=False``, are left out of ``order`` and
counted in ``left_out``. The diagonal is ignored.

A pure function of its input. Must not import Qt, reader.storage, reader.ui or reader.commands.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatrixLayout:
    #: Indices into the labels, in display order.
    order: tuple[int, ...]
    #: ``(first, end)`` display positions of each block of related documents (two or more).
    blocks: tuple[tuple[int, int], ...]
    #: Documents left out because they share nothing with any other.
    left_out: int


def order_matrix(matrix: list[list[float]], *, keep_unrelated: bool = True) -> MatrixLayout:
    """Related documents next to each other, strongest relations first.

    Pairs are joined strongest first (single linkage, as in a dendrogram): joining two groups
    puts them end to end, the smaller turned so the pair's two documents meet. A group of closely
    copied articles therefore stays contiguous inside a larger group held together by weaker
    links (a shared quotation). Groups are shown by their strongest share, then size;
    documents that share nothing come last in library order, or are left out and counted.
    """
    n = len(matrix)
    pairs = sorted((-max(matrix[i][j], matrix[j][i]), i, j) for i in range(n) for j in range(i + 1, n)
                    if matrix[i][j] > 0 or matrix[j][i] > 0)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    strongest: dict[int, float] = {}
    for negative_weight, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        first, second = members[gi], members[gj]
        if ((len(second), strongest.get(gj, 0.0), -min(second))
                > (len(first), strongest.get(gi, 0.0), -min(first))):
            (gi, first, i), (gj, second, j) = (gj, second, j), (gi, first, i)
        # The larger group keeps its order; the smaller joins at whichever end is nearer i,
        # turned so that j faces i.
        if first[0] == i and first[-1] != i:
            if second[0] == j:
                second.reverse()
            first[:0] = second
        else:
            if second[-1] == j:
                second.reverse()
            first.extend(second)
        for k in second:
            group_of[k] = gi
        del members[gj]
        strongest[gi] = max(strongest.get(gi, 0.0), strongest.pop(gj, 0.0), -negative_weight)
    related = [g for g in members if len(members[g]) > 1]
    related.sort(key=lambda g: (-strongest[g], -len(members[g]), min(members[g])))
    order: list[int] = []
    blocks = []
    for g in related:
        blocks.append((len(order), len(order) + len(members[g])))
        order.extend(members[g])
    alone = sorted(g for g in members if len(members[g]) == 1)
    if keep_unrelated:
        order.extend(alone)
    return MatrixLayout(tuple(order), tuple(blocks), 0 if keep_unrelated else len(alone))
