"""The window and hostile input: a remembered pair gone bad, a huge line, markup in titles."""

import os

import pytest
from PySide6.QtCore import Qt

from reader.ui.annotations.dialog import AnnotationDialog
from reader.ui.app import open_settings
from reader.ui.plain_text import plain_tooltip
from reader.ui.preferences import Preferences
from reader.ui.reading.offsets import DISPLAY_LINE_CHARS, OffsetMap


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_remembered_pair_that_became_a_fifo_does_not_stop_the_start(make_window, tmp_path, seeds):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    Preferences(open_settings()).set_last_pair(str(fifo), str(seeds(3)))
    window = make_window()  # would block forever reading the FIFO
    assert "Could not reopen the last pair" in window.statusBar().currentMessage()
    assert "is not a regular file" in window.statusBar().currentMessage()
    assert window.comparison.documents["a"] is not None  # the example pair instead


def test_a_line_of_a_million_characters_is_shown_in_pieces(make_window, tmp_path, seeds):
    huge = tmp_path / "huge.txt"
    huge.write_text("x" * 1_000_000 + "\n\n" + seeds(2).read_text(encoding="utf-8"), encoding="utf-8")
    window = make_window([huge, seeds(2)], wait=True)
    pane = window.panes["a"]
    document = pane.view.document()
    assert document.blockCount() >= 1_000_000 // DISPLAY_LINE_CHARS
    assert max(len(document.findBlockByNumber(k).text()) for k in range(50)) <= DISPLAY_LINE_CHARS
    # Offsets still name the same characters: the seed article after the long line is matched.
    text = window.comparison.documents["a"].text
    offsets = OffsetMap(text)
    start = text.index("\n\n") + 2
    assert document.characterAt(offsets.to_qt(start)) == text[start]
    assert window.comparison.alignment.matches


def test_copying_from_a_pane_gives_the_file_text_without_display_breaks(make_window, tmp_path, seeds):
    long_line = " ".join(f"word{i}" for i in range(600))  # about 4,800 characters, one line
    path = tmp_path / "long.txt"
    path.write_text("Title\r\n\r\n" + long_line + "\r\nEnd 🙂 here.\n", encoding="utf-8")
    window = make_window([path, seeds(2)], wait=False)
    pane = window.panes["a"]
    assert pane.view.document().blockCount() > 4  # the long line is shown cut
    pane.view.selectAll()
    text = window.comparison.documents["a"].text
    assert pane.view.createMimeDataFromSelection().text() == text
    assert pane.selected_text() == text
    cursor = pane.view.textCursor()
    offsets = OffsetMap(text)
    start = text.index("word3 ")
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(text.index("here")), cursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    assert pane.view.createMimeDataFromSelection().text() == text[start:text.index("here")]


def test_titles_and_quotes_are_never_markup(qtbot):
    title = "<img src='file:///etc/passwd'> <b>bold</b>"
    dialog = AnnotationDialog(None, quote="<i>quoted</i>", where=f"A: {title}")
    qtbot.addWidget(dialog)
    assert "&lt;img" in dialog.quote_label.text() and "<img" not in dialog.quote_label.text()
    assert "&lt;i&gt;quoted" in dialog.quote_label.text()
    tip = plain_tooltip(title)
    assert "<img" not in tip and "&lt;img" in tip


def test_error_dialogs_show_plain_text(seed_window):
    seed_window.show_error("x.html: cannot read <img src='file:///etc/passwd'>")
    assert seed_window.error_dialog.textFormat() == Qt.TextFormat.PlainText
