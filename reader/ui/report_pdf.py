"""The report on paper: a PDF file or a printer, paged, with a header and page numbers.

Contract
- ``report_document(report) -> QTextDocument``: the report's Qt flavour of HTML
  (``reader.core.report_html.render_html(report, for_qt=True)``), the same content as the HTML
  file.
- ``paint_pages(document, device, header)`` lays ``document`` out on the pages of ``device``
  (a ``QPdfWriter`` or a ``QPrinter``) inside its page margins, with ``header`` and a rule at
  the top of every page and "Page N of M" at the bottom; returns the number of pages.
- ``write_pdf(report, path) -> int`` writes an A4 PDF with Qt's own PDF writer (no browser
  engine) and returns its page count. Needs a ``QGuiApplication`` (the offscreen platform
  will do).
Must not import reader.storage.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.report import Report
from reader.core.report_html import KIND_COLOURS, render_html, tint
from reader.ui.reading import kind_style

#: Page margins in millimetres: room for the header and footer lines inside a printer's
#: unprintable border (most printers need 4-6 mm).
MARGIN_MM = 14
#: Resolution of the PDF (dots per inch): text is vector anyway; this sets the unit Qt lays out in.
PDF_DPI = 300
#: Point size of the header and footer lines.
HEADER_POINTS = 8
#: Point size of the report's body text.
BODY_POINTS = 10


def report_document(report: Report) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setFamilies(["DejaVu Serif", "Georgia", "serif"])
    font.setPointSize(BODY_POINTS)
    document.setDefaultFont(font)
    document.setHtml(render_html(report, for_qt=True))
    _mark_kinds_and_facts(document)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"Reader report: {report.title}")
    return document


def _mark_kinds_and_facts(document: QTextDocument) -> None:
    """Give each kind's passages its own underline style and changed facts a line above and
    below, as the window does: Qt's HTML knows one underline style and no box.

    Passages are found by their tint (the HTML's inline background), facts by the overline the
    HTML puts on them.
    """
    styles = {QColor(tint(colour)).rgb(): (kind_style.UNDERLINES[kind], QColor(colour))
              for kind, colour in KIND_COLOURS.items()}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            tinted = fmt.hasProperty(QTextFormat.Property.BackgroundBrush)
            style = styles.get(fmt.background().color().rgb()) if tinted else None
            if style is not None or fmt.fontOverline():
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                change = QTextCharFormat()
                if style is not None:
                    change.setUnderlineStyle(style[0])
                    change.setUnderlineColor(style[1])
                if fmt.fontOverline():
                    change.setFontUnderline(True)
                    change.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    change.setUnderlineColor(QColor("#111111"))
                cursor.mergeCharFormat(change)
            it += 1
        block = block.next()


def paint_pages(document: QTextDocument, device, header: str) -> int:
    """Lay ``document`` out on ``device``'s pages (module docstring); the number of pages."""
    layout = device.pageLayout()
    resolution = device.resolution()
    page = layout.paintRectPixels(resolution)
    width, height = float(page.width()), float(page.height())
    document.documentLayout().setPaintDevice(device)
    small = QFont(document.defaultFont())
    small.setPointSize(HEADER_POINTS)
    line_height = small.pointSizeF() / 72 * resolution * 1.6
    band = line_height * 1.6  # header or footer line plus the space between it and the text
    body_height = height - 2 * band
    document.setPageSize(QSizeF(width, body_height))
    pages = max(1, document.pageCount())
    painter = QPainter(device)
    try:
        painter.setFont(small)
        elided = painter.fontMetrics().elidedText(header, Qt.TextElideMode.ElideMiddle, int(width))
        for number in range(pages):
            if number:
                device.newPage()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, 0, width, line_height), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, elided)
            painter.drawLine(0, int(line_height * 1.1), int(width), int(line_height * 1.1))
            painter.drawText(QRectF(0, height - line_height, width, line_height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"Page {number + 1} of {pages}")
            painter.save()
            painter.translate(0, band - number * body_height)
            body = QRectF(0, number * body_height, width, body_height)
            # drawContents draws every line that touches ``body``, whole: without the clip a line
            # cut by the page break (a table row split across pages) runs into the header.
            painter.setClipRect(body)
            document.drawContents(painter, body)
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(report: Report, path: str) -> int:
    """The report as an A4 PDF at ``path``; the number of pages."""
    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"Reader report: {report.title}")
    writer.setCreator("Reader")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    return paint_pages(report_document(report), writer, header_line(report))


def header_line(report: Report) -> str:
    """The line at the top of every page: what the report is about and when it was made."""
    return f"Reader report · {report.title} · {report.created[:10]}"
