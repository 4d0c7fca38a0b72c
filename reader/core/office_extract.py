"""The text and metadata of a Word (.docx) or PDF file, read with python-docx and pypdf.

Contract: ``extract_docx(raw) -> OfficeText`` and ``extract_pdf(raw) -> OfficeText`` take the
file's bytes and return ``OfficeText(text, title, published)``; ``ExtractError`` (a
``ValueError``) carries a one-line problem *without* the file name (``reader.core.documents``
adds it). ``text`` is what every offset indexes: paragraphs separated by one blank line, as
``reader.core.html_article`` does for HTML, so the engine sees the same shape of text whatever the
format. Must not import Qt.

.docx: the body's paragraphs and tables in document order. The XML is walked directly rather
than through ``Paragraph.text``, which misses runs inside tracked insertions, smart tags and
content controls. Deleted text (``w:delText``), field codes, headers, footers, text boxes and
the fallback copies of drawings are left out: they are not the article or would repeat it. A
table row is one paragraph with its cells separated by a tab. ``title``: the core properties'
title, else the first paragraph styled Title or Heading; ``published`` is always None: a Word
file's ``created`` date tells when the file was made, not when the article was published, and
the library orients copying by publication dates, so a wrong date would be worse than none.

.pdf: each page's text (``PageObject.extract_text``), pages separated by a blank line;
``title`` from the document information. A PDF encrypted with an empty user password (it opens
in any viewer without asking) is read; one that needs a password is refused, as is one with no
text layer (a scan: it needs OCR first).
"""

from __future__ import annotations

import io
import logging
import re
import time
import warnings
import zipfile
from dataclasses import dataclass

#: A .docx is a zip; refuse one whose parts would inflate past this (a zip bomb): python-docx
#: reads every part into memory. ``zipfile`` never yields more than an entry's declared size, so
#: the declared sizes bound what is really unpacked.
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: ... and whose XML parts (what is parsed into trees and walked, unlike pictures) would inflate
#: past this. Word writes some 300-600 bytes of XML per sentence, so 24 MB is a book of some
#: 50,000 sentences (a long novel). Parsing and walking XML of many small runs costs about 0.25 s
#: of CPU per MB here (55 MB: 13.5 s), so this keeps a .docx within some 6 s. A 0.8 MB file that
#: unpacked to 190 MB of XML took over 5 minutes and 1.15 GB.
MAX_DOCX_XML_BYTES = 24 * 1024 * 1024
#: Pages of a PDF read at most: a long report is a few hundred; each page costs pypdf time.
MAX_PDF_PAGES = 3000
#: Seconds a PDF's text extraction may take, checked between pages: pypdf works in pure Python,
#: and a page of many thousand tiny text pieces takes seconds. The command line's promise is an
#: answer, not a wait without end.
PDF_SECONDS = 15.0
#: Characters of text a .docx or PDF may give (the limit on pasted text, ``documents.MAX_TEXT_CHARS``).
MAX_TEXT_CHARS = 20 * 1024 * 1024
#: An OLE compound file: an old binary .doc, or a .docx that Word encrypted with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: PDF producers often put the source file's name in the title field instead of a title.
_FILE_NAME_TITLE_RE = re.compile(r"^(microsoft (word|powerpoint) - )|\.(docx?|pdf|txt|rtf|odt|indd)$", re.I)
_WORD_RE = re.compile(r"\w", re.UNICODE)

# pypdf logs a warning for every small defect it repairs; without a handler Python would print
# them on stderr (the "last resort" handler) in the middle of the command line's output.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
# zipfile warns on a duplicate entry name, pypdf and python-docx on odd files: a warning printed
# by Python is two more lines on stderr, where the command line promises one.
for _module in ("zipfile", "pypdf", "docx"):
    warnings.filterwarnings("ignore", module=_module)


class ExtractError(ValueError):
    """The file cannot give its text; the message is one line, without the file name."""


@dataclass(frozen=True, slots=True)
class OfficeText:
    text: str
    title: str | None
    #: ISO ``YYYY-MM-DD`` or ``None``.
    published: str | None


# -- .docx -------------------------------------------------------------------------------------

