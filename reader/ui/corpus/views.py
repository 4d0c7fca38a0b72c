"""The corpus overview's derivation graph, painted with QPainter (the similarity matrix is
``reader.ui.corpus.matrix``).

``DerivationGraphView.set_graph(keys, labels, graph, details=None)`` draws a
``reader.core.derivation.DerivationGraph`` in layers (``graph_layout``): the sources on top,
each copy below the documents it copies, an arrow from source to copy labelled with the share
of the copy taken from the source, a dashed line for a derivation of unknown direction and a
dotted one for a shared quotation. Each document is a box with its name (``labels``: the title)
and, under it, ``details`` (file or site, date); an original — copied by others, copying none —
has a heavier outline in the highlight colour and the word "original" above it. A layer wider
than the picture wraps into several rows, so thirty documents stay readable; past
``ALL_NODES_UP_TO`` documents only those with a line are drawn, and when even those do not fit
as boxes they become small dots whose names show on hover. Documents that share nothing are
listed in a last row. An arrow that would run through the boxes of a row it crosses goes
down through a gap between them instead, and the arrows of one box leave and arrive side by
side. Colours come from the palette; the geometry helpers are ``graph_geometry``. Clicking a
line emits ``pair_activated(i, j)``; hovering a box or a line shows the full name or the
figures. It holds no scan logic.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.coverage import percent
from reader.core.derivation import DERIVED, QUOTED
from reader.core.matches import VERBATIM
from reader.ui import theme
from reader.ui.corpus import graph_geometry as geometry
from reader.ui.corpus.graph_layout import layer_graph, wrap_rows
from reader.ui.reading import kind_style

ALL_NODES_UP_TO = 30      # a larger library draws only the documents that have a line
BOX_WIDTH = 190.0         # a document's box: room for ~28 characters of title on one line
BOX_HEIGHT = 40.0         # two lines: title, then file or site and date
BOX_GAP = 14.0            # between boxes of a row
ROW_GAP_MAX = 70.0        # between rows: room for the arrows and their share labels
ROW_GAP_MIN = 34.0        # the least that still shows an arrow head and a label
DOT_RADIUS = 6.0          # a document drawn as a dot when boxes do not fit
DOT_SLOT = 22.0
LEGEND_HEIGHT = 92.0
MARGIN = 12.0
ORIGINAL_TAG = "original"
ISOLATED_CAPTION = 18.0   # height of the line above the documents that share nothing
PORT_SPREAD = 0.5         # the arrows of one box side by side over half its width
ROUTE_CLEARANCE = 6.0     # an arrow routed between boxes turns this far above and below their row


class DerivationGraphView(QWidget):
    pair_activated = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.details: list[str] = []
        self.keys: list = []
        self.shown: list[int] = []   # indices into keys of the documents drawn
        self.edges: list = []        # reader.core.derivation.Edge, directed
        self.links: list = []        # undirected derived and quotation links
        self.originals: frozenset[int] = frozenset()
        self._layers: list[list[int]] = []
        self._groups: list[int] = []
        self._isolated: list[int] = []
        self._index: dict = {}
        self._isolated_top: float | None = None
        self.share_labels: list[tuple[QRectF, str]] = []
        self.setMinimumSize(300, 300)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Derivation graph")

    def set_graph(self, keys: list, labels: list[str], graph, details: list[str] | None = None) -> None:
        self.keys, self.labels = list(keys), [" ".join(str(label).split()) for label in labels]
        self.details = list(details) if details is not None else [""] * len(self.keys)
        self.edges = list(graph.edges)
        self.links = [e for e in graph.links if e.relation in (DERIVED, QUOTED)]
        self._index = {key: k for k, key in enumerate(self.keys)}
        layers = layer_graph(len(self.keys), [(self._index[e.source], self._index[e.copy]) for e in self.edges],
                             [(self._index[e.source], self._index[e.copy]) for e in self.links])
        self._layers, self.originals = layers.layers, layers.originals
        self._groups = [k for group in layers.groups for k in group]
        self._isolated = layers.isolated if len(self.keys) <= ALL_NODES_UP_TO else []
        self.shown = [k for layer in self._layers for k in layer] + self._groups + self._isolated
        self.setAccessibleDescription(
            f"{len(self.edges)} copies with a known source, {len(self.links)} other links, "
            f"{len(self.originals)} originals among {len(self.keys)} documents")
        self.update()

    # Geometry ----------------------------------------------------------------------------------
    def _compact(self) -> bool:
        """Whether the documents are drawn as dots: too many rows of boxes to fit the height."""
        return len(self._rows(False)) * (BOX_HEIGHT + ROW_GAP_MIN) > self.height() - LEGEND_HEIGHT - MARGIN

    def _rows(self, compact: bool) -> list[list[int]]:
        slot = DOT_SLOT if compact else BOX_WIDTH + BOX_GAP
        per_row = max(1, int((self.width() - 2 * MARGIN + (0 if compact else BOX_GAP)) // slot))
        rows = wrap_rows(self._layers, per_row)
        for block in (self._groups, self._isolated):
            if block:
                rows += wrap_rows([block], per_row)
        return rows

    def node_rects(self) -> list[QRectF | None]:
        """Each document's box (a dot's square when compact), by its index in ``keys``; None if not drawn."""
        compact = self._compact()
        rows = self._rows(compact)
        height = DOT_RADIUS * 2 if compact else BOX_HEIGHT
        width = DOT_RADIUS * 2 if compact else BOX_WIDTH
        room = self.height() - LEGEND_HEIGHT - MARGIN - len(rows) * height - ISOLATED_CAPTION
        gap = min(ROW_GAP_MAX, max(8.0, room / max(1, len(rows))))
        out: list[QRectF | None] = [None] * len(self.keys)
        y = LEGEND_HEIGHT + (18.0 if not compact else 4.0)  # room for the "original" tags of the top row
        self._isolated_top = None
        for row in rows:
            if self._isolated and row[0] == self._isolated[0] and not compact:
                y += ISOLATED_CAPTION  # "No passage shared with any other document:"
                self._isolated_top = y
            slot = self.width() / len(row)
            for n, k in enumerate(row):
                cx = slot * (n + 0.5)
                out[k] = QRectF(cx - width / 2, y, width, height)
            y += height + gap
        return out

    def node_positions(self) -> list[QPointF | None]:
        """Each document's centre, by its index in ``keys``; None for a document not drawn."""
        return [r.center() if r is not None else None for r in self.node_rects()]

    def node_at(self, x: float, y: float) -> int | None:
        for k, rect in enumerate(self.node_rects()):
            if rect is not None and rect.adjusted(-3, -3, 3, 3).contains(QPointF(x, y)):
                return k
        return None

    def line_path(self, i: int, j: int) -> QPainterPath:
        """The arrow from document ``i`` to ``j`` (indices in ``keys``), as drawn."""
        return self._line_path(self.node_rects(), i, j)

    def _line_path(self, rects, source: int, copy: int) -> QPainterPath:
        """Straight from box to box, or, when a straight line would run through boxes of the rows
        in between, down through the gaps between those boxes (002 → 004 drawn through 003's box
        read as the chain 002 → 003 → 004)."""
        a, b = geometry.line_ends(rects[source], rects[copy])
        if rects[source].bottom() < rects[copy].top():  # spread the arrows leaving and reaching a box
            a.setX(self._port(rects, source, copy, outgoing=True))
            b.setX(self._port(rects, copy, source, outgoing=False))
        path = QPainterPath(a)
        others = [r for k, r in enumerate(rects) if r is not None and k not in (source, copy)]
        if not any(geometry.crosses(r, a, b) for r in others):
            path.lineTo(b)
            return path
        low, high = min(a.y(), b.y()), max(a.y(), b.y())
        rows: dict[float, list[QRectF]] = {}
        for r in others:
            if low < r.top() and r.bottom() < high:
                rows.setdefault(r.top(), []).append(r)
        for top in sorted(rows, reverse=b.y() < a.y()):
            boxes = sorted(rows[top], key=lambda r: r.left())
            bottom = boxes[0].bottom()
            middle = (top + bottom) / 2
            line_x = a.x() + (b.x() - a.x()) * (middle - a.y()) / ((b.y() - a.y()) or 1.0)
            gaps = [(u.right() + v.left()) / 2 for u, v in zip(boxes, boxes[1:])]
            gaps += [x for x in (boxes[0].left() - BOX_GAP, boxes[-1].right() + BOX_GAP) if 0 < x < self.width()]
            x = min(gaps, key=lambda g: abs(g - line_x)) if gaps else line_x
            first, last = (top - ROUTE_CLEARANCE, bottom + ROUTE_CLEARANCE)
            if b.y() < a.y():
                first, last = last, first
            path.lineTo(QPointF(x, first))
            path.lineTo(QPointF(x, last))
        path.lineTo(b)
        return path

    def _port(self, rects, node: int, other: int, outgoing: bool) -> float:
        """Where on the bottom (``outgoing``) or top of ``node``'s box the arrow to or from
        ``other`` meets it: the box's arrows side by side, in the order of the boxes they go to,
        so two arrows into one copy do not merge into one head."""
        ends = [self._index[e.copy] if outgoing else self._index[e.source] for e in self.edges
                if self._index[e.source if outgoing else e.copy] == node]
        ends = [k for k in ends if rects[k] is not None]
        ends.sort(key=lambda k: rects[k].center().x())
        box = rects[node]
        if len(ends) < 2 or other not in ends:
            return box.center().x()
        spread = box.width() * PORT_SPREAD
        return box.center().x() - spread / 2 + spread * ends.index(other) / (len(ends) - 1)

    def edge_at(self, x: float, y: float):
        """The edge or link nearest to (x, y) within a few pixels, as ``(i, j)``."""
        rects = self.node_rects()
        best, best_d = None, 6.0
        for e in (*self.edges, *self.links):
            i, j = self._index[e.source], self._index[e.copy]
            if rects[i] is None or rects[j] is None:
                continue
            if e.directed:
                path = self._line_path(rects, i, j)
            else:
                start, end = geometry.line_ends(rects[i], rects[j])
                path = QPainterPath(start)
                path.lineTo(end)
            points = [path.pointAtPercent(t / geometry.HIT_SAMPLES) for t in range(geometry.HIT_SAMPLES + 1)]
            d = min(geometry.distance_to_segment(x, y, u, v) for u, v in zip(points, points[1:]))
            if d < best_d:
                best, best_d = (i, j), d
        return best

    # Painting ----------------------------------------------------------------------------------
    def _colours(self) -> dict[str, QColor]:
        palette = self.palette()
        text, base = palette.text().color(), palette.base().color()
        return {"text": text, "base": base, "copied": kind_style.mark_colour(VERBATIM),
                "unknown": theme.mix(text, base, 0.6), "quote": theme.mix(text, base, 0.4),
                "box": palette.alternateBase().color(), "border": theme.mix(text, base, 0.45),
                "original": palette.highlight().color(), "muted": theme.mix(text, base, 0.55)}

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        colours = self._colours()
        if not self.keys:
            p.setPen(colours["text"])
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No documents")
            return
        rects = self.node_rects()
        compact = self._compact()
        p.setBrush(Qt.BrushStyle.NoBrush)
        for e in self.links:
            pen = QPen(colours["quote" if e.relation == QUOTED else "unknown"], 1.5)
            pen.setStyle(Qt.PenStyle.DotLine if e.relation == QUOTED else Qt.PenStyle.DashLine)
            p.setPen(pen)
            i, j = self._index[e.source], self._index[e.copy]
            p.drawLine(*geometry.line_ends(rects[i], rects[j]))  # straight: only arrows are routed round boxes
        labels = []
        for e in self.edges:
            path = self._line_path(rects, self._index[e.source], self._index[e.copy])
            width = 1.5 + 3 * min(1.0, e.share)
            geometry.arrow(p, path, width, colours["copied"])
            labels.append((path, percent(e.share)))
        for k in self.shown:
            self._paint_node(p, k, rects[k], compact, colours)
        self.share_labels: list[tuple[QRectF, str]] = []  # painted, for tests and hit checks
        if not compact:  # the share on each arrow, on a patch of background so it reads over lines
            metrics = QFontMetrics(self.font())
            boxes = [r for r in rects if r is not None]
            for path, text in labels:
                box = QRectF(0, 0, metrics.horizontalAdvance(text) + 8, metrics.height() + 2)
                box = geometry.free_spot(box, path, boxes)
                boxes.append(box)  # two labels do not sit on each other either
                self.share_labels.append((box, text))
                p.setPen(QPen(colours["copied"], 1))
                p.setBrush(colours["base"])
                p.drawRoundedRect(box, 4, 4)
                p.setPen(colours["text"])
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if self._isolated_top is not None:
            p.setPen(colours["muted"])
            p.drawText(QRectF(MARGIN, self._isolated_top - ISOLATED_CAPTION - 2, self.width(), ISOLATED_CAPTION),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                       "No passage shared with any other document:")
        self._paint_legend(p, colours)

    def _paint_node(self, p: QPainter, k: int, rect: QRectF, compact: bool, colours) -> None:
        original = k in self.originals
        isolated = k in self._isolated
        border = colours["original"] if original else colours["border"]
        p.setPen(QPen(border, 2.5 if original else 1.0))
        p.setBrush(colours["box"])
        if compact:
            p.drawEllipse(rect)
            return
        p.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(8, 3, -8, -3)
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(colours["muted"] if isolated else colours["text"])
        title = QFontMetrics(title_font).elidedText(self.labels[k], Qt.TextElideMode.ElideRight, int(inner.width()))
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), inner.height() / 2),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        p.setFont(self.font())
        p.setPen(colours["muted"])
        detail = QFontMetrics(self.font()).elidedText(self.details[k], Qt.TextElideMode.ElideMiddle, int(inner.width()))
        p.drawText(QRectF(inner.left(), inner.center().y(), inner.width(), inner.height() / 2),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        if original:
            tag_font = QFont(self.font())
            tag_font.setPointSizeF(max(6.0, tag_font.pointSizeF() * 0.85))
            tag_font.setBold(True)
            p.setFont(tag_font)
            p.setPen(colours["original"])
            p.drawText(QRectF(rect.left(), rect.top() - 16, rect.width(), 15),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, ORIGINAL_TAG.upper())
            p.setFont(self.font())

    def _paint_legend(self, p: QPainter, colours) -> None:
        """A sample of each stroke beside its meaning, top left."""
        p.save()
        y = 14.0
        quote = QPen(colours["quote"], 1.5, Qt.PenStyle.DotLine)
        entries = ((QPen(colours["copied"], 3), True, "copied: the arrow points from the source down to the copy; "
                                                      "the label is the share of the copy taken from the source"),
                   (QPen(colours["unknown"], 1.5, Qt.PenStyle.DashLine), False, "copied, direction unknown"),
                   (quote, False, "share only a quotation"))
        for pen, arrow, text in entries:
            if arrow:
                sample = QPainterPath(QPointF(12, y))
                sample.lineTo(QPointF(52, y))
                geometry.arrow(p, sample, pen.widthF(), pen.color())
            else:
                p.setPen(pen)
                p.drawLine(QPointF(12, y), QPointF(52, y))
            p.setPen(colours["text"])
            p.drawText(QRectF(60, y - 9, self.width() - 68, 18), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, text)
            y += 20
        p.setPen(QPen(colours["original"], 2.5))
        p.setBrush(colours["box"])
        p.drawRoundedRect(QRectF(14, y - 7, 36, 14), 4, 4)
        p.setPen(colours["text"])
        hint = ("original: copied by others, copies none. Click a line to compare the two documents; "
                "hover a document for its full name.")
        left_out = len(self.keys) - len(self.shown)
        if left_out:
            hint += f" Not drawn: {left_out:,} documents with no line."
        p.drawText(QRectF(60, y - 9, self.width() - 68, 18), Qt.AlignmentFlag.AlignLeft
                   | Qt.AlignmentFlag.AlignVCenter, hint)
        p.restore()

    # Interaction -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        x, y = event.position().x(), event.position().y()
        k = self.node_at(x, y)
        if k is not None:
            tip = self.labels[k] + (f"\n{self.details[k]}" if self.details[k] else "")
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            return
        hit = self.edge_at(x, y)
        if hit is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self._edge_tip(*hit), self)
        else:
            QToolTip.hideText()

    def _edge_tip(self, i: int, j: int) -> str:
        for e in self.edges:
            if (self._index[e.source], self._index[e.copy]) == (i, j):
                return (f"{self.labels[j]}\ntakes {percent(e.share)} of its text from\n{self.labels[i]}"
                        f"\n(evidence: {e.basis or 'shared passages'}). Click to compare.")
        return f"{self.labels[i]}\nand {self.labels[j]}\nshare passages. Click to compare."

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        hit = self.edge_at(event.position().x(), event.position().y())
        if hit is not None:
            self.pair_activated.emit(*hit)
