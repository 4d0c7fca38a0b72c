"""Work off the GUI thread: one-shot runnables, generation numbers, newest wins.

``TaskRunner.start(function)`` queues a one-shot ``QRunnable`` that calls the pure
``function(should_cancel=..., progress=...)`` on a thread pool and returns the request's
generation number (1, 2, 3, … per runner). The GUI thread never waits for it. The contract
(after git-cola's ``cmd.py``, where the newest request wins, and novelWriter's runnables, which
report through a signal object living in the GUI thread):

- **Results come back as signals, in the GUI thread**, tagged with their generation:
  ``finished(generation, result)``, ``failed(generation, message)`` (any exception but
  ``reader.core.align.Cancelled``; the pool thread never dies silently),
  ``cancelled(generation)`` (the function raised ``Cancelled``) and
  ``progress(generation, done, total)``. ``started(generation)`` is emitted by ``start``.
- **Progress is throttled** (``ProgressThrottle``): reports closer together than
  ``PROGRESS_INTERVAL`` are skipped, because they would flood the event queue; the last one
  (``done >= total``) always goes through.
- **Cancel.** ``cancel()`` makes ``should_cancel()`` true for every task started before it,
  running or still queued; tasks started later run normally. ``shutdown()`` cancels, refuses
  to let anything still queued do work, and waits for the pool.
- **Latest only** (``latest_only=True``, for the alignment): each ``start`` makes every earlier
  request stale. Stale runs are asked to stop (their ``should_cancel()`` turns true) and
  whatever they report — result, failure, progress — is dropped here, so a stale result never
  overwrites a fresh one. ``cancel()`` makes the newest request stale too. Without it (the
  library: building the index, adding to it, then ranking must all happen), every task runs
  to its end and every report is delivered; callers keep the generation they still want.
- ``busy`` (and ``busy_changed``) is true from a ``start`` until the newest request has
  reported its end or was cancelled.
- **The pool.** ``threads=1`` (the default) gives the runner a private one-thread pool, so its
  tasks run one at a time and in order (the library's ``CorpusIndex`` is never touched by two
  at once; the alignment, which fills every core it gets, never competes with a stale run).
  ``threads=N`` gives a private pool of N threads; ``threads=None`` uses Qt's global pool (then
  ``shutdown`` waits for everything on it).
- ``pause_gc=True`` keeps Python's cyclic garbage collector off while a task runs (counted, so
  overlapping tasks are safe): the engine allocates millions of small objects, and each full
  collection they trigger holds the GIL for 50-150 ms and freezes the window meanwhile. They
  are freed by reference counting anyway.

Must not import reader.storage.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from reader.core.align import Cancelled

#: Progress reports closer together than this (seconds) are skipped.
PROGRESS_INTERVAL = 0.05


class ProgressThrottle:
    """Wraps ``report(done, total)``: passes a call on only if ``interval`` has passed since the
    last one that went through, or if it is the last (``done >= total``)."""

    def __init__(self, report: Callable[[int, int], None], interval: float = PROGRESS_INTERVAL) -> None:
        self.report, self.interval, self.last = report, interval, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval or done >= total:
            self.last = now
            self.report(int(done), int(total))


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


def _pause_gc() -> None:
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1


def _resume_gc() -> None:
    global _gc_pauses
    with _gc_lock:
        _gc_pauses -= 1
        if _gc_pauses == 0 and _gc_was_enabled:
            gc.enable()


class _Signals(QObject):
    """Lives in the GUI thread; emitted from pool threads, so its connections are queued."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    progress = Signal(int, int, int)


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, generation: int, function: Callable, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.runner, self.generation, self.function, self.stop = runner, generation, function, stop

    def run(self) -> None:
        runner, generation, signals = self.runner, self.generation, self.runner._signals
        if runner._closing.is_set():
            signals.cancelled.emit(generation)
            return

        def should_cancel() -> bool:
            return self.stop.is_set() or runner._closing.is_set() or (
                runner.latest_only and runner.generation != generation)

        progress = ProgressThrottle(lambda done, total: signals.progress.emit(generation, done, total))
        if runner.pause_gc:
            _pause_gc()
        try:
            result = self.function(should_cancel=should_cancel, progress=progress)
        except Cancelled:
            signals.cancelled.emit(generation)
        except Exception as error:  # shown to the user; the pool thread must not die silently
            signals.failed.emit(generation, str(error) or type(error).__name__)
        else:
            signals.finished.emit(generation, result)
        finally:
            if runner.pause_gc:
                _resume_gc()


class TaskRunner(QObject):
    """Runs pure functions off the GUI thread; see the module docstring for the contract."""

    started = Signal(int)
    finished = Signal(int, object)      # generation, result
    failed = Signal(int, str)           # generation, message
    cancelled = Signal(int)             # generation
    progress = Signal(int, int, int)    # generation, done, total
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, threads: int | None = 1,
                 latest_only: bool = False, pause_gc: bool = False) -> None:
        super().__init__(parent)
        if threads is None:
            self.pool = QThreadPool.globalInstance()
        else:
            self.pool = QThreadPool(self)
            self.pool.setMaxThreadCount(threads)
        self.latest_only, self.pause_gc = latest_only, pause_gc
        #: The newest generation handed out (in latest-only mode, ``cancel`` moves it on too).
        self.generation = 0
        self._newest_started = 0
        self.busy = False
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._signals = _Signals(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.finished.connect(self._on_finished, queued)
        self._signals.failed.connect(self._on_failed, queued)
        self._signals.cancelled.connect(self._on_cancelled, queued)
        self._signals.progress.connect(self._on_progress, queued)

    def start(self, function: Callable) -> int:
        """Queue ``function(should_cancel=..., progress=...)``; returns its generation."""
        self.generation += 1
        generation = self._newest_started = self.generation
        self._set_busy(True)
        self.started.emit(generation)
        self.pool.start(_Task(self, generation, function, self._stop))
        return generation

    def cancel(self) -> None:
        """Ask every task started so far to stop; tasks started later run normally."""
        self._stop.set()
        self._stop = threading.Event()
        if self.latest_only:
            self.generation += 1
        self._set_busy(False)

    def shutdown(self, wait_ms: int = 10_000) -> bool:
        """Stop all work before the window goes away; True if the pool drained in time."""
        self._closing.set()
        self.cancel()
        return self.pool.waitForDone(wait_ms)

    # In the GUI thread ------------------------------------------------------------------
    def _current(self, generation: int) -> bool:
        return not self.latest_only or generation == self.generation

    def _ended(self, generation: int) -> None:
        if generation == self._newest_started:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _on_finished(self, generation: int, result) -> None:
        if self._current(generation):
            self._ended(generation)
            self.finished.emit(generation, result)

    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self._ended(generation)
            self.failed.emit(generation, message)

    def _on_cancelled(self, generation: int) -> None:
        if self._current(generation):
            self._ended(generation)
            self.cancelled.emit(generation)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if self._current(generation):
            self.progress.emit(generation, done, total)
