"""Opening, locating and migrating the database; clear errors for bad database files."""

import json
import os
import pathlib
import sqlite3

import pytest
from sqlite_utils import Database

from reader.storage.database import (
    ENV_VAR,
    StorageError,
    default_db_path,
    integrity_ok,
    open_database,
    resolve_db_path,
    schema_steps,
    write_transaction,
)
from reader.storage.schema import MIGRATIONS

HOME = pathlib.Path("/home/ann")


def test_default_path_follows_each_platform_convention():
    assert default_db_path({}, "linux", HOME) == HOME / ".local/share/reader/reader.db"
    assert default_db_path({"XDG_DATA_HOME": "/data"}, "linux", HOME) == pathlib.Path("/data/reader/reader.db")
    assert default_db_path({}, "darwin", HOME) == HOME / "Library/Application Support/Reader/reader.db"
    assert default_db_path({"APPDATA": "/c/Roaming"}, "win32", HOME) == pathlib.Path("/c/Roaming/Reader/reader.db")
    assert default_db_path({}, "win32", HOME) == HOME / "AppData/Roaming/Reader/reader.db"


def test_db_option_wins_over_environment_which_wins_over_default(tmp_path):
    env = {ENV_VAR: str(tmp_path / "env.db"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert resolve_db_path(tmp_path / "cli.db", env) == tmp_path / "cli.db"
    assert resolve_db_path(None, env) == tmp_path / "env.db"
    assert resolve_db_path(None, {"XDG_DATA_HOME": str(tmp_path / "xdg")}) == tmp_path / "xdg/reader/reader.db"
    assert resolve_db_path(":memory:", env) == ":memory:"


def test_open_without_path_uses_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "deep" / "folder" / "mine.db"))
    db = open_database()
    assert (tmp_path / "deep" / "folder" / "mine.db").is_file()
    db.close()


def test_new_database_has_current_schema_in_wal_mode(file_db):
    assert schema_steps(file_db) == ["m001_initial", "m002_library_and_pairs", "m003_web_pages"]
    assert file_db.journal_mode == "wal"
    assert file_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert file_db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert {"documents", "annotations", "documents_fts", "annotations_fts"} <= set(file_db.table_names())
    assert integrity_ok(file_db)


def test_memory_database_has_same_schema(memory_db):
    assert schema_steps(memory_db) == ["m001_initial", "m002_library_and_pairs", "m003_web_pages"]
    assert memory_db["annotations"].columns_dict["verdict"] is str


def test_reopening_applies_nothing_twice(tmp_path):
    open_database(tmp_path / "r.db").close()
    db = open_database(tmp_path / "r.db")
    assert len(db.execute("SELECT * FROM _sqlite_migrations").fetchall()) == 3
    db.close()


def _first_release_database(path):
    """A database exactly as the first release (schema step 1 only) left it, with data."""
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m002_library_and_pairs")
    db["documents"].insert({"id": 1, "title": "Old report", "source": "old.txt", "path": "/tmp/old.txt",
                            "text": "Alpha beta gamma delta.", "content_hash": "h1", "format": "txt",
                            "imported_at": "2023-01-02T03:04:05Z"})
    db["annotations"].insert({"id": 7, "document_id": 1, "start_offset": 6, "end_offset": 10,
                              "exact": "beta", "prefix": "Alpha ", "suffix": " gamma", "content_hash": "h1",
                              "note": "an early remark", "tags": json.dumps(["old"]), "colour": "green",
                              "author": "ann", "created_at": "2023-01-02T03:04:06Z",
                              "updated_at": "2023-01-02T03:04:07Z"})
    db.close()


