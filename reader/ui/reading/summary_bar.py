"""The summary bar: the verdict on the pair, how much each side shares, alignment progress.

First line, once the pair is judged: the verdict (``reader.core.verdict``), "B is a rewrite of
A: 18 of its 21 sentences restate A, in A's order; 3 are new.", with why one side is taken for
the source when that is known ("A was published first."). Second line: "B shares 71% of its
text with A (18 passages, longest verbatim run 24 words)" and the same for A, from the
alignment's ``Summary`` through ``reader.core.coverage.percent``, the one way every view states
a share. While an alignment runs, a progress bar and a Cancel button. Must not import
reader.storage.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from reader.core.coverage import percent

# Matched in escaped text, where "<1%" reads "&lt;1%".
_PERCENT_RE = re.compile(r"(&lt;1%|\d+%)")


def _bold_shares(line: str) -> str:
    return _PERCENT_RE.sub(r"<b>\1</b>", html.escape(line))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_sentences(summary) -> tuple[str, str]:
    """The two sentences for B then A; percentages rounded, never "0%" for a non-zero share."""
    details = (f"{_plural(summary.matches, 'passage')}, longest verbatim run "
               f"{_plural(summary.longest_verbatim_words, 'word')}")
    return (f"B shares {percent(summary.share_b)} of its text with A ({details})",
            f"A shares {percent(summary.share_a)} of its text with B")


class SummaryBar(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBar")
        # Paint the stylesheet's background: a plain QWidget does not, so under a dark palette the
        # stylesheet's dark text stood on the dark window colour, unreadable.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
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
        self._summary = self._verdict = None
        self.set_busy(False)
        self.show_text("Open two documents to compare them.")

    def show_summary(self, summary, verdict=None) -> None:
        """The shares of ``summary``; the verdict line too when ``verdict`` is given."""
        self._summary, self._verdict = summary, verdict
        self._render()

    def show_verdict(self, verdict) -> None:
        """Add the verdict on the pair whose summary is shown (ignored when none is)."""
        if self._summary is not None and verdict is not None:
            self._verdict = verdict
            self._render()

    def verdict_text(self) -> str:
        """The verdict line as plain text ("" until the pair is judged)."""
        v = self._verdict
        return " ".join(filter(None, (v.describe(), v.explain_direction()))) if v is not None else ""

    def _render(self) -> None:
        b_line, a_line = summary_sentences(self._summary)
        shares = f"{b_line}.   {a_line}."
        verdict = self.verdict_text()
        self._plain = f"{verdict}\n{shares}" if verdict else shares
        # The sentences hold only numbers and fixed words, so they are safe as rich text; the
        # shares are set in bold because they are what a reader looks for first, and so is the
        # verdict (its reason follows in normal weight).
        rich = _bold_shares(b_line) + ".&nbsp;&nbsp;&nbsp; " + _bold_shares(a_line) + "."
        if verdict:
            reason = self._verdict.explain_direction()
            rich = (f"<b>{html.escape(self._verdict.describe())}</b>"
                    + (f" {html.escape(reason)}" if reason else "") + "<br>" + rich)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setText(rich)

    def show_text(self, text: str) -> None:
        self._plain = text
        self._summary = self._verdict = None
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
