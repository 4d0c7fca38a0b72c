"""The window on seeds 002 vs 003: marks where the engine found matches, selection, F7, link map, sync."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from reader.core.align import align
from reader.core.config import AlignConfig
from reader.core.matches import EQUAL
from reader.ui.reading import kind_style
from reader.ui.reading.summary_bar import summary_sentences


def char_format(pane, offset):
    """The character format Qt paints the character at ``offset`` with."""
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane._offsets.to_qt(offset) + 1)
    return cursor.charFormat()


def expected_backgrounds(alignment, side, offset):
    """Tints allowed at ``offset``: strong for identical words of any match there, else pale, else none."""
    strong, pale = set(), set()
    for m in alignment.matches:
        start, end = (m.a_start, m.a_end) if side == "a" else (m.b_start, m.b_end)
        if not start <= offset < end:
            continue
        pale.add(kind_style.tint(m.kind, kind_style.CHANGED_TINT).name())
        for op in m.ops:
            o0, o1 = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            if op.tag == EQUAL and o0 <= offset < o1:
                strong.add(kind_style.tint(m.kind, kind_style.IDENTICAL_TINT).name())
    return strong or pale


def test_the_window_shows_the_engines_matches(seed_window, seeds):
    window = seed_window
    alignment = window.comparison.alignment
    text_a, text_b = (window.comparison.documents[s].text for s in "ab")
    assert alignment == align(text_a, text_b, AlignConfig())
    assert alignment.matches, "the seed pair shares passages"
    for side, text in (("a", text_a), ("b", text_b)):
        pane = window.panes[side]
        marked = 0
        for offset in range(0, len(text)):
            if text[offset].isspace():
                continue
            fmt = char_format(pane, offset)
            expected = expected_backgrounds(alignment, side, offset)
            got = fmt.background().color().name() if fmt.background().style() != Qt.BrushStyle.NoBrush else None
            if expected:
                marked += 1
                assert got in expected, (side, offset, text[offset - 10:offset + 10])
                assert fmt.underlineStyle() != fmt.UnderlineStyle.NoUnderline
            else:
                assert got is None, (side, offset)
        assert marked > 0
    # The kind decides the underline style, so marks differ without colour.
    first = alignment.matches[0]
    assert char_format(window.panes["a"], first.a_start).underlineStyle() == kind_style.UNDERLINES[first.kind]


def test_summary_bar_and_passage_list_report_the_alignment(seed_window):
    alignment = seed_window.comparison.alignment
    b_line, a_line = summary_sentences(alignment.summary)
    assert b_line in seed_window.summary_bar.text() and a_line in seed_window.summary_bar.text()
    assert b_line.startswith("B shares ") and "passage" in b_line and "longest verbatim run" in b_line
    assert seed_window.passage_dock.proxy.rowCount() == len(alignment.matches)


def click_offset(qtbot, pane, offset):
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane._offsets.to_qt(offset))
    point = pane.view.cursorRect(cursor).center() + QPoint(3, 0)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def visible(pane, start, end):
    first, last = pane.visible_range()
    return start < last and end > first


def test_clicking_a_passage_selects_it_in_both_panes_and_reveals_the_counterpart(seed_window, qtbot):
    window = seed_window
    alignment = window.comparison.alignment
    target = max(range(len(alignment.matches)), key=lambda i: alignment.matches[i].b_start)
    m = alignment.matches[target]
    # Put the A passage on screen and B far away from its counterpart.
    window.set_sync_scrolling(False)
    window.panes["a"].scroll_offset_to(m.a_start, 40)
    window.panes["b"].view.verticalScrollBar().setValue(0)
    qtbot.wait(20)
    offset = m.a_start + 5
    assert window.comparison.index.at("a", offset) == target
    click_offset(qtbot, window.panes["a"], offset)
    assert window.comparison.current == target
    assert window.panes["a"].current_span() == m.a_span
    assert window.panes["b"].current_span() == m.b_span
    assert visible(window.panes["b"], *m.b_span)
    assert window.passage_dock.table.currentIndex().row() >= 0
    assert window.passage_dock.proxy.mapToSource(window.passage_dock.table.currentIndex()).row() == target


def test_clicking_outside_any_passage_keeps_the_selection(seed_window, qtbot):
    window = seed_window
    window.comparison.select(0)
    text = window.comparison.documents["a"].text
    outside = next(i for i in range(len(text)) if not text[i].isspace()
                   and window.comparison.index.at("a", i) is None)
    window.panes["a"].scroll_offset_to(outside, 40)
    click_offset(qtbot, window.panes["a"], outside)
    assert window.comparison.current == 0


def test_f7_and_shift_f7_walk_the_passages(seed_window, qtbot):
    window = seed_window
    count = len(window.comparison.alignment.matches)
    assert count >= 2
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.comparison.current == 0
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.comparison.current == 1
    m = window.comparison.alignment.matches[1]
    assert visible(window.panes["a"], *m.a_span) and visible(window.panes["b"], *m.b_span)
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert window.comparison.current == 0
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert window.comparison.current == 0  # no wrap past the first passage
    for _ in range(count + 2):
        window.actions_by_name["next"].trigger()
    assert window.comparison.current == count - 1


def test_link_map_draws_bands_for_visible_passages_and_selects_on_click(seed_window, qtbot):
    window = seed_window
    link_map = window.link_map
    link_map.repaint()
    index = window.comparison.index
    expected = set()
    for pane in window.panes.values():
        expected.update(index.overlapping(pane.side, *pane.visible_range()))
    assert expected and set(link_map.bands()) == expected
    chosen, path = link_map._painted[0]
    point = path.boundingRect().center().toPoint()
    # Use a point that is inside this band and in no band painted above it.
    hits = [i for i, p in link_map._painted if p.contains(point)]
    qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point)
    assert window.comparison.current == hits[-1]


def test_scrolling_one_pane_brings_the_counterpart_into_the_other(seed_window, qtbot):
    window = seed_window
    alignment = window.comparison.alignment
    m = alignment.matches[-1]
    a, b = window.panes["a"], window.panes["b"]
    b.view.verticalScrollBar().setValue(0)
    a.scroll_offset_to(m.a_start, a.viewport_height() / 2 - 10)
    assert visible(b, *m.b_span)
    # Turned off, the other pane stays where it is.
    window.actions_by_name["sync"].setChecked(False)
    before = b.view.verticalScrollBar().value()
    a.view.verticalScrollBar().setValue(0)
    assert b.view.verticalScrollBar().value() == before
    assert window.preferences.sync_scrolling() is False


def test_passage_list_filters_by_kind_sorts_and_jumps(seed_window, qtbot):
    window = seed_window
    dock = window.passage_dock
    matches = window.comparison.alignment.matches
    kind = matches[0].kind
    dock.filters[kind].setChecked(False)
    assert dock.proxy.rowCount() == sum(m.kind != kind for m in matches)
    dock.filters[kind].setChecked(True)
    assert dock.proxy.rowCount() == len(matches)
    dock.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert dock.visible_matches()[0] == max(range(len(matches)), key=lambda i: matches[i].score)
    last_row = dock.proxy.rowCount() - 1
    rect = dock.table.visualRect(dock.proxy.index(last_row, 4))
    dock.table.scrollTo(dock.proxy.index(last_row, 4))
    rect = dock.table.visualRect(dock.proxy.index(last_row, 4))
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    target = dock.visible_matches()[last_row]
    assert window.comparison.current == target
    assert visible(window.panes["a"], *matches[target].a_span)


def test_link_map_draws_a_stub_when_the_counterpart_is_scrolled_away(seed_window, qtbot):
    window = seed_window
    window.set_sync_scrolling(False)
    alignment = window.comparison.alignment
    first = min(range(len(alignment.matches)), key=lambda i: alignment.matches[i].a_start)
    a, b = window.panes["a"], window.panes["b"]
    m = alignment.matches[first]
    a.scroll_offset_to(m.a_start, 20)
    b.view.verticalScrollBar().setValue(b.view.verticalScrollBar().maximum())
    assert visible(a, *m.a_span) and not visible(b, *m.b_span)
    window.link_map.repaint()
    painted = dict(window.link_map._painted)
    assert first in painted
    # A stub: a tab on the A side of the gutter only, not a band across it.
    assert painted[first].boundingRect().right() < window.link_map.width() / 2


def test_a_new_pair_opens_with_its_first_passage_level_in_both_panes(make_window, seeds):
    window = make_window([seeds(2), seeds(3)])
    assert window.scroll_sync.enabled
    first = window.comparison.alignment.matches[0]
    top_a, top_b = window.panes["a"].line_top(first.a_start), window.panes["b"].line_top(first.b_start)
    assert abs(top_a - top_b) <= 2, (top_a, top_b)  # was ~470 px apart: B's passage at its top, A's far below
    assert 0 <= top_b < window.panes["b"].viewport_height() / 2


def test_a_new_pair_is_not_lined_up_without_sync_scrolling(make_window, seeds, settings_dir):
    from reader.ui.app import open_settings
    from reader.ui.preferences import Preferences

    Preferences(open_settings()).set_sync_scrolling(False)
    window = make_window([seeds(2), seeds(3)])
    assert window.panes["a"].visible_range()[0] == 0 == window.panes["b"].visible_range()[0]  # both at their start
