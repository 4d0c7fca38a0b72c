"""Progress of cluster work, as the scheduler counts it: ``wait_with_progress(futures, progress)``.

Dask's own text bar (``distributed.diagnostics.progressbar``) follows every task the futures
depend on (reads, shuffles, sums), which is the honest measure of a shuffle whose tasks are not
the caller's; this module keeps its scheduler plugin and hands ``progress(done, total)`` the
counts instead of drawing a bar, so the command draws the same line as every other long
``reader`` command (``done/total tasks, elapsed, about ... left``). The bar runs in a thread
and never decides when the work is over: the futures do. Imports distributed; must not
import Qt or reader.storage.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from distributed import wait
from distributed.diagnostics.progressbar import TextProgressBar


class _ForwardingBar(TextProgressBar):
    """Dask's text bar with the drawing replaced by a callback."""

    def __init__(self, futures, callback: Callable[[int, int], None]) -> None:
        self._callback = callback
        super().__init__(futures, interval="250ms", complete=True, start=True)

    def _draw_bar(self, remaining, all, **kwargs):  # noqa: A002 - the name Dask passes
        self._callback(all - remaining, all)

    def _draw_stop(self, **kwargs):
        pass


def wait_with_progress(futures: list, progress: Callable[[int, int], None] | None) -> None:
    """Block until ``futures`` are finished or one failed, reporting the tasks behind them.

    The bar listens in a thread of its own and the waiting is done here: Dask's progress plugin
    can miss the end of work that finishes (or fails) while it is being set up, and would then
    wait for ever; the futures cannot. Its last report is completed once they are done.
    """
    last: list[tuple[int, int]] = []
    lock = threading.Lock()
    over = threading.Event()  # set once the futures are done: later reports belong to no one
    if progress is not None and futures:
        def report(done: int, total: int) -> None:
            with lock:
                if not over.is_set():
                    last[:] = [(done, total)]
                    progress(done, total)

        threading.Thread(target=_ForwardingBar, args=(futures, report), daemon=True,
                         name="reader-progress").start()
    wait(futures)
    with lock:
        over.set()
        if progress is not None and last and last[0][0] < last[0][1] \
                and all(f.status == "finished" for f in futures):
            progress(last[0][1], last[0][1])
