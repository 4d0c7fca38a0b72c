"""Annotations in the window: add (Ctrl+M, context menu), paint, list, filter, jump, edit, delete, undo."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.core.annotations import COLOURS
from reader.core.documents import load_document
from reader.storage.annotations import get_annotation, list_annotations
from reader.storage.database import StorageError, open_database
from reader.ui.reading.offsets import OffsetMap

QUOTE = "“We have removed these accounts for repeatedly violating"


@pytest.fixture
def database(tmp_path):
    db = open_database(tmp_path / "window.db")
    yield db
    db.close()


@pytest.fixture
def window(make_window, seeds, database):
    return make_window([seeds(2), seeds(3)], database=database)


def select(window, side, quote, occurrence=0):
    text = window.comparison.documents[side].text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    offsets = OffsetMap(text)
    view = window.panes[side].view
    cursor = view.textCursor()
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    return start, start + len(quote)


def save(qtbot, dialog, note=None, tags=None, colour=None, verdict=None, pair=None):
    if note is not None:
        dialog.note_edit.setPlainText(note)
    if tags is not None:
        dialog.tags_edit.setText(tags)
    if colour is not None:
        qtbot.mouseClick(dialog.colour_buttons[colour], Qt.MouseButton.LeftButton)
    if pair is not None:
        dialog.pair_box.setChecked(pair)
    if verdict is not None:
        dialog.verdict_combo.setCurrentIndex(dialog.verdict_combo.findData(verdict))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def annotate(qtbot, window, side, quote, **values):
    select(window, side, quote)
    window.annotations.annotate_action.trigger()
    qtbot.waitUntil(lambda: window.annotations.dialog is not None)
    save(qtbot, window.annotations.dialog, **values)
    qtbot.waitUntil(lambda: window.annotations.dialog is None)
    return max(list_annotations(window.annotations.db), key=lambda a: a.id)


def test_ctrl_m_on_a_matched_passage_saves_a_pair_with_verdict(qtbot, window, database):
    controller = window.annotations
    start, end = select(window, "a", QUOTE)
    qtbot.keyClick(window.panes["a"].view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.dialog is not None)
    dialog = controller.dialog
    assert dialog.pair_box.isVisible() and dialog.pair_box.isChecked() and dialog.verdict_combo.isEnabled()
    save(qtbot, dialog, note="Lifted from CNN", tags="meta, cnn", colour="pink", verdict="uncredited_copy")

    (stored,) = list_annotations(database)
    assert (stored.note, stored.tags, stored.colour, stored.verdict) == (
        "Lifted from CNN", ("meta", "cnn"), "pink", "uncredited_copy")
    assert stored.targets[0].quote.exact == QUOTE
    assert (stored.targets[0].position.start, stored.targets[0].position.end) == (start, end)
    match = window.comparison.alignment.matches[controller.matched_passage("a", start, end)]
    assert (stored.targets[1].position.start, stored.targets[1].position.end) == (match.b_start, match.b_end)
    # Drawn on both sides, listed once.
    assert [(m.start, m.end) for m in controller.overlays["a"].marks] == [(start, end)]
    assert [(m.start, m.end) for m in controller.overlays["b"].marks] == [(match.b_start, match.b_end)]
    assert controller.sidebar.ids() == [stored.id]
    assert "Copied without credit" in controller.sidebar.list.item(0).text()


def test_ctrl_enter_in_the_note_saves_and_the_annotations_tab_comes_to_the_front(qtbot, window, database):
    controller = window.annotations
    window.library.show_dock()  # the Library tab in front of the Annotations panel
    qtbot.waitUntil(lambda: controller.sidebar.visibleRegion().isEmpty())
    select(window, "a", QUOTE)
    controller.annotate_action.trigger()
    qtbot.waitUntil(lambda: controller.dialog is not None)
    dialog = controller.dialog
    dialog.activateWindow()  # as the window manager does with a new dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.note_edit, "Lifted")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.dialog is None)
    (stored,) = list_annotations(database)
    assert stored.note == "Lifted"  # saved, with no new line typed into the note
    qtbot.waitUntil(lambda: not controller.sidebar.visibleRegion().isEmpty())
    assert controller.sidebar.ids() == [stored.id]


def test_annotation_is_painted_with_a_margin_marker_in_its_colour(qtbot, window):
    controller = window.annotations
    annotate(qtbot, window, "a", QUOTE, colour="purple")
    pane = window.panes["a"]
    pane.view.setTextCursor(QTextCursor(pane.view.document()))  # no selection tint over the mark
    mark = controller.overlays["a"].marks[0]
    pane.reveal(mark.start, mark.end)
    rects = controller.overlays["a"].line_rects(*controller.overlays["a"].qt_span(mark))
    assert rects
    image = pane.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    x = pane.view.viewport().width() - 4 - 4.5
    y = rects[0].center().y()
    colour = image.pixelColor(round(x * ratio), round(y * ratio))
    expected = QColor(COLOURS["purple"])
    assert abs(colour.red() - expected.red()) < 40 and abs(colour.blue() - expected.blue()) < 40


def test_selection_outside_any_match_gives_a_note_without_verdict(qtbot, window, database):
    controller = window.annotations
    text = window.comparison.documents["a"].text
    quote = "Skip to Content"
    start = text.index(quote)
    assert controller.matched_passage("a", start, start + len(quote)) is None
    select(window, "a", quote)
    controller.annotate_selection()
    qtbot.waitUntil(lambda: controller.dialog is not None)
    assert not controller.dialog.pair_box.isVisible() and not controller.dialog.verdict_combo.isEnabled()
    save(qtbot, controller.dialog, note="boilerplate")
    (stored,) = list_annotations(database)
    assert not stored.is_pair and stored.verdict is None


def test_unticking_the_link_makes_a_single_annotation(qtbot, window):
    stored = annotate(qtbot, window, "b", "Dangerous Organisations", pair=False, verdict="credited_copy")
    assert not stored.is_pair and stored.verdict is None
    assert window.annotations.overlays["a"].marks == []


def test_without_selection_a_dialog_explains(qtbot, window):
    window.panes["a"].view.setTextCursor(QTextCursor(window.panes["a"].view.document()))
    window.panes["b"].view.setTextCursor(QTextCursor(window.panes["b"].view.document()))
    window.annotations.annotate_action.trigger()
    assert window.annotations.dialog is None
    assert window.error_dialog is not None and "Select the text to annotate" in window.error_dialog.text()


def test_context_menu_offers_annotate_and_edit_delete_on_a_mark(qtbot, window):
    controller = window.annotations
    view = window.panes["a"].view
    view.setTextCursor(QTextCursor(view.document()))
    menu = controller.build_context_menu("a", QPoint(5, 5))
    entry = next(a for a in menu.actions() if a.text() == "Annotate selection…")
    assert not entry.isEnabled()
    stored = annotate(qtbot, window, "a", QUOTE)
    start, _ = select(window, "a", QUOTE)
    window.panes["a"].reveal(start, start + 5)
    rect = view.cursorRect(view.textCursor())
    menu = controller.build_context_menu("a", rect.center() - QPoint(8, 0))
    texts = [a.text() for a in menu.actions()]
    assert "Annotate selection…" in texts and "Edit annotation…" in texts and "Delete annotation" in texts
    next(a for a in menu.actions() if a.text() == "Delete annotation").trigger()
    assert get_annotation(controller.db, stored.id).deleted is not None


def test_edit_from_the_sidebar_then_undo_and_redo(qtbot, window, database):
    controller = window.annotations
    stored = annotate(qtbot, window, "a", QUOTE, note="first thought", tags="draft")
    centre = controller.sidebar.list.visualItemRect(controller.sidebar.list.item(0)).center()
    qtbot.mouseClick(controller.sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(controller.sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: controller.dialog is not None)
    assert controller.dialog.note_edit.toPlainText() == "first thought"
    assert controller.dialog.tags_edit.text() == "draft"
    save(qtbot, controller.dialog, note="second thought", tags="checked", colour="green", verdict="credited_copy")
    after = get_annotation(database, stored.id)
    assert (after.note, after.tags, after.colour, after.verdict) == ("second thought", ("checked",), "green",
                                                                     "credited_copy")
    controller.undo_action.trigger()
    assert get_annotation(database, stored.id) == stored
    assert "first thought" in controller.sidebar.list.item(0).text()
    controller.redo_action.trigger()
    assert get_annotation(database, stored.id) == after


def test_delete_removes_it_everywhere_and_ctrl_z_brings_it_back(qtbot, window, database):
    controller = window.annotations
    stored = annotate(qtbot, window, "a", QUOTE)
    controller.sidebar.select_id(stored.id)
    qtbot.mouseClick(controller.sidebar.delete_button, Qt.MouseButton.LeftButton)
    assert list_annotations(database) == [] and controller.sidebar.ids() == []
    assert controller.overlays["a"].marks == [] and controller.overlays["b"].marks == []
    assert get_annotation(database, stored.id).deleted is not None  # kept for undo
    qtbot.keyClick(window.panes["a"].view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.id for a in list_annotations(database)] == [stored.id]
    assert controller.sidebar.ids() == [stored.id] and len(controller.overlays["a"].marks) == 1


def test_undo_of_add_removes_the_new_annotation(qtbot, window, database):
    annotate(qtbot, window, "a", QUOTE)
    window.annotations.undo_action.trigger()
    assert list_annotations(database) == []
    window.annotations.redo_action.trigger()
    assert len(list_annotations(database)) == 1


def test_undo_buttons_keep_their_short_labels_so_the_panel_does_not_widen(qtbot, window):
    """The menu says "Undo Add annotation"; the panel's buttons say Undo/Redo (the full text is
    their tooltip), else the dock grew ~150 px wider and took that from the reading panes."""
    controller = window.annotations
    dock_width, pane_width = controller.sidebar.width(), window.panes["a"].width()
    stored = annotate(qtbot, window, "a", QUOTE)
    controller.sidebar.select_id(stored.id)
    controller.delete_selected()
    controller.undo_action.trigger()
    assert controller.undo_action.text() != "&Undo"  # the menu names what it undoes
    sidebar = controller.sidebar
    assert (sidebar.undo_button.text(), sidebar.redo_button.text()) == ("Undo", "Redo")
    assert "Delete annotation" in sidebar.redo_button.toolTip()
    qtbot.wait(50)
    assert sidebar.width() == dock_width and window.panes["a"].width() == pane_width

def test_sidebar_filters_by_tag_colour_verdict_search_and_document(qtbot, window, seeds):
    controller = window.annotations
    pair = annotate(qtbot, window, "a", QUOTE, note="lifted", tags="meta", colour="pink", verdict="uncredited_copy")
    on_b = annotate(qtbot, window, "b", "Dangerous Organisations", pair=False, note="spelling", tags="style",
                    colour="blue")
    on_a = annotate(qtbot, window, "a", "Skip to Content", note="menu text", tags="meta")
    sidebar = controller.sidebar
    assert sidebar.ids() == [on_a.id, pair.id, on_b.id]  # by document, then position
    sidebar.set_filter("tag", "meta")
    assert sidebar.ids() == [on_a.id, pair.id]
    sidebar.set_filter("colour", "pink")
    assert sidebar.ids() == [pair.id]
    sidebar.set_filter("tag", None)
    sidebar.set_filter("colour", None)
    sidebar.set_filter("verdict", "uncredited_copy")
    assert sidebar.ids() == [pair.id]
    sidebar.set_filter("verdict", None)
    sidebar.set_filter("search", "spell")
    assert sidebar.ids() == [on_b.id]
    sidebar.set_filter("search", "")
    # Open another pair: "documents on screen" shows nothing, "all documents" shows all three.
    window.compare(load_document(seeds(0)), load_document(seeds(1)))
    qtbot.waitUntil(lambda: controller.sidebar.ids() == [])
    assert "All documents" in sidebar.empty_label.text()
    sidebar.set_filter("document", "all")
    assert sidebar.ids() == [on_a.id, pair.id, on_b.id]
    sidebar.set_filter("document", pair.targets[1].document_id)  # a pair is listed under both documents
    assert sidebar.ids() == [pair.id, on_b.id]


def test_clicking_an_annotation_jumps_to_it(qtbot, window):
    controller = window.annotations
    quote = "Microsoft said in a blogpost on Tuesday"
    stored = annotate(qtbot, window, "a", quote)
    pane = window.panes["a"]
    pane.view.verticalScrollBar().setValue(0)
    start = window.comparison.documents["a"].text.index(quote)
    assert not pane.visible_range()[0] <= start < pane.visible_range()[1]
    item = controller.sidebar.list.item(0)
    qtbot.mouseClick(controller.sidebar.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=controller.sidebar.list.visualItemRect(item).center())
    first, last = pane.visible_range()
    assert first <= start < last
    assert controller.overlays["a"].current == stored.id


def test_jump_opens_the_documents_of_an_annotation_not_on_screen(qtbot, window, seeds):
    controller = window.annotations
    stored = annotate(qtbot, window, "a", QUOTE, verdict="uncredited_copy")
    window.compare(load_document(seeds(0)), load_document(seeds(1)))
    controller.sidebar.set_filter("document", "all")
    controller.jump_to(stored.id)
    assert window.comparison.documents["a"].content_hash == load_document(seeds(2)).content_hash
    assert window.comparison.documents["b"].content_hash == load_document(seeds(3)).content_hash
    assert len(controller.overlays["a"].marks) == 1


def test_storage_failure_is_a_dialog_and_stores_nothing(qtbot, window, database, monkeypatch):
    import reader.ui.annotations.controller as controller_module

    def broken(db, annotation):
        raise StorageError(f"{db}: the database is busy (another Reader is writing); try again", 1)

    monkeypatch.setattr(controller_module, "add_annotation", broken)
    select(window, "a", QUOTE)
    window.annotations.annotate_selection()
    qtbot.waitUntil(lambda: window.annotations.dialog is not None)
    save(qtbot, window.annotations.dialog, note="will fail")
    assert window.error_dialog is not None and "was not saved" in window.error_dialog.text()
    assert list_annotations(database) == [] and window.annotations.undo_stack.count() == 0


def test_annotations_come_back_reanchored_after_the_file_changed(qtbot, wait_aligned, tmp_path, seeds):
    from reader.ui.app import create_window

    story, other = tmp_path / "story.txt", tmp_path / "other.txt"
    story.write_text(seeds(2).read_text(encoding="utf-8"), encoding="utf-8")
    other.write_text(seeds(3).read_text(encoding="utf-8"), encoding="utf-8")
    db_path = tmp_path / "reopen.db"

    def open_window():
        w = create_window([str(story), str(other)], database=open_database(db_path))
        qtbot.addWidget(w)
        w.show()
        wait_aligned(w)
        return w

    first = open_window()
    stored = annotate(qtbot, first, "a", QUOTE, note="keep me")
    first.close()
    story.write_text("Correction appended at the top.\n\n" + seeds(2).read_text(encoding="utf-8"), encoding="utf-8")
    second = open_window()
    text = second.comparison.documents["a"].text
    assert [(m.start, m.end) for m in second.annotations.overlays["a"].marks] == [
        (text.index(QUOTE), text.index(QUOTE) + len(QUOTE))]
    assert second.annotations.sidebar.ids() == [stored.id]
    story.write_text(seeds(2).read_text(encoding="utf-8").replace(QUOTE, "Meta said"), encoding="utf-8")
    third = open_window()
    assert third.annotations.overlays["a"].marks == []
    assert third.annotations.sidebar.ids() == [stored.id]
    assert "Not found in the current text" in third.annotations.sidebar.list.item(0).text()
