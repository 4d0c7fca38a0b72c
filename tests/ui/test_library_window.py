"""The library in the window: the dock on the seeds, search, compare, likely sources, import,
editing, and the corpus overview (scan in the background, cancellable)."""


import pytest
from PySide6.QtCore import Qt

from reader.core.corpus import CorpusDoc
from reader.storage.database import open_database
from reader.storage.documents import get_document, list_documents
from reader.ui.plain_text import plain_tooltip


@pytest.fixture
def database(tmp_path):
    db = open_database(tmp_path / "library.db")
    yield db
    db.close()


@pytest.fixture
def window(make_window, seeds, database):
    w = make_window([seeds(0), seeds(1)], database=database)
    w.library.add_seeds_on_first_run()
    yield w
    w.library.shutdown()


def _ids(database):
    return {d.source[:3]: d.id for d in list_documents(database)}


def _titles_shown(dock):
    return [dock.documents.topLevelItem(k).text(0).split("\n")[0] for k in range(dock.documents.topLevelItemCount())]


def test_first_run_library_is_the_seeds(window, database):
    dock = window.library.dock
    window.library.add_seeds_on_first_run()  # a second call adds nothing
    window.library.actions_by_name["show"].trigger()  # a tab behind Annotations until asked for
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()
    assert len(_titles_shown(dock)) == 5 == len(list_documents(database))
    assert dock.count_label.text() == "5 documents"
    assert not dock.compare_button.isEnabled()


def test_search_filters_by_title_and_text(qtbot, window):
    dock = window.library.dock
    qtbot.keyClicks(dock.search, "Greenblatt")  # only in seed 000's text
    assert _titles_shown(dock) == ["Meta Takes Action Against Ayatollah Ali Khamenei’s Social Media Accounts"]
    assert dock.count_label.text() == "1 of 5 documents"
    dock.search.clear()
    assert len(_titles_shown(dock)) == 5


def test_pick_two_documents_to_compare(qtbot, window, database, wait_aligned):
    dock = window.library.dock
    ids = _ids(database)
    dock.select_ids([ids["002"], ids["004"]])
    assert dock.compare_button.isEnabled()
    qtbot.mouseClick(dock.compare_button, Qt.MouseButton.LeftButton)
    docs = window.comparison.documents
    assert docs["a"].source.startswith("002") and docs["b"].source.startswith("004")
    assert wait_aligned(window).summary.matches >= 5
    dock.select_ids([ids["003"]])
    qtbot.mouseClick(dock.open_a_button, Qt.MouseButton.LeftButton)
    assert window.comparison.documents["a"].source.startswith("003")
    assert window.comparison.documents["b"].source.startswith("004")


def test_selected_document_shows_its_likely_sources(qtbot, window, database):
    dock, library = window.library.dock, window.library
    ids = _ids(database)
    with qtbot.waitSignal(library.ranking_shown, timeout=20_000) as shown:
        dock.select_ids([ids["004"]])
    ranking = shown.args[0]
    assert {r.key for r in ranking.sources} == {ids["002"], ids["003"]}
    rows = [[dock.ranking.topLevelItem(k).text(c) for c in range(2)] for k in range(dock.ranking.topLevelItemCount())]
    assert [r[1] for r in rows[:2]] == ["Source", "Source"]
    assert {r[0].split(" — ")[0] for r in rows[:2]} == {get_document(database, k, with_text=False).title
                                                        for k in (ids["002"], ids["003"])}
    first = ranking.sources[0]
    assert rows[0][0].split("\n")[1:] == [f"{first.share:.0%} of this · {first.other_share:.0%} of that",
                                          f"{first.passages} passages"]
    assert "2 likely sources, 0 likely copies, 2 other documents" in dock.ranking_label.text()
    # Activating a source opens the pair with the source as A.
    dock.ranking.itemActivated.emit(dock.ranking.topLevelItem(0), 0)
    docs = window.comparison.documents
    assert docs["b"].source.startswith("004") and docs["a"].source[:3] in ("002", "003")


