"""What a reading pane's header says about its document: one source line, and the details.

Contract: ``source_line(document)`` is the line under the title: the source label, the site
when it is not the label, the publication date, the byline, where the text lives (its URL, else
its folder) and its length, without repeats. ``details(document)`` is the longer account shown
as the line's tooltip: every known field on its own line (site, author, date, URL, file, when a
page was captured, how its text was extracted, the encoding), so a reader can cite the document
and see how Reader read it. Pure functions of a ``reader.core.documents.Document``; no widgets.
"""

from __future__ import annotations

import os

from reader.core.text import word_count

#: How each extraction path is named for people.
EXTRACTOR_LABELS = {
    "trafilatura": "article text by trafilatura",
    "trafilatura-baseline": "page text by trafilatura's fallback (no article found)",
}


def source_line(document) -> str:
    parts = [document.source] if document.source else []
    site = getattr(document, "site", None)
    if site and site != document.source:
        parts.append(site)
    if document.published:
        parts.append(document.published)
    author = getattr(document, "author", None)
    if author:
        parts.append(f"by {author}")
    if document.url:
        parts.append(document.url)
    elif document.path:
        parts.append(os.path.dirname(document.path))
    parts.append(f"{word_count(document.text):,} words")
    return "  ·  ".join(parts)


def details(document) -> str:
    extractor = getattr(document, "extractor", None)
    rows = [
        ("Site", getattr(document, "site", None)),
        ("Author", getattr(document, "author", None)),
        ("Published", document.published),
        ("URL", document.url),
        ("File", document.path),
        ("Captured", _captured(getattr(document, "captured", None))),
        ("Read as", EXTRACTOR_LABELS.get(extractor, extractor) if extractor else None),
        ("Encoding", document.encoding if document.path or getattr(document, "captured", None) else None),
    ]
    lines = [f"{name}: {value}" for name, value in rows if value]
    return "\n".join(lines) or str(document.source)


def _captured(stamp: str | None) -> str | None:
    return f"{stamp.replace('T', ' ').removesuffix('Z')} UTC (fetched by Reader)" if stamp else None
