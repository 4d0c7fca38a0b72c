"""The similarity matrix's look: sizes, colours and the label text helpers its widgets share.

``cell_colour(value)`` is the heat map's colour scale (the background for nothing shared, deep
blue for everything); ``diagonal``, ``grid``, ``block`` and ``hover`` are the chart's greys and
hover tint, all mixed from the palette so a dark theme gets a dark chart; the constants fix the
cell and title geometry; ``one_line`` and ``bold`` prepare titles. Constants and small helpers
only: must not import the matrix widgets (``matrix``, ``matrix_grid``, ``matrix_headers``),
``reader.storage`` or any scan logic.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui import theme

__all__ = ["LABEL_WIDTH", "CAPTION_HEIGHT", "LEFT_OUT_LINE", "CELL_MIN", "CELL_MAX", "PERCENT_FROM", "LABEL_ANGLE",
           "SHARE_COLOUR", "diagonal", "grid", "block", "hover", "cell_colour", "one_line", "bold"]

LABEL_WIDTH = 230.0       # longest row label / column label, pixels
CAPTION_HEIGHT = 52.0     # caption and colour scale above the matrix
LEFT_OUT_LINE = 20        # and a line saying how many documents are left out, when some are
CELL_MIN, CELL_MAX = 18, 56
PERCENT_FROM = 28         # cells at least this large print their share
LABEL_ANGLE = 60.0        # column titles rise at this angle, as they always have
#: The colour of a cell whose document is wholly shared: a deep blue on a light background, a
#: lighter one on a dark background (the deep blue mixed into near-black left 20% cells black).
SHARE_COLOUR = QColor(40, 40, 255)
SHARE_COLOUR_ON_DARK = QColor(120, 160, 255)


def _text_on_base(amount: float) -> QColor:
    palette = QApplication.palette()
    return theme.mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), amount)


def diagonal() -> QColor:
    """A document against itself: a plain grey step from the background."""
    return _text_on_base(0.12)


def grid() -> QColor:
    return _text_on_base(0.07)


def block() -> QColor:
    """The outline of a block of documents that share with one another."""
    return _text_on_base(0.45)


def hover() -> QColor:
    palette = QApplication.palette()
    return theme.mix(palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base), 0.3)


def cell_colour(value: float) -> QColor:
    """The background for nothing shared, deep blue for everything."""
    full = SHARE_COLOUR_ON_DARK if theme.is_dark() else SHARE_COLOUR
    return theme.mix(full, theme.background(), min(1.0, max(0.0, value)))


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def bold(font: QFont) -> QFont:
    heavier = QFont(font)
    heavier.setBold(True)
    return heavier
