"""Opening documents: first run, last pair, drop, paste, swap, bad files, zoom, the command line."""

import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reader.core.align import align
from reader.core.config import AlignConfig


def test_first_run_opens_the_seed_pair_002_vs_003(make_window, seeds):
    window = make_window()
    docs = window.comparison.documents
    assert docs["a"].path == str(seeds(2).resolve()) and docs["b"].path == str(seeds(3).resolve())
    assert window.comparison.alignment.matches
    assert "example pair" in window.statusBar().currentMessage()


def test_first_run_without_seeds_says_so_and_stays_usable(make_window, tmp_path, monkeypatch):
    from reader.ui import app

    monkeypatch.setattr(app, "seeds_folder", lambda: tmp_path / "no-seeds")
    window = make_window(wait=False)
    assert window.comparison.documents == {"a": None, "b": None}
    assert "not found" in window.statusBar().currentMessage()
    assert "Ctrl+O" in window.panes["a"].source.full_text()


def test_the_last_pair_and_the_settings_are_remembered(make_window, seeds, qtbot):
    window = make_window([seeds(2), seeds(3)])
    assert window.open_path("b", str(seeds(4)))
    window.zoom(+1)
    size = window.panes["a"].point_size()
    window.close()
    again = make_window()
    assert again.comparison.documents["b"].path == str(seeds(4).resolve())
    assert again.comparison.documents["a"].path == str(seeds(2).resolve())
    assert again.panes["b"].point_size() == size
    assert again.comparison.alignment == align(again.comparison.documents["a"].text,
                                               again.comparison.documents["b"].text, AlignConfig())


def drag_enter_event(point: QPointF, mime):
    """QDragEnterEvent takes a QPointF from Qt 6.12 (the QPoint form is deprecated), a QPoint before."""
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        return QDragEnterEvent(point, *args)
    except TypeError:
        return QDragEnterEvent(point.toPoint(), *args)


