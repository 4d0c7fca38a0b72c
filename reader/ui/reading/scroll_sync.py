"""Synchronized scrolling: scrolling one pane keeps the other on the corresponding passage.

The text at the middle of the scrolled pane is mapped to its counterpart in the other document
(``PassageIndex.counterpart_offset``) and the other pane is scrolled to put that text at the same
height. A scroll lock (Meld's ``with_scroll_lock``) keeps the second pane's scroll from syncing
the first back. Syncing can be switched off.

Must not import reader.storage.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject


class ScrollSync(QObject):
    def __init__(self, pane_a, pane_b, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = {"a": pane_a, "b": pane_b}
        self.enabled = True
        self._index = None
        self._locked = False
        pane_a.view.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled("a"))
        pane_b.view.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled("b"))

    def set_index(self, index) -> None:
        self._index = index

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = bool(enabled)
        if self.enabled:
            self.follow("a")

    @contextmanager
    def locked(self):
        """Scroll panes programmatically without one pane dragging the other along."""
        was, self._locked = self._locked, True
        try:
            yield
        finally:
            self._locked = was

    def _scrolled(self, side: str) -> None:
        if self._locked or not self.enabled or self._index is None:
            return
        self.follow(side)

    def follow(self, side: str) -> None:
        """Scroll the pane opposite ``side`` to the text corresponding to ``side``'s middle."""
        if self._index is None:
            return
        source = self.panes[side]
        target = self.panes["b" if side == "a" else "a"]
        offset = source.offset_at(source.viewport_height() / 2)
        counterpart = self._index.counterpart_offset(side, offset)
        with self.locked():
            target.scroll_offset_to(counterpart, source.line_top(offset))
