"""Progress of cluster work, as the scheduler counts it: ``wait_with_progress(futures, progress)``.

Dask's own text bar (``distributed.diagnostics.progressbar``) follows every task the futures
depend on (reads, shuffles, sums), which is the honest measure of a shuffle whose tasks are not
the caller's; this module keeps its scheduler plugin and hands ``progress(done, total)`` the
counts instead of drawing a bar, so the command draws the same line as every other long
``reader`` command (``done/total tasks, elapsed, about ... left``). Imports distributed; must not
import Qt or reader.storage.
"""

from __future__ import annotations

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
    """Block until ``futures`` are finished or one failed, reporting the tasks behind them."""
    if progress is not None and futures:
        _ForwardingBar(futures, progress)
    wait(futures)
