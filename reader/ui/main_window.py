"""The main window: layout, docks and the wiring between the widgets and the model.

Its actions, menus, toolbar and dock placement are built by ``WindowMenus``
(``reader.ui.window_menus``); opening documents (files, drops, clipboard, swap) is
``DocumentOpening`` (``reader.ui.opening``); both are mixins of ``MainWindow``.

Owns no logic of its own beyond routing: documents come from ``reader.core.documents``, the
comparison state lives in ``Comparison``, each widget paints itself. Every error a user can
cause (a file that cannot be read, an empty clipboard, a failed alignment) is shown in a
dialog and leaves the documents on screen untouched. Must not import reader.storage.
"""

from __future__ import annotations

from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.same_document import same_document_note
from reader.ui import accessibility, icons, theme
from reader.ui.evidence import EvidenceController
from reader.ui.opening import FILE_FILTER, DocumentOpening
from reader.ui.panel_focus import PanelCycle, let_tab_leave, order_tab_chain
from reader.ui.preferences import Preferences
from reader.ui.reading import kind_style
from reader.ui.reading.comparison import Comparison
from reader.ui.reading.fact_marks import fact_spans
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.legend import Legend
from reader.ui.reading.link_map import LinkMap
from reader.ui.reading.passage_list import PassageListDock
from reader.ui.reading.reading_pane import DEFAULT_POINT_SIZE, ReadingPane
from reader.ui.reading.scroll_sync import ScrollSync
from reader.ui.reading.settings_panel import SettingsPanel
from reader.ui.reading.summary_bar import SummaryBar
from reader.ui.recent import RecentFiles, RecentMenus
from reader.ui.window_menus import WindowMenus
from reader.ui.window_parts import WindowParts

__all__ = ["FILE_FILTER", "MainWindow"]

MIN_POINT_SIZE, MAX_POINT_SIZE = 7, 32


