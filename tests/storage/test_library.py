"""The seed library: imported into an empty library or one of seeds only, never into a user's own."""

import dataclasses

from reader.core.documents import document_from_text
from reader.storage.documents import add_document, list_documents
from reader.storage.library import ensure_seed_library


def _seed_folder(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "000_a.txt").write_text("A first seed report about the committee and its budget.\n", encoding="utf-8")
    return folder


def test_seeds_are_imported_into_an_empty_library(memory_db, tmp_path):
    report = ensure_seed_library(memory_db, _seed_folder(tmp_path))
    assert report is not None and len(report.added) == 1
    assert ensure_seed_library(memory_db, tmp_path / "seeds").same == report.added  # seeds only: no change


def test_a_file_in_a_sibling_folder_whose_name_starts_like_the_seeds_is_the_users(memory_db, tmp_path):
    folder = _seed_folder(tmp_path)
    mine = tmp_path / "seeds-mine" / "own.txt"
    document = document_from_text("My own report about something else entirely, kept in my folder.")
    add_document(memory_db, dataclasses.replace(document, path=str(mine)))
    assert ensure_seed_library(memory_db, folder) is None
    assert len(list_documents(memory_db)) == 1
