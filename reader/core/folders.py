"""The documents of a folder, read from disk: what ``reader scan DIR`` and ``reader sources
--library DIR`` compare.

``document_files(folder)``: every file under ``folder`` (sub-folders included, hidden files and
folders skipped) whose suffix ``load_document`` reads (``FORMATS``), sorted by path.
``load_folder(folder, warn)``: those files read with ``load_document``, each as a
``FolderDocument`` keyed by its path relative to ``folder`` with forward slashes. A file that
cannot be read, or whose text repeats an earlier file's (same content hash), is skipped with one
``warn(message)`` naming it; nothing raises for a bad file. Must not import Qt, reader.storage,
reader.ui or reader.commands.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.documents import FORMATS, Document, DocumentError, load_document


def document_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """Every file under ``folder`` with a suffix Reader reads, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in FORMATS and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@dataclass(frozen=True, slots=True)
class FolderDocument:
    key: str  # path relative to the folder, with forward slashes
    document: Document


def load_folder(folder: pathlib.Path, warn: Callable[[str], None]) -> list[FolderDocument]:
    """Read every document under ``folder``; ``warn(message)`` for each skipped file."""
    seen: dict[str, str] = {}
    out = []
    for path in document_files(folder):
        key = path.relative_to(folder).as_posix()
        try:
            doc = load_document(path)
        except DocumentError as exc:
            warn(f"skipped {exc}")
            continue
        if doc.content_hash in seen:
            warn(f"skipped {path}: same text as {seen[doc.content_hash]}")
            continue
        seen[doc.content_hash] = key
        out.append(FolderDocument(key, doc))
    return out
