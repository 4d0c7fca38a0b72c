"""The state of one comparison: documents A and B, the settings, the alignment, the selected match.

``Comparison`` is the window's model. Widgets never talk to each other about documents or
matches; they call this object and redraw on its signals. Changing a document clears the
alignment (its offsets no longer apply) and starts a new one; changing the settings keeps the
old marks on screen until the new alignment arrives. Alignment runs on a latest-only
``reader.ui.tasks.TaskRunner`` (a newer request makes older runs stale; only its result arrives).
Each alignment is then judged (``reader.core.corpus.pair_verdict``: the verdict, with the
direction from the documents' dates, quotations or containment) on a background thread too —
tokenizing two 1 MB texts takes about a second — and ``verdict_changed`` reports it; a verdict
for an alignment no longer on screen is dropped. The same task compares the facts inside every
passage (``reader.core.facts``); ``facts_changed`` reports them (``facts``: one tuple of
``FactChange`` per match) just before the verdict.

Must not import reader.storage or widgets.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Signal

from reader.core.config import AlignConfig
from reader.core.corpus import pair_verdict
from reader.core.facts import compare_facts
from reader.ui.reading.passage_index import PassageIndex
from reader.ui.tasks import TaskRunner


class Comparison(QObject):
    documents_changed = Signal()
    alignment_changed = Signal()        # a new alignment, or None (cleared)
    verdict_changed = Signal(object)    # the Verdict of the alignment on screen (after it)
    facts_changed = Signal(object)      # the fact changes per match of the alignment on screen, or None
    current_changed = Signal(object)    # match index or None
    busy_changed = Signal(bool)
    progress = Signal(int, int)
    failed = Signal(str)

    def __init__(self, config: AlignConfig | None = None, align_function=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.documents = {"a": None, "b": None}
        self.config = config or AlignConfig()
        self.alignment = None
        self.verdict = None
        self.facts = None
        self.index: PassageIndex | None = None
        self.current: int | None = None
        if align_function is None:
            from reader.core.align import align as align_function
        self.align_function = align_function
        # One thread: an alignment fills every core it gets, so a stale run must not compete
        # with the newest one; it stops at its next should_cancel check.
        self.runner = TaskRunner(self, latest_only=True, pause_gc=True)
        self.runner.finished.connect(lambda _generation, alignment: self._on_aligned(alignment))
        self.runner.failed.connect(lambda _generation, message: self.failed.emit(message))
        self.runner.progress.connect(lambda _generation, done, total: self.progress.emit(done, total))
        self.runner.busy_changed.connect(self.busy_changed)
        self.judge_runner = TaskRunner(self)
        self.judge_runner.finished.connect(self._on_judged)
        self._judge_generation = 0

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def ready(self) -> bool:
        return self.documents["a"] is not None and self.documents["b"] is not None

    # Documents and settings --------------------------------------------------------------
    def set_document(self, side: str, document) -> None:
        self.documents[side] = document
        self._documents_replaced()

    def set_documents(self, document_a, document_b) -> None:
        self.documents = {"a": document_a, "b": document_b}
        self._documents_replaced()

    def swap(self) -> None:
        """Exchange A and B; an alignment on screen is mirrored rather than recomputed."""
        self.documents = {"a": self.documents["b"], "b": self.documents["a"]}
        old, current = self.alignment, self.current
        self.documents_changed.emit()
        if old is not None and not self.busy:
            swapped = old.swapped()
            selected = None
            if current is not None:
                m = old.matches[current]
                mirrored = (m.b_start, m.b_end, m.a_start, m.a_end)
                selected = next((i for i, s in enumerate(swapped.matches)
                                 if (s.a_start, s.a_end, s.b_start, s.b_end) == mirrored), None)
            self._set_alignment(swapped)
            self.select(selected)
        else:
            self._set_alignment(None)
            self.realign()

    def set_config(self, config: AlignConfig) -> None:
        if config == self.config:
            return
        self.config = config
        self.realign()

    def realign(self) -> None:
        if not self.ready():
            self.runner.cancel()
            return
        self.runner.start(partial(self.align_function, self.documents["a"].text, self.documents["b"].text,
                                  self.config))

    def cancel(self) -> None:
        self.runner.cancel()

    def shutdown(self) -> None:
        self.runner.shutdown(wait_ms=3000)
        self.judge_runner.shutdown()

    def _documents_replaced(self) -> None:
        self.documents_changed.emit()
        self._set_alignment(None)
        self.realign()

    # Alignment and selection -------------------------------------------------------------
    def _on_aligned(self, alignment) -> None:
        self._set_alignment(alignment)

    def _set_alignment(self, alignment) -> None:
        self.alignment = alignment
        self.verdict = None
        self.facts = None
        self._judge_generation = 0
        if alignment is None:
            self.index = None
        else:
            self.index = PassageIndex(alignment.matches, len(self.documents["a"].text), len(self.documents["b"].text))
        self.current = None
        self.alignment_changed.emit()
        self.facts_changed.emit(None)
        self.current_changed.emit(None)
        if alignment is not None:
            self._judge(alignment)

    def _judge(self, alignment) -> None:
        a, b = self.documents["a"], self.documents["b"]
        texts, dates = (a.text, b.text), (getattr(a, "published", None), getattr(b, "published", None))
        self._judge_generation = self.judge_runner.start(
            lambda should_cancel, progress: (pair_verdict(alignment, *texts, *dates),
                                             compare_facts(alignment, *texts)))

    def _on_judged(self, generation: int, result) -> None:
        if generation == self._judge_generation:
            self.verdict, self.facts = result
            self.facts_changed.emit(self.facts)
            self.verdict_changed.emit(self.verdict)

    def select(self, match_index: int | None) -> None:
        if match_index is not None and (self.alignment is None or not 0 <= match_index < len(self.alignment.matches)):
            match_index = None
        self.current = match_index
        self.current_changed.emit(match_index)

    def step(self, forward: bool) -> bool:
        """Select the next (previous) match; False when there is none."""
        if self.index is None:
            return False
        target = self.index.step(self.current, forward)
        if target is None:
            return False
        self.select(target)
        return True
