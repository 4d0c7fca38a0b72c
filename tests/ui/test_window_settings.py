"""Matching settings: a change re-aligns in the background, the newest wins, progress is shown."""

import dataclasses
import threading

from PySide6.QtCore import Qt

from reader.core.align import align
from reader.core.config import AlignConfig


def texts(window):
    return window.comparison.documents["a"].text, window.comparison.documents["b"].text


def test_changing_a_setting_brings_the_matching_realignment(seed_window, qtbot):
    window = seed_window
    before = window.comparison.alignment
    # The first threshold at which the engine's answer changes (the engine applies it to regions).
    threshold, expected = next(
        (t, result) for t in (200, 400, 800, 1600, 5000)
        if (result := align(*texts(window), dataclasses.replace(AlignConfig(), min_passage_chars=t))) != before)
    with qtbot.waitSignal(window.comparison.alignment_changed, timeout=20_000):
        window.settings_panel.min_chars.setValue(threshold)
    assert window.comparison.alignment == expected
    assert window.passage_dock.proxy.rowCount() == len(expected.matches)
    assert window.preferences.align_config().min_passage_chars == threshold


def test_paraphrase_off_disables_looseness_and_realigns(seed_window, qtbot):
    window = seed_window
    with qtbot.waitSignal(window.comparison.alignment_changed, timeout=20_000):
        window.settings_panel.paraphrase.setChecked(False)
    assert not window.settings_panel.looseness.isEnabled()
    expected = align(*texts(window), dataclasses.replace(AlignConfig(), paraphrase=False))
    assert window.comparison.alignment == expected
    assert all(m.kind != "paraphrase" for m in expected.matches)


def test_quick_successive_changes_end_with_the_newest_settings(seed_window, qtbot, wait_aligned):
    window = seed_window
    panel = window.settings_panel
    for value in (150, 200, 250, 120):
        panel.min_chars.setValue(value)
        panel._report()  # report at once, without the settle delay: several runs overlap
    alignment = wait_aligned(window)
    qtbot.wait(300)  # any stale result would be delivered by now
    assert window.comparison.config.min_passage_chars == 120
    assert window.comparison.alignment == align(*texts(window), dataclasses.replace(AlignConfig(), min_passage_chars=120))
    assert window.comparison.alignment is alignment


def test_long_work_shows_progress_and_can_be_cancelled(make_window, seeds, qtbot):
    release = threading.Event()
    reported = threading.Event()

    def slow_align(text_a, text_b, config, should_cancel=None, progress=None):
        progress(1, 4)
        reported.set()
        while not release.wait(0.01):
            if should_cancel():
                from reader.core.align import Cancelled
                raise Cancelled()
        progress(4, 4)
        return align(text_a, text_b, config)

    window = make_window([seeds(2), seeds(3)], wait=False, align_function=slow_align)
    bar = window.summary_bar
    qtbot.waitUntil(lambda: bar.progress.maximum() == 4, timeout=5000)
    assert bar.progress.isVisible() and bar.progress.value() == 1 and bar.cancel.isVisible()
    assert window.comparison.alignment is None
    qtbot.mouseClick(bar.cancel, Qt.MouseButton.LeftButton)
    assert not bar.progress.isVisible()
    assert "cancelled" in bar.text().lower()
    # A new request after cancelling runs to the end and its result is shown.
    with qtbot.waitSignal(window.comparison.alignment_changed, timeout=20_000):
        window.comparison.realign()
        release.set()
    assert window.comparison.alignment == align(*texts(window), AlignConfig())
    assert not bar.progress.isVisible()


def test_a_realignment_keeps_the_users_selection(seed_window, qtbot):
    from PySide6.QtGui import QTextCursor

    window = seed_window
    view = window.panes["b"].view
    cursor = view.textCursor()
    cursor.setPosition(120)
    cursor.setPosition(180, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    chosen = window.panes["b"].selected_text()
    with qtbot.waitSignal(window.comparison.alignment_changed, timeout=20_000):
        window.settings_panel.paraphrase.setChecked(False)
    cursor = view.textCursor()
    assert (cursor.anchor(), cursor.position()) == (120, 180)
    assert window.panes["b"].selected_text() == chosen
