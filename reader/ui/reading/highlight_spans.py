"""What to paint in one pane: the passage spans and, inside them, the identical-word spans.

A match is painted as a pale span of its kind over its whole extent, and each ``equal`` word
run inside it as a strong span on top, so a reader sees which words were copied and which
were reworded. Offsets are ``Document.text`` offsets of the given side.

Pure Python: must not import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.matches import EQUAL, Alignment


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    #: True for identical words (painted strongly), False for the passage as a whole.
    identical: bool
    match_index: int


def spans_for_side(alignment: Alignment, side: str) -> list[Span]:
    """Passage spans first (in match order), then identical-word spans, so the latter win."""
    passages: list[Span] = []
    identical: list[Span] = []
    for i, m in enumerate(alignment.matches):
        start, end = (m.a_start, m.a_end) if side == "a" else (m.b_start, m.b_end)
        if end > start:
            passages.append(Span(start, end, m.kind, False, i))
        for op in m.ops:
            if op.tag != EQUAL:
                continue
            o_start, o_end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            if o_end > o_start:
                identical.append(Span(o_start, o_end, m.kind, True, i))
    return passages + identical
