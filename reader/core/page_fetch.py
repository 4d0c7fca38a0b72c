"""Fetching one web page over HTTP(S), as evidence: the bytes, where they came from and when.

Contract: ``fetch_page(url) -> FetchedPage`` or ``FetchError`` (a ``ValueError`` whose message is
one line naming the URL and the problem).

- Only ``http`` and ``https`` URLs. One GET for the page itself, with urllib3: no script is run
  and nothing the page links to (images, styles, scripts, frames) is fetched.
- Redirects are followed (at most ``MAX_REDIRECTS``) and reported: ``FetchedPage.redirects`` lists
  every URL that answered with a redirect, in order, and ``final_url`` is the one that answered.
- Limits: ``timeout`` seconds to connect and between two reads, and ``deadline`` seconds for the
  whole fetch, so a server that trickles bytes cannot hold a reader for long; ``max_bytes`` of
  (decompressed) body, so a huge or endless answer is cut off and refused, never read whole.
- One-line errors for: an unknown host (DNS), a refused or failed connection, a timeout, an HTTP
  error status, an answer that is not HTML (its content type, or bytes that are not text), a
  body over the limit, too many redirects, and a stop asked by ``should_cancel``.
- ``captured`` is the time the answer arrived, in UTC (ISO 8601, seconds).
Must not import Qt.
"""

from __future__ import annotations

import datetime
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

#: Seconds to wait for a connection or for the next bytes of an answer.
TIMEOUT_S = 15.0
#: Seconds a whole fetch may take (all redirects and the body): a page of a few MB arrives in a
#: few seconds on any connection a reader would use.
DEADLINE_S = 60.0
#: The largest page accepted (bytes, after decompression): ten times the largest page of the
#: public article-extraction benchmark (1.5 MB), and more than ``html_article`` reads anyway.
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: Redirects followed before giving up (browsers stop at about 20; real chains are 1-3 long).
MAX_REDIRECTS = 10
#: Bytes read at a time: small enough to notice the limit and the deadline promptly.
CHUNK_BYTES = 64 * 1024
#: Content types that are web pages. A missing type is accepted when the bytes look like HTML.
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "Reader/0.1 (article comparison; reads one page, runs no scripts)"
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class FetchError(ValueError):
    """A page that could not be fetched; the message is one line naming the URL."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    #: The URL asked for.
    url: str
    #: The URL that answered with the page (after redirects).
    final_url: str
    #: Every URL that answered with a redirect, in order (empty when there was none).
    redirects: tuple[str, ...]
    status: int
    content_type: str
    #: The charset the HTTP header declares, if any.
    charset: str | None
    body: bytes
    #: When the page arrived, UTC, ISO 8601 to the second ("2026-11-30T09:41:07Z").
    captured: str


def is_web_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL with a host (what ``fetch_page`` accepts)."""
    try:
        parts = urllib.parse.urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def fetch_page(url: str, *, timeout: float = TIMEOUT_S, deadline: float = DEADLINE_S,
               max_bytes: int = MAX_PAGE_BYTES, should_cancel: Callable[[], bool] = lambda: False) -> FetchedPage:
    """GET the page at ``url``, following redirects; ``FetchError`` saying why not."""
    import urllib3  # imported on first need, like the other readers

    url = url.strip()
    if not is_web_url(url):
        raise FetchError(f"{url}: not a web address (Reader opens http:// and https:// pages)")
    ends = time.monotonic() + deadline
    redirects: list[str] = []
    current = url
    with urllib3.PoolManager(timeout=urllib3.Timeout(connect=timeout, read=timeout), retries=False,
                             headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9",
                                      "Accept-Encoding": "gzip, deflate"}) as pool:
        while True:
            response = _request(pool, url, current)
            try:
                if response.status in _REDIRECT_STATUSES and response.headers.get("Location"):
                    response.close()
                    redirects.append(current)
                    if len(redirects) > MAX_REDIRECTS:
                        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
                    current = urllib.parse.urljoin(current, response.headers["Location"])
                    if not is_web_url(current):
                        raise FetchError(f"{url}: redirected to {current}, which is not a web page address")
                    continue
                if response.status >= 400:
                    status = f"HTTP {response.status} {response.reason or ''}".rstrip()
                    raise FetchError(f"{url}: the server answered {status}")
                content_type, charset = _content_type(response.headers.get("Content-Type", ""))
                if content_type and content_type not in HTML_TYPES:
                    raise FetchError(f"{url}: not a web page (the server sent {content_type})")
                body = _read_body(response, url, max_bytes, ends, should_cancel)
            except BaseException:
                response.close()  # never drain: the rest may be endless or huge
                raise
            response.release_conn()
            if not content_type and not body.lstrip()[:1] == b"<":
                raise FetchError(f"{url}: not a web page (no content type, and the answer is not HTML)")
            return FetchedPage(url, current, tuple(redirects), response.status, content_type or "text/html", charset,
                               body, _utc_now())


def _request(pool, url: str, current: str):
    import urllib3.exceptions as errors

    host = urllib.parse.urlsplit(current).hostname or current
    try:
        return pool.request("GET", current, redirect=False, preload_content=False, decode_content=True)
    except errors.NameResolutionError:
        raise FetchError(f"{url}: cannot find the server {host} (DNS lookup failed)") from None
    except errors.NewConnectionError as exc:  # before its base class, ConnectTimeoutError
        raise FetchError(f"{url}: cannot connect to {host} ({_reason(exc)})") from None
    except (errors.ConnectTimeoutError, errors.ReadTimeoutError):
        raise FetchError(f"{url}: {host} did not answer in time") from None
    except errors.SSLError as exc:
        raise FetchError(f"{url}: secure connection to {host} failed ({_reason(exc)})") from None
    except (errors.HTTPError, OSError) as exc:
        raise FetchError(f"{url}: cannot fetch from {host} ({_reason(exc)})") from None


def _read_body(response, url: str, max_bytes: int, ends: float, should_cancel: Callable[[], bool]) -> bytes:
    import urllib3.exceptions as errors

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: page is too large ({int(declared) / 2**20:.1f} MB; the limit is "
                         f"{max_bytes / 2**20:.0f} MB)")
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if should_cancel():
                raise FetchError(f"{url}: stopped")
            if time.monotonic() > ends:
                raise FetchError(f"{url}: the page took too long to arrive (more than {DEADLINE_S:.0f} s)")
            # read1: what has arrived (up to a chunk), so a trickle still meets the deadline check.
            chunk = response.read1(CHUNK_BYTES)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: page is too large (more than {max_bytes / 2**20:.0f} MB)")
            chunks.append(chunk)
    except errors.ReadTimeoutError:
        raise FetchError(f"{url}: the server stopped sending the page") from None
    except (errors.ProtocolError, errors.DecodeError, OSError) as exc:
        if "IncompleteRead" in repr(exc):  # the server announced more than it sent
            raise FetchError(f"{url}: the connection closed before the whole page arrived") from None
        raise FetchError(f"{url}: the page arrived broken ({_reason(exc)})") from None
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    """(media type in lower case, charset or None) of a Content-Type header."""
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def _reason(exc: BaseException) -> str:
    """The last, most specific part of a urllib3 error, on one line."""
    text = " ".join(str(getattr(exc, "reason", None) or exc).split())
    return text.rsplit(": ", 1)[-1][:120] or type(exc).__name__


def _utc_now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
