"""Evidence in the window: changed facts (marks, list column, filter), copying a passage pair,
File > Export Report… and File > Print…."""

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtPrintSupport import QPrinter

from reader.core.annotations import Annotation, Target
from reader.core.report_html import KIND_COLOURS
from reader.storage.annotations import add_annotation
from reader.storage.database import open_database
from reader.storage.documents import add_document
from reader.ui.reading import kind_style
from reader.ui.reading.passage_list import FACTS_COLUMN

#: The passage of 002/003 whose facts changed: "In 2021, the US State Department said…"
STATE_DEPARTMENT = "In 2021, the US State Department"


def wait_facts(qtbot, window):
    qtbot.waitUntil(lambda: window.comparison.facts is not None, timeout=20_000)
    return window.comparison.facts


def passage_at(window, quote):
    text = window.comparison.documents["a"].text
    offset = text.index(quote)
    return next(i for i, m in enumerate(window.comparison.alignment.matches) if m.a_start <= offset < m.a_end)


def test_changed_facts_are_boxed_counted_and_filtered(qtbot, seed_window):
    window = seed_window
    facts = wait_facts(qtbot, window)
    flagged = [sum(c.flagged for c in changes) for changes in facts]
    assert sum(flagged) == 9 and sum(1 for n in flagged if n) == 7
    # Both panes box the flagged facts of their side.
    text_a = window.comparison.documents["a"].text
    boxed_a = {text_a[s:e] for s, e in ((window.panes["a"]._offsets.from_qt(s), window.panes["a"]._offsets.from_qt(e))
                                       for s, e in window.panes["a"]._fact_spans)}
    assert {"2021", "US State Department"} <= boxed_a
    assert len(window.panes["b"]._fact_spans) == 1  # B's "US" (the rest were dropped: A's side only)
    # The list counts them, explains them, and filters on them.
    dock = window.passage_dock
    row = passage_at(window, STATE_DEPARTMENT)
    index = dock.model.index(row, FACTS_COLUMN)
    assert dock.model.data(index) == "▣ 2"
    assert "date dropped: 2021" in dock.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert dock.facts_filter.text() == "Changed facts only (7)"
    dock.facts_filter.setChecked(True)
    assert dock.proxy.rowCount() == 7 and row in dock.visible_matches()
    dock.facts_filter.setChecked(False)
    assert dock.proxy.rowCount() == len(facts)
    window.go_to(row, origin=None)
    assert window.statusBar().currentMessage().endswith(", 2 changed facts (boxed)")


def test_the_kinds_look_the_same_in_the_report_and_the_window():
    assert KIND_COLOURS == kind_style.BASE_COLOURS


def test_copy_from_the_passage_list_puts_both_sides_on_the_clipboard(qtbot, seed_window):
    window = seed_window
    wait_facts(qtbot, window)
    row = passage_at(window, STATE_DEPARTMENT)
    window.go_to(row, origin=None)
    dock = window.passage_dock
    dock.table.setFocus()
    dock.copy_action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    a, b = window.comparison.documents["a"], window.comparison.documents["b"]
    m = window.comparison.alignment.matches[row]
    plain, rich = mime.text(), mime.html()
    for needle in ("In 2021, the US State Department said", "The US government has alleged", a.title, b.title,
                   f"characters {m.a_start}–{m.a_end}", f"characters {m.b_start}–{m.b_end}", "date dropped: 2021"):
        assert needle in plain, needle
    assert "<p>" in rich and "The US government has alleged" in rich and b.source in rich
    menu = dock.context_menu()
    assert [action.text() for action in menu.actions()] == ["Copy Passage Pair", "Copy as Citation"]
    dock.citation_action.trigger()
    citation = QGuiApplication.clipboard().mimeData()
    assert "corresponds to" in citation.text() and "<cite>" in citation.html()
    assert citation.text().index("The US government") < citation.text().index("In 2021")


