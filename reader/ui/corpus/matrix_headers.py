"""The similarity matrix's titles: row titles at its left, slanted column titles above it.

``RowHeader(grid)`` and ``ColumnHeader(grid)`` are children of a ``matrix_grid.MatrixGrid`` placed
in its viewport margins; they paint the titles of the grid's visible rows and columns (elided,
the hovered one bold on a highlight, the full title as tooltip) and scroll with the cells. They
read the grid's state and change nothing of it.

Must not import ``matrix_grid`` at run time (the grid creates the headers; the type is imported
for checking only), ``reader.ui.corpus.matrix``, ``reader.storage`` or any scan logic.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from reader.ui.corpus.matrix_style import LABEL_ANGLE, bold, hover, one_line

if TYPE_CHECKING:
    from reader.ui.corpus.matrix_grid import MatrixGrid

__all__ = ["RowHeader", "ColumnHeader"]


class RowHeader(QWidget):
    """Row titles, right-aligned beside their rows; scrolls vertically with the cells."""

    def __init__(self, grid: MatrixGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def position_at(self, y: float) -> int | None:
        row = int((y + self.grid.offset().y()) // self.grid.cell)
        return row if 0 <= row < len(self.grid.layout_info.order) else None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        grid = self.grid
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        font = grid.label_font()
        hovered = grid.hover[0] if grid.hover else None
        offset = grid.offset().y()
        for r in grid.visible_range(self.height(), offset):
            rect = QRectF(0, r * grid.cell - offset, self.width() - 4, grid.cell)
            if r == hovered:
                p.fillRect(rect, hover())
            shown_font = bold(font) if r == hovered else font
            p.setFont(shown_font)
            p.setPen(self.palette().text().color())
            label = one_line(grid.labels[grid.layout_info.order[r]])
            text = QFontMetrics(shown_font).elidedText(label, Qt.TextElideMode.ElideRight, int(self.width() - 12))
            p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self.position_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), one_line(self.grid.labels[self.grid.layout_info.order[row]]),
                                  self)
            return True
        return super().event(event)


class ColumnHeader(QWidget):
    """Column titles rising from the top of their columns; scrolls horizontally with the cells."""

    def __init__(self, grid: MatrixGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def position_at(self, x: float, y: float) -> int | None:
        """The column whose slanted title passes through (x, y)."""
        grid = self.grid
        # Walk down the slant to the header's bottom edge, where the title starts.
        x_at_base = x - (self.height() - y) / math.tan(math.radians(LABEL_ANGLE))
        column = int((x_at_base + grid.offset().x()) // grid.cell)
        return column if 0 <= column < len(grid.layout_info.order) else None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        grid = self.grid
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), self.palette().base())
        font = grid.label_font()
        hovered = grid.hover[1] if grid.hover else None
        offset = grid.offset().x()
        length = grid.label_width
        # A title that starts left of the viewport can still slant into it.
        reach = length * math.cos(math.radians(LABEL_ANGLE))
        for c in grid.visible_range(self.width() + reach, offset - reach):
            p.save()
            p.translate(c * grid.cell - offset + grid.cell / 2, self.height() - 4)
            p.rotate(-LABEL_ANGLE)
            band = QRectF(0, -grid.cell / 2, length, grid.cell)
            if c == hovered:
                p.fillRect(band, hover())
            shown_font = bold(font) if c == hovered else font
            p.setFont(shown_font)
            p.setPen(self.palette().text().color())
            label = one_line(grid.labels[grid.layout_info.order[c]])
            text = QFontMetrics(shown_font).elidedText(label, Qt.TextElideMode.ElideRight, int(length - 8))
            p.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            p.restore()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            column = self.position_at(event.pos().x(), event.pos().y())
            if column is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(),
                                  one_line(self.grid.labels[self.grid.layout_info.order[column]]), self)
            return True
        return super().event(event)
