"""Web pages in the window: File > Open URL, a link dropped on a pane, the header's metadata,
the library's site column. Pages come from a local server on 127.0.0.1."""

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.storage.database import open_database
from reader.storage.documents import add_document
from reader.ui.url_opening import PageFetcher, UrlDialog
from tests.web_server import STORY, PageServer


@pytest.fixture(scope="module")
def server():
    with PageServer() as running:
        yield running


def drop(widget, mime):
    point = QPointF(widget.width() / 2, widget.height() / 2)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        enter = QDragEnterEvent(point, *args)
    except TypeError:
        enter = QDragEnterEvent(point.toPoint(), *args)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(point, *args))


def test_open_url_is_in_the_file_menu_with_its_shortcut(seed_window):
    action = seed_window.actions_by_name["open_url"]
    assert action in seed_window.menus["file"].actions()
    assert action.shortcut().toString() == "Ctrl+Shift+U"


def test_the_dialog_takes_only_a_web_address_and_asks_which_side(qtbot):
    dialog = UrlDialog(None, side="b")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not ok.isEnabled()
    dialog.url.setText("seeds/002.txt")
    assert not ok.isEnabled()
    dialog.url.setText(" https://example.com/story ")
    dialog.side_a.setChecked(True)
    assert ok.isEnabled() and dialog.choice() == ("https://example.com/story", "a")


def test_an_opened_url_shows_the_article_and_its_metadata(seed_window, server, qtbot, wait_aligned):
    window = seed_window
    window.open_url("b", server.url("/moved"))
    qtbot.waitUntil(lambda: window.comparison.documents["b"].site == "CNN", timeout=15_000)
    doc = window.comparison.documents["b"]
    assert doc.text.split("\n\n")[1:] == STORY
    pane = window.panes["b"]
    assert pane.title.full_text() == "Meta removes Khamenei’s accounts"
    line = pane.source.full_text()
    assert line.startswith("CNN  ·  2024-02-09  ·  by Rosa Rahimi  ·  https://edition.example.com/2024/02/09/meta")
    details = pane.source.toolTip()
    assert "Captured: " in details and "UTC" in details and "Read as: article text by trafilatura" in details
    assert "redirected" in window.statusBar().currentMessage()
    wait_aligned(window)


def test_a_link_dropped_on_a_pane_opens_there(seed_window, server, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("/article-2"))])
    drop(seed_window.panes["a"].view.viewport(), mime)
    qtbot.waitUntil(lambda: seed_window.comparison.documents["a"].site == "The Daily Example", timeout=15_000)


def test_a_link_dropped_as_text_opens_too(seed_window, server, qtbot):
    mime = QMimeData()
    mime.setText(server.url("/article"))
    drop(seed_window.panes["b"].view.viewport(), mime)
    qtbot.waitUntil(lambda: seed_window.comparison.documents["b"].site == "CNN", timeout=15_000)


def test_a_page_that_cannot_be_read_shows_a_dialog_and_keeps_the_pane(seed_window, server, qtbot):
    before = seed_window.comparison.documents["b"]
    seed_window.open_url("b", server.url("/app"))
    qtbot.waitUntil(lambda: seed_window.error_dialog is not None and seed_window.error_dialog.isVisible(),
                    timeout=15_000)
    assert "needs JavaScript" in seed_window.error_dialog.text()
    assert seed_window.comparison.documents["b"] is before
    seed_window.error_dialog.close()


def test_a_file_opened_while_a_page_arrives_wins(qtbot, server):
    fetcher = PageFetcher()
    arrived = []
    fetcher.fetched.connect(lambda side, doc: arrived.append(side))
    fetcher.fetch("a", server.url("/article"))
    fetcher.fetch("b", server.url("/article"))
    fetcher.forget("a")  # what open_path does when a file is opened on A meanwhile
    qtbot.waitUntil(lambda: not fetcher.runner.busy, timeout=15_000)
    qtbot.wait(50)
    assert arrived == ["b"] and not fetcher.pending("a")
    fetcher.shutdown()


def test_the_library_lists_site_and_date(make_window, seeds, tmp_path, server):
    from reader.core.web_pages import load_url

    database = open_database(tmp_path / "library.db")
    try:
        add_document(database, load_url(server.url("/article")))
        window = make_window([seeds(0), seeds(1)], database=database)
        window.library.reload()
        tree = window.library.dock.documents
        # One column, two lines a document: its title, then its site (or file) and date.
        rows = [tree.topLevelItem(r).text(0).split("\n") for r in range(tree.topLevelItemCount())]
        page = next(lines for lines in rows if lines[0] == "Meta removes Khamenei’s accounts")
        assert "CNN" in page[1] and "2024-02-09" in page[1]
        window.library.shutdown()
    finally:
        database.close()


def test_a_page_in_the_last_pair_is_fetched_again_at_the_next_start(make_window, seeds, server, qtbot):
    window = make_window([seeds(2)], wait=False)
    window.open_url("b", server.url("/moved"))
    qtbot.waitUntil(lambda: getattr(window.comparison.documents["b"], "site", None) == "CNN", timeout=15_000)
    assert window.preferences.last_pair() == (str(seeds(2).resolve()), server.url("/moved"))
    window.close()
    again = make_window(wait=False)
    assert "fetching " + server.url("/moved") + " again for B" in again.statusBar().currentMessage()
    assert again.comparison.documents["a"].path == str(seeds(2).resolve())
    qtbot.waitUntil(lambda: getattr(again.comparison.documents["b"], "site", None) == "CNN", timeout=15_000)
    assert again.comparison.documents["b"].text.split("\n\n")[1:] == STORY
