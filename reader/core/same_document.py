"""Whether the two sides of a comparison are one document: ``same_document_note(a, b)``.

Contract: a plain sentence when ``a`` and ``b`` (anything with ``text`` and perhaps ``path``) are
the same file, or hold exactly the same text; None otherwise. The window shows it in the summary
bar and ``reader compare`` prints it first, so a user who opened one file twice is told so
plainly instead of reading "24 of 24 sentences restate A". Pure Python; must not import Qt.
"""

from __future__ import annotations

import os


def same_document_note(document_a, document_b) -> str | None:
    """A plain sentence when A and B are the same file or the same text, else None."""
    if document_a is None or document_b is None:
        return None
    path_a: str = getattr(document_a, "path", None) or ""
    path_b: str = getattr(document_b, "path", None) or ""
    try:
        same_file = bool(path_a and path_b) and os.path.samefile(path_a, path_b)
    except OSError:
        same_file = False
    if same_file:
        return (f"A and B are the same file ({os.path.basename(path_a)}): every passage would match itself, "
                "so there is nothing to compare.")
    if document_a.text == document_b.text:
        return "A and B have exactly the same text: one is a word-for-word copy of the other, whole."
    return None
