"""Opening documents in the main window: ``DocumentOpening``, a mixin of ``MainWindow``.

Contract: files (the Open dialog, a path, one or two files dropped on a pane), the clipboard,
and the swap of A and B all end in ``comparison``; the pair shown is remembered in
``preferences``. Every error a user can cause (an unreadable file, an empty or too long
clipboard, a wrong number of dropped files) goes to ``show_error`` and leaves the documents on
screen untouched. Needs on ``self``: ``comparison``, ``preferences``, ``show_error`` and the
``QMainWindow`` status bar. Must not import reader.storage.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QFileDialog

from reader.core.documents import FORMATS, DocumentError, document_from_text, load_document

FILE_FILTER = f"Articles ({' '.join('*' + suffix for suffix in FORMATS)});;All files (*)"


def same_document_note(document_a, document_b) -> str | None:
    """A plain sentence when A and B are the same file or the same text, else None."""
    if document_a is None or document_b is None:
        return None
    path_a, path_b = getattr(document_a, "path", None), getattr(document_b, "path", None)
    try:
        same_file = bool(path_a and path_b) and os.path.samefile(path_a, path_b)
    except OSError:
        same_file = False
    if same_file:
        return (f"A and B are the same file ({os.path.basename(path_a)}): every passage would match itself, "
                "so there is nothing to compare. Open another document as A or B.")
    if document_a.text == document_b.text:
        return "A and B have exactly the same text: one is a word-for-word copy of the other, whole."
    return None


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

    def open_dropped(self, side: str, files: list[str]) -> None:
        """One file opens on the pane it was dropped on; two files open as A and B."""
        if len(files) == 1:
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
            self.show_error(f"{len(files)} files were dropped: drop one file on a pane, or two files to compare them.")

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

    def swap_sides(self) -> None:
        self.comparison.swap()
        self._remember_pair()

    def _remember_pair(self) -> None:
        docs = self.comparison.documents
        paths = [getattr(docs[s], "path", None) for s in ("a", "b")]
        self.preferences.set_last_pair(*paths)
        self.recent.note(*paths)  # File ▸ Recent Pairs / Recent Documents
