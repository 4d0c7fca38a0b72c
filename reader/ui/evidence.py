"""Evidence from the window: File > Export Report…, File > Print…, and copying a passage pair.

``EvidenceController`` works on the pair on screen with its current settings:
- ``current_report()`` builds the report (``reader.core.report``) from the comparison: its
  alignment, verdict and changed facts (computed here when the background task has not
  delivered them yet), and the user's notes on the pair from ``database`` when there is one;
- ``export_report(path=None)`` writes it as .html (``reader.core.report_html``) or .pdf
  (``reader.ui.report_pdf``), asking for the file when ``path`` is None;
- ``print_report()`` opens a print preview (``QPrintPreviewDialog``) of the same pages as the
  PDF; ``print_to(printer)`` paints them on any printer;
- ``copy_passage(index, citation=False)`` puts a passage pair (``reader.core.passage_copy``) on
  the clipboard as plain text and HTML.
Every failure (nothing to report, a file that cannot be written) goes to ``show_error``.
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from reader.core.facts import compare_facts
from reader.core.passage_copy import passage_citation, passage_pair
from reader.core.report import Report, build_report
from reader.core.report_html import render_html
from reader.ui.report_pdf import header_line, paint_pages, report_document, write_pdf

#: Longest file name suggested for a report (characters), well inside every file system's limit.
MAX_NAME_CHARS = 80
FILE_FILTER = "Web page (*.html);;PDF document (*.pdf)"


class EvidenceController(QObject):
    def __init__(self, parent, comparison, database=None, show_status=None, show_error=None) -> None:
        super().__init__(parent)
        self.window = parent
        self.comparison = comparison
        self.database = database
        self.show_status = show_status or (lambda message, timeout=5000: None)
        self.show_error = show_error or (lambda message: None)
        self.preview: QPrintPreviewDialog | None = None

    # The report ------------------------------------------------------------------------
    def current_report(self) -> Report | None:
        """The report on the pair on screen, or None (with a message) when there is none yet."""
        c = self.comparison
        a, b = c.documents["a"], c.documents["b"]
        if a is None or b is None or c.alignment is None:
            self.show_error("There is no comparison to report yet: open two documents and wait for the alignment.")
            return None
        verdict, facts = c.verdict, c.facts
        if verdict is None:
            from reader.core.corpus import pair_verdict

            verdict = pair_verdict(c.alignment, a.text, b.text, a.published, b.published)
        if facts is None:
            facts = compare_facts(c.alignment, a.text, b.text)
        return build_report(a, b, c.alignment, verdict, facts, c.config, self._notes(a, b))

    def _notes(self, a, b) -> list:
        if self.database is None:
            return []
        from reader.storage.database import StorageError
        from reader.storage.pair_notes import pair_notes

        try:
            return pair_notes(self.database, a, b)
        except StorageError as exc:
            self.show_status(f"Notes left out of the report: {exc}", 10000)
            return []

    def export_report(self, path: str | None = None) -> bool:
        report = self.current_report()
        if report is None:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, "Export Report", suggested_name(report), FILE_FILTER)
            if not path:
                return False
            if not path.lower().endswith((".html", ".htm", ".pdf")):
                path += ".html"
        try:
            if path.lower().endswith(".pdf"):
                pages = write_pdf(report, path)
                self.show_status(f"Report written to {path} ({pages} pages)", 8000)
            else:
                with open(path, "w", encoding="utf-8") as out:
                    out.write(render_html(report))
                self.show_status(f"Report written to {path}", 8000)
        except OSError as exc:
            self.show_error(f"The report could not be written to {path}: {exc.strerror or exc}")
            return False
        return True

    def print_report(self) -> None:
        if self.current_report() is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.preview = QPrintPreviewDialog(printer, self.window)
        self.preview.setWindowTitle("Print Report")
        self.preview.paintRequested.connect(self.print_to)
        self.preview.finished.connect(lambda _result: setattr(self, "preview", None))
        self.preview.open()

    def print_to(self, printer) -> int:
        """Paint the report's pages on ``printer``; the number of pages (0: nothing to print)."""
        report = self.current_report()
        if report is None:
            return 0
        return paint_pages(report_document(report), printer, header_line(report))

    # Copying a passage pair ------------------------------------------------------------
    def copy_passage(self, match_index: int | None, citation: bool = False) -> bool:
        c = self.comparison
        if match_index is None or c.alignment is None or not 0 <= match_index < len(c.alignment.matches):
            self.show_status("Select a passage first (click it, or pick it in the list).", 5000)
            return False
        a, b = c.documents["a"], c.documents["b"]
        match = c.alignment.matches[match_index]
        if citation:
            plain, rich = passage_citation(a, b, match, match_index + 1)
        else:
            facts = c.facts[match_index] if c.facts is not None else ()
            plain, rich = passage_pair(a, b, match, match_index + 1, facts)
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(rich)
        QGuiApplication.clipboard().setMimeData(mime)
        what = "citation of passage" if citation else "passage"
        self.show_status(f"Copied the {what} {match_index + 1} (both sides) to the clipboard.", 5000)
        return True


def suggested_name(report: Report) -> str:
    """A file name for the report: "Reader report - <A's title> vs <B's title>.html", tamed."""
    a, b = (d.title for d in report.documents)
    name = re.sub(r"[^\w .,-]+", "", f"Reader report - {a[:30]} vs {b[:30]}").strip()
    return os.path.join(os.path.expanduser("~"), re.sub(r"\s+", " ", name)[:MAX_NAME_CHARS] + ".html")
