"""Drawing helpers of the derivation graph (``reader.ui.corpus.views``): where a line meets a
box, whether a line runs through a box, how near a point is to a line, an arrow along a path,
and a spot on a line for its label that covers nothing. Geometry on Qt value types only (no
widgets, no palette): must not import reader.storage.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

#: Points sampled along a line for hit tests and for finding the boxes in its way.
HIT_SAMPLES = 24


#: Where along an arrow its share label may go, tried in turn: the middle first, then nearer
#: either end, until one spot is clear of every box and earlier label.
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)


def free_spot(label: QRectF, path: QPainterPath, taken: list[QRectF]) -> QRectF:
    """``label`` centred on the first spot of ``path`` that overlaps nothing in ``taken``."""
    for t in LABEL_SPOTS:
        candidate = QRectF(label)
        candidate.moveCenter(path.pointAtPercent(t))
        if not any(candidate.intersects(other) for other in taken):
            return candidate
    candidate = QRectF(label)
    candidate.moveCenter(path.pointAtPercent(0.5))
    return candidate


def line_ends(a: QRectF, b: QRectF) -> tuple[QPointF, QPointF]:
    """From box ``a`` to box ``b``: bottom to top (or top to bottom), side to side within a row."""
    if abs(a.center().y() - b.center().y()) < 1:
        if a.center().x() < b.center().x():
            return QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())
        return QPointF(a.left(), a.center().y()), QPointF(b.right(), b.center().y())
    if a.center().y() < b.center().y():
        return QPointF(a.center().x(), a.bottom()), QPointF(b.center().x(), b.top())
    return QPointF(a.center().x(), a.top()), QPointF(b.center().x(), b.bottom())


def crosses(box: QRectF, a: QPointF, b: QPointF) -> bool:
    """Whether the segment ``a``–``b`` runs through ``box`` (sampled: boxes are far wider than a step)."""
    inner = box.adjusted(2, 2, -2, -2)
    return any(inner.contains(a + (b - a) * (t / HIT_SAMPLES)) for t in range(1, HIT_SAMPLES))


def distance_to_segment(x: float, y: float, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - a.x()) * dx + (y - a.y()) * dy) / length2))
    return math.hypot(x - (a.x() + t * dx), y - (a.y() + t * dy))


def arrow(p: QPainter, path: QPainterPath, width: float, colour: QColor) -> None:
    """``path`` drawn in ``colour``, ending in an arrow head at its last point."""
    tip = path.pointAtPercent(1.0)
    back = path.pointAtPercent(max(0.0, 1.0 - 12.0 / max(path.length(), 12.0)))
    dx, dy = tip.x() - back.x(), tip.y() - back.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    head = min(8 + width * 1.5, path.length() * 0.5)
    base = QPointF(tip.x() - ux * head, tip.y() - uy * head)
    p.save()
    p.setPen(QPen(colour, width))
    p.setBrush(Qt.BrushStyle.NoBrush)
    # The line stops where the head begins, so a thick line does not poke through its tip.
    p.drawPath(trimmed(path, head))
    p.setPen(QPen(colour, 1))
    p.setBrush(colour)
    left = QPointF(base.x() - uy * head * 0.5, base.y() + ux * head * 0.5)
    right = QPointF(base.x() + uy * head * 0.5, base.y() - ux * head * 0.5)
    p.drawPolygon(QPolygonF([tip, left, right]))
    p.restore()


def trimmed(path: QPainterPath, cut: float) -> QPainterPath:
    """``path`` without its last ``cut`` pixels (as a polyline of samples)."""
    end = max(0.0, 1.0 - cut / max(path.length(), 1.0))
    steps = max(2, int(HIT_SAMPLES * end))
    out = QPainterPath(path.pointAtPercent(0.0))
    for k in range(1, steps + 1):
        out.lineTo(path.pointAtPercent(end * k / steps))
    return out
