"""The find bar: Ctrl+F searches both panes, F3/Shift+F3 walk the matches, Escape closes it."""

from PySide6.QtCore import Qt

from reader.ui.reading.find_bar import find_all


def test_find_all_ignores_case_and_gives_offsets():
    assert find_all("Police said. police SAID", "said") == [(7, 11), (20, 24)]
    assert find_all("abc", "") == []
    assert find_all("a+b a+b", "a+b") == [(0, 3), (4, 7)]  # literal, not a pattern
    text = "Police said. police SAID"
    assert find_all(text, "said", folded=text.lower()) == [(7, 11), (20, 24)]  # the fast path agrees
    odd = "İstanbul said"  # lowering "İ" makes two characters: offsets would slip, so no fast path
    assert find_all(odd, "said", folded=odd.lower()) == [(9, 13)]


def test_ctrl_f_searches_both_panes_and_counts_per_pane(seed_window, qtbot):
    window = seed_window
    bar = window.find_bar
    assert not bar.isVisible()
    qtbot.keyClick(window.panes["a"].view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "meta")
    texts = {side: window.comparison.documents[side].text.lower() for side in "ab"}
    expected = {side: texts[side].count("meta") for side in "ab"}
    assert expected["a"] > 1 and expected["b"] > 1
    assert {side: len(bar.matches[side]) for side in "ab"} == expected
    # Each pane starts at its first match in view (typing does not jump away from what is read).
    first = {side: next(i for i, (start, _e) in enumerate(bar.matches[side])
                        if start >= window.panes[side].visible_range()[0]) for side in "ab"}
    assert bar.count.text() == (f"{first['a'] + 1} of {expected['a']} in A, "
                                f"{first['b'] + 1} of {expected['b']} in B")
    # Every match in view is highlighted in both panes, over the passage tints.
    for side in "ab":
        first, last = window.panes[side].visible_range()
        in_view = [m for m in bar.matches[side] if first <= m[0] and m[1] <= last]
        marks = window.panes[side].view.extraSelections()
        assert in_view and len(marks) >= len(in_view)
        assert all(m.cursor.selectedText().lower() == "meta" for m in marks)
    # Only what is in and near view is marked; scrolling marks what comes into view.
    view, last_start = window.panes["a"].view, bar.matches["a"][-1][0]
    view.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: not any(m.cursor.selectionStart() == last_start for m in view.extraSelections()))
    window.panes["a"].scroll_offset_to(last_start, 10)
    qtbot.waitUntil(lambda: any(m.cursor.selectionStart() == last_start for m in view.extraSelections()))


def test_f3_walks_a_then_b_and_wraps_shift_f3_goes_back(seed_window, qtbot):
    window = seed_window
    bar = window.find_bar
    window.open_find()
    bar.field.setText("meta")
    total_a, total_b = len(bar.matches["a"]), len(bar.matches["b"])
    assert bar.active == "a"
    for _ in range(total_a - 1 - bar.current["a"]):
        qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text().startswith(f"{total_a} of {total_a} in A")
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)  # past A's last match: B's first
    assert bar.active == "b" and bar.current["b"] == 0
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.active == "a" and bar.current["a"] == total_a - 1
    # The current match is scrolled into view.
    start, end = bar.matches["a"][total_a - 1]
    first, last = window.panes["a"].visible_range()
    assert first <= start and end <= last
    for _ in range(total_b + 1):
        bar.find_next()
    assert bar.active == "a" and bar.current["a"] == 0  # wrapped round


def test_escape_closes_the_bar_and_removes_the_marks(seed_window, qtbot):
    window = seed_window
    window.open_find()
    window.find_bar.field.setText("the")
    assert window.panes["a"].view.extraSelections()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.panes["a"].view.extraSelections() == [] and window.panes["b"].view.extraSelections() == []


def test_not_found_and_marks_survive_a_realignment(seed_window, qtbot, wait_aligned):
    window = seed_window
    window.open_find()
    window.find_bar.field.setText("zzqx no such words")
    assert window.find_bar.count.text() == "Not found in A or B"
    window.find_bar.field.setText("meta")
    count = len(window.panes["a"].view.extraSelections())
    config = window.comparison.config
    window.settings_panel.ignore_quotes.setChecked(not config.ignore_quotes)
    qtbot.waitUntil(lambda: window.comparison.config != config, timeout=5000)
    wait_aligned(window)
    assert len(window.panes["a"].view.extraSelections()) == count
