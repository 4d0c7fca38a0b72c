"""The library in the window: the glue between the Library dock, the corpus index and storage.

``LibraryController(parts, db)`` adds to a ``MainWindow`` (through its ``WindowParts``, the only
parts of the window it touches): the Library dock (search, pick two documents to compare, the
selected document's likely sources and copies), a Library menu (Import Files…, Import Folder…,
Corpus Overview…) and the overview dialog. On the app's first
run (``add_seeds_on_first_run``), while the database holds nothing but seed articles, the seeds
are imported, so the library is not empty for a new user.

The corpus index (``reader.core.corpus.CorpusIndex``) is built, extended and queried on one
``reader.ui.tasks.TaskRunner`` (a private one-thread pool, so in order), never on the GUI
thread; rankings and scans arrive through signals and a stale ranking is dropped. Imports run
on a second runner with their own database connection (``reader.storage.library.import_files``),
with a progress dialog and Cancel; other storage calls run on the GUI thread (SQLite connections
belong to their thread). Every storage or file error is shown in a dialog and leaves stored data
as it was. With ``reader.storage``, this is one of the window modules allowed to import it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from reader.core.corpus import CorpusDoc, CorpusIndex
from reader.core.documents import FORMATS
from reader.storage.database import StorageError
from reader.storage.documents import (
    document_from_stored,
    get_document,
    list_documents,
    search_documents,
    update_metadata,
)
from reader.storage.library import database_file, ensure_seed_library, import_files, library_corpus
from reader.ui.actions import add_action
from reader.ui.library.dock import LibraryDock
from reader.ui.library.edit_dialog import LibraryEditDialog
from reader.ui.library.naming import details, display_name
from reader.ui.tasks import TaskRunner
from reader.ui.window_parts import WindowParts

FILE_FILTER = f"Articles ({' '.join('*' + suffix for suffix in FORMATS)});;All files (*)"


class LibraryController(QObject):
    #: Emitted when a ranking is shown (tests and the status bar wait for it).
    ranking_shown = Signal(object)
    #: Emitted when an import ends: its ``ImportOutcome``, or None when it failed.
    import_done = Signal(object)

    def __init__(self, parts: WindowParts, db) -> None:
        super().__init__(parts.parent)
        self.parts, self.db = parts, db
        window = parts.parent  # owns the dock and the actions, so their shortcuts work everywhere
        self.dock = LibraryDock(window)
        self.runner = TaskRunner(self)
        # Imports get a thread of their own: a long one must not hold up rankings.
        self.import_runner = TaskRunner(self)
        self.import_progress: QProgressDialog | None = None
        self._import_generation = 0
        self._index_holder: dict = {"index": None}
        self._titles: dict[int, str] = {}
        self._rank_generation = 0
        self.overview = None

        # A tab behind the Annotations panel on the right (MainWindow.DOCK_PLACES says why).
        # Annotations stay in front (they belong to the pair on screen); Library ▸ Show Library
        # brings this tab up. View shows or hides it beside the other panels.
        parts.add_dock("library", self.dock)
        a = self.actions_by_name = {
            "import_files": add_action(window, "Import &Files into Library…", self.choose_files,
                                       tip="Add articles to the library"),
            "import_folder": add_action(window, "Import F&older into Library…", self.choose_folder,
                                        tip="Add every article of a folder (and its sub-folders) to the library"),
            "overview": add_action(window, "Corpus &Overview…", self.show_overview, "Ctrl+Shift+L",
                                   tip="Who copied whom across the library: similarity matrix and derivation graph"),
            "show": add_action(window, "Show &Library", self.show_dock, "Ctrl+L",
                               tip="Bring the Library panel to the front and search it"),
        }
        menu = parts.add_menu("library", "&Library")
        for name in ("show", None, "import_files", "import_folder", None, "overview"):
            menu.addSeparator() if name is None else menu.addAction(a[name])

        self.dock.search_changed.connect(lambda _text: self.refresh())
        self.dock.compare_requested.connect(self.compare)
        self.dock.ranked_activated.connect(self.compare)
        self.dock.open_requested.connect(self.open_document)
        self.dock.current_changed.connect(self.rank)
        self.dock.edit_requested.connect(self.edit)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.import_runner.progress.connect(self._on_import_progress)
        self.import_runner.finished.connect(self._on_imported)
        self.import_runner.failed.connect(self._import_failed)

        self.refresh()
        self.rebuild_index()

    def add_seeds_on_first_run(self) -> None:
        """Import the seed articles while the library holds nothing else (``run_app`` calls it).

        Not done for every window: a window built on a user's copy of a seed would otherwise
        find its text already stored under the seed's path.
        """
        try:
            report = ensure_seed_library(self.db)
        except StorageError as error:
            self.parts.show_error(f"The seed articles could not be added to the library: {error}")
            return
        if report is not None and (report.added or report.updated):
            self.refresh()
            self.rebuild_index()

    def reload(self) -> None:
        """Read the list and rebuild the index again (documents were stored behind its back)."""
        self.refresh()
        self.rebuild_index()

    def show_dock(self) -> None:
        """Show the Library panel (even when closed or behind another tab) and focus its search."""
        self.dock.show()
        self.dock.raise_()
        self.dock.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # The list ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        query = self.dock.search.text().strip()
        try:
            everything = list_documents(self.db)
            rows = search_documents(self.db, query, limit=10_000) if query else everything
        except StorageError as error:
            self.parts.show_error(f"The library cannot be read: {error}")
            return
        self._titles = {d.id: display_name(d) for d in everything}  # "Title — file or site"
        self.dock.set_documents(rows, total=len(everything))

    # The index and rankings (background) --------------------------------------------------
    def rebuild_index(self) -> None:
        try:
            docs = library_corpus(self.db)
        except StorageError as error:
            self.parts.show_error(f"The library cannot be read: {error}")
            return
        holder = self._index_holder

        def build(should_cancel, progress):
            holder["index"] = CorpusIndex(docs)
            return None

        self.runner.start(build)

    def _add_to_index(self, docs: list[CorpusDoc]) -> None:
        holder = self._index_holder

        def add(should_cancel, progress):
            for doc in docs:
                if doc.key not in holder["index"]:
                    holder["index"].add(doc)
            return None

        self.runner.start(add)

    def rank(self, doc_id) -> None:
        """Rank the other documents for ``doc_id`` in the background (``None``: clear)."""
        if doc_id is None:
            self._rank_generation = 0
            self.dock.set_ranking_message("Select one document to see its likely sources and copies.")
            return
        self.dock.set_ranking_message(f"Looking for the sources and copies of “{self._titles.get(doc_id, doc_id)}”…")
        holder = self._index_holder
        self._rank_generation = self.runner.start(
            lambda should_cancel, progress: holder["index"].likely_sources(
                doc_id, should_cancel=should_cancel, progress=progress))

    def _on_finished(self, generation: int, result) -> None:
        if result is not None and generation == self._rank_generation:
            self.dock.set_ranking(result, self._titles)
            self.ranking_shown.emit(result)

    def _on_failed(self, generation: int, message: str) -> None:
        self.parts.show_error(f"The library index failed: {message}")

    # Opening documents ---------------------------------------------------------------------
    def _document(self, doc_id):
        return document_from_stored(get_document(self.db, doc_id))

    def compare(self, id_a, id_b) -> None:
        try:
            self.parts.compare(self._document(id_a), self._document(id_b))
        except StorageError as error:
            self.parts.show_error(f"The document cannot be opened: {error}")

    def open_document(self, doc_id: int, side: str) -> None:
        try:
            document = self._document(doc_id)
        except StorageError as error:
            self.parts.show_error(f"The document cannot be opened: {error}")
            return
        documents = dict(self.parts.comparison.documents)
        documents[side] = document
        self.parts.compare(documents["a"], documents["b"])

    # Importing and editing -------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.parts.parent, "Import into Library", "", FILE_FILTER)
        if files:
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parts.parent, "Import Folder into Library")
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths) -> None:
        """Import files/folders in the background with a progress dialog and Cancel; then select
        the first new document so its likely sources show (``import_done`` says when)."""
        if self._import_generation:
            self.parts.show_error("An import is still running: wait for it or cancel it first.")
            return
        paths = [str(p) for p in paths]
        path = database_file(self.db)
        if path is None:  # an in-memory database: no second connection sees it, import here
            try:
                outcome = import_files("", paths, db=self.db)
            except StorageError as error:
                self._import_failed(0, str(error))
                return
            self._on_imported(0, outcome)
            return
        progress = QProgressDialog("Importing into the library…", "Cancel", 0, 0, self.parts.parent)
        progress.setWindowTitle("Import into Library")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # a handful of files never flashes a dialog
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.import_runner.cancel)
        self.import_progress = progress
        self._import_generation = self.import_runner.start(
            lambda should_cancel, progress: import_files(path, paths, should_cancel, progress))

    def _on_import_progress(self, generation: int, done: int, total: int) -> None:
        dialog = self.import_progress
        if generation == self._import_generation and dialog is not None:
            dialog.setLabelText(f"Importing into the library: {done:,} of {total:,} files…")
            dialog.setMaximum(max(total, 1))
            # Last: a window-modal dialog's setValue runs the event loop, where the import's
            # end may close the dialog and set ``import_progress`` to None.
            dialog.setValue(done)

    def _close_import_progress(self) -> None:
        self._import_generation = 0
        if self.import_progress is not None:
            self.import_progress.close()
            self.import_progress.deleteLater()
            self.import_progress = None

    def _import_failed(self, generation: int, message: str) -> None:
        if generation != self._import_generation:
            return
        self._close_import_progress()
        self.parts.show_error(f"The import stopped: {message}. Documents imported before it are kept.")
        self.refresh()
        self.rebuild_index()
        self.import_done.emit(None)

    def _on_imported(self, generation: int, outcome) -> None:
        if generation != self._import_generation:
            return
        self._close_import_progress()
        report = outcome.report
        self.refresh()
        if report.updated:
            self.rebuild_index()  # a new text under an old id: its shingles changed
        elif report.added:
            added = [get_document(self.db, i) for i in report.added]  # only the new texts, not the library
            self._add_to_index([CorpusDoc(d.id, d.text, d.title, d.published) for d in added])
        message = (f"Library: {len(report.added)} added, {len(report.same)} already stored, "
                   f"{len(report.updated)} updated, {len(report.failed)} skipped.")
        if outcome.cancelled:
            message = (f"Import cancelled after {outcome.done:,} of {outcome.files:,} files; what was imported "
                       f"is kept. " + message)
        self.parts.show_status(message, 10_000)
        if report.failed:
            self.parts.show_error(message + "\n\n" + "\n".join(report.failed[:20])
                                   + ("\n…" if len(report.failed) > 20 else ""))
        new = report.added or report.updated
        if new:
            self.dock.search.clear()
            self.dock.select_ids([new[0]])
        self.import_done.emit(outcome)

    def edit(self, doc_id: int) -> None:
        try:
            stored = get_document(self.db, doc_id)
        except StorageError as error:
            self.parts.show_error(f"The document cannot be edited: {error}")
            return
        dialog = LibraryEditDialog(stored, self.parts.parent)
        if not dialog.exec() or not dialog.fields():
            return
        self.save_metadata(doc_id, dialog.fields())

    def save_metadata(self, doc_id: int, fields: dict) -> None:
        try:
            stored = update_metadata(self.db, doc_id, **fields)
        except (StorageError, ValueError) as error:
            self.parts.show_error(f"The document was not changed: {error}")
            return
        text = get_document(self.db, doc_id).text
        updated = CorpusDoc(doc_id, text, stored.title, stored.published)
        holder = self._index_holder
        self.runner.start(lambda should_cancel, progress: holder["index"].update(updated))
        self.refresh()
        if self.dock.selected_ids() == [doc_id]:
            self.rank(doc_id)  # a new date can turn the direction of its pairs

    # Corpus overview -------------------------------------------------------------------------
    def show_overview(self) -> None:
        from reader.ui.corpus.overview import CorpusOverviewDialog

        try:
            docs = library_corpus(self.db)
            stored = list_documents(self.db)
        except StorageError as error:
            self.parts.show_error(f"The library cannot be read: {error}")
            return
        if self.overview is not None:
            self.overview.close()
        # Names a reader knows the documents by (title and file or site), never library ids.
        self.overview = CorpusOverviewDialog(docs, self.parts.parent, names={d.id: display_name(d) for d in stored},
                                             details={d.id: details(d) for d in stored})
        self.overview.compare_requested.connect(self.compare)
        self.overview.show()

    def shutdown(self) -> None:
        if self.overview is not None:
            self.overview.close()
        self.import_runner.shutdown()  # stops between files; what was imported stays
        self.runner.shutdown()
