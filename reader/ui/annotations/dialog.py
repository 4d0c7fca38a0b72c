"""The dialog that writes or edits one annotation: note, tags, colour, and a verdict for a pair.

``AnnotationDialog`` shows the quoted passage (and, when the selection lies in a matched
passage, its counterpart on the other side with a box to link the two); the verdict is only
offered for such a pair. ``values()`` returns what the reader chose; the caller stores it.
Opened with ``open()`` (window-modal, non-blocking) so tests and the event loop keep running.
Ctrl+Enter saves, as the Save button does.

Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import COLOURS, DEFAULT_COLOUR, VERDICTS, Annotation, parse_tags

#: Characters of a quote shown in the dialog before it is cut with an ellipsis.
QUOTE_PREVIEW_CHARS = 280


def colour_icon(name: str, size: int = 14) -> QIcon:
    """A filled square of annotation colour ``name`` (also used by the sidebar)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(COLOURS.get(name, COLOURS[DEFAULT_COLOUR])))
    return QIcon(pixmap)


def preview(text: str, limit: int = QUOTE_PREVIEW_CHARS) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, not the whole line."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt override
        typed = self.widget().text() if self.widget() is not None else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + str(index.data())


class AnnotationDialog(QDialog):
    """Write a new annotation (``annotation=None``) or edit one."""

    def __init__(self, parent: QWidget | None, *, quote: str, where: str, counterpart: str | None = None,
                 counterpart_where: str = "", annotation: Annotation | None = None,
                 known_tags: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationDialog")
        self.setWindowTitle("Edit annotation" if annotation is not None else "Annotate selection")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        editing_pair = annotation is not None and annotation.is_pair

        layout = QVBoxLayout(self)
        # Titles and quotes come from documents: escaped, never read as markup.
        self.quote_label = QLabel(f"<b>{_html(where)}</b><br>“{_html(preview(quote))}”")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.quote_label)

        #: Link the selection to its matched passage on the other side (new pair annotations).
        self.pair_box = QCheckBox()
        self.pair_box.setObjectName("pairBox")
        self.counterpart_label = QLabel()
        self.counterpart_label.setWordWrap(True)
        self.counterpart_label.setTextFormat(Qt.TextFormat.RichText)
        if counterpart is not None:
            self.counterpart_label.setText(f"<b>{_html(counterpart_where)}</b><br>“{_html(preview(counterpart))}”")
            if not editing_pair:
                self.pair_box.setText("Link to the matching passage on the other side (for a verdict)")
                self.pair_box.setChecked(True)
                layout.addWidget(self.pair_box)
            layout.addWidget(self.counterpart_label)
        self.pair_box.setVisible(counterpart is not None and not editing_pair)
        self.counterpart_label.setVisible(counterpart is not None)

        form = QFormLayout()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText("What do you notice here?")
        self.note_edit.setTabChangesFocus(True)
        form.addRow("&Note:", self.note_edit)

        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("tagsEdit")
        self.tags_edit.setPlaceholderText("tags, separated by commas")
        completer = TagCompleter(QStringListModel(known_tags or []), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        form.addRow("&Tags:", self.tags_edit)

        colours = QWidget()
        row = QHBoxLayout(colours)
        row.setContentsMargins(0, 0, 0, 0)
        self.colour_group = QButtonGroup(self)
        self.colour_group.setExclusive(True)
        self.colour_buttons: dict[str, QToolButton] = {}
        for name in COLOURS:
            button = QToolButton()
            button.setObjectName(f"colour_{name}")
            button.setCheckable(True)
            button.setIcon(colour_icon(name, 16))
            button.setToolTip(name.capitalize())
            button.setAccessibleName(f"Colour {name}")
            self.colour_group.addButton(button)
            self.colour_buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        form.addRow("Colour:", colours)

        self.verdict_combo = QComboBox()
        self.verdict_combo.setObjectName("verdictCombo")
        self.verdict_combo.addItem("No verdict", None)
        for value, label in VERDICTS.items():
            self.verdict_combo.addItem(label, value)
        form.addRow("&Verdict:", self.verdict_combo)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Ctrl+Enter saves from anywhere in the dialog, the note field included (where Enter
        # starts a new line), as in mail and chat programs.
        save = QAction("Save Annotation", self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.accept)
        self.addAction(save)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Save the annotation (Ctrl+Enter)")

        self._editing_pair = editing_pair
        self._may_link = counterpart is not None and not editing_pair
        if annotation is not None:
            self.note_edit.setPlainText(annotation.note)
            self.tags_edit.setText(", ".join(annotation.tags))
            self.colour_buttons[annotation.colour].setChecked(True)
            self.verdict_combo.setCurrentIndex(max(0, self.verdict_combo.findData(annotation.verdict)))
        else:
            self.colour_buttons[DEFAULT_COLOUR].setChecked(True)
        self.pair_box.toggled.connect(self._update_verdict)
        self._update_verdict()
        self.note_edit.setFocus()

    def is_pair(self) -> bool:
        return self._editing_pair or (self._may_link and self.pair_box.isChecked())

    def colour(self) -> str:
        return next(name for name, button in self.colour_buttons.items() if button.isChecked())

    def values(self) -> dict:
        """``note``, ``tags``, ``colour``, ``verdict`` (None unless a pair) and ``pair``."""
        pair = self.is_pair()
        return {
            "note": self.note_edit.toPlainText().strip(),
            "tags": parse_tags(self.tags_edit.text()),
            "colour": self.colour(),
            "verdict": self.verdict_combo.currentData() if pair else None,
            "pair": pair,
        }

    def _update_verdict(self) -> None:
        pair = self.is_pair()
        self.verdict_combo.setEnabled(pair)
        self.counterpart_label.setEnabled(pair)
        self.verdict_combo.setToolTip("" if pair else "A verdict is given on a pair of matched passages: "
                                                      "select text inside a highlighted passage.")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
