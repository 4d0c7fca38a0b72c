"""Translate character offsets of ``Document.text`` to positions in a Qt text document and back.

The engine counts Python code points; Qt counts UTF-16 code units and turns each ``\\r\\n`` into
one paragraph separator. So a character outside the Basic Multilingual Plane (emoji, some CJK)
takes two Qt positions, and a ``\\r\\n`` pair takes one. ``OffsetMap`` records only the places
where the two counts drift apart, so ordinary text costs nothing.

Qt lays out one paragraph in time that grows with the square of its length: a 1 MB line without
a break took minutes to show (200,000 characters: 45 s). So the panes show ``display_text(text)``:
every line longer than ``DISPLAY_LINE_CHARS`` is cut into lines of at most that length (at a
space when there is one near the end). Each inserted break is one more Qt position, which
``OffsetMap`` counts too, so every offset still maps to the same character.

Pure Python: must not import Qt (it is tested without a display).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Characters that make the two counts drift: astral code points (+1) and "\r\n" (-1).
_DRIFT = re.compile("[\U00010000-\U0010FFFF]|\r\n")
#: The longest line a pane lays out whole: a long paragraph of prose is 1,000-2,000 characters,
#: and 1 MB cut into lines of 1,000 lays out in about 3 s here, against minutes uncut.
DISPLAY_LINE_CHARS = 1000
#: A display break goes at the last space in this final share of the line's piece, if any.
_SPACE_SEARCH = 0.2
_LONG_LINE = re.compile(f"[^\n]{{{DISPLAY_LINE_CHARS + 1},}}")


def display_breaks(text: str) -> list[int]:
    """Offsets before which ``display_text`` inserts a line break, in order."""
    breaks = []
    for line in _LONG_LINE.finditer(text):
        start, end = line.span()
        if text[end - 1] == "\r" and end - start == DISPLAY_LINE_CHARS + 1:
            continue  # the line is short enough without its "\r"
        while end - start > DISPLAY_LINE_CHARS:
            cut = start + DISPLAY_LINE_CHARS
            space = text.rfind(" ", cut - int(DISPLAY_LINE_CHARS * _SPACE_SEARCH), cut)
            cut = space + 1 if space != -1 else cut
            breaks.append(cut)
            start = cut
    return breaks


def display_text(text: str) -> str:
    """``text`` as a pane shows it: long lines cut by ``display_breaks`` (see the module docstring)."""
    breaks = display_breaks(text)
    if not breaks:
        return text
    pieces, last = [], 0
    for cut in breaks:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    return "\n".join(pieces)


class OffsetMap:
    """Both directions between Python offsets and Qt positions for one text."""

    __slots__ = ("_thresholds", "_qt_thresholds", "_shift", "length", "qt_length")

    def __init__(self, text: str) -> None:
        thresholds: list[int] = []  # a drift applies to every Python offset >= threshold
        shift: list[int] = []       # cumulative Qt-minus-Python difference after each drift
        total = 0
        events = [(found.start() + 1, -1 if found.group() == "\r\n" else 1) for found in _DRIFT.finditer(text)]
        # A display break before offset p adds one Qt position from p on.
        events += [(cut, 1) for cut in display_breaks(text)]
        for threshold, delta in sorted(events):
            # "\r\n": both characters share Qt's single separator, so "\n" maps onto "\r"'s position.
            total += delta
            thresholds.append(threshold)
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
