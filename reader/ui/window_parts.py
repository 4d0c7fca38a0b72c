"""What the main window hands its controllers: the parts they may touch, and nothing else.

``MainWindow`` builds one ``WindowParts`` and gives it to the annotation and library
controllers, so they never look the window up (no ``getattr(window, …)``, no ``findChild``)
and never depend on the order in which they are built: a dock goes where ``add_dock`` puts it
(the places are listed in ``MainWindow.DOCK_PLACES``), a menu is made by ``add_menu`` and is
then found by its name in ``menus``. Must not import reader.storage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

if TYPE_CHECKING:
    from reader.ui.preferences import Preferences
    from reader.ui.reading.comparison import Comparison
    from reader.ui.reading.reading_pane import ReadingPane
    from reader.ui.reading.scroll_sync import ScrollSync


@dataclass(frozen=True)
class WindowParts:
    #: The window itself, only as the parent (and owner) of dialogs, docks and actions.
    parent: QMainWindow
    preferences: Preferences
    comparison: Comparison
    #: The two reading panes, by side ("a", "b").
    panes: Mapping[str, ReadingPane]
    scroll_sync: ScrollSync
    #: The menus by name: "file", "view", "go", "help", and every one ``add_menu`` made since
    #: (a read-only view of the window's own table, so it grows with it).
    menus: Mapping[str, QMenu]
    toolbar: QToolBar
    #: ``add_menu(name, title)``: a new menu at the end of the menu bar, object name
    #: ``f"{name}Menu"``, listed in ``menus`` under ``name``.
    add_menu: Callable[[str, str], QMenu]
    #: ``add_dock(place, dock)``: put ``dock`` in its place (``MainWindow.DOCK_PLACES``) and
    #: its show/hide toggle in the View menu.
    add_dock: Callable[[str, QDockWidget], None]
    #: ``show_status(message, milliseconds)``: a message in the window's status bar.
    show_status: Callable[[str, int], None]
    #: ``show_error(message)``: the window's non-blocking warning dialog.
    show_error: Callable[[str], None]
    #: ``compare(document_a, document_b)``: show a pair (either may be None) and align it.
    compare: Callable[[object, object], None]
