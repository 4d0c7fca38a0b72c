"""reader.core.page_fetch and web_pages: fetching pages from a local server on 127.0.0.1."""

import socket
import time

import pytest

from reader.core.documents import DocumentError
from reader.core.page_fetch import FetchError, fetch_page, is_web_url
from reader.core.web_pages import load_source, load_url
from tests.web_server import HUGE_BYTES, SLOW_S, STORY, TRICKLE_S, PageServer


@pytest.fixture(scope="module")
def server():
    with PageServer() as running:
        yield running


def one_line(exc_info):
    message = str(exc_info.value)
    assert "\n" not in message
    return message


def test_is_web_url():
    assert is_web_url("https://example.com/a") and is_web_url(" http://127.0.0.1:8/x ")
    for text in ("example.com/a", "ftp://example.com/a", "file:///etc/passwd", "http://", "seeds/002.txt", "http://[::1"):
        assert not is_web_url(text)


def test_a_page_is_fetched_with_its_capture_time(server):
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    page = fetch_page(server.url("/article"))
    assert (page.status, page.content_type, page.charset, page.redirects) == (200, "text/html", "utf-8", ())
    assert page.final_url == server.url("/article")
    assert page.body.startswith(b"<!DOCTYPE html>")
    assert before <= page.captured <= time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))


def test_only_the_page_is_fetched_never_its_scripts_or_links(server):
    server.requests.clear()
    load_url(server.url("/article"))
    assert server.requests == ["/article"]  # the page links /tracker.js, /world, …


def test_redirects_are_followed_and_reported(server):
    page = fetch_page(server.url("/moved"))
    assert page.redirects == (server.url("/moved"), server.url("/moved-again"))
    assert page.final_url == server.url("/article")


def test_a_redirect_loop_is_one_line(server):
    with pytest.raises(FetchError) as info:
        fetch_page(server.url("/loop"))
    assert one_line(info) == f"{server.url('/loop')}: more than 10 redirects"


@pytest.mark.parametrize("route, message", [
    ("/missing", "the server answered HTTP 404 Not Found"),
    ("/broken", "the server answered HTTP 500 Internal Server Error"),
    ("/pdf", "not a web page (the server sent application/pdf)"),
])
def test_http_errors_and_other_content_are_one_line(server, route, message):
    with pytest.raises(FetchError) as info:
        fetch_page(server.url(route))
    assert one_line(info) == f"{server.url(route)}: {message}"


def test_a_page_without_content_type_is_taken_when_it_is_html(server):
    assert fetch_page(server.url("/no-type")).content_type == "text/html"


def test_unknown_host_is_a_dns_error_without_leaving_this_machine(monkeypatch):
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(FetchError) as info:
        fetch_page("http://news.invalid/story")
    assert one_line(info) == "http://news.invalid/story: cannot find the server news.invalid (DNS lookup failed)"


def test_a_refused_connection_is_one_line():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as info:
        fetch_page(f"http://127.0.0.1:{port}/x")
    assert one_line(info).startswith(f"http://127.0.0.1:{port}/x: cannot connect to 127.0.0.1")


def test_a_slow_server_times_out(server):
    with pytest.raises(FetchError) as info:  # had it waited, the page would have arrived
        fetch_page(server.url("/slow"), timeout=SLOW_S / 6)
    assert one_line(info) == f"{server.url('/slow')}: 127.0.0.1 did not answer in time"


def test_a_trickling_server_meets_the_deadline(server):
    with pytest.raises(FetchError, match="took too long to arrive"):
        fetch_page(server.url("/trickle"), deadline=4 * TRICKLE_S)


def test_a_huge_page_is_cut_off_at_the_limit(server):
    with pytest.raises(FetchError) as info:
        fetch_page(server.url("/huge"), max_bytes=HUGE_BYTES // 3)
    assert one_line(info) == f"{server.url('/huge')}: page is too large (more than 1 MB)"


def test_a_declared_huge_page_is_refused_before_reading(server):
    with pytest.raises(FetchError, match=r"page is too large \(3\.0 MB; the limit is 1 MB\)"):
        fetch_page(server.url("/huge-declared"), max_bytes=HUGE_BYTES // 3)


def test_a_compressed_bomb_is_cut_off_by_its_unpacked_size(server):
    with pytest.raises(FetchError) as info:
        fetch_page(server.url("/bomb"), max_bytes=HUGE_BYTES)
    assert one_line(info) == f"{server.url('/bomb')}: page is too large (more than 3 MB)"


def test_a_page_cut_off_in_transit_is_one_line(server):
    with pytest.raises(FetchError) as info:
        fetch_page(server.url("/cut"))
    assert one_line(info) == f"{server.url('/cut')}: the connection closed before the whole page arrived"


def test_a_cancelled_fetch_stops(server):
    with pytest.raises(FetchError, match="stopped"):
        fetch_page(server.url("/article"), should_cancel=lambda: True)


def test_not_a_web_address():
    with pytest.raises(FetchError, match="not a web address"):
        fetch_page("file:///etc/passwd")


# -- documents of pages ------------------------------------------------------------------------

def test_a_fetched_page_becomes_a_document_with_its_evidence(server):
    doc = load_url(server.url("/moved"))
    assert doc.text.split("\n\n") == ["Meta removes Khamenei’s accounts", *STORY]
    assert (doc.source, doc.site, doc.author, doc.published, doc.extractor, doc.format) == (
        "CNN", "CNN", "Rosa Rahimi", "2024-02-09", "trafilatura", "html")
    assert doc.url == "https://edition.example.com/2024/02/09/meta"  # the page's canonical URL
    assert doc.path is None and doc.captured == doc.page.captured
    assert doc.page.final_url == server.url("/article") and len(doc.page.redirects) == 2


def test_header_charset_decodes_the_page_and_gzip_is_undone(server):
    assert "Crème brûlée et café" in load_url(server.url("/latin1")).text
    assert load_url(server.url("/gzip")).text.split("\n\n")[1:] == STORY


@pytest.mark.parametrize("route, message", [
    ("/app", "needs JavaScript to show its text"),
    ("/binary", "binary"),
    ("/missing", "HTTP 404"),
])
def test_pages_that_cannot_be_read_are_one_line_document_errors(server, route, message):
    with pytest.raises(DocumentError) as info:
        load_url(server.url(route))
    assert one_line(info).startswith(server.url(route) + ": ") and message in str(info.value)


def test_load_source_takes_a_url_or_a_path(server, seeds):
    assert load_source(server.url("/article")).site == "CNN"
    assert load_source(str(seeds(2))).format == "txt"
