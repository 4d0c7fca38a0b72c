"""``reader extract``, ``reader compare URL URL`` and ``reader library import URL`` against a local server."""

import json

import pytest

from reader.storage.database import open_database
from reader.storage.documents import list_documents, page_captures
from tests.cli.cli_run import assert_user_error, run_cli
from tests.conftest import seed_path
from tests.web_server import STORY, PageServer


@pytest.fixture(scope="module")
def server():
    with PageServer() as running:
        yield running


def test_extract_prints_the_text_then_the_metadata(server, capsys):
    status, out, err = run_cli(capsys, "extract", server.url("/moved"))
    assert (status, err) == (0, "")
    text, fields = out.split("\n\ntitle:")
    assert text.split("\n\n") == ["Meta removes Khamenei’s accounts", *STORY]
    lines = ("title:" + fields).splitlines()
    assert lines[:6] == ["title:     Meta removes Khamenei’s accounts", "author:    Rosa Rahimi", "site:      CNN",
                         "url:       https://edition.example.com/2024/02/09/meta", "date:      2024-02-09",
                         lines[5]]
    assert lines[5].startswith("captured:  20") and lines[5].endswith("Z")
    assert lines[6] == "extractor: trafilatura"


def test_extract_json_one_object_a_line_and_failures_go_on(server, capsys):
    status, out, err = run_cli(capsys, "extract", "--json", server.url("/article"), server.url("/missing"),
                               seed_path(2))
    assert status == 2 and err == ""
    first, failed, seed = (json.loads(line) for line in out.splitlines())
    assert list(first) == ["source", "text", "title", "author", "site", "url", "date", "captured", "extractor"]
    assert (first["source"], first["site"], first["date"], first["extractor"]) == (
        server.url("/article"), "CNN", "2024-02-09", "trafilatura")
    assert failed == {"source": server.url("/missing"),
                      "error": f"{server.url('/missing')}: the server answered HTTP 404 Not Found"}
    assert (seed["source"], seed["date"], seed["captured"], seed["extractor"]) == (str(seed_path(2)), None, None, None)


def test_extract_a_bad_input_is_one_line_and_the_others_go_on(server, capsys):
    status, out, err = run_cli(capsys, "extract", server.url("/app"), server.url("/article"))
    assert status == 2
    assert err.count("\n") == 1 and "needs JavaScript" in err
    assert f"== {server.url('/article')} ==" in out and "extractor: trafilatura" in out


def test_compare_two_urls(server, capsys):
    status, out, err = run_cli(capsys, "compare", server.url("/article"), server.url("/article-2"), "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert (report["a"]["site"], report["b"]["site"]) == ("CNN", "The Daily Example")
    assert report["a"]["captured"] and report["a"]["extractor"] == "trafilatura"
    assert any(m["kind"] == "verbatim" for m in report["matches"])


def test_compare_a_url_that_fails_is_one_line(server, capsys):
    assert_user_error(run_cli(capsys, "compare", server.url("/pdf"), seed_path(2)),
                      server.url("/pdf"), "not a web page (the server sent application/pdf)")


def test_library_import_url_keeps_the_page(server, capsys, tmp_path):
    db_path = tmp_path / "lib.db"
    status, out, err = run_cli(capsys, "--db", db_path, "library", "import", server.url("/moved"), server.url("/missing"))
    assert status == 2 and "HTTP 404" in err
    assert out.splitlines()[-1] == "1 added, 0 already stored, 0 updated, 1 skipped"
    db = open_database(db_path)
    try:
        (doc,) = list_documents(db)
        assert (doc.site, doc.source, doc.published, doc.format) == ("CNN", "CNN", "2024-02-09", "html")
        (capture,) = page_captures(db, doc.id)
        assert capture.final_url == server.url("/article") and capture.redirects[0] == server.url("/moved")
        assert capture.captured_at == doc.captured
    finally:
        db.close()
