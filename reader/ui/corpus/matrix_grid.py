"""The similarity matrix's cells: a scroll area that paints the visible cells and reports clicks.

``MatrixGrid.set_data(labels, matrix, layout_info)`` shows ``matrix`` in the display order of a
``reader.core.ordering.MatrixLayout`` (blocks outlined on the diagonal), cells sized between
``CELL_MIN`` and ``CELL_MAX``; a matrix that does not fit scrolls. The row and column titles are
drawn by its ``row_header`` and ``column_header`` (``matrix_headers``) in the viewport's margins,
which read the grid's geometry (``cell``, ``offset``, ``visible_range``, ``hover``). Hovering
describes a cell in a tooltip; clicking a cell that shares something emits
``pair_activated(i, j)`` with indices into ``labels``.

No caption and no ordering of its own (``matrix.HeatMap`` does both), no scan logic; must not
import ``reader.ui.corpus.matrix`` or ``reader.storage``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip

from reader.core.coverage import percent
from reader.core.ordering import MatrixLayout
from reader.ui import theme
from reader.ui.corpus.matrix_headers import ColumnHeader, RowHeader
from reader.ui.corpus.matrix_style import (
    CELL_MAX,
    CELL_MIN,
    LABEL_ANGLE,
    LABEL_WIDTH,
    PERCENT_FROM,
    block,
    cell_colour,
    diagonal,
    grid,
    one_line,
)

__all__ = ["MatrixGrid"]


class MatrixGrid(QAbstractScrollArea):
    """The cells, scrolled in the viewport, with the titles in the viewport's margins."""

    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.matrix: list[list[float]] = []
        self.layout_info = MatrixLayout((), (), 0)
        self.cell = float(CELL_MAX)
        self.label_width = 0.0  # widest row title, pixels (titles rise at LABEL_ANGLE above)
        self.hover: tuple[int, int] | None = None  # display positions
        self.row_header = RowHeader(self)
        self.column_header = ColumnHeader(self)
        self.viewport().setMouseTracking(True)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.horizontalScrollBar().valueChanged.connect(self.column_header.update)
        self.verticalScrollBar().valueChanged.connect(self.row_header.update)

    # -- geometry ---------------------------------------------------------------------------
    def set_data(self, labels: list[str], matrix: list[list[float]], layout_info: MatrixLayout) -> None:
        self.labels, self.matrix, self.layout_info = labels, matrix, layout_info
        self.hover = None
        self._relayout()

    def label_font(self) -> QFont:
        font = QFont(self.font())
        if self.cell < 22:
            font.setPointSizeF(max(7.0, min(font.pointSizeF(), self.cell * 0.42)))
        return font

    def _margins(self) -> tuple[float, float, float]:
        """Row title width, column title height, and the room the last title needs at the right."""
        shown = [self.labels[k] for k in self.layout_info.order]
        if not shown:
            return 0.0, 0.0, 0.0
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(one_line(text)) for text in shown) + 12
        width = min(LABEL_WIDTH, widest, max(80.0, self.width() * 0.3))
        angle = math.radians(LABEL_ANGLE)
        return width, math.ceil(width * math.sin(angle)) + 8, width * math.cos(angle)

    def _relayout(self) -> None:
        n = len(self.layout_info.order)
        left, top, overhang = self._margins()
        self.label_width = left
        room = min(self.width() - left - overhang, self.height() - top)
        self.cell = float(max(CELL_MIN, min(CELL_MAX, math.floor(room / n)))) if n else float(CELL_MAX)
        self.setViewportMargins(int(left), int(top), 0, 0)
        viewport = self.viewport().geometry()
        self.row_header.setGeometry(0, viewport.top(), int(left), viewport.height())
        self.column_header.setGeometry(viewport.left(), 0, viewport.width(), int(top))
        extent = n * self.cell
        tail = max(0.0, overhang - self.cell / 2)  # so the last column's title can be read in full
        for bar, total, page in ((self.horizontalScrollBar(), extent + tail, viewport.width()),
                                 (self.verticalScrollBar(), extent, viewport.height())):
            bar.setRange(0, max(0, math.ceil(total - page)))
            bar.setPageStep(max(1, page))
            bar.setSingleStep(int(self.cell))
        self.viewport().update()
        self.row_header.update()
        self.column_header.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # data set while the tab was hidden is laid out at its real size
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        self.viewport().update()

    def offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def position_rect(self, row: int, column: int) -> QRectF:
        """The cell at display position (row, column), in viewport coordinates."""
        origin = self.offset()
        return QRectF(column * self.cell - origin.x(), row * self.cell - origin.y(), self.cell, self.cell)

    def position_at(self, x: float, y: float) -> tuple[int, int] | None:
        """Display position of the cell under viewport point (x, y)."""
        origin = self.offset()
        n = len(self.layout_info.order)
        if x < 0 or y < 0 or x >= self.viewport().width() or y >= self.viewport().height():
            return None
        row, column = int((y + origin.y()) // self.cell), int((x + origin.x()) // self.cell)
        return (row, column) if row < n and column < n else None

    def visible_range(self, extent: float, offset: float) -> range:
        n = len(self.layout_info.order)
        return range(max(0, int(offset // self.cell)), min(n, int((offset + extent) // self.cell) + 1))

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), self.palette().base())
        order, origin = self.layout_info.order, self.offset()
        if not order:
            p.setPen(self.palette().text().color())
            p.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                       "No two documents share a passage." if self.labels else "No documents")
            return
        rows = self.visible_range(self.viewport().height(), origin.y())
        columns = self.visible_range(self.viewport().width(), origin.x())
        show_percent = self.cell >= PERCENT_FROM
        if show_percent:
            font = QFont(self.font())
            font.setPointSizeF(max(6.0, min(9.0, self.cell * 0.3)))
            p.setFont(font)
        for r in rows:
            i = order[r]
            for c in columns:
                j = order[c]
                rect = self.position_rect(r, c)
                value = self.matrix[i][j]
                p.fillRect(rect, cell_colour(value) if i != j else diagonal())
                if show_percent and i != j and value > 0:
                    p.setPen(theme.readable_on(cell_colour(value)))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, percent(value))
        if self.cell >= CELL_MIN and len(order) > 1:
            # A faint grid lets the eye follow a row of a large matrix back to its title.
            p.setPen(QPen(grid(), 1))
            extent = len(order) * self.cell
            for k in range(rows.start, rows.stop + 1):
                y = k * self.cell - origin.y()
                p.drawLine(QPointF(-origin.x(), y), QPointF(extent - origin.x(), y))
            for k in range(columns.start, columns.stop + 1):
                x = k * self.cell - origin.x()
                p.drawLine(QPointF(x, -origin.y()), QPointF(x, extent - origin.y()))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(block(), 1.5))
        for first, end in self.layout_info.blocks:
            p.drawRect(QRectF(first * self.cell - origin.x(), first * self.cell - origin.y(),
                              (end - first) * self.cell, (end - first) * self.cell))
        if self.hover is not None:
            p.setPen(QPen(self.palette().text().color(), 2))
            p.drawRect(self.position_rect(*self.hover).adjusted(1, 1, -1, -1))

    # -- interaction ------------------------------------------------------------------------
    def _pair(self, position) -> tuple[int, int] | None:
        return None if position is None else (self.layout_info.order[position[0]], self.layout_info.order[position[1]])

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            pair = self._pair(self.position_at(event.pos().x(), event.pos().y()))
            if pair is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(*pair), self.viewport())
            return True
        if event.type() == QEvent.Type.Leave:
            self._set_hover(None)
        return super().viewportEvent(event)

    def describe(self, i: int, j: int) -> str:
        a, b = one_line(self.labels[i]), one_line(self.labels[j])
        if i == j:
            return f"“{a}”"
        value = self.matrix[i][j]
        if value <= 0:
            return f"“{a}” shares nothing with “{b}”"
        return f"{percent(value)} of “{a}” is shared with “{b}”. Click to compare the two."

    def _set_hover(self, position) -> None:
        if position != self.hover:
            self.hover = position
            self.viewport().update()
            self.row_header.update()
            self.column_header.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._set_hover(self.position_at(event.position().x(), event.position().y()))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        pair = self._pair(self.position_at(event.position().x(), event.position().y()))
        if pair and pair[0] != pair[1] and self.matrix[pair[0]][pair[1]] > 0:
            self.pair_activated.emit(*pair)