def test_ctrl_c_in_a_pane_copies_the_passage_unless_text_is_selected(qtbot, seed_window):
    window = seed_window
    pane = window.panes["b"]
    row = passage_at(window, STATE_DEPARTMENT)
    window.go_to(row, origin=None)
    QGuiApplication.clipboard().clear()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "The US government has alleged" in QGuiApplication.clipboard().text()
    assert "In 2021, the US State Department" in QGuiApplication.clipboard().text()
    cursor = pane.view.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    qtbot.keyClick(pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Meta"  # the selection, as usual


def test_file_menu_exports_and_prints_the_report(qtbot, tmp_path, seeds, make_window):
    db = open_database(tmp_path / "w.db")
    window = make_window([seeds(2), seeds(3)], database=db)
    a, b = window.comparison.documents["a"], window.comparison.documents["b"]
    ids = [add_document(db, d) for d in (a, b)]
    start = a.text.index(STATE_DEPARTMENT)
    add_annotation(db, Annotation((Target.on_text(ids[0], a.text, start, start + 20, a.content_hash),),
                                  note="Year missing in B"))
    actions = window.actions_by_name
    assert actions["print"].shortcut() == QKeySequence("Ctrl+P")
    file_menu = [action.text() for action in window.menus["file"].actions()]
    assert "&Export Report…" in file_menu and "&Print Report…" in file_menu
    wait_facts(qtbot, window)
    html = tmp_path / "r.html"
    assert window.evidence.export_report(str(html))
    page = html.read_text(encoding="utf-8")
    assert "B is a rewrite of A" in page and "Year missing in B" in page and "date dropped: 2021" in page
    pdf = tmp_path / "r.pdf"
    assert window.evidence.export_report(str(pdf)) and pdf.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    pages = window.evidence.print_to(printer)
    assert pages >= 2 and printed.stat().st_size > 0
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", printed, "-"], capture_output=True, text=True).stdout
        assert f"Page {pages} of {pages}" in text and "Year missing in B" in text
    db.close()


def test_exporting_nothing_or_to_a_bad_place_says_why(qtbot, tmp_path, make_window, seeds):
    window = make_window([seeds(2)], wait=False)
    errors = []
    window.evidence.show_error = errors.append
    assert window.evidence.export_report(str(tmp_path / "r.html")) is False
    assert "no comparison to report" in errors[-1]
    window.comparison.set_document("b", window.comparison.documents["a"])
    qtbot.waitUntil(lambda: window.comparison.alignment is not None, timeout=20_000)
    assert window.evidence.export_report(str(tmp_path / "missing" / "r.html")) is False
    assert "could not be written" in errors[-1]


@pytest.mark.parametrize("citation", [False, True])
def test_copy_without_a_selected_passage_only_says_so(qtbot, seed_window, citation):
    messages = []
    seed_window.evidence.show_status = lambda message, timeout=0: messages.append(message)
    assert seed_window.evidence.copy_passage(None, citation) is False
    assert "Select a passage first" in messages[-1]


def test_print_opens_a_preview_of_the_report(qtbot, seed_window):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    seed_window.actions_by_name["print"].trigger()
    preview = seed_window.evidence.preview
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    preview.close()
    qtbot.waitUntil(lambda: seed_window.evidence.preview is None, timeout=5_000)


@pytest.mark.parametrize("text_colour, background", [("#ffffff", "#000000"), ("#000000", "#ffffff")])
def test_the_fact_box_is_drawn_in_the_palettes_text_colour(qtbot, text_colour, background):
    from PySide6.QtGui import QColor, QPalette

    from reader.ui.reading.fact_marks import FactSample

    sample = FactSample()
    qtbot.addWidget(sample)
    palette = sample.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor(text_colour))
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    sample.setPalette(palette)
    sample.setAutoFillBackground(True)
    sample.resize(sample.sizeHint())
    image = sample.grab().toImage()
    # The box's left edge, half-way down: the ink of the box, not of the text inside it.
    edge = image.pixelColor(4, sample.height() // 2)
    assert abs(edge.lightness() - QColor(text_colour).lightness()) < 100
