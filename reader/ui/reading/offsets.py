"""Translate character offsets of ``Document.text`` to positions in a Qt text document and back.

The engine counts Python code points; Qt counts UTF-16 code units and turns each ``\\r\\n`` into
one paragraph separator. So a character outside the Basic Multilingual Plane (emoji, some CJK)
takes two Qt positions, and a ``\\r\\n`` pair takes one. ``OffsetMap`` records only the places
where the two counts drift apart, so ordinary text costs nothing.

Pure Python: must not import Qt (it is tested without a display).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Characters that make the two counts drift: astral code points (+1) and "\r\n" (-1).
_DRIFT = re.compile("[\U00010000-\U0010FFFF]|\r\n")


class OffsetMap:
    """Both directions between Python offsets and Qt positions for one text."""

    __slots__ = ("_thresholds", "_qt_thresholds", "_shift", "length", "qt_length")

    def __init__(self, text: str) -> None:
        thresholds: list[int] = []  # a drift applies to every Python offset >= threshold
        shift: list[int] = []       # cumulative Qt-minus-Python difference after each drift
        total = 0
        for found in _DRIFT.finditer(text):
            if found.group() == "\r\n":
                # Both characters share Qt's single separator, so "\n" maps onto "\r"'s position.
                total -= 1
                thresholds.append(found.start() + 1)
            else:
                total += 1
                thresholds.append(found.start() + 1)
            shift.append(total)
        self._thresholds = thresholds
        self._shift = shift
        self._qt_thresholds = [t + s for t, s in zip(thresholds, shift)]
        self.length = len(text)
        self.qt_length = len(text) + total

    def to_qt(self, offset: int) -> int:
        """Qt position of Python offset ``offset`` (clamped to the text)."""
        offset = min(max(offset, 0), self.length)
        n = bisect_right(self._thresholds, offset)
        return offset + (self._shift[n - 1] if n else 0)

    def from_qt(self, position: int) -> int:
        """Python offset of Qt position ``position`` (clamped to the text)."""
        position = min(max(position, 0), self.qt_length)
        n = bisect_right(self._qt_thresholds, position)
        return min(position - (self._shift[n - 1] if n else 0), self.length)
