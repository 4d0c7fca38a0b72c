"""Time from launching the reader on the seed pair to its first painted frame.

Runs the window N times in fresh processes (fresh settings and a fresh annotations database
each time, as a first run) and reports, from the
moment the process is spawned: the first paint of the window, and the first paint that shows
the alignment's marks. Run it under a real display or Xvfb, e.g.:

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/window_startup.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def child() -> None:
    """Open the window on the startup pair; print wall-clock times of the paints that matter."""
    sys.path.insert(0, ROOT)
    from reader.cli import build_parser

    build_parser().parse_args(["gui"])  # what `reader` does before the window: every command registers
    from PySide6.QtCore import QEvent, QObject, QTimer

    from reader.ui.app import create_window, ensure_application

    app = ensure_application()
    times: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                times.setdefault("first_paint", time.time())
                if window.comparison.alignment is not None:
                    times.setdefault("marked_paint", time.time())
                    QTimer.singleShot(0, app.quit)
            return False

    from reader.storage.annotations import open_window_database

    # As `reader` does: open the annotations database (a fresh one here), then the window.
    database, problem = open_window_database(os.path.join(os.environ["READER_SETTINGS_DIR"], "reader.db"))
    assert problem is None, problem
    window = create_window(database=database)
    watch = PaintWatch()
    window.panes["b"].view.viewport().installEventFilter(watch)
    window.resize(1600, 1000)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    window.close()
    print(json.dumps(times))


def main(runs: int = 5) -> None:
    first, marked = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as settings:
            env = dict(os.environ, READER_SETTINGS_DIR=settings)
            start = time.time()
            out = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            times = json.loads(out.stdout.strip().splitlines()[-1])
            first.append(times["first_paint"] - start)
            marked.append(times["marked_paint"] - start)
    print(f"seed pair 002 vs 003, {runs} runs, from process spawn:")
    print(f"  first painted frame:        median {statistics.median(first):.3f} s, max {max(first):.3f} s")
    print(f"  first frame with the marks: median {statistics.median(marked):.3f} s, max {max(marked):.3f} s")


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
