"""The dialog that edits a library document's title, source (outlet), URL and publication date.

``LibraryEditDialog(stored, parent)``; after ``exec()`` returns Accepted, ``fields()`` holds the
changed values (empty text clears URL, source and date). The date is checked here (ISO
``YYYY-MM-DD``) so a bad one is refused in the dialog, before anything is stored.
Must not import reader.storage.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit


class LibraryEditDialog(QDialog):
    def __init__(self, stored, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit Document #{stored.id}")
        self.stored = stored
        self.title = QLineEdit(stored.title or "")
        self.source = QLineEdit(stored.source or "")
        self.url = QLineEdit(stored.url or "")
        self.published = QLineEdit(stored.published or "")
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.problem.setStyleSheet("color: #a00;")
        form = QFormLayout(self)
        form.addRow("&Title:", self.title)
        form.addRow("&Source:", self.source)
        form.addRow("&URL:", self.url)
        form.addRow("&Published:", self.published)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def fields(self) -> dict:
        values = {"title": self.title.text().strip(), "source": self.source.text().strip() or None,
                  "url": self.url.text().strip() or None, "published": self.published.text().strip() or None}
        current = {"title": self.stored.title, "source": self.stored.source, "url": self.stored.url,
                   "published": self.stored.published}
        return {k: v for k, v in values.items() if v != current[k]}

    def accept(self) -> None:  # noqa: D401 - Qt override: refuse a bad date or an empty title
        date = self.published.text().strip()
        if date:
            try:
                datetime.date.fromisoformat(date[:10])
                datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
            except ValueError:
                self.problem.setText(f"“{date}” is not a date; write it as YYYY-MM-DD.")
                return
        if not self.title.text().strip():
            self.problem.setText("A document needs a title.")
            return
        super().accept()
