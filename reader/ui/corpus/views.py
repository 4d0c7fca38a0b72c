"""The corpus overview's derivation graph, painted with QPainter (the similarity matrix is
``reader.ui.corpus.matrix``).

``DerivationGraphView.set_graph(labels, graph)`` draws ``reader.core.derivation.DerivationGraph``:
documents on a circle, an arrow from source to copy for each derivation (thicker for a larger
share), a dashed line for a derivation of unknown direction, a dotted grey line for a shared
quotation, with a legend of the three strokes; pairs with only a sentence or two in common are
not drawn (two reports of one event are not a derivation). In a library of more than
``ALL_NODES_UP_TO`` documents only those with a line are drawn, smaller and without labels when
the circle is crowded (hundreds of labelled circles were one black ring). Clicking an edge
emits ``pair_activated(i, j)``; hovering a node shows its full title.
It holds no scan logic.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.derivation import DERIVED, QUOTED

NODE_RADIUS = 16
NODE_LABEL_WIDTH = 220    # graph node labels, pixels
NODE_RADIUS_MIN = 4
ALL_NODES_UP_TO = 30      # a larger library draws only the documents that have a line
LABELS_UP_TO = 12         # more nodes on the circle: titles on hover only
LEGEND_HEIGHT = 84.0


class DerivationGraphView(QWidget):
    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.keys: list = []
        self.shown: list[int] = []  # indices into keys of the documents drawn
        self._positions: dict = {}
        self.edges: list = []  # reader.core.derivation.Edge, directed
        self.links: list = []  # undirected derived and quotation links
        self.setMinimumSize(300, 300)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_graph(self, keys: list, labels: list[str], graph) -> None:
        self.keys, self.labels = list(keys), list(labels)
        self.edges = list(graph.edges)
        self.links = [e for e in graph.links if e.relation in (DERIVED, QUOTED)]
        self._positions = {key: k for k, key in enumerate(self.keys)}
        if len(self.keys) <= ALL_NODES_UP_TO:
            self.shown = list(range(len(self.keys)))
        else:
            linked = {key for e in (*self.edges, *self.links) for key in (e.source, e.copy)}
            self.shown = [k for k, key in enumerate(self.keys) if key in linked]
        self.update()

    def _circle(self) -> tuple[float, float, float]:
        cx, cy = self.width() / 2, self.height() / 2
        cy += LEGEND_HEIGHT / 2  # below the legend
        return cx, cy, max(40.0, min(cx, cy - LEGEND_HEIGHT) - NODE_RADIUS - 40)

    def node_radius(self) -> float:
        """NODE_RADIUS, or less when the shown nodes would overlap on the circle."""
        radius = self._circle()[2]
        gap = 2 * math.pi * radius / max(1, len(self.shown))
        return max(float(NODE_RADIUS_MIN), min(float(NODE_RADIUS), gap / 2 - 1))

    def node_positions(self) -> list[QPointF | None]:
        """Each document's centre, by its index in ``keys``; None for a document not drawn."""
        cx, cy, radius = self._circle()
        n = max(1, len(self.shown))
        out: list[QPointF | None] = [None] * len(self.keys)
        for slot, k in enumerate(self.shown):
            out[k] = QPointF(cx + radius * math.cos(2 * math.pi * slot / n - math.pi / 2),
                             cy + radius * math.sin(2 * math.pi * slot / n - math.pi / 2))
        return out

    def _index(self, key) -> int:
        return self._positions[key]

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
        node_radius = self.node_radius()
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
        for k in self.shown:
            point = pos[k]
            p.setPen(QPen(QColor(60, 60, 60), 1.2))
            p.setBrush(QColor(250, 240, 200))
            p.drawEllipse(point, node_radius, node_radius)
            if node_radius >= NODE_RADIUS:
                p.drawText(QRectF(point.x() - NODE_RADIUS, point.y() - NODE_RADIUS, 2 * NODE_RADIUS,
                                  2 * NODE_RADIUS), Qt.AlignmentFlag.AlignCenter, str(k + 1))
        self._paint_legend(p)
        if len(self.shown) > LABELS_UP_TO:
            return
        metrics = QFontMetrics(font)
        p.setPen(self.palette().text().color())
        for k in self.shown:
            point = pos[k]
            text = metrics.elidedText(" ".join(str(self.labels[k]).split()), Qt.TextElideMode.ElideRight,
                                      NODE_LABEL_WIDTH)
            width = metrics.horizontalAdvance(text) + 4
            # Centred under the node, but pushed inside the widget rather than cut at its edge.
            x = min(max(point.x() - width / 2, 4), self.width() - width - 4)
            p.drawText(QRectF(x, point.y() + NODE_RADIUS + 2, width, metrics.height() + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_legend(self, p: QPainter) -> None:
        """A sample of each stroke beside its meaning, top left."""
        p.save()
        y = 14.0
        entries = ((QPen(QColor(180, 40, 40), 3), True, "copied: the arrow points from the source to the copy "
                                                        "(thicker = more of the copy is shared)"),
                   (QPen(QColor(70, 70, 160), 1.5, Qt.PenStyle.DashLine), False, "copied, direction unknown"),
                   (QPen(QColor(150, 150, 150), 1.5, Qt.PenStyle.DotLine), False, "share only a quotation"))
        for pen, arrow, text in entries:
            p.setPen(pen)
            p.setBrush(pen.color())
            a, b = QPointF(12, y), QPointF(52, y)
            if arrow:
                _arrow(p, QPointF(a.x() - NODE_RADIUS, y), QPointF(b.x() + NODE_RADIUS, y), pen.widthF())
            else:
                p.drawLine(a, b)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(60, y - 9, self.width() - 68, 18), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, text)
            y += 20
        hint = "Click a line to compare the two documents; hover a circle for its title."
        left_out = len(self.keys) - len(self.shown)
        if left_out:
            hint += f" Not drawn: {left_out:,} documents with no line."
        p.drawText(QRectF(12, y - 9, self.width() - 20, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   hint)
        p.restore()

    def node_at(self, x: float, y: float) -> int | None:
        radius = max(self.node_radius(), 6.0)  # a small circle is still easy to point at
        pos = self.node_positions()
        for k in self.shown:
            if math.hypot(x - pos[k].x(), y - pos[k].y()) <= radius:
                return k
        return None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        k = self.node_at(event.position().x(), event.position().y())
        if k is not None:
            QToolTip.showText(event.globalPosition().toPoint(), f"{k + 1}: {self.labels[k]}", self)
        else:
            QToolTip.hideText()

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
