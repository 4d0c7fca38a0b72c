"""The annotations dock: a list with filters (document, tag, colour, verdict, search) and actions.

``AnnotationSidebar`` is a view: the controller gives it rows (``SidebarRow``) and the choices
for the filter boxes, and reads ``filters()`` when they change. Clicking a row asks to jump to
the annotation, double-clicking (or Edit) to edit it, Delete (key or button) to delete it; the
undo/redo buttons show the window's undo actions. An orphan (its passage no longer found in
the current text) stays listed with its quote and a warning.

Must not import reader.storage.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import COLOURS, VERDICTS, Annotation
from reader.ui.annotations.dialog import colour_icon
from reader.ui.plain_text import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
#: Document filter values besides a document id.
SHOWN, ALL = "shown", "all"
SEARCH_DELAY_MS = 250
EXCERPT_CHARS = 110


class ShortLabelButton(QToolButton):
    """A tool button showing its action with a fixed short label; the action's own text becomes
    the tooltip. The undo actions name what they undo ("Undo Delete annotation"): right for
    the menu, but on the panel's buttons that text widened the whole dock at the reading panes'
    expense."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label

    def actionEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().actionEvent(event)  # copies the action's text onto the button
        action = self.defaultAction()
        if action is not None:
            self.setToolTip(action.text().replace("&", ""))
            self.setText(self.label)


@dataclass(frozen=True, slots=True)
class SidebarRow:
    annotation: Annotation
    #: Where it is, e.g. "A: Meta removes…" or "A ↔ B".
    where: str
    orphan: bool
    #: Found only approximately: the passage was edited since the annotation was made.
    fuzzy: bool = False


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"


class AnnotationSidebar(QDockWidget):
    jump_requested = Signal(int)      # annotation id
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotationDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        grid = QGridLayout()
        self.document_combo = QComboBox()
        self.document_combo.setObjectName("annotationDocumentFilter")
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("annotationTagFilter")
        self.colour_combo = QComboBox()
        self.colour_combo.setObjectName("annotationColourFilter")
        self.colour_combo.addItem("Any colour", None)
        for name in COLOURS:
            self.colour_combo.addItem(colour_icon(name), name.capitalize(), name)
        self.verdict_combo = QComboBox()
        self.verdict_combo.setObjectName("annotationVerdictFilter")
        self.verdict_combo.addItem("Any verdict", None)
        for value, label in VERDICTS.items():
            self.verdict_combo.addItem(label, value)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("annotationSearch")
        self.search_edit.setPlaceholderText("Search notes, quotes, tags")
        self.search_edit.setClearButtonEnabled(True)
        grid.addWidget(self.document_combo, 0, 0, 1, 2)
        grid.addWidget(self.tag_combo, 1, 0)
        grid.addWidget(self.colour_combo, 1, 1)
        grid.addWidget(self.verdict_combo, 2, 0, 1, 2)
        grid.addWidget(self.search_edit, 3, 0, 1, 2)
        layout.addLayout(grid)

        self.list = QListWidget()
        self.list.setObjectName("annotationList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.list, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("annotationEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("annotationEdit")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("annotationDelete")
        self.undo_button = ShortLabelButton("Undo")
        self.redo_button = ShortLabelButton("Redo")
        for widget in (self.edit_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        layout.addLayout(buttons)
        self.setWidget(body)

        delete = QAction("Delete annotation", self.list)
        delete.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete_selected)
        self.list.addAction(delete)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.filters_changed)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.document_combo, self.tag_combo, self.colour_combo, self.verdict_combo):
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.list.itemClicked.connect(lambda item: self.jump_requested.emit(item.data(ID_ROLE)))
        self.list.itemActivated.connect(lambda item: self.jump_requested.emit(item.data(ID_ROLE)))
        self.list.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(item.data(ID_ROLE)))
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.set_documents([])
        self.set_tags([])
        self._update_buttons()

    # Filters -----------------------------------------------------------------------------
    def set_documents(self, documents: list[tuple[int, str]]) -> None:
        """Document filter choices: shown documents, all, then each (id, title)."""
        self._refill(self.document_combo, [("Documents on screen", SHOWN), ("All documents", ALL)]
                     + [(title, doc_id) for doc_id, title in documents])

    def set_tags(self, tags: list[str]) -> None:
        self._refill(self.tag_combo, [("Any tag", None)] + [(tag, tag) for tag in tags])

    def filters(self) -> dict:
        """``document`` (SHOWN, ALL or an id), ``tag``, ``colour``, ``verdict``, ``search``."""
        return {
            "document": self.document_combo.currentData(),
            "tag": self.tag_combo.currentData(),
            "colour": self.colour_combo.currentData(),
            "verdict": self.verdict_combo.currentData(),
            "search": self.search_edit.text().strip() or None,
        }

    def set_filter(self, name: str, value) -> None:
        """Choose a filter value programmatically (``search`` applies at once)."""
        if name == "search":
            self.search_edit.setText(value or "")
            self._search_timer.stop()
            self.filters_changed.emit()
            return
        combo = {"document": self.document_combo, "tag": self.tag_combo, "colour": self.colour_combo,
                 "verdict": self.verdict_combo}[name]
        combo.setCurrentIndex(max(0, combo.findData(value)))

    @staticmethod
    def _refill(combo: QComboBox, entries: list[tuple[str, object]]) -> None:
        """Replace a combo's entries, keeping the chosen value if it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for label, value in entries:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)
        if combo.currentData() != chosen:
            combo.currentIndexChanged.emit(combo.currentIndex())

    # Rows --------------------------------------------------------------------------------
    def set_rows(self, rows: list[SidebarRow], empty_text: str) -> None:
        keep = self.selected_id()
        self.list.clear()
        for row in rows:
            a = row.annotation
            head = [row.where]
            if a.verdict:
                head.append(a.verdict_label)
            if a.tags:
                head.append(" ".join(f"#{t}" for t in a.tags))
            quote = _excerpt(a.targets[0].quote.exact)
            # A quote that opens with its own quotation mark is not wrapped in another.
            lines = ["  ·  ".join(head), quote if quote[:1] in "“\"‘'«" else f"“{quote}”"]
            if a.note:
                lines.append(_excerpt(a.note))
            if row.orphan:
                lines.append("⚠ Not found in the current text")
            elif row.fuzzy:
                lines.append("≈ Found approximately: the text changed here")
            item = QListWidgetItem(colour_icon(a.colour), "\n".join(lines))
            item.setData(ID_ROLE, a.id)
            item.setToolTip(plain_tooltip(a.note or a.targets[0].quote.exact))
            self.list.addItem(item)
            if a.id == keep:
                self.list.setCurrentItem(item)
        self.empty_label.setText(empty_text if not rows else "")
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def select_id(self, annotation_id: int | None) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == annotation_id:
                self.list.setCurrentRow(i)
                self.list.scrollToItem(self.list.item(i))
                return
        self.list.setCurrentItem(None)

    def set_undo_actions(self, undo: QAction, redo: QAction) -> None:
        self.undo_button.setDefaultAction(undo)
        self.redo_button.setDefaultAction(redo)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _edit_selected(self) -> None:
        if self.selected_id() is not None:
            self.edit_requested.emit(self.selected_id())

    def _delete_selected(self) -> None:
        if self.selected_id() is not None:
            self.delete_requested.emit(self.selected_id())
