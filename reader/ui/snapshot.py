"""Render the window to a PNG: for the README, for bug reports, for checking the look by eye.

``render_window`` opens the window on two files (or the seed pair) with fresh settings and an
empty annotations database, waits
for the alignment, optionally selects a passage, and saves ``QWidget.grab()``. It never touches
the user's settings. Must not import reader.storage.
"""

from __future__ import annotations

import os
import tempfile
import time

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.atomic import write_atomic
from reader.ui import app as ui_app


class SnapshotError(RuntimeError):
    """The window could not be rendered (no alignment in time, or the PNG could not be written)."""


def wait_until(condition, timeout: float) -> bool:
    """Run the event loop until ``condition()`` holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def render_window(out: str, files: list[str], width: int, height: int, select: int | None = None,
                  timeout: float = 60.0) -> int:
    """Save a PNG of the window; returns the number of passages shown."""
    with tempfile.TemporaryDirectory(prefix="reader-shot-") as settings_dir:
        previous = os.environ.get(ui_app.SETTINGS_ENV)
        os.environ[ui_app.SETTINGS_ENV] = settings_dir
        try:
            ui_app.ensure_application()
            from reader.storage.annotations import open_window_database

            # An empty throw-away annotations database, so the window looks as `reader` opens it.
            database, _problem = open_window_database(os.path.join(settings_dir, "reader.db"))
            window = ui_app.create_window(files, database=database)
            window.resize(width, height)
            window.show()
            comparison = window.comparison
            if comparison.ready() and not wait_until(lambda: comparison.alignment is not None and not comparison.busy,
                                                     timeout):
                window.close()
                raise SnapshotError(f"{out}: the alignment did not finish within {timeout:g} s")
            if comparison.alignment is not None:  # the summary bar's verdict follows the alignment
                wait_until(lambda: comparison.verdict is not None, timeout)
            if select is not None and comparison.alignment is not None and comparison.alignment.matches:
                window.go_to(min(max(select, 1), len(comparison.alignment.matches)) - 1, origin=None)
            wait_until(lambda: False, 0.3)  # let layouts settle and paint
            image = window.grab()
            count = len(comparison.alignment.matches) if comparison.alignment is not None else 0
            window.close()
            QApplication.processEvents()
            if database is not None:
                database.close()
        finally:
            if previous is None:
                os.environ.pop(ui_app.SETTINGS_ENV, None)
            else:
                os.environ[ui_app.SETTINGS_ENV] = previous
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SnapshotError(f"{out}: could not encode the PNG")
    try:
        write_atomic(out, bytes(buffer.data()))
    except OSError as exc:
        raise SnapshotError(f"{exc} (does the folder exist?)") from None
    return count
