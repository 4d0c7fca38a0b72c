"""The find bar: one search over both panes, every match highlighted, a count per pane.

``FindBar(panes)`` searches the text of document A and of document B as the user types (a
literal string, case ignored), marks every match in both panes (the current match of each pane
in the palette's highlight colour, the others in reversed grey, as ``QTextEdit`` extra
selections so the passage tints around them stay; only the matches in and near the view are
marked, again after each scroll) and says "3 of 12 in A, 1 of 4 in B".
``find_next`` / ``find_previous`` (F3 / Shift+F3, window actions) walk A's matches then B's,
wrapping, and scroll the pane to the match; Escape closes the bar, removes the marks and gives
the focus back to the pane. The marks are put back after the panes' texts are rebuilt
(``refresh``, called when a pair opens or re-aligns). Must not import reader.storage.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from reader.ui.reading.offsets import OffsetMap
from reader.ui.theme import mix

#: Matches marked per pane: beyond this a search ("the", "a") marks nothing useful and painting
#: tens of thousands of extra selections makes every scroll slow.
MAX_MATCHES = 5000
#: How much of the text colour the other matches' background gets, mixed into the text
#: background: a dark grey on a light theme (a light one on dark) that no passage tint uses,
#: dark enough to carry letters in the background colour.
OTHER_MATCH_TINT = 0.7

#: Milliseconds of calm after a scroll before the matches that came into view are marked.
MARKS_SETTLE_MS = 30

SIDES = ("a", "b")


def find_all(text: str, query: str, limit: int = MAX_MATCHES, folded: str | None = None) -> list[tuple[int, int]]:
    """Offsets (start, end) of each occurrence of ``query`` in ``text``, case ignored.

    ``folded`` is ``text.lower()`` when the caller keeps it: where lowering keeps every offset
    (almost any text), ``str.find`` on it is several times faster than a case-blind pattern,
    which matters at each keystroke in a megabyte.
    """
    if not query:
        return []
    found = []
    if folded is not None and len(folded) == len(text) and len(query.lower()) == len(query):
        needle, start = query.lower(), folded.find(query.lower())
        while start >= 0 and len(found) < limit:
            found.append((start, start + len(needle)))
            start = folded.find(needle, start + 1)
        return found
    for match in re.finditer(re.escape(query), text, re.IGNORECASE):
        found.append(match.span())
        if len(found) >= limit:
            break
    return found


class FindBar(QWidget):
    #: Emitted when the bar closes (the window gives the focus back to a pane).
    closed = Signal()

    def __init__(self, panes: Mapping[str, object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in both documents")
        self.panes = panes
        self.matches: dict[str, list[tuple[int, int]]] = {side: [] for side in SIDES}
        self.current: dict[str, int | None] = {side: None for side in SIDES}
        self.active = "a"
        self._offset_maps: dict[str, tuple[str, OffsetMap]] = {}
        self._folded_texts: dict[str, tuple[str, str]] = {}
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(MARKS_SETTLE_MS)
        self._marks_timer.timeout.connect(self._mark_visible)
        for pane in panes.values():
            pane.view.verticalScrollBar().valueChanged.connect(self._schedule_marks)

        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in A and B…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.field.setAccessibleDescription("Text to find in both documents; F3 next match, Shift+F3 previous")
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self.find_next)
        self.previous_button = self._button("Previous", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("Next", "Next match (F3, Enter)", self.find_next)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setAccessibleName("Matches")
        self.close_button = self._button("Close", "Close the find bar (Escape)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count, 1)
        layout.addWidget(self.close_button)

        escape = QAction("Close Find Bar", self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_bar)
        self.addAction(escape)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    # Opening and closing --------------------------------------------------------------------
    def open_bar(self, side: str | None = None, text: str = "") -> None:
        """Show the bar with the focus in its field; ``text`` (a selection) becomes the search."""
        if side in SIDES:
            self.active = side
        self.show()
        if text and "\n" not in text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        for pane in self.panes.values():
            pane.view.setExtraSelections([])
        self.panes[self.active].view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # Searching -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Search again (a pane's text was replaced or re-marked); keeps each pane's place."""
        if self.isVisible():
            self._search(self.field.text(), keep_place=True)

    def _search(self, query: str, keep_place: bool = False) -> None:
        for side in SIDES:
            document = self.panes[side].document
            old = self.current[side]
            self.matches[side] = find_all(document.text, query, folded=self._folded(side)) if document else []
            if keep_place and old is not None and old < len(self.matches[side]):
                continue
            self.current[side] = self._first_in_view(side)
        if not self.matches[self.active] and self.matches[self._other()]:
            self.active = self._other()
        if not keep_place:
            self._reveal(self.active)
        self._paint()

    def _first_in_view(self, side: str) -> int | None:
        """The first match at or below the top of the pane, so typing does not jump away."""
        matches = self.matches[side]
        if not matches:
            return None
        top = self.panes[side].visible_range()[0]
        return next((i for i, (start, _end) in enumerate(matches) if start >= top), 0)

    def _other(self) -> str:
        return "b" if self.active == "a" else "a"

    # Stepping --------------------------------------------------------------------------------
    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """Walk A's matches then B's (wrapping): the order a reader expects from F3."""
        if not self.isVisible():
            self.open_bar()
        if not any(self.matches.values()):
            return
        side, i = self.active, self.current[self.active]
        i = (-1 if direction > 0 else len(self.matches[side])) if i is None else i
        i += direction
        while not 0 <= i < len(self.matches[side]):  # past this side's end: the other side's first or last
            side = "b" if side == "a" else "a"
            i = 0 if direction > 0 else len(self.matches[side]) - 1
        self.active, self.current[side] = side, i
        self._reveal(side)
        self._paint()

    def _reveal(self, side: str) -> None:
        i = self.current[side]
        if i is not None:
            self.panes[side].reveal(*self.matches[side][i])

    # Marks and count -------------------------------------------------------------------------
    def _offsets(self, side: str) -> OffsetMap:
        """The pane's offset map, made once per text (a megabyte takes milliseconds to scan)."""
        document = self.panes[side].document
        text = document.text if document is not None else ""
        cached = self._offset_maps.get(side)
        if cached is None or cached[0] is not text:
            cached = self._offset_maps[side] = (text, OffsetMap(text))
        return cached[1]

    def _folded(self, side: str) -> str:
        """The pane's text in lower case, made once per text."""
        document = self.panes[side].document
        text = document.text if document is not None else ""
        cached = self._folded_texts.get(side)
        if cached is None or cached[0] is not text:
            cached = self._folded_texts[side] = (text, text.lower())
        return cached[1]

    def _schedule_marks(self) -> None:
        """A pane scrolled: mark the matches that came into view, once the scrolling settles."""
        if self.isVisible() and any(self.matches.values()) and not self._marks_timer.isActive():
            self._marks_timer.start()

    def _paint(self) -> None:
        self._mark_visible()
        text = self.count_text()
        self.count.setText(text)
        self.count.setAccessibleDescription(text)

    def _mark_visible(self) -> None:
        """Mark the matches in and near each pane's view (all of them made every keystroke take
        seconds on a megabyte with thousands of matches; a scroll marks the new ones)."""
        palette = self.palette()
        strong = QTextCharFormat()
        strong.setBackground(palette.color(QPalette.ColorRole.Highlight))
        strong.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        # The other matches in reversed grey (text colour behind background-coloured letters):
        # a pale highlight colour vanished among the blue paraphrase tints.
        pale = QTextCharFormat()
        pale.setBackground(mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base),
                               OTHER_MATCH_TINT))
        pale.setForeground(palette.color(QPalette.ColorRole.Base))
        for side in SIDES:
            pane, matches = self.panes[side], self.matches[side]
            offsets = self._offsets(side)
            first, last = pane.visible_range() if matches else (0, 0)
            span = max(last - first, 1)
            lo = bisect_left(matches, (first - span, 0))
            hi = bisect_right(matches, (last + span, 0))
            marks = []
            for i in range(lo, hi):
                start, end = matches[i]
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(pane.view.document())
                cursor.setPosition(offsets.to_qt(start))
                cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = strong if i == self.current[side] else pale
                marks.append(selection)
            pane.view.setExtraSelections(marks)

    def count_text(self) -> str:
        """ "3 of 12 in A, 1 of 4 in B" ("none in B" when B has none)."""
        if not self.field.text():
            return ""
        if not any(self.matches.values()):
            return "Not found in A or B"
        parts = []
        for side in SIDES:
            total = len(self.matches[side])
            if not total:
                parts.append(f"none in {side.upper()}")
                continue
            more = "+" if total >= MAX_MATCHES else ""
            parts.append(f"{(self.current[side] or 0) + 1} of {total}{more} in {side.upper()}")
        return ", ".join(parts)
