"""Alignment in the background: one-shot runnables, newest request wins.

``AlignmentRunner.request(text_a, text_b, config)`` starts a ``QRunnable`` that calls the pure
``align`` function on a thread pool and returns a generation number. Results, failures and
progress come back through the runner's signals (queued to the GUI thread) tagged with their
generation; anything older than the newest request is dropped here (as git-cola's ``cmd.py``
does), and older runs are asked to stop through ``align``'s ``should_cancel``. The GUI thread
never waits for an alignment.

Must not import reader.storage; the align function is injected for tests about other things.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

#: Progress reports closer together than this are skipped: they would flood the event queue.
PROGRESS_INTERVAL = 0.05


class _Signals(QObject):
    """Lives in the GUI thread; emitted from pool threads, so connections are queued."""

    finished = Signal(int, object)      # generation, Alignment
    failed = Signal(int, str)           # generation, message
    cancelled = Signal(int)             # generation
    progress = Signal(int, int, int)    # generation, done, total


class _AlignTask(QRunnable):
    def __init__(self, runner: AlignmentRunner, generation: int, text_a: str, text_b: str, config) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.runner = runner
        self.generation = generation
        self.args = (text_a, text_b, config)

    def run(self) -> None:
        runner, generation, signals = self.runner, self.generation, self.runner._signals
        last_report = [0.0]

        def should_cancel() -> bool:
            return runner.latest_generation != generation or runner.closing.is_set()

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last_report[0] >= PROGRESS_INTERVAL or done >= total:
                last_report[0] = now
                signals.progress.emit(generation, int(done), int(total))

        # The engine allocates millions of small objects; each full garbage collection they
        # trigger holds the GIL for 50-150 ms and freezes the window meanwhile. They are freed
        # by reference counting anyway, so collection waits until the run is over (one run at
        # a time: the pool has one thread).
        collecting = gc.isenabled()
        gc.disable()
        try:
            alignment = runner.align_function(*self.args, should_cancel=should_cancel, progress=progress)
        except Exception as error:  # the GUI shows it; the thread must not die silently
            if runner.is_cancellation(error):
                signals.cancelled.emit(generation)
            else:
                signals.failed.emit(generation, str(error) or type(error).__name__)
            return
        finally:
            if collecting:
                gc.enable()
        signals.finished.emit(generation, alignment)


class AlignmentRunner(QObject):
    """Runs alignments off the GUI thread and reports only the newest one."""

    started = Signal(int)
    progress = Signal(int, int)         # done, total (newest request only)
    finished = Signal(object)           # Alignment of the newest request
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, align_function: Callable | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if align_function is None:
            from reader.core.align import align as align_function
        self.align_function = align_function
        self.latest_generation = 0
        self.closing = threading.Event()
        self.busy = False
        # One thread: the engine's stemmer is shared and not thread-safe (two alignments at once
        # can fail inside it), and the machine's cores are better spent on one run. A stale run
        # stops at its next should_cancel check, then the newest one starts.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._signals.progress.connect(self._on_progress)

    @staticmethod
    def is_cancellation(error: BaseException) -> bool:
        from reader.core.align import Cancelled

        return isinstance(error, Cancelled)

    def request(self, text_a: str, text_b: str, config) -> int:
        """Start aligning; every earlier request becomes stale. Returns the new generation."""
        self.latest_generation += 1
        generation = self.latest_generation
        self._set_busy(True)
        self.started.emit(generation)
        self.pool.start(_AlignTask(self, generation, text_a, text_b, config))
        return generation

    def cancel(self) -> None:
        """Make every running request stale (they stop at their next check)."""
        self.latest_generation += 1
        self._set_busy(False)

    def shutdown(self, wait_ms: int = 3000) -> bool:
        """Stop all work before the window goes away; True if the pool drained in time."""
        self.closing.set()
        self.cancel()
        return self.pool.waitForDone(wait_ms)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _on_finished(self, generation: int, alignment) -> None:
        if generation == self.latest_generation:
            self._set_busy(False)
            self.finished.emit(alignment)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self.latest_generation:
            self._set_busy(False)
            self.failed.emit(message)

    def _on_cancelled(self, generation: int) -> None:
        if generation == self.latest_generation:
            self._set_busy(False)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self.latest_generation:
            self.progress.emit(done, total)
