"""Opening web pages in the window: the Open URL dialog and the background fetcher.

Contract:
- ``UrlDialog.ask(parent, clipboard_text) -> (url, side) | None``: asks for an http(s) URL
  and which side (A or B) it opens on; OK is enabled only for a web address. A URL on the
  clipboard is offered as the default.
- ``PageFetcher``: ``fetch(side, url)`` fetches and reads the page with
  ``reader.core.web_pages.load_url`` on its own ``TaskRunner`` (never on the GUI thread) and
  emits ``fetched(side, document)`` or ``failed(side, message)`` (one line). A newer request
  for a side, or ``forget(side)`` (a file opened there meanwhile), makes an older one stale: its
  result is dropped, so a slow page never replaces what the user chose after it. ``pending``
  tells whether a side waits for a page. ``shutdown()`` stops the fetches (between reads).
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from reader.core.page_fetch import is_web_url
from reader.core.web_pages import load_url
from reader.ui.tasks import TaskRunner


class UrlDialog(QDialog):
    """Which page to open, and on which side."""

    def __init__(self, parent=None, url: str = "", side: str = "b") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open URL")
        self.setObjectName("openUrlDialog")
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://…")
        self.url.setMinimumWidth(480)
        self.side_a = QRadioButton("Document &A (left)")
        self.side_b = QRadioButton("Document &B (right)")
        group = QButtonGroup(self)
        for button in (self.side_a, self.side_b):
            group.addButton(button)
        (self.side_a if side == "a" else self.side_b).setChecked(True)
        note = QLabel("Reader reads the page's text and never runs its scripts or fetches what it links to.")
        note.setWordWrap(True)
        note.setObjectName("hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        sides = QHBoxLayout()
        sides.addWidget(self.side_a)
        sides.addWidget(self.side_b)
        sides.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("&Web address:", buddy=self.url))
        layout.addWidget(self.url)
        layout.addLayout(sides)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.url.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(is_web_url(self.url.text()))

    def choice(self) -> tuple[str, str]:
        return self.url.text().strip(), "a" if self.side_a.isChecked() else "b"

    @classmethod
    def ask(cls, parent, clipboard_text: str = "") -> tuple[str, str] | None:
        offered = clipboard_text.strip() if is_web_url(clipboard_text or "") else ""
        dialog = cls(parent, offered)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PageFetcher(QObject):
    """Fetches pages off the GUI thread, newest request per side wins."""

    fetched = Signal(str, object)  # side, Document
    failed = Signal(str, str)      # side, one-line message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Two threads: a page for A and one for B arrive together, not one after the other.
        self.runner = TaskRunner(self, threads=2)
        self._side_of: dict[int, str] = {}
        self._latest: dict[str, int] = {}
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)

    def fetch(self, side: str, url: str) -> None:
        generation = self.runner.start(lambda should_cancel, progress: load_url(url, should_cancel=should_cancel))
        self._side_of[generation] = side
        self._latest[side] = generation

    def forget(self, side: str) -> None:
        self._latest.pop(side, None)

    def pending(self, side: str) -> bool:
        return side in self._latest

    def shutdown(self) -> None:
        self._latest.clear()
        self.runner.shutdown(wait_ms=3000)

    def _current(self, generation: int) -> str | None:
        side = self._side_of.pop(generation, None)
        if side is None or self._latest.get(side) != generation:
            return None
        del self._latest[side]
        return side

    def _on_finished(self, generation: int, document) -> None:
        side = self._current(generation)
        if side is not None:
            self.fetched.emit(side, document)

    def _on_failed(self, generation: int, message: str) -> None:
        side = self._current(generation)
        if side is not None:
            self.failed.emit(side, message)
