"""reader.core.documents: loading .txt/.md/.html (.docx/.pdf: test_office_documents.py), decoding, titles, and every kind of bad input."""

import codecs
import hashlib
import os
import random

import pytest

from reader.core import documents
from reader.core.documents import DocumentError, document_from_text, load_document
from tests.conftest import seed_path


def file_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def error_of(path):
    with pytest.raises(DocumentError) as info:
        load_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    return message[len(str(path)) + 2:]


# -- the seeds -----------------------------------------------------------------------------------

@pytest.mark.parametrize("number, title", [
    (0, "Meta Takes Action Against Ayatollah Ali Khamenei’s Social Media Accounts"),
    (1, "Meta bans accounts of Iran’s supreme leader, likely for pro-Hamas posts"),
    (2, "Meta removes Facebook and Instagram accounts of Iran’s Supreme Leader"),
])
def test_seed_titles_come_from_the_headline(number, title):
    assert load_document(seed_path(number)).title == title


def test_seed_without_a_headline_is_titled_by_its_first_words():
    path = seed_path(3)  # opens with a paragraph, not a headline; its file name is a hash
    assert load_document(path).title == "Meta, the parent company of Facebook and Instagram, has…"


@pytest.mark.parametrize("number", range(5))
def test_seed_text_is_the_file_text_and_hash_is_sha256_of_it(number):
    path = seed_path(number)
    doc = load_document(path)
    assert doc.text == file_text(path)
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert (doc.format, doc.encoding, doc.source) == ("txt", "utf-8", path.name)
    assert doc.path == str(path.resolve())
    assert doc.url is None and doc.published is None


# -- plain text -------------------------------------------------------------------------------

