"""The one factory for QActions (as git-cola's ``qtutils.add_action`` is).

Every menu entry, toolbar button and shortcut of the window is made here, so shortcuts, tips
and checkable state are set the same way everywhere. Must not import reader.storage.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget


def add_action(
    parent: QWidget,
    text: str,
    triggered: Callable[..., object],
    *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    icon: QIcon | None = None,
    tip: str | None = None,
    checkable: bool = False,
    checked: bool = False,
) -> QAction:
    """Create an action owned by (and active in) ``parent``, connected to ``triggered``.

    With ``checkable``, ``triggered`` receives the new checked state.
    """
    action = QAction(text, parent)
    if icon is not None:
        action.setIcon(icon)
    if shortcuts:
        action.setShortcuts([s if isinstance(s, QKeySequence) else QKeySequence(s) for s in shortcuts])
        # The window owns the actions, so shortcuts work whichever child has focus.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
    description = tip or text.replace("&", "").rstrip(".…")
    action.setToolTip(f"{description} ({keys})" if keys else description)
    action.setStatusTip(description)
    if checkable:
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(triggered)
    else:
        action.triggered.connect(lambda _checked=False: triggered())
    parent.addAction(action)
    return action
