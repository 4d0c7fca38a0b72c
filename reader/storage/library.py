"""Importing files and folders into the library (the documents table), and the seed library.

``import_paths`` reads every named file and every readable file under each named folder
(sub-folders included, hidden ones skipped) with ``reader.core.documents.load_document`` and stores
it with ``reader.storage.documents.import_document``: a text already stored is recognised by its
content hash, a file re-read from its path with new text replaces the old version. A bad file is
reported and skipped, never fatal. ``ensure_seed_library`` makes the seed articles the library
while it holds nothing else. The window and the command line share these. Must not import Qt.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader import seeds_folder
from reader.core.corpus import CorpusDoc
from reader.core.documents import FORMATS, FORMATS_LABEL, DocumentError, load_document
from reader.storage.documents import import_document, list_documents


def document_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """Every file under ``folder`` with a suffix Reader reads, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in FORMATS and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    same: list[int] = field(default_factory=list)  # already stored: recognised by content hash
    updated: list[int] = field(default_factory=list)  # same path, new text
    failed: list[str] = field(default_factory=list)  # one-line messages naming the file


def expand_paths(paths: Iterable[str | pathlib.Path], warn: Callable[[str], None]) -> list[pathlib.Path]:
    """Files named, plus every readable-looking file under each folder named, in order."""
    out = []
    for raw in paths:
        path = pathlib.Path(raw).expanduser()
        if path.is_dir():
            found = document_files(path)
            if not found:
                warn(f"{raw}: no {FORMATS_LABEL} file in this folder")
            out.extend(found)
        else:
            out.append(path)  # load_document names a missing or unsupported file
    return out


def import_paths(db, paths: Iterable[str | pathlib.Path], warn: Callable[[str], None] = lambda m: None,
                 on_file: Callable[[pathlib.Path, int, str], None] | None = None) -> ImportReport:
    """Import files and folders into ``db``; a bad file is reported through ``warn`` and skipped."""
    report = ImportReport()
    failed_folders: list[str] = []
    for path in expand_paths(paths, failed_folders.append):
        try:
            document = load_document(path)
        except DocumentError as exc:
            report.failed.append(str(exc))
            warn(str(exc))
            continue
        doc_id, what = import_document(db, document)
        {"added": report.added, "same": report.same, "updated": report.updated}[what].append(doc_id)
        if on_file is not None:
            on_file(path, doc_id, what)
    for message in failed_folders:
        report.failed.append(message)
        warn(message)
    return report


def ensure_seed_library(db, folder: pathlib.Path | None = None) -> ImportReport | None:
    """Import the seed articles while the library holds nothing else; ``None`` if it does."""
    folder = seeds_folder() if folder is None else folder
    if not folder.is_dir():
        return None
    seeds = sorted(folder.glob("*.txt"))
    inside = folder.resolve()
    for doc in list_documents(db):
        # A path compare, not a string prefix: ".../seeds-mine/a.txt" is the user's, not a seed.
        if not doc.path or not pathlib.Path(doc.path).is_relative_to(inside):
            return None  # the user's own library: never add seeds to it behind their back
    return import_paths(db, seeds)


def library_corpus(db) -> list[CorpusDoc]:
    """Every stored document as a ``CorpusDoc`` keyed by its database id."""
    return [CorpusDoc(d.id, d.text or "", d.title, d.published) for d in list_documents(db, with_text=True)]