def drop_files(qtbot, widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(widget.width() / 2, widget.height() / 2)
    enter = drag_enter_event(point, mime)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def test_dropping_a_file_on_a_pane_opens_it_on_that_side(seed_window, seeds, qtbot, wait_aligned):
    window = seed_window
    drop_files(qtbot, window.panes["b"].view.viewport(), [seeds(4)])
    assert window.comparison.documents["b"].path == str(seeds(4).resolve())
    assert window.panes["b"].title.full_text() == window.comparison.documents["b"].title
    alignment = wait_aligned(window)
    assert alignment == align(window.comparison.documents["a"].text, window.comparison.documents["b"].text,
                              AlignConfig())


def test_dropping_two_files_opens_them_as_a_and_b(seed_window, seeds, qtbot):
    drop_files(qtbot, seed_window.panes["b"].view.viewport(), [seeds(0), seeds(1)])
    docs = seed_window.comparison.documents
    assert docs["a"].path == str(seeds(0).resolve()) and docs["b"].path == str(seeds(1).resolve())


def test_dropping_something_that_is_not_a_file_is_refused(seed_window, qtbot):
    mime = QMimeData()
    mime.setText("just text")
    enter = drag_enter_event(QPointF(20, 20), mime)
    QApplication.sendEvent(seed_window.panes["a"].view.viewport(), enter)
    assert not enter.isAccepted()


@pytest.mark.parametrize("content, problem", [(b"", "empty"), (b"\x00\x01\x02\xff" * 200, "binary"),
                                             (None, "no such file")])
def test_a_bad_file_shows_a_dialog_and_keeps_the_documents(seed_window, tmp_path, qtbot, content, problem):
    window = seed_window
    path = tmp_path / "bad article.txt"
    if content is not None:
        path.write_bytes(content)
    before = dict(window.comparison.documents), window.comparison.alignment
    assert window.open_path("b", str(path)) is False
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert "bad article.txt" in dialog.text()
    assert problem in dialog.text().lower()
    assert (dict(window.comparison.documents), window.comparison.alignment) == before
    dialog.close()
    # Still usable: the next action works.
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.comparison.current == 0


def test_a_dropped_bad_file_shows_a_dialog(seed_window, tmp_path, qtbot):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    drop_files(qtbot, seed_window.panes["a"].view.viewport(), [path])
    assert seed_window.error_dialog is not None and "picture.png" in seed_window.error_dialog.text()
    assert seed_window.comparison.documents["a"].path.endswith(".txt")


def test_two_dropped_files_with_a_bad_one_change_neither_side(seed_window, seeds, tmp_path, qtbot):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = dict(seed_window.comparison.documents)
    drop_files(qtbot, seed_window.panes["b"].view.viewport(), [seeds(0), empty])
    assert seed_window.error_dialog is not None and "empty.txt" in seed_window.error_dialog.text()
    assert dict(seed_window.comparison.documents) == before


def test_pasting_more_text_than_the_engine_takes_is_refused_at_once(seed_window, qtbot):
    window = seed_window
    before = dict(window.comparison.documents)
    limit = window.comparison.config.max_chars
    QApplication.clipboard().setText("word " * (limit // 5 + 1))
    window.actions_by_name["paste_b"].trigger()
    assert window.error_dialog is not None
    message = window.error_dialog.text()
    assert "too long" in message and f"{limit:,}" in message
    assert dict(window.comparison.documents) == before
    assert not window.comparison.busy

def test_paste_makes_a_new_document_and_an_empty_clipboard_is_refused(seed_window, seeds, qtbot, wait_aligned):
    window = seed_window
    text = seeds(4).read_text(encoding="utf-8")
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    doc = window.comparison.documents["b"]
    assert doc.source == "clipboard" and doc.text == text and doc.path is None
    assert wait_aligned(window) == align(window.comparison.documents["a"].text, text, AlignConfig())
    QApplication.clipboard().setText("   ")
    window.actions_by_name["paste_a"].trigger()
    assert window.error_dialog is not None and "empty" in window.error_dialog.text()
    assert window.comparison.documents["b"] is doc


def test_swap_exchanges_the_sides_and_mirrors_the_alignment(seed_window, qtbot):
    window = seed_window
    docs = dict(window.comparison.documents)
    alignment = window.comparison.alignment
    window.comparison.select(1)
    selected = alignment.matches[1]
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.comparison.documents == {"a": docs["b"], "b": docs["a"]}
    assert window.comparison.alignment == alignment.swapped()
    assert window.panes["a"].document is docs["b"]
    assert window.panes["b"].current_span() == selected.a_span
    assert window.preferences.last_pair() == (docs["b"].path, docs["a"].path)


def test_zoom_keys_change_the_text_size(seed_window, qtbot):
    window = seed_window
    size = window.panes["a"].point_size()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.panes["a"].point_size() == window.panes["b"].point_size() == size + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.panes["a"].point_size() == size - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.panes["b"].point_size() == size
    assert window.preferences.point_size() == size


def test_command_line_with_a_bad_file_exits_2_naming_it(qapp, tmp_path, capsys):
    from reader.cli import main

    missing = tmp_path / "missing.txt"
    assert main(["gui", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: error:") and "missing.txt" in err and "\n" not in err
    assert main(["gui", "a.txt", "b.txt", "c.txt"]) == 2


def test_command_line_files_open_as_a_and_b(make_window, seeds):
    window = make_window([seeds(3), seeds(4)])
    assert window.comparison.documents["a"].path == str(seeds(3).resolve())
    assert window.comparison.documents["b"].path == str(seeds(4).resolve())
    assert os.path.basename(window.comparison.documents["b"].path) in window.panes["b"].source.full_text()


def test_window_layout_is_remembered(make_window, seeds):
    window = make_window([seeds(2), seeds(3)])
    window.passage_dock.hide()
    window.resize(1100, 760)
    window.close()
    again = make_window([seeds(2), seeds(3)])
    assert again.passage_dock.isHidden()
    assert again.settings_dock.isVisible()


def test_no_display_is_a_one_line_error_not_a_crash():
    from reader.ui.app import display_problem

    assert "no display" in display_problem({}, "linux")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "darwin") is None
    missing = display_problem({"DISPLAY": ":0"}, "linux", find_missing=lambda: ["libxcb-cursor.so.0"])
    assert "libxcb-cursor0" in missing
    assert display_problem({"DISPLAY": ":0"}, "linux", find_missing=lambda: []) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
