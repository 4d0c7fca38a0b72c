"""The summary bar: how much each side shares with the other, and alignment progress.

"B shares 71% of its text with A (18 passages, longest verbatim run 24 words)" and the same
for A, from the alignment's ``Summary``; while an alignment runs, a progress bar and a Cancel
button. Must not import reader.storage.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_sentences(summary) -> tuple[str, str]:
    """The two sentences for B then A; percentages rounded, never "0%" for a non-zero share."""
    def percent(share: float) -> str:
        value = round(share * 100)
        return "under 1%" if value == 0 and share > 0 else f"{value}%"

    details = (f"{_plural(summary.matches, 'passage')}, longest verbatim run "
               f"{_plural(summary.longest_verbatim_words, 'word')}")
    return (f"B shares {percent(summary.share_b)} of its text with A ({details})",
            f"A shares {percent(summary.share_a)} of its text with B")


class SummaryBar(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBar")
        self.message = QLabel()
        self.message.setObjectName("summaryText")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setWordWrap(True)  # wraps on a narrow window instead of widening it
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Aligning… %p%")
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop this alignment (the passages already shown stay)")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(10)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)
        self.set_busy(False)
        self.show_text("Open two documents to compare them.")

    def show_summary(self, summary) -> None:
        b_line, a_line = summary_sentences(summary)
        self._plain = f"{b_line}.   {a_line}."
        # The sentences hold only numbers and fixed words, so they are safe as rich text; the
        # shares are set in bold because they are what a reader looks for first.
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setText(re.sub(r"(\d+%|under 1%)", r"<b>\1</b>", html.escape(b_line)) + ".&nbsp;&nbsp;&nbsp; "
                             + re.sub(r"(\d+%|under 1%)", r"<b>\1</b>", html.escape(a_line)) + ".")

    def show_text(self, text: str) -> None:
        self._plain = text
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setText(text)

    def text(self) -> str:
        """What the bar says, as plain text."""
        return self._plain

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # indeterminate until the first report

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
