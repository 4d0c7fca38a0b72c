"""Keyboard and help: Tab reaches every panel, F6 cycles them, names for assistive technology,
Help is the last menu, F1 opens the shipped guide, the shortcuts list comes from the actions."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from reader.storage.database import open_database


@pytest.fixture
def window(make_window, seeds, tmp_path):
    db = open_database(tmp_path / "library.db")
    w = make_window([seeds(2), seeds(3)], database=db)
    yield w
    w.library.shutdown()
    db.close()


def _panel_of(window, widget):
    return next((name for name, panel in window._panels(every=True)
                 if panel is widget or panel.isAncestorOf(widget)), None)


def test_tab_visits_every_visible_panel_in_reading_order_and_comes_back(window, qtbot):
    window.panes["a"].view.setFocus()
    visited = []
    for _ in range(80):
        focus = QApplication.focusWidget()
        name = _panel_of(window, focus)
        if name and (not visited or visited[-1] != name):
            visited.append(name)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.panes["a"].view:
            break
    else:
        pytest.fail(f"Tab never came back to pane A; it went {visited}")
    assert visited == ["Document A", "Document B", "Passages", "Matching", "Annotations", "Library"]


def test_tab_into_a_panel_behind_a_tab_brings_it_to_the_front(window, qtbot):
    dock = window.library.dock
    window.annotations.sidebar.raise_()
    qtbot.waitUntil(lambda: dock.visibleRegion().isEmpty())
    window.annotations.sidebar.list.setFocus()
    while not dock.isAncestorOf(QApplication.focusWidget()):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())


def test_f6_and_shift_f6_cycle_the_panes_and_panels_library_included(window, qtbot):
    window.panes["a"].view.setFocus()
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        reached.append(_panel_of(window, QApplication.focusWidget()))
    assert reached == ["Document B", "Passages", "Matching", "Annotations", "Library", "Document A"]
    assert not window.library.dock.visibleRegion().isEmpty()  # raised from behind its tab
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _panel_of(window, QApplication.focusWidget()) == "Library"


def test_accessible_names_and_passages_announced_with_kind_and_score(window):
    assert window.panes["a"].view.accessibleName().startswith("Document A: Meta")
    assert window.link_map.accessibleName() == "Links between A and B"
    count = len(window.comparison.alignment.matches)
    assert window.link_map.accessibleDescription().startswith(f"{count} bands link")
    assert window.passage_dock.table.accessibleName() == "Passages"
    assert window.library.dock.documents.accessibleName() == "Library documents"
    window.go_to(0, origin=None)
    m = window.comparison.alignment.matches[0]
    expected = f"Passage 1 of {count}: {m.kind}, score {m.score:.2f}"
    assert window.passage_dock.table.accessibleDescription().startswith(expected)
    assert window.panes["b"].view.accessibleDescription().startswith(expected)


def test_help_is_the_last_menu_and_f1_opens_the_guide(window, qtbot):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-1] == "Help" and {"Annotations", "Library"} <= set(titles)
    qtbot.keyClick(window.panes["a"].view, Qt.Key.Key_F1)
    guide = window.findChild(QDialog, "guideDialog")
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Finding text" in text and "F6" in text
    guide.close()


def test_the_shortcuts_list_is_read_from_the_actions(window):
    from reader.ui.help import ShortcutsDialog, shortcut_rows

    rows = {(command, keys) for _menu, command, keys in shortcut_rows(window)}
    for expected in (("Find", "Ctrl+F"), ("Find Next", "F3"), ("Next Panel", "F6"), ("Reader Guide", "F1"),
                     ("Show Library", "Ctrl+L"), ("Close Find Bar", "Esc")):
        assert expected in rows
    # A new action shows up without anyone editing a list.
    from reader.ui.actions import add_action

    add_action(window, "Frobnicate", lambda: None, "Ctrl+Alt+J")
    dialog = ShortcutsDialog(window)
    shown = [dialog.table.topLevelItem(k).text(1) for k in range(dialog.table.topLevelItemCount())]
    assert "Frobnicate" in shown and "Find" in shown


def test_the_same_file_on_both_sides_is_said_plainly(make_window, seeds):
    window = make_window([seeds(2), seeds(2)])
    assert window.summary_bar.text().startswith("A and B are the same file (")
    assert "nothing to compare" in window.summary_bar.text()