def test_crlf_text_keeps_its_newlines_so_offsets_match_the_file(tmp_path):
    raw = "Court rules on the harbour bridge dispute\r\n\r\nThe court ruled on Monday.\r\nIt was final.\r\n"
    path = write(tmp_path, "crlf.txt", raw)
    doc = load_document(path)
    assert doc.text == raw == file_text(path)
    start = doc.text.index("It was final.")
    assert start == raw.index("It was final.")
    assert doc.text[start:start + 13] == "It was final."
    assert doc.title == "Court rules on the harbour bridge dispute"


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + "Héllo wörld, a short note.".encode())
    doc = load_document(path)
    assert doc.text == "Héllo wörld, a short note."
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec, bom, label", [
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_utf16_and_utf32_with_a_bom_are_detected(tmp_path, codec, bom, label):
    text = "Zoë’s report\r\nSecond line — with a dash.\n"
    doc = load_document(write(tmp_path, "wide.txt", bom + text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == label


def test_cp1252_text_is_detected_not_guessed(tmp_path):
    text = ("The café’s owner said “it’s over” — and left. Naïve façades, déjà vu, résumé.\n" * 8)
    doc = load_document(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding == "cp1252"


def test_latin1_german_text_decodes_correctly(tmp_path):
    text = "Über die Brücke gingen fünf Männer. Schöne Grüße aus Köln, sagte er.\n"
    doc = load_document(write(tmp_path, "de.txt", text.encode("latin-1")))
    assert doc.text == text


def test_cyrillic_cp1251_is_detected(tmp_path):
    text = "Привет, как дела? Это тестовый текст на русском языке, довольно длинный.\n"
    doc = load_document(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert doc.text == text
    assert doc.encoding == "cp1251"


def test_a_few_stray_nul_bytes_do_not_make_scraped_text_binary(tmp_path):
    # The PAN corpus has pages like this: real text with one stray NUL.
    text = "Importers registered with tradecarview\x00in your country. " + "Plain text follows. " * 20
    assert load_document(write(tmp_path, "nul.txt", text)).text == text


# -- bad input --------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    assert error_of(tmp_path / "absent.txt") == "no such file"


def test_folder(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert error_of(folder) == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert error_of(pipe) == "is not a regular file"


def test_empty_file(tmp_path):
    assert error_of(write(tmp_path, "empty.txt", b"")) == "file is empty"


def test_whitespace_only_file(tmp_path):
    assert error_of(write(tmp_path, "blank.txt", " \r\n\t\n ")) == "file is empty (only whitespace)"


def test_bom_only_file_is_empty(tmp_path):
    assert error_of(write(tmp_path, "bom.txt", codecs.BOM_UTF8)).startswith("file is empty")


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\xff\xfe"
    assert error_of(write(tmp_path, "image.txt", png)).startswith("binary file")


def test_utf16_without_bom_is_reported_as_binary(tmp_path):
    data = "A plain sentence in UTF-16 without a byte-order mark.".encode("utf-16-le")
    assert error_of(write(tmp_path, "wide.txt", data)).startswith("binary file")


def test_unknown_encoding(tmp_path):
    noise = random.Random(7).randbytes(3000).replace(b"\x00", b"\x01")
    assert error_of(write(tmp_path, "noise.txt", noise)).startswith("unknown text encoding")


def test_bom_followed_by_invalid_bytes(tmp_path):
    message = error_of(write(tmp_path, "bad.txt", codecs.BOM_UTF8 + b"ok \xff\xfe\xfd bad"))
    assert "byte-order mark" in message


@pytest.mark.parametrize("name", ["report.rtf", "report.odt", "README"])
def test_unsupported_extension(tmp_path, name):
    message = error_of(write(tmp_path, name, "Some text that would decode."))
    assert message.startswith("unsupported file type")
    assert ".txt" in message


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1024)
    message = error_of(write(tmp_path, "big.txt", "word " * 400))
    assert message.startswith("file is too large")


def test_default_size_limit_is_twenty_megabytes():
    assert documents.MAX_FILE_BYTES == 20 * 1024 * 1024


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "locked.txt", "secret text")
    path.chmod(0)
    try:
        assert error_of(path) == "permission denied"
    finally:
        path.chmod(0o600)


def test_document_error_is_a_value_error():
    assert issubclass(DocumentError, ValueError)


# -- Markdown ---------------------------------------------------------------------------------

def test_markdown_title_is_the_first_level_one_heading_and_text_is_kept(tmp_path):
    raw = "Intro line without heading\r\n\r\n## Not this\r\n# The Real Title #\r\n\r\nBody *text*.\r\n"
    path = write(tmp_path, "note.md", raw)
    doc = load_document(path)
    assert doc.title == "The Real Title"
    assert doc.text == raw
    assert doc.format == "md"


def test_markdown_without_heading_is_titled_by_stem(tmp_path):
    assert load_document(write(tmp_path, "plain-notes.markdown", "Just a paragraph of notes.\n")).title == "plain-notes"


# -- HTML (the extraction itself: test_html_article.py) -----------------------------------------

def test_html_declared_charset_is_used_when_bytes_are_not_utf8(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>Cr\xe8me br\xfbl\xe9e.</p></body></html>'
    doc = load_document(write(tmp_path, "legacy.htm", page.encode("latin-1")))
    assert doc.text == "Café\n\nCrème brûlée."  # the headline first, then the body
    assert doc.title == "Café"
    assert doc.encoding == "cp1252"


def test_html_without_article_text_is_an_error(tmp_path):
    page = "<html><head><title>Empty</title></head><body><div> </div><img src=x.png></body></html>"
    assert error_of(write(tmp_path, "empty.html", page)) == "no article text found in the HTML"


# -- pasted text ------------------------------------------------------------------------------

def test_document_from_text():
    doc = document_from_text("Skip to Content\n\nA headline about the harbour\n\nBody text.")
    assert doc.title == "A headline about the harbour"
    assert (doc.path, doc.source, doc.format) == (None, "clipboard", "text")
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_document_from_text_title_falls_back_to_first_words_and_takes_an_explicit_title():
    text = "This opening sentence is rather long and ends with a full stop, so it is no headline."
    assert document_from_text(text).title == "This opening sentence is rather long and ends with a full…"
    assert document_from_text(text, title="Mine", source="typed").title == "Mine"
    assert document_from_text(text, source="typed").source == "typed"


def test_document_from_binary_text_is_an_error():
    with pytest.raises(DocumentError, match="^typed: binary data"):
        document_from_text("a\x00b\x00c\x00", source="typed")


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_document_from_empty_text_is_an_error(text):
    with pytest.raises(DocumentError, match="^clipboard: text is empty$"):
        document_from_text(text)


# -- the headline heuristic -------------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("Navigation\nJoin our channel and get news uncensored!\n  •  \nThe real headline is here\nBody.", "The real headline is here"),
    ("Skip to Content\n\nMenu Home Sections\nHeadline with enough words\n", "Headline with enough words"),
    ("<i>Photo credit line here</i>\nA proper headline appears\n", "A proper headline appears"),
    ("Two words\nA sentence that ends with a period.\n", None),
    ("Breaking: storm hits the coast?\n", "Breaking: storm hits the coast?"),
])
def test_headline_heuristic(text, title):
    assert documents._headline(text) == title


def test_headline_heuristic_only_looks_near_the_top():
    text = "\n".join(["Filler line with a period."] * 20 + ["Late headline without a period"])
    assert documents._headline(text) is None


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex", "undefined", "no-such-codec"])
def test_html_declaring_a_codec_that_cannot_decode_text_falls_back_to_detection(tmp_path, charset):
    page = f'<html><head><meta charset="{charset}"><title>Caf\xe9</title></head><body><p>Cr\xe8me br\xfbl\xe9e et caf\xe9 cr\xe8me pour tout le monde.</p></body></html>'
    doc = load_document(write(tmp_path, "odd.html", page.encode("cp1252")))
    assert doc.text == "Café\n\nCrème brûlée et café crème pour tout le monde."
    assert doc.encoding == "cp1252"


def test_an_old_word_file_says_how_to_open_it(tmp_path):
    path = tmp_path / "essay.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(DocumentError, match=r"essay\.doc: unsupported file type '\.doc'; an old Word file: save it as \.docx"):
        load_document(path)


def test_pasted_text_over_the_limit_is_refused(monkeypatch):
    import reader.core.documents as documents

    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 10)
    with pytest.raises(DocumentError, match="clipboard: text is too long"):
        document_from_text("eleven characters")