def test_import_shows_the_new_articles_likely_sources(qtbot, window, database, tmp_path, seeds):
    library = window.library
    copy = tmp_path / "reprint.txt"
    copy.write_text(seeds(3).read_text(encoding="utf-8") + "\nA line the reprint added at the end.\n",
                    encoding="utf-8")
    with qtbot.waitSignal(library.ranking_shown, timeout=20_000) as shown:
        library.import_paths([copy, seeds(2)])  # seed 002 is already stored: recognised
    assert len(list_documents(database)) == 6
    assert "1 added, 1 already stored" in window.statusBar().currentMessage()
    ranking = shown.args[0]
    assert ranking.key == _ids(database)["rep"]
    assert _ids(database)["003"] in {r.key for r in ranking.all}
    assert ranking.all[0].share > 0.9  # the reprint is almost all seed 003


def test_import_of_a_bad_file_is_reported_and_stores_nothing(qtbot, window, database, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(window, "show_error", errors.append)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(window.library.import_done, timeout=20_000):
        window.library.import_paths([empty])
    assert len(list_documents(database)) == 5
    assert errors and "empty.txt" in errors[0] and "1 skipped" in errors[0]


def test_edit_metadata_then_bad_date_is_refused(qtbot, window, database):
    from reader.ui.library.edit_dialog import LibraryEditDialog

    ids = _ids(database)
    window.library.save_metadata(ids["002"], {"title": "CNN: Meta removes accounts", "published": "2024-02-09"})
    stored = get_document(database, ids["002"], with_text=False)
    assert (stored.title, stored.published) == ("CNN: Meta removes accounts", "2024-02-09")
    assert "CNN: Meta removes accounts" in _titles_shown(window.library.dock)
    dialog = LibraryEditDialog(stored, window)
    qtbot.addWidget(dialog)
    dialog.published.setText("9 Feb 2024")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "YYYY-MM-DD" in dialog.problem.text()
    dialog.published.setText("2024-02-10")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.fields() == {"published": "2024-02-10"}


def test_corpus_overview_scans_in_the_background(qtbot, window, database):
    window.library.show_overview()
    dialog = window.library.overview
    with qtbot.waitSignal(dialog.scanned, timeout=60_000) as scanned:
        assert dialog.busy  # returned at once: the scan runs in the background
    result = scanned.args[0]
    ids = _ids(database)
    edges = {(e.source, e.copy) for e in result.graph().edges}
    assert edges == {(ids["002"], ids["003"]), (ids["002"], ids["004"]), (ids["003"], ids["004"])}
    assert len(dialog.heat_map.matrix) == 5 and len(dialog.graph.edges) == 3
    assert all(link.relation in ("derived", "quote") for link in dialog.graph.links)
    assert not dialog.busy and dialog.tabs.isEnabled()
    # The pairs table says which of the row's two documents is the copy.
    for k in range(dialog.pairs.topLevelItemCount()):
        item = dialog.pairs.topLevelItem(k)
        source, copy = item.data(0, Qt.ItemDataRole.UserRole)
        if (source, copy) in edges:
            title = get_document(database, source, with_text=False).title
            first_is_source = item.toolTip(0).startswith(plain_tooltip(title).removesuffix("</p>"))
            assert item.text(6).startswith("the other is the copy" if first_is_source else "this is the copy")
    # Clicking the 002 → 003 edge opens that pair, source as A.
    keys = list(result.keys)
    dialog.tabs.setCurrentWidget(dialog.graph)
    middle = dialog.graph.line_path(keys.index(ids["002"]), keys.index(ids["003"])).pointAtPercent(0.5)
    qtbot.mouseClick(dialog.graph, Qt.MouseButton.LeftButton, pos=middle.toPoint())
    docs = window.comparison.documents
    assert docs["a"].source.startswith("002") and docs["b"].source.startswith("003")
    dialog.close()


def test_corpus_overview_scan_can_be_cancelled(qtbot, window):
    from benchmarks.synthetic_corpus import generate_corpus
    from reader.ui.corpus.overview import CorpusOverviewDialog

    corpus = generate_corpus(400, seed=3, vocabulary=5000)
    docs = [CorpusDoc(d.name, d.text, d.name) for d in corpus.docs]
    dialog = CorpusOverviewDialog(docs, window, workers=1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.busy
    with qtbot.waitSignal(dialog.runner.cancelled, timeout=20_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "cancelled" in dialog.status.text().lower()
    assert dialog.result is None and not dialog.tabs.isEnabled() and dialog.rescan_button.isEnabled()
    dialog.close()


def _write_articles(folder, count):
    folder.mkdir()
    for k in range(count):
        (folder / f"article_{k:03}.txt").write_text(
            f"Report number {k} on the council budget. " + " ".join(f"word{k}x{n}" for n in range(200)) + "\n",
            encoding="utf-8")


def test_folder_import_runs_off_the_gui_thread_with_progress(qtbot, window, database, tmp_path, monkeypatch):
    import threading

    import reader.storage.library as library_import

    threads, real = set(), library_import.import_paths

    def recording(db, paths, *args, **kwargs):
        threads.add(threading.current_thread())
        return real(db, paths, *args, **kwargs)

    monkeypatch.setattr(library_import, "import_paths", recording)
    _write_articles(tmp_path / "many", 12)
    seen = []
    window.library.import_runner.progress.connect(lambda _g, done, total: seen.append((done, total)))
    with qtbot.waitSignal(window.library.import_done, timeout=30_000) as finished:
        window.library.import_paths([tmp_path / "many"])
        assert window.library.import_progress is not None  # returned at once, the dialog waits
    outcome = finished.args[0]
    assert (outcome.files, outcome.done, outcome.cancelled, len(outcome.report.added)) == (12, 12, False, 12)
    assert threads and threading.main_thread() not in threads
    assert seen[-1] == (12, 12)
    assert len(list_documents(database)) == 17
    assert window.library.dock.count_label.text() == "17 documents"  # the list is refreshed
    assert window.library.import_progress is None


def test_folder_import_can_be_cancelled_and_keeps_what_it_imported(qtbot, window, database, tmp_path,
                                                                     monkeypatch):
    import time

    import reader.storage.library as library_import

    real = library_import.import_paths

    def slow(db, paths, *args, **kwargs):  # a large folder: each file takes a while
        time.sleep(0.05)
        return real(db, paths, *args, **kwargs)

    monkeypatch.setattr(library_import, "import_paths", slow)
    _write_articles(tmp_path / "many", 40)
    library = window.library
    from PySide6.QtWidgets import QPushButton

    def press_cancel(_generation, done, _total):
        if done >= 1 and library.import_progress is not None:
            library.import_progress.findChild(QPushButton).click()

    library.import_runner.progress.connect(press_cancel)
    with qtbot.waitSignal(library.import_done, timeout=30_000) as finished:
        library.import_paths([tmp_path / "many"])
    outcome = finished.args[0]
    assert outcome.cancelled and 1 <= outcome.done < 40
    stored = len(list_documents(database))
    assert stored == 5 + len(outcome.report.added) == 5 + outcome.done
    assert library.dock.count_label.text() == f"{stored} documents"
    assert "Import cancelled after" in window.statusBar().currentMessage()


def test_import_finishing_while_the_progress_dialog_updates_is_not_an_error(qtbot, window, tmp_path):
    """A window-modal QProgressDialog.setValue() runs the event loop, so the import's last
    progress can deliver its 'finished' in the middle of the update, which closes the dialog;
    the rest of the update must not then use the dialog that is gone (was an AttributeError)."""
    from PySide6.QtCore import QTimer

    _write_articles(tmp_path / "many", 3)
    library = window.library
    with qtbot.waitSignal(library.import_done, timeout=30_000):
        library.import_paths([tmp_path / "many"])
        generation = library._import_generation
        library.import_progress.forceShow()  # as after its minimum duration
        QTimer.singleShot(0, library._close_import_progress)  # runs inside setValue's event loop
        library._on_import_progress(generation, 1, 3)
        assert library.import_progress is None
        library._import_generation = generation  # let the real finish arrive and be handled
