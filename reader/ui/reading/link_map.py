"""The connector gutter between the panes: a band from each passage in A to its counterpart in B.

Like Meld's ``linkmap.py``: one query over the visible range of both panes, a curved band for
each match with an end on screen, and a stub (a rounded tab on the side that is visible) when
the other end is scrolled away, so moved passages still show where they went. The selected
match is drawn stronger; clicking a band or stub selects its match.

Must not import reader.storage; reads the panes only through their geometry methods.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reader.ui.reading import kind_style

STUB_WIDTH = 10


class LinkMap(QWidget):
    """Paints bands between ``pane_a`` and ``pane_b`` (two ``ReadingPane`` text views)."""

    band_clicked = Signal(int)  # match index

    def __init__(self, pane_a, pane_b, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkMap")
        self.panes = (pane_a, pane_b)
        self._alignment = None
        self._index = None
        self._current: int | None = None
        #: (match index, path) painted last, for hit-testing clicks; topmost last.
        self._painted: list[tuple[int, QPainterPath]] = []
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip("Each band links a passage in A to its counterpart in B; click one to select it")
        for pane in self.panes:
            pane.view.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(64, 400)

    def set_alignment(self, alignment, index) -> None:
        self._alignment, self._index, self._current = alignment, index, None
        self.update()

    def set_current(self, match_index: int | None) -> None:
        self._current = match_index
        self.update()

    def bands(self) -> list[int]:
        """Indices of the matches painted in the last paint, in painting order."""
        return [i for i, _ in self._painted]

    def _visible_matches(self, ranges) -> list[int]:
        found: set[int] = set()
        for pane, (start, end) in zip(self.panes, ranges):
            found.update(self._index.overlapping(pane.side, start, end))
        # The selected band is painted last so it stays on top where bands cross.
        return sorted(found, key=lambda i: (i == self._current, i))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        self._painted = []
        if self._index is None or self._alignment is None:
            return
        width, height = float(self.width()), float(self.height())
        # Pane viewport y → this widget's y (the panes' headers may differ in height).
        shift = [pane.view.viewport().mapTo(self.window(), QPointF(0, 0)).y()
                 - self.mapTo(self.window(), QPointF(0, 0)).y() for pane in self.panes]
        x_steps = (0.0, width / 3, 2 * width / 3, width)
        # Asking a pane what is visible costs a hit test; once per paint is enough.
        ranges = [pane.visible_range() for pane in self.panes]
        for i in self._visible_matches(ranges):
            match = self._alignment.matches[i]
            ends = []
            for k, (pane, (start, end)) in enumerate(zip(self.panes, (match.a_span, match.b_span))):
                first, last = ranges[k]
                if end <= first:
                    ends.append("above")
                elif start >= last:
                    ends.append("below")
                else:
                    top = pane.line_top(start) + shift[k]
                    bottom = pane.line_bottom(max(start, end - 1)) + shift[k]
                    ends.append((max(top, -2.0), min(bottom, height + 2)))
            path = self._band_path(ends, x_steps)
            if path is None:
                continue
            fill, outline = kind_style.band_colours(match.kind, i == self._current)
            painter.setBrush(fill)
            painter.setPen(QPen(outline, 1.8 if i == self._current else 1.0))
            painter.drawPath(path)
            self._painted.append((i, path))
        painter.end()

    @staticmethod
    def _band_path(ends, x) -> QPainterPath | None:
        """A band between two visible ends, or a stub on the visible side; None if neither is."""
        left, right = ends
        path = QPainterPath()
        if isinstance(left, tuple) and isinstance(right, tuple):
            (f0, f1), (t0, t1) = left, right
            path.moveTo(x[0], f0)
            path.cubicTo(x[1], f0, x[2], t0, x[3], t0)
            path.lineTo(x[3], t1)
            path.cubicTo(x[2], t1, x[1], f1, x[0], f1)
            path.closeSubpath()
            return path
        if isinstance(left, tuple):
            f0, f1 = left
            path.addRoundedRect(QRectF(x[0] - 4, f0, STUB_WIDTH + 4, max(f1 - f0, 3)), 4, 4)
            return path
        if isinstance(right, tuple):
            t0, t1 = right
            path.addRoundedRect(QRectF(x[3] - STUB_WIDTH, t0, STUB_WIDTH + 4, max(t1 - t0, 3)), 4, 4)
            return path
        return None

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        point = event.position()
        for i, path in reversed(self._painted):
            if path.contains(point):
                self.band_clicked.emit(i)
                return
