"""Does the window stay responsive while a pair of 1 MB documents aligns?

Builds two ~1 MB texts from the PAN 2013 training corpus (suspicious documents of the
"no obfuscation" pairs as A, their sources as B, so real reuse is spread through both), opens
them in the window, and while the alignment runs in the background measures the longest gap
between ticks of a 10 ms QTimer: the longest time the window could not react. It also times
loading the texts into the panes, painting the result when it arrives, and scrolling.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/window_responsiveness.py [PAN_DIR]
"""

from __future__ import annotations

import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_PAN = ROOT.parent / "shared" / "pan13-train"
TARGET_CHARS = 1_000_000


def build_pair(pan: pathlib.Path) -> tuple[str, str]:
    pairs = [line.split() for line in (pan / "02-no-obfuscation" / "pairs").read_text().splitlines() if line.strip()]
    parts = {"a": [], "b": []}
    seen: dict[str, set] = {"a": set(), "b": set()}
    sizes = {"a": 0, "b": 0}
    for susp, src in pairs:
        for side, folder, name in (("a", "susp", susp), ("b", "src", src)):
            if sizes[side] < TARGET_CHARS and name not in seen[side]:
                # A few PAN files carry stray NULs, which pasted text may not.
                text = (pan / folder / name).read_text(encoding="utf-8").replace("\x00", " ")
                parts[side].append(text)
                sizes[side] += len(text) + 2
                seen[side].add(name)
        if min(sizes.values()) >= TARGET_CHARS:
            break
    return "\n\n".join(parts["a"]), "\n\n".join(parts["b"])


def main() -> None:
    pan = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PAN
    text_a, text_b = build_pair(pan)
    os.environ["READER_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="reader-bench-")
    from PySide6.QtCore import QEventLoop, QTimer

    from reader.core.documents import document_from_text
    from reader.ui.app import create_window, ensure_application
    from reader.ui.snapshot import wait_until

    app = ensure_application()
    window = create_window()
    window.resize(1600, 1000)
    window.show()
    wait_until(lambda: window.comparison.alignment is not None, 30)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    # Baseline: the same ticking with nothing running shows what the machine's load alone costs.
    timer.start()
    wait_until(lambda: False, 2.0)
    timer.stop()
    idle = [b - a for a, b in zip(ticks, ticks[1:])]
    ticks.clear()

    doc_a = document_from_text(text_a, "PAN suspicious documents", source="benchmark")
    doc_b = document_from_text(text_b, "PAN source documents", source="benchmark")
    started = time.perf_counter()
    window.compare(doc_a, doc_b)  # loads both panes (GUI thread) and starts the alignment
    loaded = time.perf_counter()
    timer.start()
    arrived = []
    window.comparison.alignment_changed.connect(
        lambda: arrived.append(time.perf_counter()) if window.comparison.alignment is not None else None)
    loop = QEventLoop()  # one plain event loop, as in the application: no polling
    window.comparison.alignment_changed.connect(loop.quit)
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    wait_until(lambda: False, 0.5)  # paint the result, keep ticking
    timer.stop()
    during = [b - a for a, b in zip(ticks, ticks[1:]) if b <= arrived[0]]
    after = [b - a for a, b in zip(ticks, ticks[1:]) if a >= arrived[0] - 0.02]

    scroll_times = []
    bar = window.panes["a"].view.verticalScrollBar()
    for step in range(1, 21):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * step // 21)  # B follows through scroll sync
        window.panes["a"].view.viewport().repaint()
        window.panes["b"].view.viewport().repaint()
        window.link_map.repaint()
        scroll_times.append(time.perf_counter() - t)
    matches = len(window.comparison.alignment.matches)
    window.close()
    app.processEvents()

    print(f"A {len(text_a):,} chars, B {len(text_b):,} chars, {matches} passages")
    print(f"  loading both panes (GUI thread):        {loaded - started:.3f} s")
    print(f"  alignment in the background:            {arrived[0] - started:.2f} s")
    print(f"  longest event-loop stall, idle window:  {max(idle) * 1000:.0f} ms (machine load baseline)")
    print(f"  longest event-loop stall while aligning: {max(during) * 1000:.0f} ms "
          f"(median tick gap {sorted(during)[len(during) // 2] * 1000:.0f} ms over {len(during)} ticks)")
    print(f"  longest stall showing the result:       {max(after) * 1000:.0f} ms")
    print(f"  scroll one step with sync + repaint:     median {sorted(scroll_times)[10] * 1000:.0f} ms, "
          f"max {max(scroll_times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
