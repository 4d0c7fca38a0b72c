"""Fast questions about where matches lie, asked by the panes, the link map and scroll sync.

``PassageIndex`` wraps an ``Alignment``'s matches (ordered by A, as the engine returns them)
and answers, for side ``"a"`` or ``"b"``: which match contains this offset, which matches touch
this range (the visible part of a pane), and where in the other document this offset
corresponds to (scroll syncing). Offsets are ``Document.text`` offsets.

Pure Python: must not import Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from reader.core.matches import Match

SIDES = ("a", "b")


def other_side(side: str) -> str:
    return "b" if side == "a" else "a"


def span_of(match: Match, side: str) -> tuple[int, int]:
    return (match.a_start, match.a_end) if side == "a" else (match.b_start, match.b_end)


class _SideIndex:
    """Matches of one side sorted by start, with a running maximum of ends for range queries."""

    def __init__(self, matches: Sequence[Match], side: str) -> None:
        self.order = sorted(range(len(matches)), key=lambda i: span_of(matches[i], side))
        spans = [span_of(matches[i], side) for i in self.order]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        # Spans of one side may overlap (a sentence reused twice), so "ends" is not sorted;
        # its running maximum is, and it lets a backwards scan stop early.
        self.max_end = list(accumulate(self.ends, max))

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions in ``order`` whose span intersects ``[start, end)`` (empty spans: contains)."""
        hits = []
        k = bisect_left(self.starts, end) if end > start else bisect_right(self.starts, start)
        for j in range(k - 1, -1, -1):
            if self.max_end[j] <= start:
                break
            if self.ends[j] > start:
                hits.append(j)
        hits.reverse()
        return hits


class PassageIndex:
    """Where the matches of an alignment lie in A and in B."""

    def __init__(self, matches: Sequence[Match], length_a: int, length_b: int) -> None:
        self.matches = tuple(matches)
        self.lengths = {"a": max(length_a, 0), "b": max(length_b, 0)}
        self._sides = {side: _SideIndex(self.matches, side) for side in SIDES}

    def __len__(self) -> int:
        return len(self.matches)

    def at(self, side: str, offset: int) -> int | None:
        """Index of the match whose span on ``side`` contains ``offset`` (the shortest if nested)."""
        index = self._sides[side]
        hits = [index.order[j] for j in index.overlapping(offset, offset + 1)]
        if not hits:
            return None
        return min(hits, key=lambda i: (span_of(self.matches[i], side)[1] - span_of(self.matches[i], side)[0], i))

    def overlapping(self, side: str, start: int, end: int) -> list[int]:
        """Indices of the matches whose span on ``side`` intersects ``[start, end)``, in text order."""
        index = self._sides[side]
        return [index.order[j] for j in index.overlapping(start, end)]

    def counterpart_offset(self, side: str, offset: int) -> int:
        """The offset in the other document that corresponds to ``offset`` on ``side``.

        Inside a match the position is carried over proportionally. Between matches it is
        interpolated between the neighbours' counterparts when they are in the same order on
        both sides, else measured from the nearer neighbour (a moved passage must not drag
        the other pane across the document). With no matches, the relative position is kept.
        """
        other = other_side(side)
        this_length, other_length = self.lengths[side], self.lengths[other]
        inside = self.at(side, offset)
        if inside is not None:
            s0, s1 = span_of(self.matches[inside], side)
            t0, t1 = span_of(self.matches[inside], other)
            return _clamp(t0 + round((offset - s0) * (t1 - t0) / max(s1 - s0, 1)), other_length)
        index = self._sides[side]
        # No match contains the offset, so every match starting before it also ends before it:
        # the previous neighbour is the one of those that ends last.
        k = bisect_right(index.starts, offset)
        previous = None
        if k:
            previous = next(j for j in range(k - 1, -1, -1) if index.ends[j] == index.max_end[k - 1])
        following = k if k < len(index.starts) else None
        if previous is None and following is None:
            return _clamp(round(offset * other_length / max(this_length, 1)), other_length)
        if previous is not None:
            p_end, p_other_end = index.ends[previous], span_of(self.matches[index.order[previous]], other)[1]
        if following is not None:
            f_start, f_other_start = index.starts[following], span_of(self.matches[index.order[following]], other)[0]
        if previous is not None and following is not None:
            if p_other_end <= f_other_start:
                fraction = (offset - p_end) / max(f_start - p_end, 1)
                return _clamp(round(p_other_end + fraction * (f_other_start - p_other_end)), other_length)
            nearer_previous = offset - p_end <= f_start - offset
            following = None if nearer_previous else following
            previous = previous if nearer_previous else None
        if previous is not None:
            return _clamp(p_other_end + (offset - p_end), other_length)
        return _clamp(f_other_start - (f_start - offset), other_length)

    def step(self, current: int | None, forward: bool) -> int | None:
        """The next (or previous) match in A's order, or None past the last (first) one."""
        if not self.matches:
            return None
        if current is None:
            return 0 if forward else len(self.matches) - 1
        target = current + (1 if forward else -1)
        return target if 0 <= target < len(self.matches) else None


def _clamp(value: int, length: int) -> int:
    return min(max(value, 0), length)
