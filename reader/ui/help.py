"""The Help menu's windows: the user guide and the list of keyboard shortcuts.

``GuideDialog`` shows ``guide.md`` shipped in ``reader.resources`` (so it is there in an
installed copy, with no network) in a ``QTextBrowser``; links to web pages open in the user's
browser. ``shortcut_rows(window)`` reads the shortcuts from the window's actions themselves,
grouped under the menu each sits in (its place in the menu bar, then "Other" for actions in
no menu, such as the find bar's Escape), so the list cannot drift from the keys that work;
``ShortcutsDialog`` shows them in a table. Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.resources import resource_path

GUIDE_FILE = "guide.md"


def guide_text() -> str:
    """The guide's Markdown, or a line saying where it should have been."""
    path = resource_path(GUIDE_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"The user guide is missing from this installation (looked for {path})."


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("Reader — User Guide")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 820)


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def _menu_actions(menu: QMenu, path: str):
    """(menu path, action) for every action of ``menu`` and its sub-menus."""
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu(), f"{path} ▸ {action.text().replace('&', '')}")
        elif not action.isSeparator():
            yield path, action


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action of ``window`` that has a shortcut."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if menu is None:
            continue
        for path, action in _menu_actions(menu, bar_action.text().replace("&", "")):
            if action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((path, action.text().replace("&", "").rstrip("…"), _keys(action)))
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in seen and action.text():
            seen.add(id(action))
            rows.append(("Other", action.text().replace("&", ""), _keys(action)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTreeWidget()
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Keys", "Command", "Menu"])
        for menu, command, keys in shortcut_rows(window):
            self.table.addTopLevelItem(QTreeWidgetItem([keys, command, menu]))
        for column in range(3):
            self.table.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)