def test_first_schema_version_is_upgraded_without_loss(tmp_path):
    path = tmp_path / "v1.db"
    _first_release_database(path)
    before = Database(path)
    assert [m.name for m in MIGRATIONS.applied(before)] == ["m001_initial"]
    assert "uuid" not in before["annotations"].columns_dict
    before.close()

    db = open_database(path)
    assert schema_steps(db) == ["m001_initial", "m002_library_and_pairs", "m003_web_pages"]
    from reader.storage.annotations import add_annotation, get_annotation, list_annotations
    from reader.storage.documents import get_document

    doc = get_document(db, 1)
    assert (doc.title, doc.text, doc.content_hash, doc.url, doc.published) == (
        "Old report", "Alpha beta gamma delta.", "h1", None, None)
    old = get_annotation(db, 7)
    assert (old.note, old.tags, old.colour, old.author, old.created, old.updated) == (
        "an early remark", ("old",), "green", "ann", "2023-01-02T03:04:06Z", "2023-01-02T03:04:07Z")
    assert old.targets[0].quote.exact == "beta" and old.verdict is None and old.deleted is None
    assert len(old.uuid) == 36
    # The rebuilt search index holds the old rows and follows new ones (second quote, tags).
    assert [a.id for a in list_annotations(db, search="early")] == [7]
    assert [a.id for a in list_annotations(db, search="old")] == [7]
    import dataclasses
    pair = dataclasses.replace(old, id=None, uuid="u-2", note="", tags=("new",),
                               targets=(old.targets[0], dataclasses.replace(old.targets[0], quote=dataclasses.replace(
                                   old.targets[0].quote, exact="gamma"))), verdict="common_phrasing")
    added = add_annotation(db, pair)
    assert [a.id for a in list_annotations(db, search="gamma")] == [added.id]
    assert integrity_ok(db)
    db.close()


def test_failed_upgrade_leaves_old_schema_untouched(tmp_path, monkeypatch):
    path = tmp_path / "v1.db"
    _first_release_database(path)

    def broken(db):
        db["documents"].add_column("url", str)
        raise sqlite3.OperationalError("disk I/O error")

    step = next(m for m in MIGRATIONS._migrations if m.name == "m002_library_and_pairs")
    monkeypatch.setattr(step, "fn", broken)
    with pytest.raises(StorageError, match="v1.db"):
        open_database(path)
    db = Database(path)
    assert [m.name for m in MIGRATIONS.applied(db)] == ["m001_initial"]
    assert "url" not in db["documents"].columns_dict
    db.close()


def test_database_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_database(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "reader", "name": "m099_future", "applied_at": "x"})
    db.close()
    with pytest.raises(StorageError, match=r"new\.db: made by a newer version of Reader"):
        open_database(path)


def test_not_a_database_is_a_one_line_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StorageError) as info:
        open_database(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not a Reader database, or damaged") and "\n" not in message
    assert info.value.exit_status == 2
    assert path.read_text().startswith("these are my notes")  # nothing overwritten


def test_folder_instead_of_file_is_refused(tmp_path):
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_unwritable_location_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot create its folder"):
        open_database(blocker / "sub" / "reader.db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_read_only_database_is_a_clear_error(tmp_path):  # pragma: no cover - not as root
    path = tmp_path / "ro.db"
    open_database(path).close()
    for p in tmp_path.iterdir():
        p.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="ro.db"):
            db = open_database(path)
            from reader.core.documents import document_from_text
            from reader.storage.documents import add_document

            add_document(db, document_from_text("some text here"))
    finally:
        tmp_path.chmod(0o755)


def test_write_transaction_rolls_back_everything_on_error(db):
    with pytest.raises(RuntimeError):
        with write_transaction(db):
            db["documents"].insert({"title": "t", "text": "x", "content_hash": "h", "imported_at": "now"})
            raise RuntimeError("stop")
    assert db["documents"].count == 0
    with write_transaction(db):
        with write_transaction(db):  # nested joins the outer one
            db["documents"].insert({"title": "t", "text": "x", "content_hash": "h", "imported_at": "now"})
    assert db["documents"].count == 1


def test_locked_database_is_reported_as_busy(tmp_path, monkeypatch):
    import reader.storage.database as database

    path = tmp_path / "busy.db"
    open_database(path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.1)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        db = open_database(path)
        db.conn.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(StorageError) as info:
            with write_transaction(db):
                pass
        assert info.value.exit_status == 1 and "busy" in str(info.value)
        db.close()
    finally:
        holder.rollback()
        holder.close()
