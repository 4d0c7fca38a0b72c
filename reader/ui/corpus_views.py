"""The corpus overview's two pictures, painted with QPainter: a similarity heat map and a
derivation graph.

``HeatMap.set_data(labels, matrix)``: cell (row i, column j) is the share of document i inside
the passages it shares with document j (``ScanResult.matrix()``); darker is more. Clicking a
cell emits ``pair_activated(i, j)``.

``DerivationGraphView.set_graph(labels, graph)`` draws ``reader.core.derivation.DerivationGraph``:
documents on a circle, an arrow from source to copy for each derivation (thicker for a larger
share), a dashed line for a derivation of unknown direction, a dotted grey line for a shared
quotation; pairs with only a sentence or two in common are not drawn (two reports of one
event are not a derivation). Clicking an edge emits ``pair_activated(i, j)``.
Only this module paints the overview; it holds no scan logic.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.derivation import DERIVED, QUOTED

LABEL_CHARS = 18
CELL_MIN, CELL_MAX = 6, 48
NODE_RADIUS = 16


def _short(text: str, n: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


class HeatMap(QWidget):
    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.matrix: list[list[float]] = []
        self.setMouseTracking(True)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], matrix: list[list[float]]) -> None:
        self.labels, self.matrix = list(labels), [list(row) for row in matrix]
        self.update()

    def _geometry(self) -> tuple[float, float, float]:
        """Left margin, top margin and cell size for the current widget size."""
        n = max(1, len(self.labels))
        margin = min(150.0, self.width() * 0.3) if len(self.labels) <= 60 else 8.0
        cell = max(CELL_MIN, min(CELL_MAX, (min(self.width(), self.height()) - margin - 8) / n))
        return margin, margin, cell

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell = self._geometry()
        i, j = int((y - top) // cell), int((x - left) // cell)
        n = len(self.labels)
        if y < top or x < left or not (0 <= i < n and 0 <= j < n):
            return None
        return i, j

    def cell_rect(self, i: int, j: int) -> QRectF:
        left, top, cell = self._geometry()
        return QRectF(left + j * cell, top + i * cell, cell, cell)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        n = len(self.labels)
        if not n:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No documents")
            return
        left, top, cell = self._geometry()
        for i in range(n):
            for j in range(n):
                value = self.matrix[i][j] if i != j else 0.0
                shade = int(255 - 215 * min(1.0, value))
                colour = QColor(shade, shade, 255) if i != j else QColor(225, 225, 225)
                p.fillRect(self.cell_rect(i, j), colour)
        if n <= 60:
            font = QFont(self.font())
            font.setPointSizeF(max(6.0, min(9.0, cell * 0.45)))
            p.setFont(font)
            p.setPen(self.palette().text().color())
            for k, label in enumerate(self.labels):
                text = _short(label)
                p.drawText(QRectF(0, top + k * cell, left - 4, cell),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
                p.save()
                p.translate(left + k * cell + cell / 2, top - 4)
                p.rotate(-60)
                p.drawText(QRectF(0, -cell / 2, left, cell), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           text)
                p.restore()
            if cell >= 28:
                for i in range(n):
                    for j in range(n):
                        if i != j and self.matrix[i][j] > 0:
                            p.setPen(QColor("white") if self.matrix[i][j] > 0.5 else QColor(40, 40, 40))
                            p.drawText(self.cell_rect(i, j), Qt.AlignmentFlag.AlignCenter,
                                       f"{self.matrix[i][j] * 100:.0f}")

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit and hit[0] != hit[1]:
            i, j = hit
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{self.matrix[i][j]:.0%} of “{self.labels[i]}” is shared with “{self.labels[j]}”", self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit and hit[0] != hit[1] and self.matrix[hit[0]][hit[1]] > 0:
            self.pair_activated.emit(*hit)


class DerivationGraphView(QWidget):
    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.keys: list = []
        self.edges: list = []  # reader.core.derivation.Edge, directed
        self.links: list = []  # undirected derived and quotation links
        self.setMinimumSize(300, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_graph(self, keys: list, labels: list[str], graph) -> None:
        self.keys, self.labels = list(keys), list(labels)
        self.edges = list(graph.edges)
        self.links = [e for e in graph.links if e.relation in (DERIVED, QUOTED)]
        self.update()

    def node_positions(self) -> list[QPointF]:
        n = max(1, len(self.keys))
        cx, cy = self.width() / 2, self.height() / 2
        radius = max(40.0, min(cx, cy) - NODE_RADIUS - 40)
        return [QPointF(cx + radius * math.cos(2 * math.pi * k / n - math.pi / 2),
                        cy + radius * math.sin(2 * math.pi * k / n - math.pi / 2)) for k in range(n)]

    def _index(self, key) -> int:
        return self.keys.index(key)

    def edge_at(self, x: float, y: float):
        """The edge or link nearest to (x, y) within a few pixels, as ``(i, j)``."""
        pos = self.node_positions()
        best, best_d = None, 6.0
        for e in (*self.edges, *self.links):
            a, b = pos[self._index(e.source)], pos[self._index(e.copy)]
            d = _distance_to_segment(x, y, a, b)
            if d < best_d:
                best, best_d = (self._index(e.source), self._index(e.copy)), d
        return best

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if not self.keys:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No documents")
            return
        pos = self.node_positions()
        for e in self.links:
            a, b = pos[self._index(e.source)], pos[self._index(e.copy)]
            pen = QPen(QColor(150, 150, 150) if e.relation == QUOTED else QColor(70, 70, 160), 1.5)
            pen.setStyle(Qt.PenStyle.DotLine if e.relation == QUOTED else Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(a, b)
        for e in self.edges:
            a, b = pos[self._index(e.source)], pos[self._index(e.copy)]
            width = 1.5 + 5 * min(1.0, e.share)
            p.setPen(QPen(QColor(180, 40, 40), width))
            p.setBrush(QColor(180, 40, 40))
            _arrow(p, a, b, width)
        font = QFont(self.font())
        p.setFont(font)
        for k, point in enumerate(pos):
            p.setPen(QPen(QColor(60, 60, 60), 1.2))
            p.setBrush(QColor(250, 240, 200))
            p.drawEllipse(point, NODE_RADIUS, NODE_RADIUS)
            p.drawText(QRectF(point.x() - NODE_RADIUS, point.y() - NODE_RADIUS, 2 * NODE_RADIUS, 2 * NODE_RADIUS),
                       Qt.AlignmentFlag.AlignCenter, str(k + 1))
            below = QRectF(point.x() - 70, point.y() + NODE_RADIUS + 2, 140, 16)
            p.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, _short(self.labels[k], 22))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(8, 4, self.width() - 16, 18), Qt.AlignmentFlag.AlignLeft,
                   "→ derives from (arrow to the copy; thicker = larger share)   - - direction unknown   "
                   "··· shared quotation only")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        hit = self.edge_at(event.position().x(), event.position().y())
        if hit is not None:
            self.pair_activated.emit(*hit)


def _distance_to_segment(x: float, y: float, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - a.x()) * dx + (y - a.y()) * dy) / length2))
    return math.hypot(x - (a.x() + t * dx), y - (a.y() + t * dy))


def _arrow(p: QPainter, a: QPointF, b: QPointF, width: float) -> None:
    """A line from the rim of node ``a`` to the rim of node ``b``, with a head at ``b``."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    start = QPointF(a.x() + ux * NODE_RADIUS, a.y() + uy * NODE_RADIUS)
    tip = QPointF(b.x() - ux * NODE_RADIUS, b.y() - uy * NODE_RADIUS)
    head = 8 + width * 1.5
    base = QPointF(tip.x() - ux * head, tip.y() - uy * head)
    path = QPainterPath(start)
    path.lineTo(base)
    p.drawPath(path)
    left = QPointF(base.x() - uy * head * 0.5, base.y() + ux * head * 0.5)
    right = QPointF(base.x() + uy * head * 0.5, base.y() - ux * head * 0.5)
    p.drawPolygon(QPolygonF([tip, left, right]))
