"""Annotations ▸ Export… / Import… in the window: the format follows the chosen file type, a
JSON-LD export read into another database shows at once, and bad files are dialogs that store
nothing."""

import json

import pytest
from PySide6.QtGui import QTextCursor

from reader.storage.annotations import list_annotations
from reader.storage.database import open_database
from reader.ui.annotations.transfer import export_format, with_extension
from reader.ui.reading.offsets import OffsetMap

QUOTE = "We have removed these accounts for repeatedly violating"


@pytest.fixture
def databases(tmp_path):
    dbs = [open_database(tmp_path / "one.db"), open_database(tmp_path / "two.db")]
    yield dbs
    for db in dbs:
        db.close()


@pytest.fixture
def open_window(make_window, seeds):
    def make(database):
        return make_window([seeds(2), seeds(3)], database=database)

    return make


def annotate(qtbot, window, quote, note):
    text = window.comparison.documents["a"].text
    start = text.index(quote)
    offsets, view = OffsetMap(text), window.panes["a"].view
    cursor = view.textCursor()
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.annotations.annotate_action.trigger()
    qtbot.waitUntil(lambda: window.annotations.dialog is not None)
    window.annotations.dialog.note_edit.setPlainText(note)
    window.annotations.dialog.accept()
    qtbot.waitUntil(lambda: window.annotations.dialog is None)


def test_format_follows_the_extension_else_the_chosen_type():
    assert export_format("/x/notes.csv", "Markdown report (*.md)") == "csv"
    assert export_format("/x/notes", "Markdown report (*.md)") == "md"
    assert export_format("/x/notes", "CSV spreadsheet (*.csv)") == "csv"
    assert export_format("/x/notes") == "jsonld"
    assert with_extension("/x/notes", "md") == "/x/notes.md"
    assert with_extension("/x/notes.json", "jsonld") == "/x/notes.json"


def test_menu_offers_export_and_import(open_window, databases):
    window = open_window(databases[0])
    from PySide6.QtWidgets import QMenu

    menu = window.menuBar().findChild(QMenu, "annotationsMenu")
    texts = [a.text() for a in menu.actions()]
    assert "E&xport Annotations…" in texts and "&Import Annotations…" in texts


def test_export_in_three_formats_then_import_shows_at_once(qtbot, open_window, databases, tmp_path):
    first = open_window(databases[0])
    annotate(qtbot, first, QUOTE, "Lifted from CNN")
    transfer = first.annotations.transfer
    assert transfer.export_to(str(tmp_path / "notes.jsonld"))
    assert transfer.export_to(str(tmp_path / "notes.csv"))
    assert transfer.export_to(str(tmp_path / "notes.md"))
    exported = json.loads((tmp_path / "notes.jsonld").read_text(encoding="utf-8"))
    assert "Lifted from CNN" in json.dumps(exported)
    assert (tmp_path / "notes.csv").read_text(encoding="utf-8").splitlines()[0].count(",") >= 3
    assert "Lifted from CNN" in (tmp_path / "notes.csv").read_text(encoding="utf-8")
    assert "Lifted from CNN" in (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert first.error_dialog is None

    second = open_window(databases[1])
    assert second.annotations.sidebar.ids() == []
    report = second.annotations.transfer.import_from(str(tmp_path / "notes.jsonld"))
    assert report is not None and report.added == 1
    (stored,) = list_annotations(databases[1])
    assert stored.note == "Lifted from CNN"
    # Listed and painted at once, without reopening anything.
    assert second.annotations.sidebar.ids() == [stored.id]
    text = second.comparison.documents["a"].text
    assert [(m.start, m.end) for m in second.annotations.overlays["a"].marks] == [
        (text.index(QUOTE), text.index(QUOTE) + len(QUOTE))]
    # Importing the same file again changes nothing.
    assert second.annotations.transfer.import_from(str(tmp_path / "notes.jsonld")).unchanged == 1


@pytest.mark.parametrize("content, problem", [("{not json", "not valid JSON"),
                                              ('{"type": "Nothing"}', "nothing was imported")])
def test_a_bad_import_is_a_dialog_and_stores_nothing(open_window, databases, tmp_path, content, problem):
    window = open_window(databases[0])
    bad = tmp_path / "bad.jsonld"
    bad.write_text(content, encoding="utf-8")
    assert window.annotations.transfer.import_from(str(bad)) is None
    assert window.error_dialog is not None
    assert str(bad) in window.error_dialog.text() and problem in window.error_dialog.text()
    assert list_annotations(databases[0]) == []


def test_export_to_an_unwritable_place_is_a_dialog(open_window, databases, tmp_path):
    window = open_window(databases[0])
    target = tmp_path / "no such folder" / "notes.csv"
    assert not window.annotations.transfer.export_to(str(target))
    assert str(target) in window.error_dialog.text() and "cannot write" in window.error_dialog.text()
