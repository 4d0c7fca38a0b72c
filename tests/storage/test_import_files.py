"""``reader.storage.library.import_files``: an import that can run off the window's thread, on its
own connection, with progress per file and a stop between files that keeps what was imported."""

from reader.storage.database import open_database
from reader.storage.documents import list_documents
from reader.storage.library import database_file, import_files


def _write_articles(folder, count):
    folder.mkdir()
    for k in range(count):
        (folder / f"article_{k:03}.txt").write_text(
            f"Report number {k} on the council budget. " + " ".join(f"word{k}x{n}" for n in range(200)) + "\n",
            encoding="utf-8")


def test_database_file_names_the_file_and_none_in_memory(memory_db, file_db, tmp_path):
    assert database_file(memory_db) is None
    assert database_file(file_db) == str(tmp_path / "reader.db")


def test_import_files_opens_its_own_connection_and_reports_progress(file_db, tmp_path):
    _write_articles(tmp_path / "many", 4)
    seen = []
    outcome = import_files(database_file(file_db), [tmp_path / "many", tmp_path / "missing.txt"],
                           progress=lambda done, total: seen.append((done, total)))
    assert (outcome.files, outcome.done, outcome.cancelled, len(outcome.report.added)) == (5, 5, False, 4)
    assert len(outcome.report.failed) == 1 and "missing.txt" in outcome.report.failed[0]
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert len(list_documents(file_db)) == 4
    again = import_files("", [tmp_path / "many"], db=file_db)
    assert len(again.report.same) == 4 and not again.report.added
    file_db.execute("SELECT 1")  # a database passed in stays open


def test_a_cancelled_import_keeps_what_it_imported(tmp_path):
    _write_articles(tmp_path / "many", 6)
    path = tmp_path / "reader.db"
    calls = []

    def should_cancel():
        calls.append(1)
        return len(calls) > 2

    outcome = import_files(str(path), [tmp_path / "many"], should_cancel)
    assert outcome.cancelled and outcome.done == 2 and outcome.files == 6
    db = open_database(path)
    try:
        assert len(list_documents(db)) == len(outcome.report.added) == 2
    finally:
        db.close()
