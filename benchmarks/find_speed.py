"""How long the find bar takes per keystroke and per F3 on two 1 MB texts.

    python benchmarks/find_speed.py

Both panes hold seed 002 repeated to about 1 MB (thousands of matches for short searches); the
alignment is cancelled, as it does not change what the find bar does. The
find bar is opened and each search set as the user's typing would leave it ("t", "th", "the"…);
each is timed from the text change to the end of the event-loop turn that paints the marks,
then ten F3 presses.
Runs offscreen unless a display is set; uses fresh settings. Never run by the tests.
"""

from __future__ import annotations

import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_CHARS = 1_000_000
SEARCHES = ("t", "th", "the", "m", "me", "meta")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="reader-find-") as folder:
        os.environ["READER_SETTINGS_DIR"] = folder
        if not os.environ.get("DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from reader import seeds_folder
        from reader.ui.app import create_window, ensure_application
        from reader.ui.snapshot import wait_until

        app = ensure_application()
        seed = next(seeds_folder().glob("002_*.txt")).read_text(encoding="utf-8")
        path = pathlib.Path(folder) / "big.txt"
        path.write_text((seed + "\n\n") * (TARGET_CHARS // len(seed)), encoding="utf-8")
        window = create_window([str(path), str(path)])
        window.resize(1400, 900)
        window.show()
        # Searching does not need the alignment, and one running in the background would take
        # the interpreter from the find bar: stopped, so only the find bar is measured.
        window.comparison.cancel()
        wait_until(lambda: not window.comparison.busy, 60)
        window.open_find()
        bar = window.find_bar
        for query in SEARCHES:
            started = time.perf_counter()
            bar.field.setText(query)
            app.processEvents()
            print(f"type {query!r:8} {len(bar.matches['a']):5} matches in A: "
                  f"{(time.perf_counter() - started) * 1000:6.0f} ms")
        started = time.perf_counter()
        for _ in range(10):
            bar.find_next()
            app.processEvents()
        print(f"F3: {(time.perf_counter() - started) * 100:.0f} ms a press (mean of 10)")
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
