"""Annotations ▸ Export… and Import… in the window, on the functions ``reader annotations`` uses.

``AnnotationTransfer(controller)`` adds both actions to the Annotations menu. Export writes every
stored annotation as W3C Web Annotation JSON-LD (lossless; Import reads it back), CSV or
Markdown, the format following the file type chosen in the save dialog (or the file's
extension). Import reads a JSON-LD export (``reader.storage.annotation_io.import_annotations``
in one transaction: a bad file stores nothing) and redraws the marks and the sidebar at once;
when it stored documents too, the controller's ``documents_imported`` tells the library. Every
problem is a dialog naming the file. One of the window modules allowed to import reader.storage.
"""

from __future__ import annotations

import os
import pathlib

from PySide6.QtWidgets import QFileDialog

from reader.core.annotations import AnnotationError
from reader.core.atomic import write_atomic
from reader.core.documents import load_document
from reader.core.inputfiles import InputError, read_json_file
from reader.core.webannotation import WebAnnotationError
from reader.storage.annotation_io import export_annotations, import_annotations
from reader.storage.database import StorageError
from reader.ui.actions import add_action

#: Save-dialog file types, in the order shown, and the export format each one means.
EXPORT_TYPES = {"JSON-LD Web Annotations (*.jsonld *.json)": "jsonld", "CSV spreadsheet (*.csv)": "csv",
                "Markdown report (*.md)": "md"}
EXTENSIONS = {".jsonld": "jsonld", ".json": "jsonld", ".csv": "csv", ".md": "md", ".markdown": "md"}
IMPORT_FILTER = "JSON-LD Web Annotations (*.jsonld *.json);;All files (*)"


def export_format(path: str, chosen_type: str = "") -> str:
    """The format for ``path``: its extension if it names one, else the file type chosen."""
    return EXTENSIONS.get(pathlib.Path(path).suffix.lower()) or EXPORT_TYPES.get(chosen_type, "jsonld")


def with_extension(path: str, fmt: str) -> str:
    """``path`` with the format's extension added when it has none of its own."""
    if pathlib.Path(path).suffix.lower() in EXTENSIONS:
        return path
    return path + {"jsonld": ".jsonld", "csv": ".csv", "md": ".md"}[fmt]


class AnnotationTransfer:
    def __init__(self, controller) -> None:
        self.controller = controller
        self.parts = parts = controller.parts
        self.export_action = add_action(parts.parent, "E&xport Annotations…", self.choose_export,
                                        tip="Save every annotation as JSON-LD, CSV or Markdown")
        self.import_action = add_action(parts.parent, "&Import Annotations…", self.choose_import,
                                        tip="Read annotations from a JSON-LD export")
        menu = parts.menus["annotations"]  # the controller made it before building this
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)

    # Export ------------------------------------------------------------------------------
    def choose_export(self) -> None:
        start = os.path.join(self.parts.preferences.last_folder(), "annotations.jsonld")
        path, chosen = QFileDialog.getSaveFileName(self.parts.parent, "Export Annotations", start,
                                                   ";;".join(EXPORT_TYPES))
        if path:
            fmt = export_format(path, chosen)
            self.export_to(with_extension(path, fmt), fmt)

    def export_to(self, path: str, fmt: str | None = None) -> bool:
        fmt = fmt or export_format(path)
        try:
            text = export_annotations(self.controller.db, fmt)
        except StorageError as error:
            self.parts.show_error(f"{path}: the annotations could not be read: {error}")
            return False
        try:
            write_atomic(path, text)  # a full disk leaves an earlier export whole
        except OSError as error:
            self.parts.show_error(f"{path}: cannot write the export ({error.strerror or error})")
            return False
        self.parts.show_status(f"Exported the annotations to {path}", 8000)
        return True

    # Import ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parts.parent, "Import Annotations",
                                              self.parts.preferences.last_folder(), IMPORT_FILTER)
        if path:
            self.import_from(path)

    def import_from(self, path: str):
        """Import a JSON-LD export; returns the ``ImportReport``, or None after showing why not."""
        problem = None
        try:
            # The one reader of input files: a FIFO or device is refused, not read forever.
            data = read_json_file(path, "a JSON-LD export")
        except InputError as error:
            self.parts.show_error(str(error))
            return None
        if problem is None:
            try:
                report = import_annotations(self.controller.db, data, load_document=load_document)
            except (WebAnnotationError, AnnotationError, StorageError) as error:
                problem = f"nothing was imported: {error}"
            except ValueError as error:  # a document file named by the export could not be read
                problem = f"nothing was imported: {error}"
        if problem is not None:
            self.parts.show_error(f"{path}: {problem}")
            return None
        self.controller.on_documents_changed()  # imported documents may be the ones on screen
        if report.documents_added:
            self.controller.documents_imported.emit()  # the window connects it to the library
        self.parts.show_status(
            f"Imported {report.total} annotation(s) from {os.path.basename(path)}: {report.added} new, "
            f"{report.updated} updated, {report.unchanged} unchanged"
            + (f"; {report.documents_added} document(s) added" if report.documents_added else ""), 10_000)
        return report
