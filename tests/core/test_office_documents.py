""".docx and .pdf documents: extracted text, titles, dates, and one-line errors for bad files."""

import datetime
import io
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from reader.core import office_extract
from reader.core.documents import FORMATS, content_hash, load_document
from tests.core.test_documents import error_of
from tests.hostile_corpus import pdf_from_objects

# -- a hand-written PDF --------------------------------------------------------------------------

def pdf_bytes(*page_streams: bytes, title: str | None = None) -> bytes:
    """A minimal valid PDF: one page per content stream, Helvetica as font, correct xref offsets."""
    n_pages = len(page_streams)
    font_id, first_page_id = 3, 4
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    kids = []
    for i, stream in enumerate(page_streams):
        page_id, content_id = first_page_id + 2 * i, first_page_id + 2 * i + 1
        kids.append(f"{page_id} 0 R".encode())
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, content_id))
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n_pages
    trailer_extra = b""
    if title is not None:
        info_id = max(objects) + 1
        objects[info_id] = b"<< /Title (" + title.encode("latin-1") + b") >>"
        trailer_extra = b" /Info %d 0 R" % info_id
    return pdf_from_objects(objects, trailer_extra=trailer_extra)


def text_stream(*lines: str) -> bytes:
    """A content stream that shows each line in Helvetica, one under the other."""
    shows = b" T* ".join(b"(" + line.encode("latin-1") + b") Tj" for line in lines)
    return b"BT /F1 12 Tf 14 TL 72 720 Td " + shows + b" ET"


FIRST = "Meta removed the accounts of Iran's supreme leader"
SECOND = "for repeatedly violating its policy on dangerous organisations."


def test_handwritten_pdf_is_well_formed():
    # The fixture itself: pypdf must read it without repairing the xref.
    reader = PdfReader(io.BytesIO(pdf_bytes(text_stream(FIRST))), strict=True)
    assert len(reader.pages) == 1


def test_pdf_text_comes_out_with_pages_joined_by_a_blank_line(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(text_stream(FIRST, SECOND), text_stream("Page two says this.")))
    document = load_document(path)
    assert document.text == f"{FIRST}\n{SECOND}\n\nPage two says this."
    assert document.format == "pdf" and document.encoding is None
    assert document.content_hash == content_hash(document.text)
    assert document.path == str(path.resolve()) and document.source == "report.pdf"
    assert document.title == FIRST  # no metadata title: the headline heuristic on the text


def test_pdf_title_comes_from_metadata_unless_it_is_a_file_name(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes(text_stream(FIRST), title="Meta bans Khamenei accounts"))
    assert load_document(path).title == "Meta bans Khamenei accounts"
    path.write_bytes(pdf_bytes(text_stream(FIRST), title="Microsoft Word - draft3.docx"))
    assert load_document(path).title == FIRST


def test_image_only_pdf_is_refused_as_having_no_text(tmp_path):
    path = tmp_path / "scan.pdf"
    # A page that only paints (a filled rectangle stands in for the scanned image).
    path.write_bytes(pdf_bytes(b"0 0 0 rg 72 72 468 648 re f"))
    message = error_of(path)
    assert message.startswith("has no text layer") and "OCR" in message


@pytest.mark.parametrize("name, data, problem", [
    ("broken.pdf", b"%PDF-1.4\nthis is not a PDF body at all", "not a readable PDF file ("),
    ("broken.pdf", b"\x00\x01\x02 plain garbage, not even a header", "not a readable PDF file ("),
    ("broken.docx", b"PK\x03\x04 truncated zip", "not a readable .docx file ("),
    ("broken.docx", b"just some text in a file named .docx", "not a readable .docx file ("),
])
def test_corrupt_file_is_a_one_line_error(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    assert error_of(path).startswith(problem)


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted(pdf_bytes(text_stream(FIRST)), "secret"))
    assert error_of(path).startswith("is password-protected")


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    # Such a file opens in any viewer without asking, so refusing it would only be in the way.
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypted(pdf_bytes(text_stream(FIRST)), ""))
    assert load_document(path).text == FIRST


# -- .docx -------------------------------------------------------------------------------------

def make_docx(path, build):
    document = docx.Document()
    build(document)
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    def build(d):
        d.add_heading("Meta bans Khamenei accounts", level=1)
        d.add_paragraph(FIRST + ".")
        d.add_paragraph("")  # empty paragraphs are spacing, not text
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Outlet", "Date"
        table.cell(1, 0).text, table.cell(1, 1).text = "CNN", "9 February"
        para = d.add_paragraph("It said so ")
        para.add_run("in a statement").bold = True
        para.add_run(".")
    document = load_document(make_docx(tmp_path / "story.docx", build))
    assert document.text == ("Meta bans Khamenei accounts\n\n" + FIRST + ".\n\nOutlet\tDate\n\nCNN\t9 February"
                             "\n\nIt said so in a statement.")
    assert document.format == "docx" and document.encoding is None
    assert document.content_hash == content_hash(document.text)
    assert document.title == "Meta bans Khamenei accounts"  # the first heading
    assert document.published is None


def test_docx_merged_cells_are_read_once(tmp_path):
    def build(d):
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Spanning header"
        table.cell(1, 0).text = "a"
        table.cell(1, 2).text = "c"
    assert load_document(make_docx(tmp_path / "t.docx", build)).text == "Spanning header\n\na\t\tc"


def test_docx_title_from_core_properties_and_no_publication_date_from_created(tmp_path):
    def build(d):
        d.core_properties.title = "Meta takes action"
        d.core_properties.created = datetime.datetime(2024, 2, 9, 15, 30)
        d.add_heading("A heading that is not the title", level=1)
        d.add_paragraph(FIRST + ".")
    document = load_document(make_docx(tmp_path / "s.docx", build))
    assert document.title == "Meta takes action"
    assert document.published is None  # when the file was made says nothing about publication


def test_docx_without_heading_or_title_uses_the_headline_heuristic(tmp_path):
    def build(d):
        d.add_paragraph("Meta removes Khamenei from Instagram")
        d.add_paragraph(FIRST + ".")
    assert load_document(make_docx(tmp_path / "p.docx", build)).title == "Meta removes Khamenei from Instagram"


def test_docx_tracked_changes_keep_inserted_and_drop_deleted_text(tmp_path):
    # python-docx cannot write revisions, so they are spliced into the paragraph's XML.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d):
        para = d.add_paragraph("The company ")
        para._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t>quietly</w:t></w:r></w:ins>'))
        para._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText>loudly'
                                 f'</w:delText></w:r></w:del>'))
        para.add_run(" acted.")
    assert load_document(make_docx(tmp_path / "r.docx", build)).text == "The company quietly acted."


def test_docx_with_no_text_is_refused(tmp_path):
    path = make_docx(tmp_path / "blank.docx", lambda d: d.add_paragraph("   "))
    assert error_of(path) == "no text found in the document"


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    assert error_of(path).startswith("not a readable .docx file (")


def test_old_or_encrypted_word_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "save it as .docx" in error_of(path)


def test_docx_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(office_extract, "MAX_DOCX_UNCOMPRESSED_BYTES", 1000)
    path = make_docx(tmp_path / "big.docx", lambda d: d.add_paragraph("word " * 400))
    assert error_of(path).startswith("unpacks to")


def test_both_formats_are_listed_as_supported():
    assert FORMATS[".docx"] == "docx" and FORMATS[".pdf"] == "pdf"
