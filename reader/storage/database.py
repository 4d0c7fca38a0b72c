"""Open, locate and migrate the reader's one SQLite database; translate SQLite errors.

Where the database lives: ``--db PATH`` if given, else ``$READER_DB``, else the platform's
data folder (``$XDG_DATA_HOME/reader/reader.db`` or ``~/.local/share/reader/reader.db`` on
Linux, ``~/Library/Application Support/Reader/reader.db`` on macOS,
``%APPDATA%\\Reader\\reader.db`` on Windows). It is created on first use and upgraded by the
numbered migrations of ``reader.storage.schema``.

Durability: WAL journal, ``synchronous=FULL``, every change in one short ``BEGIN IMMEDIATE``
transaction (``write_transaction``) committed at once, so a killed process loses nothing it
had saved and two windows on one file wait for each other instead of failing half-way.

Every SQLite failure a user can cause reaches callers as ``StorageError`` with a one-line
message naming the file. Must not import Qt.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import sqlite3
import stat
import sys
from collections.abc import Iterator, Mapping

from sqlite_utils import Database

from reader.storage.schema import MIGRATIONS

ENV_VAR = "READER_DB"
FILE_NAME = "reader.db"
#: How long a writer waits for another one (another window, another process) to finish.
BUSY_TIMEOUT_SECONDS = 15.0
MEMORY = ":memory:"
#: Permissions of a database file and folder Reader creates: the owner's alone.
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


class StorageError(Exception):
    """A database problem with a one-line message naming the file.

    ``exit_status`` is what the command line exits with: 2 for a bad database file (not a
    database, damaged, unwritable), 1 for a failure at run time (locked, disk full).
    """

    def __init__(self, message: str, exit_status: int = 2) -> None:
        super().__init__(message)
        self.exit_status = exit_status


def default_db_path(environ: Mapping[str, str] | None = None, platform: str | None = None,
                    home: pathlib.Path | None = None) -> pathlib.Path:
    """The platform convention for the database file (arguments exist for tests)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = pathlib.Path.home() if home is None else home
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Reader" / FILE_NAME
    if platform.startswith("win"):
        base = environ.get("APPDATA") or str(home / "AppData" / "Roaming")
        return pathlib.Path(base) / "Reader" / FILE_NAME
    base = environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return pathlib.Path(base) / "reader" / FILE_NAME


def resolve_db_path(cli_path: str | os.PathLike | None = None,
                    environ: Mapping[str, str] | None = None) -> pathlib.Path | str:
    """``--db`` if given, else ``$READER_DB``, else the platform default. ``:memory:`` is kept."""
    environ = os.environ if environ is None else environ
    chosen = cli_path if cli_path not in (None, "") else environ.get(ENV_VAR) or None
    if chosen is None:
        return default_db_path(environ)
    if str(chosen) == MEMORY:
        return MEMORY
    return pathlib.Path(chosen).expanduser()


def open_database(path: str | os.PathLike | None = None) -> Database:
    """Open (creating and upgrading as needed) the database at ``path``.

    ``None`` means ``resolve_db_path()``; ``":memory:"`` gives a private in-memory database.
    Raises ``StorageError``.
    """
    target = resolve_db_path() if path is None else path
    if str(target) == MEMORY:
        db = Database(memory=True)
        _configure(db, "in-memory database", wal=False)
        return db
    target = pathlib.Path(target).expanduser()
    label = str(target)
    try:
        if target.is_dir():
            raise StorageError(f"{label}: is a folder, not a database file")
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            # SQLite would open a FIFO (and block) or a device (and fail on its first write).
            raise StorageError(f"{label}: is not a regular file, so not a database file")
    except PermissionError:  # a folder on the way the user may not enter
        raise StorageError(f"{label}: permission denied (choose another file with --db)") from None
    try:
        target.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"{label}: cannot create its folder ({exc.strerror or exc})") from exc
    try:
        _create_private(target)
    except OSError as exc:
        raise StorageError(f"{label}: cannot create the database ({exc.strerror or exc})") from exc
    try:
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise _translate(exc, label) from exc
    db = Database(conn)
    try:
        _configure(db, label, wal=True)
    except StorageError:
        conn.close()
        raise
    return db


def _create_private(target: pathlib.Path) -> None:
    """Create an empty database file (0600) when there is none yet; its folder is made 0700.

    Notes and the library are the user's own: other local users must not read them. SQLite
    creates its ``-wal`` and ``-shm`` files with the permissions of the database file. An
    existing file or folder keeps the permissions its owner chose.
    """
    if not target.exists():
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:  # another Reader created it a moment ago
            return
        os.close(fd)


def database_label(db: Database) -> str:
    """The file name of ``db`` for messages, or ``in-memory database``."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "database"
    return row[2] if row and row[2] else "in-memory database"


def migrate(db: Database) -> None:
    """Apply every pending migration, each in its own transaction."""
    applied = {m.name for m in MIGRATIONS.applied(db)}
    known = {m.name for m in MIGRATIONS._migrations}  # noqa: SLF001 - no public accessor
    newer = sorted(applied - known)
    if newer:
        raise StorageError(f"{database_label(db)}: made by a newer version of Reader "
                           f"(unknown schema step {newer[0]}); upgrade Reader to open it")
    if MIGRATIONS.pending(db):
        # One write transaction around all steps: two first runs at once cannot both create
        # the tables, and a failed upgrade leaves the old schema untouched.
        with write_transaction(db):
            MIGRATIONS.apply(db)


def schema_steps(db: Database) -> list[str]:
    """Names of the migrations applied to ``db``, oldest first."""
    return [m.name for m in MIGRATIONS.applied(db)]


@contextlib.contextmanager
def translated_errors(db: Database) -> Iterator[None]:
    """Turn ``sqlite3.Error`` raised inside the block into ``StorageError``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _translate(exc, database_label(db)) from exc


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One committed-at-once write: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on error.

    IMMEDIATE takes the write lock up front, so a second process waits on the busy timeout
    instead of failing when its read snapshot turns out stale. Nested use joins the outer
    transaction through a savepoint.
    """
    with translated_errors(db):
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


def integrity_ok(db: Database) -> bool:
    """``PRAGMA integrity_check`` says ``ok``."""
    with translated_errors(db):
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _configure(db: Database, label: str, wal: bool) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        # Reading the schema is the first thing that fails on a file that is not a database.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if wal:
            db.enable_wal()
            if db.journal_mode != "wal":
                raise StorageError(f"{label}: cannot switch the database to WAL mode")
        # FULL makes every commit survive power loss too, not only a killed process.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except sqlite3.Error as exc:
        raise _translate(exc, label) from exc


def _translate(exc: sqlite3.Error, label: str) -> StorageError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return StorageError(f"{label}: the database is busy (another Reader is writing); try again", 1)
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return StorageError(f"{label}: not a Reader database, or damaged ({text})")
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"{label}: the database is read-only; choose a writable file with --db")
    if "unable to open" in lowered:
        return StorageError(f"{label}: cannot open the database file (is the folder writable?)")
    if "disk is full" in lowered or "disk i/o" in lowered:
        return StorageError(f"{label}: cannot write the database ({text})", 1)
    return StorageError(f"{label}: database error: {text}", 1)
