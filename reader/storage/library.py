"""Importing files and folders into the library (the documents table), and the seed library.

``import_paths`` reads every named file, every readable file under each named folder
(sub-folders included, hidden ones skipped) and every named http(s) URL (the page is fetched:
``reader.core.web_pages``, its capture kept) with ``reader.core.web_pages.load_source`` and stores
it with ``reader.storage.documents.import_document``: a text already stored is recognised by its
content hash, a file re-read from its path with new text replaces the old version. A bad file is
reported and skipped, never fatal. ``ensure_seed_library`` makes the seed articles the library
while it holds nothing else. The window and the command line share these.

``import_files`` is an import that can run off the window's thread: SQLite connections belong to
the thread that opened them, so it opens its own connection to the database file (``db_path``;
``database_file`` finds the file behind an open database, None for an in-memory one) unless given
``db``, imports one file at a time with ``import_paths``, calls ``progress(done, total)`` per file,
stops between files when ``should_cancel()`` says so, and closes the connection it opened. What was
imported before a stop or a storage error stays stored (each file is its own transaction); the
``ImportOutcome`` says how far it got. Must not import Qt.
"""

from __future__ import annotations

import pathlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from reader import seeds_folder
from reader.core.corpus import CorpusDoc
from reader.core.documents import FORMATS_LABEL, DocumentError
from reader.core.folders import document_files
from reader.core.web_pages import is_web_url, load_source
from reader.storage.database import open_database
from reader.storage.documents import import_document, list_documents


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    same: list[int] = field(default_factory=list)  # already stored: recognised by content hash
    updated: list[int] = field(default_factory=list)  # same path, new text
    failed: list[str] = field(default_factory=list)  # one-line messages naming the file


def expand_paths(paths: Iterable[str | pathlib.Path], warn: Callable[[str], None]) -> list[pathlib.Path | str]:
    """Files named, plus every readable-looking file under each folder named, in order; a URL
    stays a string."""
    out: list[pathlib.Path | str] = []
    for raw in paths:
        if isinstance(raw, str) and is_web_url(raw):
            out.append(raw.strip())
            continue
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
                 on_file: Callable[[pathlib.Path | str, int, str], None] | None = None) -> ImportReport:
    """Import files, folders and URLs into ``db``; a bad one is reported through ``warn`` and skipped."""
    report = ImportReport()
    failed_folders: list[str] = []
    for path in expand_paths(paths, failed_folders.append):
        try:
            document = load_source(path)
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


@dataclass
class ImportOutcome:
    report: ImportReport = field(default_factory=ImportReport)
    files: int = 0          # files found under the paths given
    done: int = 0           # files handled before the end or a stop
    cancelled: bool = False


def database_file(db: Database) -> str | None:
    """The file behind ``db``, or None for an in-memory database (no second connection can see it)."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return row[2] if row and row[2] else None


def import_files(db_path: str, paths: Iterable[str | pathlib.Path],
                 should_cancel: Callable[[], bool] = lambda: False,
                 progress: Callable[[int, int], None] = lambda done, total: None,
                 db: Database | None = None) -> ImportOutcome:
    """Import ``paths`` (files and folders) into the database at ``db_path`` (or into ``db``)."""
    outcome = ImportOutcome()
    own = db is None
    database = open_database(db_path) if db is None else db
    try:
        folder_problems: list[str] = []
        files = expand_paths(paths, folder_problems.append)
        outcome.files = len(files)
        report = outcome.report
        for k, path in enumerate(files):
            if should_cancel():
                outcome.cancelled = True
                break
            progress(k, len(files))
            one = import_paths(database, [path])
            for name in ("added", "same", "updated", "failed"):
                getattr(report, name).extend(getattr(one, name))
            outcome.done = k + 1
        progress(outcome.done, len(files))
        report.failed.extend(folder_problems)
    finally:
        if own:
            database.close()
    return outcome
