"""``reader report A B --out FILE.html|FILE.pdf``: self-contained HTML, a paged PDF with text,
the user's notes on the pair, and one-line errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from reader.core.annotations import Annotation, Target
from reader.core.documents import load_document
from reader.storage.annotations import add_annotation
from reader.storage.database import open_database
from reader.storage.documents import add_document
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import seed_path

QUOTE_A = "In 2021, the US State Department said"
QUOTE_B = "The US government has alleged"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A database with a pair note on 002 ↔ 003, a note on 003 alone, and one pairing 002 with 000."""
    path = tmp_path / "notes.db"
    db = open_database(path)
    a, b, c = (load_document(seed_path(n)) for n in (2, 3, 0))
    ids = [add_document(db, d) for d in (a, b, c)]

    def on(i, doc, quote):
        start = doc.text.index(quote)
        return Target.on_text(ids[i], doc.text, start, start + len(quote), doc.content_hash)

    add_annotation(db, Annotation((on(0, a, QUOTE_A), on(1, b, QUOTE_B)), note="Source <changed> & year dropped",
                                  tags=("facts",), verdict="uncredited_copy", author="Dana"))
    add_annotation(db, Annotation((on(1, b, "Meanwhile, Microsoft"),), note="Check this claim"))
    add_annotation(db, Annotation((on(0, a, "Meta"), on(2, c, "Meta")), note="About another pair"))
    db.close()
    monkeypatch.setenv("READER_DB", str(path))
    return path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_html_report_is_self_contained_and_complete(capsys, tmp_path, db_path):
    out = tmp_path / "r.html"
    status, stdout, err = run_cli(capsys, "report", seed_path(2), seed_path(3), "--out", out)
    assert (status, err) == (0, "") and "18 passages" in stdout
    page = out.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    # No script, no image, no style sheet or font fetched; the seed files have no URL to link.
    assert links.urls == [] and not links.tags & {"script", "img", "link", "iframe", "object"}
    assert "url(" not in page and "@import" not in page
    a, b = load_document(seed_path(2)), load_document(seed_path(3))
    assert "B is a rewrite of A" in page and "A shares 65% of its text with B." in page
    assert a.content_hash in page and b.content_hash in page
    assert page.count('<span class="fact">') >= 9  # every changed fact boxed in the texts
    assert "date dropped: 2021" in page
    # The notes on this pair, escaped; not the one pairing 002 with 000.
    assert "Copied without credit" in page and "Source &lt;changed&gt; &amp; year dropped" in page
    assert "Check this claim" in page and "About another pair" not in page
    # Both texts in full, passages numbered.
    assert page.count('class="n"') == 2 * 18


def test_html_links_only_the_documents_own_sources(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DB", str(tmp_path / "none.db"))
    page_a = tmp_path / "a.html"
    page_a.write_text('<html><head><title>Story A</title><link rel="canonical" href="https://example.org/a">'
                      '<script src="https://tracker.example/t.js"></script></head><body><article><p>'
                      + seed_path(2).read_text(encoding="utf-8").replace("\n\n", "</p><p>")
                      + '</p><img src="https://cdn.example/x.png"></article></body></html>', encoding="utf-8")
    out = tmp_path / "r.html"
    status, _, err = run_cli(capsys, "report", page_a, seed_path(3), "--out", out)
    assert (status, err) == (0, "")
    links = _Links()
    links.feed(out.read_text(encoding="utf-8"))
    assert load_document(page_a).url == "https://example.org/a"
    assert links.urls == ["https://example.org/a"]
    assert "tracker.example" not in out.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdf_report_has_pages_and_text(capsys, tmp_path, db_path):
    out = tmp_path / "r.pdf"
    status, stdout, err = run_cli(capsys, "report", seed_path(2), seed_path(3), "--out", out)
    assert (status, err) == (0, "")
    pages = int(re.search(r"(\d+) pages", stdout)[1])
    assert pages >= 2 and out.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    assert re.search(rf"Pages:\s+{pages}\b", info)
    # -raw: in drawing order, so each header line stays whole.
    text = subprocess.run(["pdftotext", "-raw", out, "-"], capture_output=True, text=True).stdout
    assert "B is a rewrite of A" in text and f"Page {pages} of {pages}" in text
    assert "Copied without credit" in text and "SHA-256" in text
    assert text.count("Reader report ·") == pages  # the header on every page


def test_report_refuses_other_outputs_and_bad_files(capsys, tmp_path):
    assert_user_error(run_cli(capsys, "report", seed_path(2), seed_path(3), "--out", tmp_path / "r.txt"),
                      "r.txt", ".html or .pdf")
    missing = tmp_path / "missing.txt"
    assert_user_error(run_cli(capsys, "report", missing, seed_path(3), "--out", tmp_path / "r.html"),
                      missing, "no such file")
    assert_user_error(run_cli(capsys, "report", seed_path(2), seed_path(3), "--out", tmp_path / "no" / "r.pdf"),
                      "does not exist")
    assert_user_error(run_cli(capsys, "report", seed_path(2), seed_path(3)), "--out")
