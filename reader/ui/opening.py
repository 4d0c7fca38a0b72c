"""Opening documents in the main window: ``DocumentOpening``, a mixin of ``MainWindow``.

Contract: files (the Open dialog, a path, one or two files dropped on a pane), web pages (File >
Open URL, a link dropped on a pane: fetched in the background by ``url_opening.PageFetcher``,
the pane keeping what it shows until the page is read), the clipboard, and the swap of A and B
all end in ``comparison``; the pair shown is remembered in ``preferences``. Every error a user
can cause (an unreadable file, an empty or too long clipboard, a wrong number of dropped files, a
page that cannot be fetched or read) goes to ``show_error`` and leaves the documents on screen
untouched. Needs on ``self``: ``comparison``, ``preferences``, ``show_error`` and the
``QMainWindow`` status bar. Must not import reader.storage.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QFileDialog

from reader.core.documents import FORMATS, DocumentError, document_from_text, load_document
from reader.core.page_fetch import is_web_url
from reader.ui.url_opening import PageFetcher, UrlDialog

FILE_FILTER = f"Articles ({' '.join('*' + suffix for suffix in FORMATS)});;All files (*)"


class DocumentOpening:
    """Mixed into ``MainWindow`` (a ``QMainWindow``); puts documents on screen."""

    def compare(self, document_a, document_b) -> None:
        """Show two documents side by side (either may be None) and align them."""
        self.comparison.set_documents(document_a, document_b)
        self._remember_pair()

    def _load_or_report(self, path: str):
        """The document at ``path``, or None after a dialog saying why it cannot be read."""
        try:
            return load_document(path)
        except (DocumentError, OSError) as error:
            self.show_error(str(error) if isinstance(error, DocumentError) else f"{path}: {error.strerror or error}")
            return None

    def open_path(self, side: str, path: str) -> bool:
        """Load ``path`` as document ``side``; on failure show why and keep what is shown."""
        document = self._load_or_report(path)
        if document is None:
            return False
        self._page_fetcher().forget(side)  # a page still arriving for this side is no longer wanted
        self.comparison.set_document(side, document)
        self.preferences.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self._remember_pair()
        self.statusBar().showMessage(f"Opened {document.source} as document {side.upper()}", 5000)
        return True

    def choose_file(self, side: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Open document {side.upper()}", self.preferences.last_folder(),
                                              FILE_FILTER)
        if path:
            self.open_path(side, path)

    # Web pages -------------------------------------------------------------------------------
    def choose_url(self) -> None:
        """File > Open URL: ask for the address and the side, then fetch the page."""
        chosen = UrlDialog.ask(self, QApplication.clipboard().text())
        if chosen is not None:
            self.open_url(chosen[1], chosen[0])

    def open_url(self, side: str, url: str) -> None:
        """Fetch and read the page at ``url`` in the background; it opens as ``side`` when read."""
        self._page_fetcher().fetch(side, url)
        self.statusBar().showMessage(f"Fetching {url} for document {side.upper()}…")

    def _page_fetcher(self) -> PageFetcher:
        fetcher = getattr(self, "_fetcher", None)
        if fetcher is None:
            fetcher = self._fetcher = PageFetcher(self)
            fetcher.fetched.connect(self._on_page_fetched)
            fetcher.failed.connect(self._on_page_failed)
        return fetcher

    def _on_page_fetched(self, side: str, document) -> None:
        self.comparison.set_document(side, document)
        self._remember_pair()
        via = f", redirected to {document.page.final_url}" if document.page and document.page.redirects else ""
        self.statusBar().showMessage(f"Opened {document.source} as document {side.upper()}{via}", 8000)

    def _on_page_failed(self, side: str, message: str) -> None:
        self.statusBar().clearMessage()
        self.show_error(f"Cannot open the page as document {side.upper()}: {message}")

    def shutdown_fetches(self) -> None:
        fetcher = getattr(self, "_fetcher", None)
        if fetcher is not None:
            fetcher.shutdown()

    def open_dropped(self, side: str, files: list[str]) -> None:
        """One file or link opens on the pane it was dropped on; two open as A and B."""
        if len(files) == 2 and any(is_web_url(f) for f in files):
            for each_side, item in zip(("a", "b"), files):  # pages arrive in their own time
                self.open_url(each_side, item) if is_web_url(item) else self.open_path(each_side, item)
        elif len(files) == 1 and is_web_url(files[0]):
            self.open_url(side, files[0])
        elif len(files) == 1:
            self.open_path(side, files[0])
        elif len(files) == 2:
            # Both are read before either is shown: a bad second file leaves the pair on screen
            # as it was, rather than half replaced.
            documents = []
            for path in files:
                document = self._load_or_report(path)
                if document is None:
                    return
                documents.append(document)
            self.compare(*documents)
            self.preferences.set_last_folder(os.path.dirname(os.path.abspath(files[0])))
            self.statusBar().showMessage(f"Opened {documents[0].source} as A and {documents[1].source} as B", 5000)
        else:
            self.show_error(f"{len(files)} files were dropped: drop one file or link on a pane, "
                            "or two to compare them.")

    def paste_document(self, side: str) -> None:
        text = QApplication.clipboard().text()
        limit = self.comparison.config.max_chars
        if len(text) > limit:  # refused before hashing it and laying it out, which takes seconds
            self.show_error(f"Cannot paste as document {side.upper()}: the clipboard text is too long "
                            f"({len(text):,} characters; the limit is {limit:,}).")
            return
        try:
            document = document_from_text(text, source="clipboard")
        except DocumentError as error:
            self.show_error(f"Cannot paste as document {side.upper()}: {error}")
            return
        self.comparison.set_document(side, document)
        self._remember_pair()
        self.statusBar().showMessage(f"Pasted {len(text.split()):,} words as document {side.upper()}", 5000)

    def open_scan_result(self, path: str | None = None) -> None:
        """File > Open Scan Result…: a ``reader scan`` RESULT in the Corpus Overview (``path``, or ask)."""
        if getattr(self, "scan_results", None) is None:
            from reader.ui.corpus.results import ScanResultOpener  # only when a result is opened

            self.scan_results = ScanResultOpener(self, self.compare, self.show_error)
        if path:
            self.scan_results.open(path)
        else:
            self.scan_results.choose()

    def swap_sides(self) -> None:
        self.comparison.swap()
        self._remember_pair()

    def _remember_pair(self) -> None:
        docs = self.comparison.documents
        paths = [getattr(docs[s], "path", None) for s in ("a", "b")]
        # A web page is remembered by the address it was fetched from, to be fetched again.
        pages = [getattr(getattr(docs[s], "page", None), "url", None) for s in ("a", "b")]
        self.preferences.set_last_pair(*(path or page for path, page in zip(paths, pages)))
        self.recent.note(*paths)  # File ▸ Recent Pairs / Recent Documents
