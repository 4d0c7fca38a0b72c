"""The main window's actions, menus, toolbar and dock placement: ``WindowMenus``, a mixin of ``MainWindow``.

Contract: ``_build_actions()`` makes the window-wide actions (``actions_by_name``), the File
(with the recent lists of ``recent_menus``), Edit (find), View, Go and Help menus (``view_menu``)
and the main ``toolbar``; Help stays the last menu. ``_add_menu`` and ``_add_dock`` are what
``WindowParts.add_menu``/``add_dock`` call for the controllers. Needs on ``self``:
``preferences``, ``menus``, ``docks``, ``passage_dock``, ``settings_dock``, ``find_bar``,
``recent_menus``, ``theme``, ``evidence`` (report and print), ``DOCK_PLACES`` and the slots the
actions call (opening, navigation, view, help). Routing only; no state of its own.
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from reader.ui import icons, theme
from reader.ui.actions import add_action


class WindowMenus:
    """Mixed into ``MainWindow`` (a ``QMainWindow``); builds its menus, toolbar and dock places."""

    def _build_actions(self) -> None:
        a = self.actions_by_name = {}
        a["open_a"] = add_action(self, "&Open Document A…", lambda: self.choose_file("a"), "Ctrl+O",
                                 icon=icons.open_a(), tip="Open a file as document A (left)")
        a["open_b"] = add_action(self, "Open Document &B…", lambda: self.choose_file("b"), "Ctrl+Shift+O",
                                 icon=icons.open_b(), tip="Open a file as document B (right)")
        a["open_url"] = add_action(self, "Open &URL…", self.choose_url, "Ctrl+Shift+U",
                                   tip="Fetch a web page and open its article as document A or B")
        a["paste_a"] = add_action(self, "Paste Clipboard as Document A", lambda: self.paste_document("a"),
                                  "Ctrl+Alt+V", tip="Use the text on the clipboard as document A")
        a["paste_b"] = add_action(self, "&Paste Clipboard as Document B", lambda: self.paste_document("b"),
                                  "Ctrl+Shift+V", icon=icons.paste(), tip="Use the text on the clipboard as document B")
        a["open_scan_result"] = add_action(self, "Open Scan &Result…", self.open_scan_result,
                                           tip="Show a result of 'reader scan' in the Corpus Overview")
        a["swap"] = add_action(self, "&Swap Sides", self.swap_sides, "Ctrl+Shift+S", icon=icons.swap(),
                               tip="Exchange documents A and B")
        a["export_report"] = add_action(self, "&Export Report…", lambda: self.evidence.export_report(),
                                        "Ctrl+Shift+E", tip="Save a report on this pair as a web page or a PDF")
        a["print"] = add_action(self, "&Print Report…", self.evidence.print_report, "Ctrl+P",
                                tip="Print the report on this pair, with a preview")
        a["quit"] = add_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
        a["next"] = add_action(self, "&Next Passage", lambda: self.step(True), "F7", icon=icons.next_())
        a["previous"] = add_action(self, "P&revious Passage", lambda: self.step(False), "Shift+F7",
                                   icon=icons.previous())
        a["zoom_in"] = add_action(self, "Zoom &In", lambda: self.zoom(+1), "Ctrl+=", "Ctrl++",
                                  icon=icons.zoom_in(), tip="Larger text")
        a["zoom_out"] = add_action(self, "Zoom &Out", lambda: self.zoom(-1), "Ctrl+-", icon=icons.zoom_out(),
                                   tip="Smaller text")
        a["zoom_reset"] = add_action(self, "&Actual Size", lambda: self.zoom(0), "Ctrl+0", tip="Default text size")
        a["sync"] = add_action(self, "S&ynchronize Scrolling", self.set_sync_scrolling, icon=icons.sync(),
                               tip="Scroll both documents together", checkable=True,
                               checked=self.preferences.sync_scrolling())
        a["about"] = add_action(self, "&About Reader", self.show_about)
        # Find (reader.ui.reading.find_bar): one search over both panes.
        a["find"] = add_action(self, "&Find…", self.open_find, "Ctrl+F",
                               tip="Find text in both documents")
        a["find_next"] = add_action(self, "Find &Next", self.find_bar.find_next, "F3")
        a["find_previous"] = add_action(self, "Find Pre&vious", self.find_bar.find_previous, "Shift+F3")
        # Panels (reader.ui.panel_focus): F6 moves between the panes and the side panels.
        a["next_panel"] = add_action(self, "Next &Panel", lambda: self.step_panel(+1), "F6",
                                     tip="Move the keyboard focus to the next pane or panel")
        a["previous_panel"] = add_action(self, "Previous Pa&nel", lambda: self.step_panel(-1), "Shift+F6",
                                         tip="Move the keyboard focus to the previous pane or panel")
        # Help (reader.ui.help): the guide shipped with the package, the shortcuts from these actions.
        a["guide"] = add_action(self, "Reader &Guide", self.show_guide, "F1",
                                tip="The user guide")
        a["shortcuts"] = add_action(self, "&Keyboard Shortcuts", self.show_shortcuts,
                                    tip="Every keyboard shortcut of the window")

        menu = self._add_menu("file", "&File")
        for name in ("open_a", "open_b", "open_url", "open_scan_result", None, "paste_a", "paste_b", None, "swap", None,
                     "export_report", "print", None, "quit"):
            menu.addSeparator() if name is None else menu.addAction(a[name])
        # Recent pairs and documents (reader.ui.recent), after the Open items.
        menu.insertMenu(a["paste_a"], self.recent_menus.pairs_menu)
        menu.insertMenu(a["paste_a"], self.recent_menus.documents_menu)
        menu.insertSeparator(a["paste_a"])
        menu = self._add_menu("edit", "&Edit")
        for name in ("find", "find_next", "find_previous"):
            menu.addAction(a[name])
        menu = self.view_menu = self._add_menu("view", "&View")
        for name in ("zoom_in", "zoom_out", "zoom_reset", None, "sync", None):
            menu.addSeparator() if name is None else menu.addAction(a[name])
        self._add_theme_menu(menu)
        menu.addSeparator()
        menu.addAction(self.passage_dock.toggleViewAction())
        menu.addAction(self.settings_dock.toggleViewAction())
        menu = self._add_menu("go", "&Go")
        for name in ("next", "previous", None, "next_panel", "previous_panel"):
            menu.addSeparator() if name is None else menu.addAction(a[name])
        menu = self._add_menu("help", "&Help")  # the last menu: _add_menu puts later ones before it
        for name in ("guide", "shortcuts", None, "about"):
            menu.addSeparator() if name is None else menu.addAction(a[name])

        toolbar = self.toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for name in ("open_a", "open_b", None, "swap", None, "previous", "next", None, "sync", None,
                     "zoom_out", "zoom_in"):
            toolbar.addSeparator() if name is None else toolbar.addAction(a[name])
        for name, short in (("open_a", "Open A"), ("open_b", "Open B"), ("previous", "Previous"), ("next", "Next"),
                            ("swap", "Swap"), ("sync", "Sync scrolling")):
            toolbar.widgetForAction(a[name]).setText(short)
        for name in ("zoom_in", "zoom_out"):
            toolbar.widgetForAction(a[name]).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addToolBar(toolbar)

    def _add_theme_menu(self, view_menu: QMenu) -> None:
        """View ▸ Theme: System, Light, Dark, High Contrast (one checked); calls ``set_theme``."""
        menu = view_menu.addMenu("&Theme")
        menu.setObjectName("themeMenu")
        group = QActionGroup(menu)
        self.theme_actions = {}
        for name in theme.THEMES:
            action = self.theme_actions[name] = menu.addAction(theme.LABELS[name])
            action.setCheckable(True)
            action.setChecked(name == self.theme)
            action.setData(name)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, name=name: self.set_theme(name))

    def _add_menu(self, name: str, title: str) -> QMenu:
        """A menu at the end of the menu bar but before Help, object name ``f"{name}Menu"``, kept in ``menus``."""
        if name in self.menus:
            raise ValueError(f"there is already a {name!r} menu")
        if "help" in self.menus:  # Help stays the last menu, as on every desktop
            menu = QMenu(title, self.menuBar())
            self.menuBar().insertMenu(self.menus["help"].menuAction(), menu)
            self.menus[name] = menu
        else:
            menu = self.menus[name] = self.menuBar().addMenu(title)
        menu.setObjectName(f"{name}Menu")
        return menu

    def _add_dock(self, place: str, dock: QDockWidget) -> None:
        """Put a controller's dock in its place (``DOCK_PLACES``); View shows or hides it."""
        how, beside = self.DOCK_PLACES[place]
        if place in self.docks:
            raise ValueError(f"the {place!r} dock is already placed")
        if beside not in self.docks:
            raise ValueError(f"the {place!r} dock goes {how} the {beside!r} dock, which must be placed first")
        if how == "below":  # both visible, one above the other
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.splitDockWidget(self.docks[beside], dock, Qt.Orientation.Vertical)
        else:  # "tab behind": the neighbour's tab stays in front
            self.tabifyDockWidget(self.docks[beside], dock)
            self.docks[beside].raise_()
        self.docks[place] = dock
        self.view_menu.addAction(dock.toggleViewAction())  # every panel can be shown again from View
