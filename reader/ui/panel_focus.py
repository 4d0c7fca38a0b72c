"""Moving the keyboard focus between the window's panels: F6 / Shift+F6, and a Tab order that leaves lists.

``PanelCycle(panels)`` takes a function returning the panels in reading order, each a
``(name, widget)``: the two panes, the find bar when open, then the docks (a dock tabbed behind
another is brought to the front when it is reached, so F6 reaches the Library behind the
Annotations). ``step(+1)`` moves the focus to the first focusable widget of the next panel
after the one holding the focus; the name of the panel reached is returned for the status bar.

``order_tab_chain(window, panels)`` puts the Tab order in the same reading order, panel after
panel, keeping each panel's own order inside it: Qt's default follows the order widgets were
made in, which sent Tab from pane B to the Annotations and Library before the passage table.
``let_tab_leave(widget)`` makes Tab move on from every item view and text view inside
``widget`` instead of moving inside it (Qt's item views use Tab to walk their cells, so the
passage table used to keep the focus forever). Must not import reader.storage.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QPlainTextEdit, QTextEdit, QWidget

#: How far along the focus chain to look for a panel's first focusable widget; a panel has a
#: few dozen widgets at most, and the chain is a ring, so this only stops a runaway walk.
FOCUS_CHAIN_LIMIT = 500


def let_tab_leave(widget: QWidget) -> None:
    for view in widget.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    for text in (*widget.findChildren(QTextEdit), *widget.findChildren(QPlainTextEdit)):
        if text.isReadOnly():
            text.setTabChangesFocus(True)


def order_tab_chain(window: QWidget, panels: list[tuple[str, QWidget]]) -> None:
    """Reorder ``window``'s Tab chain: each panel's widgets in turn, then the rest as they were."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and len(chain) < FOCUS_CHAIN_LIMIT:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()

    def panel_of(w: QWidget) -> int:
        return next((k for k, (_n, panel) in enumerate(panels) if panel is w or panel.isAncestorOf(w)), len(panels))

    ordered = sorted(chain, key=panel_of)  # stable: each panel keeps its inner order
    for before, after in zip(ordered, ordered[1:]):
        QWidget.setTabOrder(before, after)


def _takes_tab_focus(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


def first_focusable(panel: QWidget) -> QWidget | None:
    """The first widget inside ``panel`` that Tab would stop at (``panel`` itself if it takes focus)."""
    if _takes_tab_focus(panel) and not isinstance(panel, QDockWidget):
        return panel
    widget = panel.nextInFocusChain()
    for _ in range(FOCUS_CHAIN_LIMIT):
        if widget is panel:
            break
        if panel.isAncestorOf(widget) and _takes_tab_focus(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


class PanelCycle(QObject):
    """Owned by the window (``parent``), so its focus watch ends with the window."""

    def __init__(self, panels: Callable[[], list[tuple[str, QWidget]]], parent: QObject) -> None:
        super().__init__(parent)
        self.panels = panels
        # A dock tabbed behind another still takes the focus from Tab (Qt keeps it "visible",
        # only covered); the focus must not go where the user cannot see it, so its tab comes up.
        QApplication.instance().focusChanged.connect(self._raise_covered_dock)

    def _raise_covered_dock(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        for _name, panel in self.panels():
            if isinstance(panel, QDockWidget) and panel.isAncestorOf(new) and panel.visibleRegion().isEmpty():
                panel.raise_()
                return

    def current(self, panels: list[tuple[str, QWidget]]) -> int | None:
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        for k, (_name, panel) in enumerate(panels):
            if panel is focus or panel.isAncestorOf(focus):
                return k
        return None

    def step(self, direction: int) -> str | None:
        """Focus the next (``+1``) or previous (``-1``) panel; its name, or None if none can take focus."""
        panels = [(name, panel) for name, panel in self.panels() if _open(panel)]
        if not panels:
            return None
        here = self.current(panels)
        start = (-1 if direction > 0 else 0) if here is None else here
        for offset in range(1, len(panels) + 1):
            name, panel = panels[(start + direction * offset) % len(panels)]
            if isinstance(panel, QDockWidget):
                panel.raise_()  # a tab behind another comes to the front
            target = first_focusable(panel)
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason if direction > 0 else Qt.FocusReason.BacktabFocusReason)
                return name
        return None


def _open(panel: QWidget) -> bool:
    """Shown, or a dock that is open even if behind another dock's tab."""
    if isinstance(panel, QDockWidget):
        return panel.toggleViewAction().isChecked()
    return panel.isVisible()
