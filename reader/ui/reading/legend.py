"""The legend: what each colour and underline means, drawn exactly as the panes draw it.

Each kind's sample is laid out with the same ``QTextCharFormat`` the panes use (tint and
underline style), made afresh at each paint from the palette of the moment, so the legend
cannot drift from the marks it explains, in any theme. A sample shows that a strong tint means
identical words and a pale one reworded words, and a last one the box of a changed fact
(``fact_marks``).
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QTextLayout
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from reader.core.matches import EDITED, KINDS
from reader.ui.reading import kind_style
from reader.ui.reading.fact_marks import FactSample


class SampleText(QWidget):
    """A line of text whose parts are marked as a passage of a kind: ``(text, (kind, identical))``,
    or ``(text, None)`` for plain text."""

    def __init__(self, parts: list[tuple[str, tuple[str, bool] | None]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.text = "".join(text for text, _ in parts)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _layout(self) -> QTextLayout:
        layout = QTextLayout(self.text, self.font())
        ranges, position = [], 0
        for text, mark in self.parts:
            if mark is not None:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = position, len(text), kind_style.passage_format(*mark)
                ranges.append(r)
            position += len(text)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        return layout

    def sizeHint(self) -> QSize:
        layout = self._layout()  # keep it alive: a QTextLine dies with its layout
        line = layout.lineAt(0)
        return QSize(int(line.naturalTextWidth()) + 8, int(line.height()) + 8)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        layout = self._layout()
        y = (self.height() - layout.lineAt(0).height()) / 2
        layout.draw(painter, QPointF(4, y))
        painter.end()


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        self.samples: dict[str, SampleText] = {}
        for kind in KINDS:
            sample = SampleText([(f" {kind_style.LABELS[kind]} ", (kind, True))])
            sample.setToolTip(kind_style.describe(kind))
            self.samples[kind] = sample
            layout.addWidget(sample)
        layout.addSpacing(12)
        strength = SampleText([
            (" same words ", (EDITED, True)),
            (" ", None),
            (" changed words ", (EDITED, False)),
        ])
        strength.setToolTip("Inside a passage, identical words are tinted strongly and reworded ones lightly")
        layout.addWidget(strength)
        self.fact_sample = FactSample()
        layout.addWidget(self.fact_sample)
        hint = QLabel("Underlines tell the kinds apart without colour: solid, dashed, wavy, dotted.")
        hint.setObjectName("legendHint")
        hint.setWordWrap(False)
        # The hint may be cut on a narrow window; it must not set the window's minimum width.
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        hint.setMinimumWidth(1)  # a label's minimum is its whole text otherwise, whatever the policy
        hint.setToolTip(hint.text())
        self.hint = hint
        layout.addWidget(hint, 1)
        self.strength = strength
        #: Shown while the width allows, in this order (the words sample goes first on a narrow
        #: window, then the facts box); the four kinds always stay: the legend must not hold the
        #: window wider than a small screen.
        self.optional = [self.fact_sample, strength]

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        spare = sum(w.sizeHint().width() + self.layout().spacing() for w in self.optional if not w.isHidden())
        return QSize(hint.width() - spare, hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        margins = self.layout().contentsMargins()
        room = event.size().width() - margins.left() - margins.right() - 12
        room -= sum(s.sizeHint().width() + self.layout().spacing() for s in self.samples.values())
        for widget in self.optional:
            need = widget.sizeHint().width() + self.layout().spacing()
            widget.setVisible(room >= need)
            room -= need if room >= need else room