def extract_docx(raw: bytes) -> OfficeText:
    """The text, title and date of a .docx file's bytes, or ``ExtractError`` saying why not."""
    import docx  # imported on first need: lxml and python-docx take a while to import
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if raw.startswith(_OLE_MAGIC):
        raise ExtractError("is password-protected or an old Word (.doc) file; save it as .docx without a password")
    _check_zip(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
        body = document.element.body
        title = _core_title(document)
        paragraphs, heading = _body_paragraphs(body, document, qn, Paragraph)
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in zipfile, lxml or python-docx
        raise ExtractError(f"not a readable .docx file ({_reason(exc)})") from None
    text = "\n\n".join(paragraphs)
    if not _WORD_RE.search(text):
        raise ExtractError("no text found in the document")
    return OfficeText(text, title or heading, None)


def _core_title(document) -> str | None:
    """The title of the core properties; a damaged ``docProps/core.xml`` means no title."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        # python-docx makes up default properties (title "Word Document") for a file without them.
        package = document.part.package
        if not any(rel.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES for rel in package.rels.values()):
            return None
        title = document.core_properties.title
    except Exception:  # noqa: BLE001 - python-docx reads these lazily and fails in many ways
        return None
    return " ".join(title.split()) if isinstance(title, str) and title.strip() else None


def _body_paragraphs(body, document, qn, paragraph_type) -> tuple[list[str], str | None]:
    paragraph_tag, table_tag = qn("w:p"), qn("w:tbl")
    paragraphs: list[str] = []
    heading: str | None = None
    size = 0
    for element in _block_elements(body, qn):
        if element.tag == paragraph_tag:
            text = _paragraph_text(element, qn).strip()
            if not text:
                continue
            if heading is None and _is_heading(paragraph_type(element, document.part)):
                heading = " ".join(text.split())
            paragraphs.append(text)
            size += len(text)
        elif element.tag == table_tag:
            rows = _table_rows(element, qn)
            paragraphs.extend(rows)
            size += sum(len(row) for row in rows)
        if size > MAX_TEXT_CHARS:
            raise ExtractError(f"its text is too long (over {MAX_TEXT_CHARS:,} characters)")
    return paragraphs, heading


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except Exception as exc:  # noqa: BLE001 - BadZipFile, NotImplementedError, OverflowError, ...
        raise ExtractError(f"not a readable .docx file ({_reason(exc)})") from None
    size = sum(info.file_size for info in entries)
    xml = sum(info.file_size for info in entries if info.filename.lower().endswith((".xml", ".rels")))
    if size > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ExtractError(f"unpacks to {size / 2**20:.0f} MB (the limit is "
                           f"{MAX_DOCX_UNCOMPRESSED_BYTES // 2**20} MB)")
    if xml > MAX_DOCX_XML_BYTES:
        raise ExtractError(f"unpacks to {xml / 2**20:.0f} MB of XML (the limit is "
                           f"{MAX_DOCX_XML_BYTES // 2**20} MB)")


def _block_elements(container, qn):
    """Paragraphs and tables of a body or cell in document order, looking into content controls."""
    wrappers = (qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent"))
    for child in container.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in wrappers:
            yield from _block_elements(child, qn)


def _paragraph_text(paragraph, qn) -> str:
    text_tag, tab_tag, breaks = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
    # Text boxes are asides laid over the page, and mc:Fallback repeats what mc:Choice shows.
    skipped = ("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
               qn("w:txbxContent"), qn("w:del"))
    parts: list[str] = []
    stack = [iter(paragraph.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in skipped:  # comments and processing instructions
            continue
        if tag == text_tag:
            parts.append(child.text or "")
        elif tag == tab_tag:
            parts.append("\t")
        elif tag in breaks:
            parts.append("\n")
        else:
            stack.append(iter(child.iterchildren()))
    return "".join(parts)


def _table_rows(table, qn) -> list[str]:
    rows = []
    for row in table.iterchildren(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            lines = []
            for element in _block_elements(cell, qn):
                if element.tag == qn("w:p"):
                    lines.append(" ".join(_paragraph_text(element, qn).split()))
                else:  # a table inside a cell
                    lines.extend(_table_rows(element, qn))
            cells.append(" ".join(line for line in lines if line))
        if any(cells):
            rows.append("\t".join(cells).strip())
    return rows


def _is_heading(paragraph) -> bool:
    try:
        name = paragraph.style.name or ""
    except (KeyError, ValueError, AttributeError):  # a style the package does not define
        return False
    return name == "Title" or name.startswith("Heading")


# -- .pdf --------------------------------------------------------------------------------------

def extract_pdf(raw: bytes) -> OfficeText:
    """The text and title of a PDF file's bytes, or ``ExtractError`` saying why not."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise ExtractError("is encrypted with AES, which Reader cannot decrypt; save an "
                                   "unencrypted copy") from None
            if not opened:
                raise ExtractError("is password-protected; save a copy without a password")
        pages = _pdf_pages(reader)
        try:
            info = reader.metadata
            title = _pdf_title(info.title if info is not None else None)
        except Exception:  # noqa: BLE001 - damaged document information: no title, the text stands
            title = None
    except ExtractError:
        raise
    except FileNotDecryptedError:
        raise ExtractError("is password-protected; save a copy without a password") from None
    except Exception as exc:  # noqa: BLE001
        # pypdf reports a damaged file with almost any exception, depending on where it breaks
        # (NotImplementedError for a filter it does not know, RecursionError, AssertionError ...).
        raise ExtractError(f"not a readable PDF file ({_reason(exc)})") from None
    text = "\n\n".join(page for page in pages if page)
    if not _WORD_RE.search(text):
        raise ExtractError("has no text layer (a scanned image?); Reader needs a PDF with text, "
                           "so run OCR on it first")
    return OfficeText(text, title, None)


def _pdf_pages(reader) -> list[str]:
    """Each page's text, within ``MAX_PDF_PAGES``, ``PDF_SECONDS`` and ``MAX_TEXT_CHARS``."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise ExtractError(f"has {count:,} pages (Reader reads at most {MAX_PDF_PAGES:,})")
    deadline = time.monotonic() + PDF_SECONDS
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        if time.monotonic() > deadline:
            raise ExtractError(f"its text takes too long to extract (over {PDF_SECONDS:g} s, "
                               f"{len(pages)} of {count} pages read)")
        text = (page.extract_text() or "").strip()
        size += len(text)
        if size > MAX_TEXT_CHARS:
            raise ExtractError(f"its text is too long (over {MAX_TEXT_CHARS:,} characters)")
        pages.append(text)
    return pages


def _pdf_title(value) -> str | None:
    title = " ".join(str(value or "").split())
    if not title or _FILE_NAME_TITLE_RE.search(title) or not _WORD_RE.search(title):
        return None
    return title


def _reason(exc: BaseException) -> str:
    """One line about what broke, short enough for a message line."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return detail if len(detail) <= 120 else detail[:119] + "…"
