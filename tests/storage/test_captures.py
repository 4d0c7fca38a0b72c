"""Documents read from the web: their metadata and the captures of their pages are kept."""

from reader.core.documents import document_from_html
from reader.core.page_fetch import FetchedPage
from reader.storage.documents import (
    add_document,
    document_from_stored,
    get_document,
    import_document,
    page_captures,
    remove_document,
)
from tests.web_server import ARTICLE, ARTICLE_2

URL = "https://edition.example.com/2024/02/09/meta"


def fetched(html, captured="2026-11-30T09:00:00Z", redirects=("http://short.example/x",)):
    page = FetchedPage("http://short.example/x", URL, redirects, 200, "text/html", "utf-8", html.encode(), captured)
    return document_from_html(page.body, page.url, url=page.final_url, captured=captured, page=page)


def test_a_fetched_document_keeps_its_metadata_and_its_page(db):
    doc = fetched(ARTICLE)
    doc_id = add_document(db, doc)
    stored = get_document(db, doc_id)
    assert (stored.author, stored.site, stored.extractor, stored.captured, stored.published) == (
        "Rosa Rahimi", "CNN", "trafilatura", "2026-11-30T09:00:00Z", "2024-02-09")
    (capture,) = page_captures(db, doc_id)
    assert (capture.url, capture.final_url, capture.redirects, capture.captured_at, capture.content_type) == (
        "http://short.example/x", URL, ("http://short.example/x",), "2026-11-30T09:00:00Z", "text/html")
    assert capture.html == ARTICLE.encode()
    back = document_from_stored(stored)
    assert (back.author, back.site, back.extractor, back.captured, back.text) == (
        "Rosa Rahimi", "CNN", "trafilatura", "2026-11-30T09:00:00Z", doc.text)


def test_the_same_page_fetched_again_is_not_stored_twice_but_a_changed_one_is(db):
    doc_id, what = import_document(db, fetched(ARTICLE))
    assert what == "added"
    assert import_document(db, fetched(ARTICLE, captured="2026-11-30T10:00:00Z")) == (doc_id, "same")
    assert len(page_captures(db, doc_id)) == 1
    # Same text, other bytes (an advert changed): the page is kept again, the document stays one.
    assert import_document(db, fetched(ARTICLE.replace("</footer>", " Ad.</footer>"),
                                       captured="2026-11-30T10:30:00Z")) == (doc_id, "same")
    # The page now says something else: a new version of the same document (same URL).
    changed = fetched(ARTICLE_2.replace("https://daily.example.org/meta-bans", URL), captured="2026-11-30T11:00:00Z")
    assert import_document(db, changed) == (doc_id, "updated")
    captures = page_captures(db, doc_id)
    assert [c.captured_at for c in captures] == ["2026-11-30T09:00:00Z", "2026-11-30T10:30:00Z",
                                                 "2026-11-30T11:00:00Z"]
    assert get_document(db, doc_id).captured == "2026-11-30T11:00:00Z"


def test_removing_a_document_removes_its_captures(db):
    doc_id = add_document(db, fetched(ARTICLE))
    remove_document(db, doc_id)
    assert page_captures(db, doc_id) == []


def test_a_file_document_has_no_capture(db, seed_doc):
    doc_id = add_document(db, seed_doc(2))
    assert page_captures(db, doc_id) == []
    assert get_document(db, doc_id).captured is None
