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

The order comes from ``reader.core.ordering.order_matrix``. No scan logic; must not import
reader.storage.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from reader.core.coverage import percent
from reader.core.ordering import MatrixLayout, order_matrix
from reader.ui.corpus.views import ALL_NODES_UP_TO

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


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class _MatrixGrid(QAbstractScrollArea):
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
        self.row_header = _RowHeader(self)
        self.column_header = _ColumnHeader(self)
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
        widest = max(metrics.horizontalAdvance(_one_line(text)) for text in shown) + 12
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
                p.fillRect(rect, cell_colour(value) if i != j else DIAGONAL)
                if show_percent and i != j and value > 0:
                    p.setPen(QColor("white") if value > 0.5 else QColor(40, 40, 40))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, percent(value))
        if self.cell >= CELL_MIN and len(order) > 1:
            # A faint grid lets the eye follow a row of a large matrix back to its title.
            p.setPen(QPen(GRID, 1))
            extent = len(order) * self.cell
            for k in range(rows.start, rows.stop + 1):
                y = k * self.cell - origin.y()
                p.drawLine(QPointF(-origin.x(), y), QPointF(extent - origin.x(), y))
            for k in range(columns.start, columns.stop + 1):
                x = k * self.cell - origin.x()
                p.drawLine(QPointF(x, -origin.y()), QPointF(x, extent - origin.y()))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(BLOCK, 1.5))
        for first, end in self.layout_info.blocks:
            p.drawRect(QRectF(first * self.cell - origin.x(), first * self.cell - origin.y(),
                              (end - first) * self.cell, (end - first) * self.cell))
        if self.hover is not None:
            p.setPen(QPen(QColor(30, 30, 30), 2))
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
        a, b = _one_line(self.labels[i]), _one_line(self.labels[j])
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


class _RowHeader(QWidget):
    """Row titles, right-aligned beside their rows; scrolls vertically with the cells."""

    def __init__(self, grid: _MatrixGrid) -> None:
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
                p.fillRect(rect, HOVER)
            shown_font = _bold(font) if r == hovered else font
            p.setFont(shown_font)
            p.setPen(self.palette().text().color())
            label = _one_line(grid.labels[grid.layout_info.order[r]])
            text = QFontMetrics(shown_font).elidedText(label, Qt.TextElideMode.ElideRight, int(self.width() - 12))
            p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self.position_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), _one_line(self.grid.labels[self.grid.layout_info.order[row]]),
                                  self)
            return True
        return super().event(event)


class _ColumnHeader(QWidget):
    """Column titles rising from the top of their columns; scrolls horizontally with the cells."""

    def __init__(self, grid: _MatrixGrid) -> None:
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
                p.fillRect(band, HOVER)
            shown_font = _bold(font) if c == hovered else font
            p.setFont(shown_font)
            p.setPen(self.palette().text().color())
            label = _one_line(grid.labels[grid.layout_info.order[c]])
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
                                  _one_line(self.grid.labels[self.grid.layout_info.order[column]]), self)
            return True
        return super().event(event)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class HeatMap(QWidget):
    """Caption and colour scale above a scrolling ``_MatrixGrid``."""

    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.matrix: list[list[float]] = []
        self.grid = _MatrixGrid(self)
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
        p.setPen(QColor(150, 150, 150))
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
