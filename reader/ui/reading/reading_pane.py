"""One reading pane: a document's title and source above its read-only text, with passages marked.

``ReadingPane`` shows a ``Document`` (or an invitation to open one), paints the passages of the
current alignment with their kind's format (identical words strong, changed words pale, an
underline style per kind), outlines the selected passage, reports clicks on passages and files
dropped on it, and answers geometry questions (which offsets are visible, where an offset is on
screen) for the link map and scroll syncing. Offsets in and out are ``Document.text`` offsets;
``OffsetMap`` converts them to Qt positions.

Must not import reader.storage; knows nothing of the other pane.
"""

from __future__ import annotations

import math

import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from reader.ui.plain_text import plain_tooltip
from reader.ui.reading import fact_marks, kind_style
from reader.ui.reading.document_header import details, source_line
from reader.ui.reading.highlight_spans import spans_for_side
from reader.ui.reading.offsets import OffsetMap, display_text
from reader.ui.reading.passage_view import PassageView

#: Reading fonts in order of preference; the first one installed is used.
READING_FONTS = ["Charter", "Georgia", "Source Serif 4", "Source Serif Pro", "Noto Serif", "P052",
                 "DejaVu Serif", "Times New Roman", "serif"]
DEFAULT_POINT_SIZE = 12
LINE_HEIGHT_PERCENT = 140
DOCUMENT_MARGIN = 22


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when too narrow; the full text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(tooltip if tooltip is not None else text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class ReadingPane(QFrame):
    """Title and source header above the text of one side ("a" or "b")."""

    passage_clicked = Signal(int)  # match index
    files_dropped = Signal(list)
    copy_requested = Signal()  # Ctrl+C in the text with nothing selected

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"pane_{side}")
        self.setProperty("readingPane", True)
        self.setAcceptDrops(True)
        self.document = None
        self._offsets = OffsetMap("")
        self._alignment = None
        self._index = None
        self._current: int | None = None
        self._fact_spans: list[tuple[int, int]] = []  # Qt positions of the changed facts (fact_marks)

        self.badge = QLabel(side.upper())
        self.badge.setObjectName("sideBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = ElidedLabel()
        self.title.setObjectName("paneTitle")
        self.source = ElidedLabel()
        self.source.setObjectName("paneSource")
        self.view = PassageView(self)
        self.view.source_text = self._source_text
        self.view.clicked_at.connect(self._on_clicked)
        self.view.files_dropped.connect(self.files_dropped)
        self.view.copy_requested.connect(self.copy_requested)
        self.view.overlay_painter = self._paint_overlay

        header = QWidget()
        header.setObjectName("paneHeader")
        grid = QGridLayout(header)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.badge, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.source, 1, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)

        self._font = QFont()
        self._font.setFamilies(READING_FONTS)
        self._font.setPointSize(DEFAULT_POINT_SIZE)
        self._font.setStyleHint(QFont.StyleHint.Serif)
        self.set_document(None)

    # Content -----------------------------------------------------------------------------
    def set_document(self, document) -> None:
        """Show ``document`` (a ``reader.core.documents.Document``) or, with None, an invitation."""
        self.document = document
        self._alignment = self._index = self._current = None
        self._fact_spans = []
        text = document.text if document is not None else ""
        self._offsets = OffsetMap(text)
        self._show_text_document(self._build_text_document(text, None), keep_position=False)
        # Lay the whole text out now (under 0.1 s a megabyte). Left to itself Qt lays a long text
        # out in slices on later turns of the event loop, exactly while the alignment of the new
        # text starts in the background; the two then fight over the interpreter and the window
        # stutters for a few seconds (measured: 150 ms stalls, against 20 ms this way).
        self.view.document().documentLayout().documentSize()
        if document is None:
            opener = "Ctrl+O" if self.side == "a" else "Ctrl+Shift+O"
            self.title.set_full_text(f"No document {self.side.upper()}")
            self.source.set_full_text(f"Drop a file or a link here, or open one with {opener}")
            return
        self.title.set_full_text(document.title or "Untitled")
        self.source.set_full_text(source_line(document), details(document))

    def set_alignment(self, alignment, index) -> None:
        """Mark the passages of ``alignment`` (for this side); None removes every mark."""
        had_marks = self._alignment is not None
        self._alignment, self._index, self._current = alignment, index, None
        self._fact_spans = []  # the facts of the old alignment; the new ones follow it
        if alignment is None and not had_marks:
            return  # the text on screen carries no marks already
        text = self.document.text if self.document is not None else ""
        self._show_text_document(self._build_text_document(text, alignment), keep_position=True)

    def _build_text_document(self, text: str, alignment) -> QTextDocument:
        """A new text document with the reading format and the passage marks.

        Built before it is shown: formatting a document a view displays makes Qt re-lay it out
        at every step, which for a 1 MB text blocks the window for seconds; a detached one
        takes milliseconds.
        """
        document = QTextDocument(self.view)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self._font)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        document.setPlainText(display_text(text))  # long lines cut: see ``offsets``
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)
        if alignment is not None:
            formats = {}
            for span in spans_for_side(alignment, self.side):
                key = (span.kind, span.identical)
                if key not in formats:
                    formats[key] = kind_style.passage_format(*key)
                cursor.setPosition(self._offsets.to_qt(span.start))
                cursor.setPosition(self._offsets.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(formats[key])
        return document

    def _show_text_document(self, document: QTextDocument, keep_position: bool) -> None:
        """Swap ``document`` into the view; with ``keep_position`` (same text) keep the same text at
        the top and the same selection."""
        old_cursor = self.view.textCursor()
        # Same text (a re-alignment): the user's selection survives the new marks, same range.
        selection = ((old_cursor.anchor(), old_cursor.position())
                     if keep_position and old_cursor.hasSelection() else None)
        keep_position = keep_position and self.view.verticalScrollBar().value() > 0
        top = self.offset_at(0) if keep_position else 0
        old = self.view.document()
        self.view.setDocument(document)
        if selection is not None and max(selection) < document.characterCount():
            cursor = QTextCursor(document)
            cursor.setPosition(selection[0])
            cursor.setPosition(selection[1], QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)
        # The view deletes the document it made itself; the ones made here are deleted here.
        if shiboken6.isValid(old) and old.parent() is self.view:
            old.deleteLater()
        if keep_position:
            self.scroll_offset_to(top, 0)

    def set_fact_spans(self, spans) -> None:
        """Box these spans (``Document.text`` offsets of changed facts); [] removes the boxes."""
        self._fact_spans = [(self._offsets.to_qt(s), self._offsets.to_qt(e)) for s, e in spans]
        self.view.viewport().update()

    def set_current(self, match_index: int | None) -> None:
        """Outline the passage of match ``match_index`` (None: no passage is selected)."""
        self._current = match_index
        self.view.viewport().update()

    def current_span(self) -> tuple[int, int] | None:
        if self._current is None or self._alignment is None:
            return None
        m = self._alignment.matches[self._current]
        return (m.a_start, m.a_end) if self.side == "a" else (m.b_start, m.b_end)

    def selected_text(self) -> str:
        cursor = self.view.textCursor()
        return self._source_text(cursor.selectionStart(), cursor.selectionEnd())

    def _source_text(self, qt_start: int, qt_end: int) -> str:
        """The document's text between two Qt positions (display breaks left out)."""
        text = self.document.text if self.document is not None else ""
        return text[self._offsets.from_qt(qt_start):self._offsets.from_qt(qt_end)]

    # Geometry (viewport coordinates of the text view) -------------------------------------
    def visible_range(self) -> tuple[int, int]:
        """Offsets of the first and just past the last character visible in the pane."""
        viewport = self.view.viewport()
        first = self.view.cursorForPosition(QPoint(0, 0)).position()
        last = self.view.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return self._offsets.from_qt(first), min(self._offsets.from_qt(last) + 1, self._offsets.length)

    def line_top(self, offset: int) -> float:
        """Viewport y of the top of the line holding ``offset``."""
        return self.view.cursorRect(self._cursor_at(offset)).top()

    def line_bottom(self, offset: int) -> float:
        return self.view.cursorRect(self._cursor_at(offset)).bottom()

    def offset_at(self, y: float) -> int:
        """Offset of the text at viewport height ``y`` (left edge of the text)."""
        point = QPoint(DOCUMENT_MARGIN + 1, round(y))
        return self._offsets.from_qt(self.view.cursorForPosition(point).position())

    def scroll_offset_to(self, offset: int, y: float) -> None:
        """Scroll so that the line holding ``offset`` starts at viewport height ``y``."""
        bar = self.view.verticalScrollBar()
        target = bar.value() + round(self.line_top(offset) - y)
        if target > bar.maximum():
            # Qt lays out a long text lazily and widens the scroll range only on a later turn of
            # the event loop; finish the layout now and widen the range to reach the target.
            height = math.ceil(self.view.document().documentLayout().documentSize().height())
            bar.setMaximum(max(bar.maximum(), height - self.view.viewport().height()))
        bar.setValue(target)

    def reveal(self, start: int, end: int) -> None:
        """Scroll a span into view if it is not: its start a quarter down from the top."""
        height = self.view.viewport().height()
        top, bottom = self.line_top(start), self.line_bottom(max(start, end - 1))
        if top < 0 or bottom > height:
            self.scroll_offset_to(start, height * 0.25 if bottom - top < height * 0.7 else 8)

    def viewport_height(self) -> int:
        return self.view.viewport().height()

    def _cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(self._offsets.to_qt(offset), self.view.document().characterCount() - 1))
        return cursor

    # Zoom --------------------------------------------------------------------------------
    def point_size(self) -> int:
        return self._font.pointSize()

    def set_point_size(self, size: int) -> None:
        self._font.setPointSize(size)
        self.view.document().setDefaultFont(self._font)

    # Events ------------------------------------------------------------------------------
    def _on_clicked(self, position: int) -> None:
        if self._index is None:
            return
        found = self._index.at(self.side, self._offsets.from_qt(position))
        if found is not None:
            self.passage_clicked.emit(found)

    def dragEnterEvent(self, event) -> None:  # drops on the header open files too
        self.view.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        self.view.dropEvent(event)

    def _paint_overlay(self, painter: QPainter) -> None:
        fact_marks.paint_fact_boxes(painter, self, self._fact_spans)
        self._paint_current(painter)

    def _paint_current(self, painter: QPainter) -> None:
        """Mark the selected passage with a bar in the left margin, from its first line to its last."""
        span = self.current_span()
        if span is None:
            return
        kind = self._alignment.matches[self._current].kind
        rects = self.line_rects(self._offsets.to_qt(span[0]), self._offsets.to_qt(span[1]))
        if not rects:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(kind_style.base_colour(kind))
        bar = QRectF(DOCUMENT_MARGIN * 0.3, rects[0].top(), 5, rects[-1].bottom() - rects[0].top())
        painter.drawRoundedRect(bar, 2.5, 2.5)

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible lines of Qt positions [start, end)."""
        document = self.view.document()
        layout = document.documentLayout()
        dx, dy = self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        height = self.view.viewport().height()
        rects: list[QRectF] = []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft() - QPointF(dx, dy)
            if origin.y() > height:
                break
            text_layout = block.layout()
            for n in range(text_layout.lineCount()):
                line = text_layout.lineAt(n)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                lo, hi = max(start, line_start), min(end, line_end)
                if lo >= hi:
                    continue
                top = origin.y() + line.y()
                if top + line.height() < 0 or top > height:
                    continue
                x0 = line.cursorToX(lo - block.position())[0]
                x1 = line.cursorToX(hi - block.position())[0]
                # Proportional line height adds its leading below the glyphs; hug the glyphs.
                glyph_height = line.ascent() + line.descent()
                rects.append(QRectF(origin.x() + x0, top, x1 - x0, glyph_height + 2))
            block = block.next()
        return rects
