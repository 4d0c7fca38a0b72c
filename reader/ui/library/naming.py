"""How a stored document is named on screen: its title, and where it came from (file or site).

Titles alone do not tell documents apart (the five seed articles all start "Meta…"), and a
library id (#3) tells a reader nothing. ``where(doc)`` is the page's own site name ("CNN"),
else the host of its URL (without "www."), else the name of its file, else its source label;
``details(doc)`` adds the publication date; ``display_name(doc)`` is "Title — where" for a
single line. ``doc`` is anything with ``title``,
``path``, ``url``, ``source`` and ``published`` (``reader.storage.documents.StoredDocument``).
Pure Python: must not import Qt or reader.storage.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse


def where(doc) -> str:
    site = getattr(doc, "site", None)
    if site:  # the name the page gives its site ("CNN"), read with the article
        return site
    url = getattr(doc, "url", None)
    if url:
        host = urlparse(url).netloc or url
        return host[4:] if host.startswith("www.") else host
    path = getattr(doc, "path", None)
    if path:
        return os.path.basename(path)
    return getattr(doc, "source", None) or ""


def details(doc) -> str:
    """ "file.txt · 2024-03-01" (either part may be missing)."""
    return " · ".join(part for part in (where(doc), getattr(doc, "published", None) or "") if part)


def display_name(doc) -> str:
    title = " ".join((getattr(doc, "title", "") or "Untitled").split())
    place = where(doc)
    return f"{title} — {place}" if place else title
