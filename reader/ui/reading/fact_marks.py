"""The changed-fact mark: a box drawn around a fact the other side changed, dropped or added.

A box, not a tint or an underline: the kinds already own the tints and the underline styles,
and a box reads without colour. ``fact_spans(facts, side)`` picks the flagged facts' spans of
one side (``reader.core.facts``); ``paint_fact_boxes(painter, pane, spans)`` draws them over a
``ReadingPane``'s visible lines; ``FactSample`` is the legend's sample of the mark.
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Pen width in pixels: thicker than the kinds' underlines (1 px), so the two never look alike.
BOX_WIDTH = 1.5
#: Space between a fact's glyphs and its box, in pixels.
BOX_PADDING = 1.5
TIP = "Boxed: a fact (number, date, name, quotation) that the other text changed, dropped or added"


def fact_spans(facts, side: str) -> list[tuple[int, int]]:
    """The spans on ``side`` ("a" or "b") of every flagged fact in ``facts`` (one tuple per match)."""
    spans = []
    for changes in facts or ():
        for change in changes:
            span = change.a_span if side == "a" else change.b_span
            if change.flagged and span is not None:
                spans.append(span)
    return spans


def box_pen(ink: QColor) -> QPen:
    """The box's pen in ``ink``: the palette's text colour, so the box shows on every kind's
    tint in light and dark themes alike (and prints as dark grey on paper)."""
    pen = QPen(ink, BOX_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def paint_fact_boxes(painter: QPainter, pane, spans: list[tuple[int, int]]) -> None:
    """Box ``spans`` (Qt positions of ``pane``'s text) that lie on the lines in view."""
    if not spans:
        return
    first, last = pane.view.cursorForPosition(pane.view.viewport().rect().topLeft()).position(), \
        pane.view.cursorForPosition(pane.view.viewport().rect().bottomRight()).position()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(box_pen(pane.view.palette().text().color()))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for start, end in spans:
        if end < first or start > last:
            continue
        for rect in pane.line_rects(start, end):
            painter.drawRoundedRect(rect.adjusted(-BOX_PADDING, -BOX_PADDING, BOX_PADDING, 0), 2, 2)
    painter.restore()


class FactSample(QWidget):
    """The legend's sample: a word in the fact box."""

    def __init__(self, text: str = "changed fact", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setToolTip(TIP)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text) + 16, metrics.height() + 10)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        box = QRectF(4, (self.height() - metrics.height()) / 2 - 1, metrics.horizontalAdvance(self.text) + 8,
                     metrics.height() + 2)
        painter.setPen(box_pen(self.palette().text().color()))
        painter.drawRoundedRect(box, 2, 2)
        painter.setPen(self.palette().text().color())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
