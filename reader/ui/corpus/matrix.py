"""The corpus overview's similarity matrix: a heat map that stays readable from five documents
to several hundred.

``HeatMap.set_data(labels, matrix)``: ``matrix[i][j]`` is the share of document i inside the
passages it shares with document j (``ScanResult.matrix()``); darker is more, and a caption with
a colour scale says so. Rows and columns are put in the order of ``order_matrix``: related
documents sit together in blocks (outlined on the diagonal), the block with the strongest share
first. A library of more than ``ALL_NODES_UP_TO`` documents shows only the documents that share
something with another, and the caption says how many are left out. Cells are never smaller than
``CELL_MIN`` pixels: a matrix that does not fit scrolls, with the row and column titles fixed at
its left and top edges (elided; the full title is the tooltip). Clicking a cell emits
``pair_activated(i, j)`` with indices into ``labels``, whatever the display order.

The order comes from ``reader.core.ordering.order_matrix``. This module is the dialog-level
widget only: the cells are ``matrix_grid.MatrixGrid``, the titles ``matrix_headers``, the colours
and sizes ``matrix_style``. No scan logic; must not import reader.storage, and the grid, header
and style modules must not import it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from reader.core.ordering import order_matrix
from reader.ui.corpus.matrix_grid import MatrixGrid
from reader.ui.corpus.matrix_style import CAPTION_HEIGHT, LEFT_OUT_LINE, cell_colour
from reader.ui.corpus.views import ALL_NODES_UP_TO

__all__ = ["HeatMap", "CAPTION_HEIGHT", "cell_colour"]


class HeatMap(QWidget):
    """Caption and colour scale above a scrolling ``MatrixGrid``."""

    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.matrix: list[list[float]] = []
        self.grid = MatrixGrid(self)
        self.grid.pair_activated.connect(self.pair_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, int(CAPTION_HEIGHT), 8, 8)
        layout.addWidget(self.grid)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], matrix: list[list[float]]) -> None:
        self.labels, self.matrix = list(labels), [list(row) for row in matrix]
        layout_info = order_matrix(self.matrix, keep_unrelated=len(self.labels) <= ALL_NODES_UP_TO)
        # The "left out" sentence gets a line of its own under the colour scale.
        self.layout().setContentsMargins(8, int(CAPTION_HEIGHT + (LEFT_OUT_LINE if layout_info.left_out else 0)), 8, 8)
        self.grid.set_data(self.labels, self.matrix, layout_info)
        self.update()

    @property
    def shown(self) -> tuple[int, ...]:
        """Indices into ``labels`` of the documents in the matrix, in display order."""
        return self.grid.layout_info.order

    @property
    def left_out(self) -> int:
        return self.grid.layout_info.left_out

    def cell_size(self) -> float:
        return self.grid.cell

    def scroll_to_cell(self, i: int, j: int) -> None:
        """Scroll so the cell of documents ``i`` (row) and ``j`` (column) is in view."""
        order = self.shown
        row, column = order.index(i), order.index(j)
        cell = self.grid.cell
        for bar, position, page in ((self.grid.verticalScrollBar(), row, self.grid.viewport().height()),
                                    (self.grid.horizontalScrollBar(), column, self.grid.viewport().width())):
            start, end = position * cell, (position + 1) * cell
            if start < bar.value():
                bar.setValue(int(start))
            elif end > bar.value() + page:
                bar.setValue(math.ceil(end - page))

    def cell_rect(self, i: int, j: int) -> QRectF | None:
        """Where the cell of documents ``i`` and ``j`` is now, in this widget's coordinates (it
        may be scrolled out of view); None when either document is not shown."""
        order = self.shown
        if i not in order or j not in order:
            return None
        rect = self.grid.position_rect(order.index(i), order.index(j))
        corner = self.grid.viewport().mapTo(self, rect.topLeft().toPoint())
        return QRectF(corner.x(), corner.y(), rect.width(), rect.height())

    def grouping_note(self) -> str:
        return "Outlined squares: documents related to one another, strongest first." if self.grid.layout_info.blocks \
            else ""

    def left_out_note(self) -> str:
        if not self.left_out:
            return ""
        return (f"Showing {len(self.shown):,} of {len(self.labels):,} documents: the {self.left_out:,} that share "
                "nothing with another are left out.")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """What a cell means, and the colour scale from 0 % to 100 %: a heat map without a key
        leaves the reader guessing which way it reads."""
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(8, 4, self.width() - 16, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   "Each cell: how much of the row’s document lies in passages it shares with the column’s "
                   "document. Click a cell to compare the two.")
        bar = QRectF(8 + 40, 28, 200, 12)
        for k in range(int(bar.width())):
            p.fillRect(QRectF(bar.left() + k, bar.top(), 1, bar.height()), cell_colour(k / bar.width()))
        p.setPen(self.palette().mid().color())
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(bar)
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(8, 24, 36, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0 %")
        p.drawText(QRectF(bar.right() + 6, 24, 100, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   "100 % shared")
        metrics = QFontMetrics(self.font())
        note_left = bar.right() + 110
        for text, rect in ((self.grouping_note(), QRectF(note_left, 24, self.width() - note_left - 8, 20)),
                           (self.left_out_note(), QRectF(8, CAPTION_HEIGHT - 4, self.width() - 16, 20))):
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())))
