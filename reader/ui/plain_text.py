"""Text that comes from documents and notes, shown in Qt widgets as plain text, never as markup.

Qt guesses: a tooltip, a message box or a label in its default format is rendered as rich text
when the string merely *looks* like HTML, and rich text may load images (``<img src=...>``
opened a local file from a page's ``<title>``). Titles, notes, quotes and file names reach
widgets only through these helpers, or through labels set to ``Qt.PlainText``.

- ``plain_tooltip(text)``: a tooltip that shows ``text`` literally (escaped inside a paragraph
  that keeps its line breaks), cut to ``TOOLTIP_CHARS``.
- ``escaped(text)``: ``text`` escaped for a rich-text label that must mix it with markup.
"""

from __future__ import annotations

import html

#: Characters of a tooltip: a whole 5 MB note in a tooltip would freeze the window.
TOOLTIP_CHARS = 2000


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def plain_tooltip(text: str) -> str:
    if not text:
        return ""
    if len(text) > TOOLTIP_CHARS:
        text = text[:TOOLTIP_CHARS] + "…"
    return f"<p style='white-space:pre-wrap'>{escaped(text)}</p>"
