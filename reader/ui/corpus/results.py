"""File > Open Scan Result…: a ``reader scan`` RESULT in the Corpus Overview, its pairs readable.

``ScanResultOpener(parent, compare, show_error)``: ``choose()`` asks for a RESULT (a ``.json``
or ``.csv`` file, or the ``scan.json`` of a Parquet result folder), ``open(path)`` reads it on a
background ``TaskRunner`` and shows it in a ``CorpusOverviewDialog.for_result``. Activating a
pair there fetches its two texts from the result's SOURCE (a folder or a corpus file,
``reader.core.scan_output.source_documents``; a corpus file at a URL through fsspec when the
cluster extra is installed), also in the background, then calls
``compare(document_a, document_b)``. A result that does not say where its texts are (a CSV), or
whose SOURCE has moved, asks once for the folder or corpus file it was scanned from. Every
failure goes to ``show_error`` in one line. Emits ``opened(dialog)`` when a result is shown.
Must not import reader.storage.
"""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.corpus_files import corpus_format
from reader.core.scan_output import HEADER_FILE, ScanFile, read_result, source_documents
from reader.ui.tasks import TaskRunner

RESULT_FILTER = f"Scan results (*.json *.csv {HEADER_FILE});;All files (*)"
CORPUS_FILTER = "Corpus files (*.jsonl *.ndjson *.csv *.parquet *.pq);;All files (*)"


def result_path(chosen: str) -> pathlib.Path:
    """The RESULT a chosen file stands for: a Parquet result's folder for its ``scan.json`` or parts."""
    path = pathlib.Path(chosen)
    if path.is_file() and (path.name == HEADER_FILE or path.suffix.lower() == ".parquet") \
            and (path.parent / HEADER_FILE).is_file():
        return path.parent
    return path


def _url_reader():
    """``reader.cluster.sources.fetch_rows`` when the cluster extra (Dask, fsspec) is installed."""
    try:
        from reader.cluster.sources import fetch_rows
    except ImportError:
        return None
    return fetch_rows


class ScanResultOpener(QObject):
    opened = Signal(object)  # the CorpusOverviewDialog showing the result

    def __init__(self, parent, compare: Callable, show_error: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.window = parent
        self.compare = compare
        self.show_error = show_error
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(lambda _generation, message: self.show_error(message))
        self.scan_file: ScanFile | None = None
        self.dialog = None
        self._pending: dict[int, Callable] = {}

    def choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open Scan Result", "", RESULT_FILTER)
        if chosen:
            self.open(chosen)

    def open(self, chosen: str) -> None:
        path = result_path(chosen)
        self._start(lambda: read_result(path), self._show)

    def _start(self, work: Callable, then: Callable) -> None:
        """``work()`` off the GUI thread, then ``then(result)``; a ``ResultError`` goes to ``show_error``."""
        self._pending[self.runner.start(lambda should_cancel, progress: work())] = then

    def _on_finished(self, generation: int, value) -> None:
        then = self._pending.pop(generation, None)
        if then is not None:
            then(value)

    def _show(self, scan_file: ScanFile) -> None:
        from reader.ui.corpus.overview import CorpusOverviewDialog

        self.scan_file = scan_file
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CorpusOverviewDialog.for_result(scan_file, self.window)
        self.dialog.compare_requested.connect(self.open_pair)
        self.dialog.show()
        self.opened.emit(self.dialog)

    def open_pair(self, key_a, key_b) -> None:
        """Fetch the two texts from SOURCE, then show them side by side."""
        if self.scan_file is None:
            return
        header = self.scan_file.header
        if not header.source or not (header.source.count("://") or pathlib.Path(header.source).exists()):
            if not self._ask_for_source():
                return
            header = self.scan_file.header

        def fetched(documents: dict) -> None:
            self.compare(documents[str(key_a)], documents[str(key_b)])

        self._start(lambda: source_documents(header, (key_a, key_b), _url_reader()), fetched)

    def _ask_for_source(self) -> bool:
        """Ask where SOURCE is (a folder or a corpus file); remember it for this result."""
        assert self.scan_file is not None
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Where are the texts?")
        box.setText("This scan result does not say where its texts are, or they have moved. Choose the "
                    "folder or the corpus file it was scanned from.")
        folder = box.addButton("Choose Folder…", QMessageBox.ButtonRole.AcceptRole)
        file = box.addButton("Choose Corpus File…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is folder:
            chosen = QFileDialog.getExistingDirectory(self.window, "Folder the result was scanned from")
        elif box.clickedButton() is file:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Corpus file the result was scanned from", "",
                                                    CORPUS_FILTER)
        else:
            return False
        if not chosen:
            return False
        self.set_source(chosen)
        return True

    def set_source(self, source: str) -> None:
        """Read this result's texts from ``source`` (a folder or a corpus file) from now on."""
        assert self.scan_file is not None
        fmt = corpus_format(source) or "folder"
        header = dataclasses.replace(self.scan_file.header, source=source, source_format=fmt,
                                     columns=self.scan_file.header.columns if fmt != "folder" else None)
        self.scan_file = dataclasses.replace(self.scan_file, header=header)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.runner.shutdown()
