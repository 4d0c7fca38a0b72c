"""The article text and metadata of an HTML page, read with the standard library's ``html.parser``.

Contract: ``extract_html(markup) -> HtmlArticle(text, title, url, published)``.
- ``text``: the readable paragraphs, separated by one blank line, whitespace collapsed inside a
  paragraph (``<br>`` becomes a newline, ``<pre>`` keeps its spacing). Navigation, header, footer,
  aside, scripts, styles, forms and elements whose ARIA role marks them as such are left out.
  When the page has an ``<article>`` (or else a ``<main>``), only its paragraphs are kept, since the
  rest of such a page is site furniture.
- ``title``: ``og:title``, else ``<title>``, else the first ``<h1>`` (og:title first because
  ``<title>`` usually carries the site name as well).
- ``url``: ``<link rel="canonical">``, else ``og:url``.
- ``published``: an ISO date ``YYYY-MM-DD`` from ``article:published_time``, JSON-LD
  ``datePublished``, ``itemprop="datePublished"``, a ``date``-like ``<meta>``, or the first
  ``<time datetime>``, in that order of trust; ``None`` when none is readable.
Pure function; must not import Qt.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    url: str | None
    published: str | None


#: Elements whose whole content is not article text.
_SKIP_TAGS = frozenset(
    "script style noscript template nav header footer aside form svg iframe button select textarea "
    "head object embed canvas dialog menu".split()
)
#: ARIA roles of site furniture, for pages that build their navigation from <div>s.
_SKIP_ROLES = frozenset("navigation banner contentinfo complementary search menu menubar dialog".split())
#: Elements that start a new paragraph.
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr "
    "figure figcaption address hr center details summary caption body html".split()
)
#: Elements that have no end tag: they never open a skipped region.
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: <meta name=…> values that carry a publication date.
_DATE_META_NAMES = frozenset(
    "date pubdate publishdate publish-date publish_date dc.date dc.date.issued dcterms.created "
    "dcterms.issued article.published sailthru.date parsely-pub-date".split()
)

_SPACE_RE = re.compile(r"\s+")
#: Stands for a <br> until a paragraph's whitespace is collapsed (a private-use character).
_LINE_BREAK = "\ue000"
_ISO_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def extract_html(markup: str) -> HtmlArticle:
    """Read ``markup`` (a decoded HTML page) into its article text and metadata."""
    parser = _ArticleParser()
    parser.feed(markup)
    parser.close()
    return parser.result()


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a date or date-time string that starts with one, else ``None``."""
    if not value:
        return None
    m = _ISO_DATE_RE.match(value)
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _json_ld_date(payload: str) -> str | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    stack = [data]
    while stack:  # JSON-LD nests freely (@graph, lists, mainEntity): search it all
        node = stack.pop(0)
        if isinstance(node, dict):
            found = iso_date(node.get("datePublished") if isinstance(node.get("datePublished"), str) else None)
            if found:
                return found
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_tag: str | None = None  # tag that opened the skipped region we are in
        self._skip_depth = 0
        self._article_depth = 0
        self._main_depth = 0
        self._pre_depth = 0
        self._pieces: list[str] = []
        self._paragraphs: list[tuple[str, bool, bool]] = []  # text, in <article>, in <main>
        self._title_parts: list[str] | None = None
        self._h1_parts: list[str] | None = None
        self._script_parts: list[str] | None = None  # JSON-LD being read
        self.page_title: str | None = None
        self.og_title: str | None = None
        self.h1: str | None = None
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.dates: dict[str, str] = {}  # source → ISO date; first one of each source wins
        self.time_dates: list[str] = []

    # -- result --------------------------------------------------------------------------
    def result(self) -> HtmlArticle:
        self._flush()
        paragraphs = self._paragraphs
        if any(in_article for _, in_article, _ in paragraphs):
            paragraphs = [p for p in paragraphs if p[1]]
        elif any(in_main for _, _, in_main in paragraphs):
            paragraphs = [p for p in paragraphs if p[2]]
        text = "\n\n".join(p[0] for p in paragraphs)
        title = next((t for t in (self.og_title, self.page_title, self.h1) if t), None)
        published = None
        for source in ("article", "json-ld", "itemprop", "meta"):
            if source in self.dates:
                published = self.dates[source]
                break
        if published is None and self.time_dates:
            published = self.time_dates[0]
        return HtmlArticle(text, title, self.canonical or self.og_url, published)

    # -- parser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        self._read_metadata(tag, a)
        if tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            self._script_parts = []
        # The title lives in <head> and the headline often in <header>: read both even there.
        if tag == "title" and self.page_title is None:
            self._title_parts = []
        elif tag == "h1" and self.h1 is None:
            self._h1_parts = []
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag not in _VOID_TAGS and (tag in _SKIP_TAGS or a.get("role", "").strip().lower() in _SKIP_ROLES
                                      or "hidden" in a or a.get("aria-hidden") == "true"):
            self._flush()
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "article":
            self._article_depth += 1
        elif tag == "main":
            self._main_depth += 1
        elif tag == "pre":
            self._pre_depth += 1
        elif tag == "br":
            self._pieces.append(_LINE_BREAK)
        elif tag in ("td", "th"):
            self._pieces.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_parts is not None:
            found = _json_ld_date("".join(self._script_parts))
            if found:
                self.dates.setdefault("json-ld", found)
            self._script_parts = None
        if tag == "title" and self._title_parts is not None:
            self.page_title = self.page_title or _clean("".join(self._title_parts))
            self._title_parts = None
        if tag == "h1" and self._h1_parts is not None:
            self.h1 = _clean("".join(self._h1_parts))
            self._h1_parts = None
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "article":
            self._article_depth = max(0, self._article_depth - 1)
        elif tag == "main":
            self._main_depth = max(0, self._main_depth - 1)
        elif tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._script_parts is not None:
            self._script_parts.append(data)
            return
        if self._title_parts is not None:
            self._title_parts.append(data)
            return  # <title> text is metadata, never body text
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self._skip_tag is not None:
            return
        self._pieces.append(data if self._pre_depth else data.replace("\xa0", " "))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # html.parser raises AssertionError on a "<![" it cannot name ("<![ if", "<![foo]>");
        # browsers read such a thing as a bogus comment, and so does Reader.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    # -- helpers -------------------------------------------------------------------------
    def _read_metadata(self, tag: str, a: dict[str, str]) -> None:
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            content = a.get("content", "").strip()
            if not content:
                return
            if key == "og:title" and self.og_title is None:
                self.og_title = _clean(content)
            elif key == "og:url" and self.og_url is None:
                self.og_url = content
            elif key == "article:published_time":
                self._add_date("article", content)
            elif key == "datepublished":
                self._add_date("itemprop", content)
            elif key in _DATE_META_NAMES:
                self._add_date("meta", content)
        elif tag == "link":
            rels = a.get("rel", "").lower().split()
            if "canonical" in rels and a.get("href") and self.canonical is None:
                self.canonical = a["href"].strip()
        elif tag == "time" and a.get("datetime"):
            found = iso_date(a["datetime"])
            if found:
                if a.get("itemprop", "").strip().lower() == "datepublished":
                    self.dates.setdefault("itemprop", found)
                self.time_dates.append(found)

    def _add_date(self, source: str, value: str) -> None:
        found = iso_date(value)
        if found:
            self.dates.setdefault(source, found)

    def _flush(self) -> None:
        if not self._pieces:
            return
        raw = "".join(self._pieces)
        self._pieces = []
        if self._pre_depth:
            text = raw.replace(_LINE_BREAK, "\n").strip("\n")
            if not text.strip():
                return
        else:
            lines = (_SPACE_RE.sub(" ", line).strip() for line in raw.split(_LINE_BREAK))
            text = "\n".join(line for line in lines if line)
            if not text:
                return
        self._paragraphs.append((text, self._article_depth > 0, self._main_depth > 0))


def _clean(text: str) -> str | None:
    return _SPACE_RE.sub(" ", text).strip() or None
