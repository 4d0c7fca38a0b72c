"""``reader library import|list|edit`` and ``reader sources``: import, duplicates, bad files, ranking."""

import json
import shutil

import pytest

from reader.storage.database import open_database
from reader.storage.documents import list_documents
from reader.storage.library import ensure_seed_library, import_paths
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import SEEDS, seed_path

HTML = """<!doctype html><html><head><title>Report</title>
<meta property="article:published_time" content="2024-02-09T10:00:00Z">
<link rel="canonical" href="https://example.org/report"></head>
<body><article><h1>Meta removes the accounts</h1>
<p>Meta has removed the Facebook and Instagram accounts of Iran's Supreme Leader, a company
spokesperson said on Thursday, citing repeated violations of its policy.</p></article></body></html>
"""


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "library.db"


def _ids_by_seed(db_path):
    db = open_database(db_path)
    try:
        return {d.source[:3]: d.id for d in list_documents(db)}
    finally:
        db.close()


def test_first_run_lists_the_seeds_as_the_library(capsys, db_path):
    status, out, err = run_cli(capsys, "library", "list", "--db", db_path)
    assert status == 0, err
    lines = out.strip().splitlines()
    assert lines[0].split()[:3] == ["id", "published", "source"]
    assert len(lines) == 6 and all(f"{n:03d}_" in out for n in range(5))
    # Listing again does not import them twice.
    status, again, _ = run_cli(capsys, "library", "list", "--db", db_path)
    assert again == out


def test_seeds_are_not_added_to_a_users_own_library(tmp_path, db_path):
    own = tmp_path / "own.txt"
    own.write_text("A report of my own about something else entirely.\n", encoding="utf-8")
    db = open_database(db_path)
    try:
        import_paths(db, [own])
        assert ensure_seed_library(db) is None
        assert len(list_documents(db)) == 1
    finally:
        db.close()


def test_import_files_and_folders_recognises_duplicates(capsys, tmp_path, db_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(seed_path(2), folder / "cnn.txt")
    shutil.copy(seed_path(2), folder / "sub" / "cnn-again.txt")  # same text, other file
    shutil.copy(seed_path(3), folder / "sub" / "rewrite.md")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    status, out, err = run_cli(capsys, "library", "import", folder, seed_path(4), "--db", db_path)
    assert status == 0, err
    assert "4 added, 1 already stored, 0 updated, 0 skipped" in out
    assert "already in the library as #" in out
    status, out, err = run_cli(capsys, "library", "import", folder, "--db", db_path)
    assert status == 0 and "0 added, 4 already stored" in out
    db = open_database(db_path)
    try:
        docs = list_documents(db)
    finally:
        db.close()
    assert len(docs) == 4
    page = next(d for d in docs if d.path.endswith("page.html"))
    # The publication date and URL come from the page's metadata.
    assert page.published and page.published.startswith("2024-02-09")
    assert page.url == "https://example.org/report"


def test_import_reports_each_bad_file_and_keeps_the_good_ones(capsys, tmp_path, db_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 100)
    status, out, err = run_cli(capsys, "library", "import", seed_path(0), empty, binary,
                               tmp_path / "missing.txt", tmp_path / "x.pdf", "--db", db_path)
    assert status == 2
    assert "1 added, 0 already stored, 0 updated, 4 skipped" in out
    errors = err.strip().splitlines()
    assert len(errors) == 4 and all(line.startswith("reader: error: ") for line in errors)
    for name in ("empty.txt", "blob.txt", "missing.txt", "x.pdf"):
        assert any(name in line for line in errors), name
    assert len(_ids_by_seed(db_path)) == 1


def test_edit_metadata(capsys, db_path):
    run_cli(capsys, "library", "list", "--db", db_path)
    doc_id = _ids_by_seed(db_path)["002"]
    status, out, err = run_cli(capsys, "library", "edit", doc_id, "--title", "CNN report", "--source", "CNN",
                               "--url", "https://cnn.example/x", "--published", "2024-02-09", "--db", db_path)
    assert status == 0, err
    assert f"#{doc_id}: CNN report | source CNN | url https://cnn.example/x | published 2024-02-09" in out
    status, out, _ = run_cli(capsys, "library", "list", "--search", "Khamenei", "--db", db_path)
    assert "2024-02-09  CNN" in out and "CNN report" in out


@pytest.mark.parametrize("args, fragments", [
    (["library", "edit", "3", "--published", "9 Feb 2024"], ["9 Feb 2024", "ISO date"]),
    (["library", "edit", "3"], ["nothing to change"]),
    (["library", "edit", "99", "--title", "x"], ["no document #99"]),
    (["library", "edit", "abc", "--title", "x"], ["document id", "abc"]),
    (["library", "import"], ["PATH"]),
])
def test_library_bad_arguments(capsys, db_path, args, fragments):
    run_cli(capsys, "library", "list", "--db", db_path)
    assert_user_error(run_cli(capsys, *args, "--db", db_path), *fragments)


def test_library_bad_database(capsys, tmp_path):
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database\n" * 20, encoding="utf-8")
    assert_user_error(run_cli(capsys, "library", "list", "--db", not_db), "notes.db")


def test_sources_in_the_library(capsys, db_path):
    run_cli(capsys, "library", "list", "--db", db_path)
    ids = _ids_by_seed(db_path)
    status, out, err = run_cli(capsys, "sources", ids["004"], "--db", db_path, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["document"]["key"] == ids["004"] and data["compared"] == 4
    assert {r["key"] for r in data["sources"]} == {ids["002"], ids["003"]}
    assert data["copies"] == []
    assert all(r["share"] > 0.3 and r["passages"] >= 5 for r in data["sources"])
    shares = [r["share"] for r in data["sources"]]
    assert shares == sorted(shares, reverse=True)
    # Text report: the sections and the original's copies.
    status, out, _ = run_cli(capsys, "sources", ids["002"], "--db", db_path)
    sources, copies, related = out.split("\n\n")[1:4]
    assert "none" in sources
    assert f"#{ids['003']} " in copies and f"#{ids['004']} " in copies and "quotations" in copies
    assert f"#{ids['001']} " in related


def test_sources_of_a_file_against_a_folder(capsys, tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in (0, 1, 2, 3):
        shutil.copy(seed_path(n), folder)
    status, out, err = run_cli(capsys, "sources", seed_path(4), "--library", folder, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["library"] == 5  # the file joins the folder's four documents, unstored
    assert [r["key"][:3] for r in data["sources"]] == ["003", "002"]
    # A file that is in the folder is recognised by its text.
    status, out, _ = run_cli(capsys, "sources", folder / seed_path(3).name, "--library", folder, "--json")
    data = json.loads(out)
    assert data["library"] == 4 and [r["key"][:3] for r in data["sources"]] == ["002"]


def test_sources_bad_arguments(capsys, tmp_path, db_path):
    assert_user_error(run_cli(capsys, "sources", tmp_path / "nope.txt", "--library", SEEDS), "nope.txt", "no such file")
    assert_user_error(run_cli(capsys, "sources", seed_path(0), "--library", tmp_path / "nodir"), "no such folder")
    assert_user_error(run_cli(capsys, "sources", "77", "--db", db_path), "no document #77")
    assert_user_error(run_cli(capsys, "sources", "1", "--db", db_path, "--library", SEEDS), "not allowed with")
