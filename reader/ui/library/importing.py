"""Library imports off the GUI thread: the work a ``BackgroundRunner`` task does, and where it
finds the database.

SQLite connections belong to the thread that opened them, so ``import_files`` opens its own
connection to the window's database file (``reader.storage.database.open_database``), imports
one file at a time with ``reader.storage.library.import_paths`` (the function ``reader library
import`` uses), reports progress per file, stops between files when asked, and closes the
connection. What was imported before a stop or a storage error stays stored (each file is its
own transaction). No Qt here: the controller shows progress and results.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from reader.storage.database import open_database
from reader.storage.library import ImportReport, expand_paths, import_paths


@dataclass
class ImportOutcome:
    report: ImportReport = field(default_factory=ImportReport)
    files: int = 0          # files found under the paths given
    done: int = 0           # files handled before the end or a stop
    cancelled: bool = False


def database_file(db) -> str | None:
    """The file behind ``db``, or None for an in-memory database (no second connection can see it)."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return row[2] if row and row[2] else None


def import_files(db_path: str, paths, should_cancel=lambda: False, progress=lambda done, total: None,
                 db=None) -> ImportOutcome:
    """Import ``paths`` (files and folders) into the database at ``db_path`` (or into ``db``)."""
    outcome = ImportOutcome()
    own = db is None
    db = open_database(db_path) if own else db
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
            one = import_paths(db, [path])
            for name in ("added", "same", "updated", "failed"):
                getattr(report, name).extend(getattr(one, name))
            outcome.done = k + 1
        progress(outcome.done, len(files))
        report.failed.extend(folder_problems)
    finally:
        if own:
            db.close()
    return outcome
