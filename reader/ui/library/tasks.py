"""Library work off the GUI thread: one-shot runnables on a private one-thread pool.

``BackgroundRunner.start(function)`` runs ``function(should_cancel=..., progress=...)`` on the
runner's own ``QThreadPool`` (one thread, so tasks on one runner run in order and never touch
the same ``CorpusIndex`` at once) and returns a generation number. ``finished``, ``failed``,
``cancelled`` and ``progress`` come back queued to the GUI thread, tagged with it; callers keep
the generation they still want and ignore the rest, so a stale ranking never overwrites a
fresh one. ``cancel()`` asks every running task to stop (the corpus functions poll
``should_cancel`` and raise ``reader.core.align.Cancelled``). Must not import reader.storage.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.align import Cancelled

PROGRESS_INTERVAL = 0.05


class _Task(QRunnable):
    def __init__(self, runner: BackgroundRunner, generation: int, function, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.runner, self.generation, self.function, self.stop = runner, generation, function, stop

    def run(self) -> None:
        runner, generation = self.runner, self.generation
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL or done >= total:
                last[0] = now
                runner.progress.emit(generation, int(done), int(total))

        try:
            result = self.function(should_cancel=self.stop.is_set, progress=progress)
        except Cancelled:
            runner.cancelled.emit(generation)
        except Exception as error:  # shown in a dialog; the pool thread must not die silently
            runner.failed.emit(generation, str(error) or type(error).__name__)
        else:
            runner.finished.emit(generation, result)


class BackgroundRunner(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    progress = Signal(int, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.generation = 0
        self._stop = threading.Event()

    def start(self, function) -> int:
        """Queue ``function(should_cancel=..., progress=...)``; returns its generation."""
        self.generation += 1
        self.pool.start(_Task(self, self.generation, function, self._stop))
        return self.generation

    def cancel(self) -> None:
        """Stop whatever runs or waits now; tasks started later run normally."""
        self._stop.set()
        self._stop = threading.Event()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        self.cancel()
        self.pool.waitForDone(timeout_ms)
