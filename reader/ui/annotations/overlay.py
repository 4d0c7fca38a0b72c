"""Annotations drawn in a reading pane, apart from the match highlights.

Match highlights are background tints and underlines in the text itself; an annotation is
drawn over the text instead: a rounded outline in the annotation's colour around each line of
its passage, and a marker in the right margin at its first line (a filled circle, larger for
the annotation selected in the sidebar). So the two never hide each other.

``AnnotationOverlay`` attaches to a ``ReadingPane`` by chaining the view's ``overlay_painter``
(the pane's own painting runs first). Marks are ``Document.text`` offsets. Must not import
reader.storage.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from reader.ui.reading.offsets import OffsetMap

OUTLINE_WIDTH = 1.6
CURRENT_OUTLINE_WIDTH = 2.6
MARKER_RADIUS = 4.5
CURRENT_MARKER_RADIUS = 6.5


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotated span of this pane's text."""

    start: int
    end: int
    colour: str  # "#rrggbb"
    annotation_id: int


class AnnotationOverlay:
    """Paints the annotation marks of one pane and answers which mark lies at an offset."""

    def __init__(self, pane) -> None:
        self.pane = pane
        self.marks: list[Mark] = []
        self.current: int | None = None
        self._offsets = OffsetMap("")
        previous = pane.view.overlay_painter

        def paint(painter: QPainter) -> None:
            if previous is not None:
                previous(painter)
            self.paint(painter)

        pane.view.overlay_painter = paint

    def set_marks(self, marks: list[Mark], text: str) -> None:
        """Replace the marks; ``text`` is the pane's current document text."""
        self.marks = sorted(marks, key=lambda m: (m.start, m.end, m.annotation_id))
        self._offsets = OffsetMap(text)
        self.pane.view.viewport().update()

    def set_current(self, annotation_id: int | None) -> None:
        self.current = annotation_id
        self.pane.view.viewport().update()

    def marks_at(self, offset: int) -> list[Mark]:
        return [m for m in self.marks if m.start <= offset < m.end]

    def qt_span(self, mark: Mark) -> tuple[int, int]:
        return self._offsets.to_qt(mark.start), self._offsets.to_qt(mark.end)

    # Painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter) -> None:
        if not self.marks:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.pane.view.viewport().width()
        for mark in self.marks:
            rects = self.line_rects(*self.qt_span(mark))
            if not rects:
                continue
            current = mark.annotation_id == self.current
            colour = QColor(mark.colour)
            pen = QPen(colour, CURRENT_OUTLINE_WIDTH if current else OUTLINE_WIDTH)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
            radius = CURRENT_MARKER_RADIUS if current else MARKER_RADIUS
            centre = QPointF(width - radius - 4, rects[0].center().y())
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawEllipse(centre, radius, radius)
        painter.restore()

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible lines of Qt positions ``[start, end)``."""
        return self.pane.line_rects(start, end)
