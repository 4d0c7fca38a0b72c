"""The window's layout with every panel present: the reading panes get most of the width, the
Library is a tab beside Annotations (one shortcut away), its lists show titles without side
scrolling, and a layout the user chose comes back next time."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from reader.storage.database import open_database


def in_front(dock) -> bool:
    """Qt keeps a tab behind another "visible", moved off-screen; in front means painted."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


@pytest.fixture
def database(tmp_path):
    db = open_database(tmp_path / "layout.db")
    yield db
    db.close()


@pytest.fixture
def open_window(make_window, seeds, database):
    opened = []

    def make():
        w = make_window([seeds(2), seeds(3)], database=database, size=(1600, 1000))
        w.library.add_seeds_on_first_run()
        opened.append(w)
        return w

    yield make
    for w in opened:
        w.library.shutdown()


def test_reading_panes_dominate_at_1600_wide(open_window):
    window = open_window()
    widths = [window.panes[s].width() for s in ("a", "b")]
    assert min(widths) >= 550, widths  # was ~370 with Library, Matching+Annotations and Passages all beside them
    assert window.dockWidgetArea(window.library.dock) != Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.library.dock in window.tabifiedDockWidgets(window.annotations.sidebar)


def test_show_library_brings_the_tab_forward_and_focuses_search(qtbot, open_window):
    window = open_window()
    dock = window.library.dock
    assert in_front(window.annotations.sidebar) and not in_front(dock)  # behind the Annotations tab
    window.library.actions_by_name["show"].trigger()
    qtbot.waitUntil(lambda: in_front(dock))
    assert dock.search.hasFocus() or window.focusWidget() is dock.search
    assert dock.toggleViewAction() in window.view_menu.actions()


def test_library_list_shows_titles_without_side_scrolling(qtbot, open_window):
    window = open_window()
    window.library.show_dock()
    tree = window.library.dock.documents
    assert tree.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert tree.header().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert tree.headerItem().text(0) == "Document"
    # One column: the date is on the document's second line, with its file, not a column that
    # squeezes the titles.
    assert tree.columnCount() == 1
    qtbot.waitUntil(lambda: tree.columnWidth(0) >= tree.viewport().width() - 2)
    item = tree.topLevelItem(0)
    title, where = item.text(0).split("\n")
    assert title in item.toolTip(0) and where.endswith(".txt")


def test_a_chosen_layout_is_remembered(qtbot, open_window):
    window = open_window()
    window.library.show_dock()
    qtbot.waitUntil(lambda: in_front(window.library.dock))
    window.close()
    again = open_window()
    qtbot.waitUntil(lambda: in_front(again.library.dock))
    assert not in_front(again.annotations.sidebar)  # now the tab behind
