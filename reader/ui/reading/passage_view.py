"""The read-only text view inside a reading pane: clicks, drops, copying and the overlay.

``PassageView`` reports plain clicks on text (``clicked_at``, a Qt position; drags that select
are not clicks), files or web links dropped on it (``files_dropped``), and Ctrl+C with nothing
selected (``copy_requested``: the pane copies the selected passage pair instead). Copying a
selection gives the document's own text through ``source_text`` (set by the pane), so the line
breaks a pane cuts into very long lines (``offsets.display_text``) never reach the clipboard.
``overlay_painter`` (set by the pane) paints over the text after Qt does.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from reader.core.page_fetch import is_web_url


def local_files(mime) -> list[str]:
    """The local file paths and web links (http, https) a drag carries, or [] if it carries
    anything else. A link dragged from a browser comes as a URL, or from some as plain text."""
    urls: list[QUrl] = mime.urls() if mime.hasUrls() else []
    if not urls and mime.hasText() and is_web_url(mime.text()):
        return [mime.text().strip()]
    if not urls or not all(u.isLocalFile() or u.scheme() in ("http", "https") for u in urls):
        return []
    return [u.toLocalFile() if u.isLocalFile() else u.toString() for u in urls]


class PassageView(QTextEdit):
    """The read-only text of a pane; reports plain clicks (not drags) and dropped files."""

    clicked_at = Signal(int)  # Qt position under a click on text
    files_dropped = Signal(list)
    copy_requested = Signal()  # Ctrl+C with no text selected: copy the selected passage pair

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFrameShape(QFrame.Shape.NoFrame)
        #: Set by the pane: paints the selected passage's outline over the text.
        self.overlay_painter = None
        #: Set by the pane: the document's own text between two Qt positions.
        self.source_text = None

    def createMimeDataFromSelection(self) -> QMimeData:
        # Copy what the file says, not what the pane shows: no line breaks cut into long lines.
        cursor = self.textCursor()
        if self.source_text is None or not cursor.hasSelection():
            return super().createMimeDataFromSelection()
        mime = QMimeData()
        mime.setText(self.source_text(cursor.selectionStart(), cursor.selectionEnd()))
        return mime

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and not self.textCursor().hasSelection():
            self.copy_requested.emit()
            return
        super().keyPressEvent(event)

    # Clicks -------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        point = event.position() + QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        # ExactHit: a click in the empty space after a line's end is not a click on the passage.
        position = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if position >= 0:
            self.clicked_at.emit(position)

    # Drops: the text is read-only, so a drop means "open this file here" ------------------
    def dragEnterEvent(self, event) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.overlay_painter is not None:
            painter = QPainter(self.viewport())
            try:
                self.overlay_painter(painter)
            finally:
                painter.end()
