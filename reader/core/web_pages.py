"""Documents of web pages, and one entry point for "a file or a URL".

Contract:
- ``load_url(url) -> Document``: fetches the page (``page_fetch.fetch_page``: timeout, size
  limit, redirects followed and reported, one GET, no script run, no sub-resource fetched) and
  reads its article (``documents.document_from_html``). The Document carries ``captured`` (UTC)
  and ``page`` (the ``FetchedPage``: the HTML bytes, the final URL, the redirects), which the
  library keeps as evidence. Its ``source`` is the site's name, else the host; its ``url`` the
  page's canonical URL, else the URL that answered. Any problem raises ``DocumentError`` with
  one line naming the URL.
- ``load_source(text) -> Document``: ``load_url`` for an http(s) URL, else
  ``documents.load_document`` for a file path. Commands and the window call this for every
  argument a user may give as either.
Must not import Qt.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from dataclasses import replace

from reader.core.documents import Document, DocumentError, document_from_html, load_document
from reader.core.page_fetch import FetchError, fetch_page, is_web_url

__all__ = ["is_web_url", "load_source", "load_url"]


def load_url(url: str, *, should_cancel: Callable[[], bool] = lambda: False, **limits) -> Document:
    """The article of the page at ``url``; ``DocumentError`` (one line) if it cannot be had.
    ``limits`` go to ``fetch_page`` (``timeout``, ``deadline``, ``max_bytes``)."""
    try:
        page = fetch_page(url, should_cancel=should_cancel, **limits)
    except FetchError as exc:
        raise DocumentError(str(exc)) from None
    host = urllib.parse.urlsplit(page.final_url).hostname or page.final_url
    document = document_from_html(page.body, url.strip(), url=page.final_url, charset=page.charset,
                                  captured=page.captured, page=page)
    # A page's source is its site; trafilatura names it when the page does, else the host does.
    source = document.site or host.removeprefix("www.")
    return replace(document, source=source)


def load_source(text: str | os.PathLike, **options) -> Document:
    """A Document of ``text``: a web page when it is an http(s) URL, else the file at that path."""
    if isinstance(text, str) and is_web_url(text):
        return load_url(text, **options)
    return load_document(text)

