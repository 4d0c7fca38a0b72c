"""A local web server on 127.0.0.1 for the tests that fetch pages (no other address is used).

``PageServer()`` serves, on a free port of 127.0.0.1, the routes below; ``url(path)`` gives
their address. Start it with ``with PageServer() as server:`` (a thread; stopped on exit).

- ``/article`` a news page; ``/article-2`` a rewrite of it (same headline, other wording)
- ``/moved`` → 301 → ``/moved-again`` → 302 → ``/article``; ``/loop`` redirects to itself
- ``/missing`` 404, ``/broken`` 500, ``/pdf`` a PDF, ``/no-type`` HTML without a content type
- ``/latin1`` a page in ISO-8859-1 declared only in the HTTP header; ``/gzip`` a gzipped page
- ``/app`` a page that needs JavaScript; ``/binary`` random bytes labelled text/html
- ``/slow`` answers after ``SLOW_S`` seconds; ``/trickle`` sends a byte every ``TRICKLE_S`` s
- ``/huge`` streams ``HUGE_BYTES`` without a length; ``/huge-declared`` declares that length
- ``/bomb`` ``HUGE_BYTES`` of gzip that unpacks to far more; ``/cut`` stops before its declared length
"""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_S = 3.0
TRICKLE_S = 0.2
HUGE_BYTES = 3 * 1024 * 1024

STORY = [
    "Meta has removed the Facebook and Instagram accounts of Iran's supreme leader, Ayatollah Ali Khamenei, "
    "the company said on Thursday, citing repeated violations of its policy on dangerous organisations.",
    "The accounts had millions of followers between them and had posted praise for the attacks on Israel, "
    "according to a spokesperson who asked not to be named because the review was not finished.",
    "Iran's foreign ministry called the decision an attack on free speech and said it would respond "
    "through diplomatic channels, while analysts said the move had been expected for weeks.",
]
REWRITE = [
    "Meta has removed the Facebook and Instagram accounts of Iran's supreme leader, Ayatollah Ali Khamenei, "
    "the company said on Thursday, citing repeated violations of its policy on dangerous organisations.",
    "Between them the accounts counted millions of followers, and they had praised the attacks on Israel, "
    "a spokesperson said.",
    "Tehran's foreign ministry said the decision attacked free speech and promised a diplomatic response.",
]


def news_page(paragraphs, *, title="Meta removes Khamenei’s accounts", site="CNN", author="Rosa Rahimi",
              published="2024-02-09T22:31:00-05:00", canonical="https://edition.example.com/2024/02/09/meta"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}"><link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="{published}"><meta name="author" content="{author}">
<script src="/tracker.js"></script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>All rights reserved. Terms of use. Privacy policy.</footer></body></html>"""


ARTICLE = news_page(STORY)
ARTICLE_2 = news_page(REWRITE, site="The Daily Example", author="Sam Writer", published="2024-02-10T08:00:00+00:00",
                      canonical="https://daily.example.org/meta-bans")
APP = ('<html><head><title>App</title><script src="/app.js"></script></head><body>'
       '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>')


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestServer"

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client stopped reading (a cancelled fetch, a refused size)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.requests.append(self.path)
        route = self.path.split("?")[0]
        if route == "/article":
            self._send(200, ARTICLE.encode())
        elif route == "/article-2":
            self._send(200, ARTICLE_2.encode())
        elif route == "/moved":
            self._send(301, headers=[("Location", "/moved-again")])
        elif route == "/moved-again":
            self._send(302, headers=[("Location", f"http://127.0.0.1:{self.server.server_port}/article")])
        elif route == "/loop":
            self._send(302, headers=[("Location", "/loop")])
        elif route == "/missing":
            self._send(404, b"<h1>Not found</h1>")
        elif route == "/broken":
            self._send(500, b"<h1>Oops</h1>")
        elif route == "/pdf":
            self._send(200, b"%PDF-1.4\n...", content_type="application/pdf")
        elif route == "/no-type":
            self._send(200, ARTICLE.encode(), content_type=None)
        elif route == "/latin1":
            page = news_page(["Crème brûlée et café crème pour tout le monde, " * 6])
            self._send(200, page.replace('<meta charset="utf-8">', "").encode("latin-1", "replace"),
                       content_type="text/html; charset=ISO-8859-1")
        elif route == "/gzip":
            self._send(200, gzip.compress(ARTICLE.encode()), headers=[("Content-Encoding", "gzip")])
        elif route == "/app":
            self._send(200, APP.encode())
        elif route == "/binary":
            self._send(200, bytes(range(256)) * 64)
        elif route == "/slow":
            time.sleep(SLOW_S)
            self._send(200, ARTICLE.encode())
        elif route == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for byte in ARTICLE.encode()[:200]:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(TRICKLE_S)
            except OSError:
                pass  # the client gave up, as it should
        elif route == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                chunk = b"<p>" + b"word " * 2000 + b"</p>"
                for _ in range(HUGE_BYTES // len(chunk) + 1):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif route == "/bomb":
            self._send(200, gzip.compress(b"<p>" + b" " * (HUGE_BYTES * 20) + b"</p>"),
                       headers=[("Content-Encoding", "gzip")])
        elif route == "/cut":
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
        elif route == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
        else:
            self._send(404, b"no such route")


class PageServer:
    def __enter__(self) -> PageServer:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"
