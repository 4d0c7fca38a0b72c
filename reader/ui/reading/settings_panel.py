"""The matching settings panel: minimum passage length, paraphrase and its looseness, quotes.

Edits are gathered for a short moment (so dragging a slider starts one alignment, not twenty)
and then reported as one new ``AlignConfig`` through ``config_changed``. ``set_config`` shows a
config without reporting it. Must not import reader.storage.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.config import AlignConfig

#: Milliseconds of calm after the last edit before re-aligning.
SETTLE_MS = 300


class SettingsPanel(QWidget):
    config_changed = Signal(object)  # AlignConfig

    def __init__(self, config: AlignConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPanel")
        self._config = config or AlignConfig()
        self._quiet = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._report)

        self.min_chars = QSpinBox()
        self.min_chars.setRange(10, 5000)
        self.min_chars.setSingleStep(10)
        self.min_chars.setSuffix(" characters")
        self.min_chars.setToolTip("Shared passages shorter than this (on either side) are not shown")
        self.paraphrase = QCheckBox("Find reworded passages")
        self.paraphrase.setToolTip("Off: only passages copied word for word or lightly edited")
        self.looseness = QSlider(Qt.Orientation.Horizontal)
        self.looseness.setRange(0, 100)
        self.looseness.setPageStep(10)
        self.looseness.setToolTip("How freely a passage may be reworded and still count as a paraphrase")
        self.ignore_quotes = QCheckBox("Ignore shared quotations")
        self.ignore_quotes.setToolTip("Hide passages that are a quotation both articles carry")
        defaults = QPushButton("Restore defaults")
        defaults.clicked.connect(lambda: self._edited(AlignConfig()))

        loose_row = QHBoxLayout()
        loose_row.addWidget(QLabel("strict"))
        loose_row.addWidget(self.looseness, 1)
        loose_row.addWidget(QLabel("loose"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Shortest passage", self.min_chars)
        form.addRow("", self.paraphrase)
        form.addRow("Paraphrase", loose_row)
        form.addRow("", self.ignore_quotes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(form)
        layout.addWidget(defaults, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        self.set_config(self._config)
        self.min_chars.valueChanged.connect(lambda _v: self._edited())
        self.paraphrase.toggled.connect(lambda _v: self._edited())
        self.looseness.valueChanged.connect(lambda _v: self._edited())
        self.ignore_quotes.toggled.connect(lambda _v: self._edited())

    def config(self) -> AlignConfig:
        return self._config

    def set_config(self, config: AlignConfig) -> None:
        """Show ``config`` without reporting a change."""
        self._quiet = True
        try:
            self._config = config
            self.min_chars.setValue(config.min_passage_chars)
            self.paraphrase.setChecked(config.paraphrase)
            self.looseness.setValue(round(config.looseness * 100))
            self.looseness.setEnabled(config.paraphrase)
            self.ignore_quotes.setChecked(config.ignore_quotes)
        finally:
            self._quiet = False

    def _edited(self, replacement: AlignConfig | None = None) -> None:
        if self._quiet:
            return
        if replacement is not None:
            self.set_config(dataclasses.replace(replacement, word_diff=self._config.word_diff,
                                                max_chars=self._config.max_chars))
        else:
            self._config = dataclasses.replace(
                self._config,
                min_passage_chars=self.min_chars.value(),
                paraphrase=self.paraphrase.isChecked(),
                looseness=self.looseness.value() / 100,
                ignore_quotes=self.ignore_quotes.isChecked(),
            )
        self.looseness.setEnabled(self._config.paraphrase)
        self._settle.start()

    def _report(self) -> None:
        self.config_changed.emit(self._config)
