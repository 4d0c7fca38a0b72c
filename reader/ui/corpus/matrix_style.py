"""The similarity matrix's look: sizes, colours and the label text helpers its widgets share.

``cell_colour(value)`` is the heat map's colour scale (white for nothing shared, deep blue for
everything); the constants fix the cell and title geometry; ``one_line`` and ``bold`` prepare
titles. Constants and small pure helpers only: must not import the matrix widgets
(``matrix``, ``matrix_grid``, ``matrix_headers``), ``reader.storage`` or any scan logic.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

__all__ = ["LABEL_WIDTH", "CAPTION_HEIGHT", "LEFT_OUT_LINE", "CELL_MIN", "CELL_MAX", "PERCENT_FROM", "LABEL_ANGLE",
           "DIAGONAL", "GRID", "BLOCK", "HOVER", "cell_colour", "one_line", "bold"]

LABEL_WIDTH = 230.0       # longest row label / column label, pixels
CAPTION_HEIGHT = 52.0     # caption and colour scale above the matrix
LEFT_OUT_LINE = 20        # and a line saying how many documents are left out, when some are
CELL_MIN, CELL_MAX = 18, 56
PERCENT_FROM = 28         # cells at least this large print their share
LABEL_ANGLE = 60.0        # column titles rise at this angle, as they always have
DIAGONAL = QColor(225, 225, 225)
GRID = QColor(236, 236, 240)
BLOCK = QColor(110, 110, 150)
HOVER = QColor(255, 236, 170)


def cell_colour(value: float) -> QColor:
    """White for nothing shared, deep blue for everything."""
    shade = int(255 - 215 * min(1.0, max(0.0, value)))
    return QColor(shade, shade, 255)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def bold(font: QFont) -> QFont:
    heavier = QFont(font)
    heavier.setBold(True)
    return heavier