class MainWindow(DocumentOpening, WindowMenus, QMainWindow):
    #: Where each controller's dock goes: place -> (how, beside which dock). The right column is
    #: the Matching settings ("settings", built by the window), below them the Annotations panel,
    #: and the Library as a tab behind the Annotations panel, not a column of its own: three side
    #: panels left each reading pane a third of the width at 1600 px. So "library" needs the
    #: "annotations" dock placed first: the controllers are built in this order (see __init__),
    #: and ``_add_dock`` refuses a place whose neighbour is not there yet rather than guess.
    DOCK_PLACES = {
        "annotations": ("below", "settings"),
        "library": ("tab behind", "annotations"),
    }

    def __init__(self, preferences: Preferences, align_function=None, database=None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.preferences = preferences
        self.error_dialog: QMessageBox | None = None
        self._new_pair = False
        self.setWindowIcon(icons.app_icon())
        self.comparison = Comparison(preferences.align_config(), align_function, self)

        self.panes = {"a": ReadingPane("a"), "b": ReadingPane("b")}
        self.link_map = LinkMap(self.panes["a"], self.panes["b"])
        self.scroll_sync = ScrollSync(self.panes["a"], self.panes["b"], self)
        self.summary_bar = SummaryBar()
        self.legend = Legend()
        self.passage_dock = PassageListDock(self)
        self.settings_panel = SettingsPanel(self.comparison.config)
        self.settings_dock = QDockWidget("Matching", self)
        self.settings_dock.setObjectName("settingsDock")
        self.settings_dock.setWidget(self.settings_panel)
        self.docks: dict[str, QDockWidget] = {"passages": self.passage_dock, "settings": self.settings_dock}
        self.menus: dict[str, QMenu] = {}
        # Export Report…, Print… and copying a passage pair; the notes on the pair come from the database.
        self.evidence = EvidenceController(self, self.comparison, database,
                                           show_status=lambda message, timeout=5000:
                                           self.statusBar().showMessage(message, timeout),
                                           show_error=lambda message: self.show_error(message))
        self.theme = theme.apply_theme(theme.startup_theme(preferences.theme()))
        self.find_bar = FindBar(self.panes)
        self.recent = RecentFiles(preferences.settings)
        self.recent_menus = RecentMenus(self.recent, self, self.open_recent_pair, self.open_path)
        self.panel_cycle = PanelCycle(self._panels, self)
        self._build_layout()
        self._build_actions()
        self._connect()
        # What the controllers may touch; they get this, never the window itself.
        self.parts = WindowParts(
            parent=self, preferences=preferences, comparison=self.comparison, panes=MappingProxyType(self.panes),
            scroll_sync=self.scroll_sync, menus=MappingProxyType(self.menus), toolbar=self.toolbar,
            add_menu=self._add_menu, add_dock=self._add_dock,
            show_status=lambda message, timeout: self.statusBar().showMessage(message, timeout),
            # Looked up at each call, so a replaced show_error or compare (a test's) is the one used.
            show_error=lambda message: self.show_error(message),
            compare=lambda document_a, document_b: self.compare(document_a, document_b))
        # Annotations live in the database; without one the window still compares documents.
        # The order matters: the library's dock is a tab behind the annotations' (DOCK_PLACES).
        self.annotations = None
        self.library = None
        if database is not None:
            from reader.ui.annotations.controller import AnnotationController
            from reader.ui.library.controller import LibraryController

            self.annotations = AnnotationController(self.parts, database)
            # The library (dock, sources/copies, corpus overview) also lives in the database.
            self.library = LibraryController(self.parts, database)
            # Annotations imported with their documents add to the library.
            self.annotations.documents_imported.connect(self.library.reload)

        # After the controllers' docks exist: Tab leaves every list and pane, in reading order.
        let_tab_leave(self)
        order_tab_chain(self, self._panels(every=True))
        accessibility.name_window_parts(self)
        size = preferences.point_size() or DEFAULT_POINT_SIZE
        for pane in self.panes.values():
            pane.set_point_size(size)
        self.scroll_sync.set_enabled(preferences.sync_scrolling())
        self.resize(1500, 950)
        if preferences.window_geometry() is not None:
            self.restoreGeometry(preferences.window_geometry())
        if preferences.window_state() is not None:
            self.restoreState(preferences.window_state())
        self._update_title()

    # Construction ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        panes_row = QHBoxLayout()
        panes_row.setContentsMargins(0, 0, 0, 0)
        panes_row.setSpacing(0)
        panes_row.addWidget(self.panes["a"], 1)
        panes_row.addWidget(self.link_map)
        panes_row.addWidget(self.panes["b"], 1)
        central = QWidget()
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.summary_bar)
        column.addWidget(self.legend)
        column.addLayout(panes_row, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.passage_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.settings_dock)
        self.resizeDocks([self.passage_dock], [200], Qt.Orientation.Vertical)
        self.resizeDocks([self.settings_dock], [250], Qt.Orientation.Horizontal)

    # Actions, menus, toolbar, docks: WindowMenus (reader.ui.window_menus)

    def _connect(self) -> None:
        c = self.comparison
        c.documents_changed.connect(self._on_documents_changed)
        c.alignment_changed.connect(self._on_alignment_changed)
        # After the panes have rebuilt their texts (connected above), the find marks go back on.
        c.documents_changed.connect(self.find_bar.refresh)
        c.alignment_changed.connect(self.find_bar.refresh)
        c.current_changed.connect(self._on_current_changed)
        c.busy_changed.connect(self._on_busy_changed)
        c.progress.connect(self.summary_bar.set_progress)
        c.verdict_changed.connect(self.summary_bar.show_verdict)
        c.facts_changed.connect(self._on_facts_changed)
        self.passage_dock.copy_requested.connect(self.evidence.copy_passage)
        c.failed.connect(lambda message: self.show_error(f"The alignment failed: {message}"))
        self.summary_bar.cancel_requested.connect(self._cancel_alignment)
        self.settings_panel.config_changed.connect(self._on_config_changed)
        self.passage_dock.passage_activated.connect(lambda i: self.go_to(i, origin=None))
        self.link_map.band_clicked.connect(lambda i: self.go_to(i, origin=None))
        for side, pane in self.panes.items():
            pane.passage_clicked.connect(lambda i, side=side: self.go_to(i, origin=side))
            pane.files_dropped.connect(lambda files, side=side: self.open_dropped(side, files))
            pane.copy_requested.connect(lambda: self.evidence.copy_passage(self.comparison.current))

    # Opening documents: DocumentOpening (reader.ui.opening) --------------------------------

    # Navigation --------------------------------------------------------------------------
    def go_to(self, match_index: int, origin: str | None) -> None:
        """Select a match and bring it into view in every pane but the one it was clicked in."""
        self.comparison.select(match_index)
        self._reveal_current(skip=origin)

    def step(self, forward: bool) -> None:
        if self.comparison.step(forward):
            self._reveal_current(skip=None)
        elif self.comparison.index is not None and len(self.comparison.index):
            self.statusBar().showMessage("This is the last passage." if forward else "This is the first passage.", 3000)

    def _reveal_current(self, skip: str | None) -> None:
        current = self.comparison.current
        if current is None:
            return
        match = self.comparison.alignment.matches[current]
        with self.scroll_sync.locked():
            for side, span in (("a", match.a_span), ("b", match.b_span)):
                if side != skip:
                    self.panes[side].reveal(*span)

    def _line_up_first_passage(self) -> None:
        """With sync scrolling on, start a new pair with its first passage at the same height in
        both panes: the one placed higher stays, the other scrolls down to meet it.

        Without this B could show passage 1 at its top while A's counterpart sat hundreds of
        pixels lower, and the link bands ran steeply until the user scrolled. Left alone when
        the user has already scrolled either pane.
        """
        matches = self.comparison.alignment.matches
        panes = self.panes
        # The first line still shown = not scrolled by the user (layout may nudge a few pixels).
        if not (self.scroll_sync.enabled and matches) or any(p.visible_range()[0] > 0 for p in panes.values()):
            return
        starts = {"a": matches[0].a_start, "b": matches[0].b_start}
        height = max(min(p.viewport_height() for p in panes.values()), 1)
        y = min(panes[side].line_top(starts[side]) for side in starts)
        y = min(y, height * 0.25)  # a first passage deep in one text: meet a quarter down instead
        with self.scroll_sync.locked():
            for side, pane in panes.items():
                pane.scroll_offset_to(starts[side], y)

    # View --------------------------------------------------------------------------------
    def zoom(self, direction: int) -> None:
        size = self.panes["a"].point_size()
        size = DEFAULT_POINT_SIZE if direction == 0 else min(max(size + direction, MIN_POINT_SIZE), MAX_POINT_SIZE)
        for pane in self.panes.values():
            pane.set_point_size(size)
        self.preferences.set_point_size(size)
        self.link_map.update()

    def set_sync_scrolling(self, enabled: bool) -> None:
        self.scroll_sync.set_enabled(enabled)
        self.preferences.set_sync_scrolling(enabled)

    def show_error(self, message: str) -> None:
        """A non-blocking warning dialog; the window stays usable behind it."""
        if self.error_dialog is not None:
            self.error_dialog.close()
        dialog = QMessageBox(QMessageBox.Icon.Warning, "Reader", message, QMessageBox.StandardButton.Ok, self)
        dialog.setTextFormat(Qt.TextFormat.PlainText)  # messages name files and quote titles
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "error_dialog", None))
        self.error_dialog = dialog
        self.statusBar().showMessage(message, 10000)
        dialog.open()

    def open_find(self) -> None:
        """Ctrl+F: the find bar, on the pane that has the focus, searching its selected text."""
        side = next((side for side, pane in self.panes.items() if pane.isAncestorOf(QApplication.focusWidget())),
                    None)
        self.find_bar.open_bar(side, self.panes[side].selected_text() if side else "")

    def step_panel(self, direction: int) -> None:
        name = self.panel_cycle.step(direction)
        if name:
            self.statusBar().showMessage(name, 2000)

    def _panels(self, every: bool = False) -> list:
        """The panes and panels F6 visits, in reading order (see reader.ui.panel_focus)."""
        panels = [("Document A", self.panes["a"]), ("Document B", self.panes["b"])]
        if every or self.find_bar.isVisible():
            panels.append(("Find", self.find_bar))
        names = {"passages": "Passages", "settings": "Matching", "annotations": "Annotations", "library": "Library"}
        return panels + [(names.get(place, place.title()), dock) for place, dock in self.docks.items()]

    def open_recent_pair(self, path_a: str, path_b: str) -> None:
        documents = [self._load_or_report(path) for path in (path_a, path_b)]
        if None not in documents:
            self.compare(*documents)

    def set_theme(self, name: str) -> None:
        """View ▸ Theme: new palette, then every mark made from it again (tints, legend, find)."""
        self.theme = theme.apply_theme(name)
        self.preferences.set_theme(self.theme)
        self.theme_actions[self.theme].setChecked(True)
        current = self.comparison.current
        with self.scroll_sync.locked():
            for pane in self.panes.values():
                if self.comparison.alignment is not None:
                    pane.set_alignment(self.comparison.alignment, self.comparison.index)
                pane.set_current(current)
        for widget in (self.legend, self.link_map, *self.legend.samples.values()):
            widget.update()
        for name, icon in icons.ACTION_ICONS.items():  # drawn in the new text colour
            self.actions_by_name[name].setIcon(icon())
        self.find_bar.refresh()

    def show_guide(self) -> None:
        from reader.ui.help import GuideDialog

        GuideDialog(self).open()

    def show_shortcuts(self) -> None:
        from reader.ui.help import ShortcutsDialog

        ShortcutsDialog(self).open()

    def show_about(self) -> None:
        kinds = "".join(f"<li><b>{kind_style.LABELS[k]}</b>: {kind_style.EXPLANATIONS[k]} "
                        f"({kind_style.UNDERLINE_NAMES[k]} underline)</li>" for k in kind_style.KINDS)
        QMessageBox.about(self, "About Reader",
                          f"<h3>Reader {__version__}</h3><p>Two articles side by side, every shared passage "
                          f"highlighted and linked to its counterpart.</p><ul>{kinds}</ul>"
                          "<p>F7 / Shift+F7 walk through the passages; click a passage or a band to select it.</p>")

    # Model → widgets ---------------------------------------------------------------------
    def _on_documents_changed(self) -> None:
        self._new_pair = True  # the first alignment of these texts lines their panes up
        with self.scroll_sync.locked():  # a new text resets its pane's scroll; the other stays
            for side, pane in self.panes.items():
                document = self.comparison.documents[side]
                if pane.document is not document:
                    pane.set_document(document)
        self._update_title()
        accessibility.name_panes(self)
        if not self.comparison.ready():
            missing = [s.upper() for s in ("a", "b") if self.comparison.documents[s] is None]
            self.summary_bar.show_text(f"Open document {' and '.join(missing)} to compare.")

    def _on_alignment_changed(self) -> None:
        alignment, index = self.comparison.alignment, self.comparison.index
        with self.scroll_sync.locked():  # each pane keeps its own place while its marks change
            for pane in self.panes.values():
                pane.set_alignment(alignment, index)
        self.link_map.set_alignment(alignment, index)
        accessibility.describe_link_map(self, alignment)
        self.scroll_sync.set_index(index)
        docs = self.comparison.documents
        self.passage_dock.set_alignment(alignment, docs["a"].text if docs["a"] else "",
                                        docs["b"].text if docs["b"] else "")
        if alignment is not None:
            if self._new_pair:
                self._new_pair = False
                self._line_up_first_passage()
            same = same_document_note(docs["a"], docs["b"])
            if same:  # said plainly, not as "1 passages" of a text matching itself
                self.summary_bar.show_text(same + " Open another document as A or B.")
            else:
                self.summary_bar.show_summary(alignment.summary)
            if not alignment.matches:
                self.statusBar().showMessage("No shared passages found with these settings.", 8000)
        elif self.comparison.ready():
            self.summary_bar.show_text("Aligning…")

    def _on_facts_changed(self, facts) -> None:
        for side, pane in self.panes.items():
            pane.set_fact_spans(fact_spans(facts, side))
        self.passage_dock.set_facts(facts)

    def _on_current_changed(self, match_index) -> None:
        for pane in self.panes.values():
            pane.set_current(match_index)
        self.link_map.set_current(match_index)
        self.passage_dock.set_current(match_index)
        if match_index is not None:
            facts = self.comparison.facts
            changed = sum(c.flagged for c in facts[match_index]) if facts is not None else 0
            text = accessibility.describe_passage(self.comparison.alignment, match_index)
            if changed:
                text += f", {changed} changed facts (boxed)"
            self.statusBar().showMessage(text)
            # Announced where the focus may be: the passage table and both panes.
            for widget in (self.passage_dock.table, *(pane.view for pane in self.panes.values())):
                accessibility.announce(widget, text)

    def _on_busy_changed(self, busy: bool) -> None:
        self.summary_bar.set_busy(busy)

    def _on_config_changed(self, config) -> None:
        self.preferences.set_align_config(config)
        self.comparison.set_config(config)

    def _cancel_alignment(self) -> None:
        self.comparison.cancel()
        if self.comparison.alignment is None and self.comparison.ready():
            self.summary_bar.show_text("Alignment cancelled. Change a setting or reopen a document to align again.")

    def _update_title(self) -> None:
        docs = self.comparison.documents
        names = [docs[s].title if docs[s] is not None else "—" for s in ("a", "b")]
        self.setWindowTitle(f"{names[0]}  ↔  {names[1]} — Reader")

    def closeEvent(self, event) -> None:
        self.preferences.set_window(self.saveGeometry(), self.saveState())
        self._remember_pair()
        self.preferences.sync()
        self.shutdown_fetches()
        self.comparison.shutdown()
        if self.library is not None:
            self.library.shutdown()
        super().closeEvent(event)
