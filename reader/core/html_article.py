"""The article of a web page, read by trafilatura: text, headline, byline, site, URL and date.

Contract: ``read_html(markup, url=None) -> HtmlArticle`` or ``PageError`` (a ``ValueError`` whose
message is one line, without the file or URL name: the caller adds it).

- ``text``: the article body as trafilatura reads it with precision favoured and comments left
  out (paragraphs separated by one blank line), the headline kept as its first line: a headline
  is attribution evidence and the first thing a reader checks. When trafilatura finds no article
  (a very short page, a page of bare text) its ``baseline`` (the page's paragraphs, else its
  visible text) is used instead; ``extractor`` says which path was taken (``EXTRACTORS``).
- Metadata from trafilatura (htmldate inside it for the date): ``title`` (the headline),
  ``author`` (the byline; several joined by "; "), ``site`` (the site's name), ``url`` (the
  canonical URL, else the one given) and ``published`` (``YYYY-MM-DD``).
- Dates: the day the page states, in the page's own time zone, never a placeholder
  (``reader.core.page_dates``).
- The page is parsed, never executed: no script runs and nothing it links to is fetched.
- Hostile pages never raise anything but ``PageError`` and never take minutes: pages over
  ``MAX_PAGE_CHARS`` characters (scripts and styles, emptied first, not counted) or
  ``MAX_START_TAGS`` start tags are refused before parsing; a
  page built by JavaScript (no text, a ``<noscript>`` asking for it) gets a message saying so;
  nesting deeper than the parser reads, a truncated page or binary bytes end in "no article text".
Must not import Qt.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from reader.core.page_dates import STAMP_FORMAT, publication_day

#: Which path read the text: trafilatura's article extraction, or its baseline when the former
#: found nothing (a page too short or too plain to hold an "article").
EXTRACTORS = ("trafilatura", "trafilatura-baseline")
#: Pages longer than this (characters of HTML once their scripts and styles are set aside) are
#: refused. Trafilatura reads about 0.6 million characters of text a second on this project's
#: (shared, 2-core) machine, so the limit keeps the worst case near five seconds; the 181 pages
#: of the public article-extraction benchmark are at most 1.5 MB with their scripts.
MAX_PAGE_CHARS = 3_000_000
#: Pages with more start tags than this are refused: trafilatura's pruning costs about 0.3 ms a
#: tag on this project's machine (7,500 bare <div><p> pairs: 5 s while other work loads it),
#: while the benchmark's busiest page has about 1,600 start tags and long real articles a few
#: thousand.
MAX_START_TAGS = 15_000
#: Past this many start tags or characters trafilatura skips its second opinions (readability,
#: jusText), which only matter on small, ambiguous pages and cost a quarter of the time on big
#: ones. No page of the benchmark comes near either figure.
FAST_FROM_TAGS, FAST_FROM_CHARS = 5_000, 1_000_000
#: A text shorter than this (words) whose page asks for JavaScript is that request, not an article.
JS_PAGE_MAX_WORDS = 40

_START_TAG_RE = re.compile(r"<[A-Za-z]")
#: The opening tag of a script or style element (attributes bounded: no scan to the page's end).
_CODE_OPEN_RE = re.compile(r"<(script|style)\b([^>]{0,2000})>", re.IGNORECASE)
#: Where each ends, as a browser's tokenizer ends it: at the first closing tag.
_CODE_CLOSE_RE = {"script": re.compile(r"</script\s*>", re.IGNORECASE),
                  "style": re.compile(r"</style\s*>", re.IGNORECASE)}
_NOSCRIPT_JS_RE = re.compile(r"<noscript\b[^>]{0,2000}>(?:(?!</noscript).){0,2000}?javascript",
                             re.IGNORECASE | re.DOTALL)
_JS_REQUEST_RE = re.compile(r"\b(enable|turn on|requires?|need)\b.{0,40}\bjavascript\b", re.IGNORECASE | re.DOTALL)
_SCRIPT_RE = re.compile(r"<script\b", re.IGNORECASE)


class PageError(ValueError):
    """A page Reader cannot read an article from; the message is one line."""


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    site: str | None
    url: str | None
    published: str | None
    #: One of ``EXTRACTORS``.
    extractor: str


def read_html(markup: str, url: str | None = None) -> HtmlArticle:
    """The article of the page ``markup`` (fetched from ``url``, if it was); ``PageError`` if none."""
    # Scripts and styles are never article text (and never run), so they do not count against the
    # limits: measured without them (JSON-LD kept, it carries metadata). A page within the limit
    # even with its scripts is read whole, since htmldate finds some pages' dates in their scripts;
    # a bigger one is read without them, which costs trafilatura nothing.
    bare = _set_aside_code(markup)
    if len(bare) > MAX_PAGE_CHARS:
        raise PageError(f"page is too large to read ({len(bare) / 1e6:.1f} million characters of HTML "
                        f"without scripts; the limit is {MAX_PAGE_CHARS / 1e6:.0f} million)")
    if len(markup) > MAX_PAGE_CHARS:
        markup = bare
    tags = len(_START_TAG_RE.findall(bare))
    if tags > MAX_START_TAGS:
        raise PageError(f"page is too large to read ({tags:,} HTML elements; the limit is {MAX_START_TAGS:,})")
    if "\x00" in markup:  # lxml stops at a NUL; a page holding one is binary data served as HTML
        raise PageError("binary data (NUL characters), not a web page")
    found = _trafilatura(markup, url, fast=tags > FAST_FROM_TAGS or len(markup) > FAST_FROM_CHARS)
    body = _tidy(found.text if found is not None else None)
    extractor = EXTRACTORS[0]
    if not body or _asks_for_javascript(markup, body):
        if _asks_for_javascript(markup, body or _baseline(markup)):
            raise PageError("the page needs JavaScript to show its text, and Reader never runs a page's "
                            "scripts; save it from a browser (Save Page As) and open the file")
        body, extractor = _baseline(markup), EXTRACTORS[1]
    if not body:
        raise PageError("no article text found in the HTML")
    title = _clean(found.title) if found is not None else None
    # The headline opens the text, as it opens the page, unless trafilatura kept it already.
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return HtmlArticle(
        text=body,
        title=title,
        author=_clean(found.author) if found is not None else None,
        site=_clean(found.sitename) if found is not None else None,
        url=_clean(found.url) if found is not None and found.url else url,
        published=publication_day(found.date, markup, url) if found is not None else None,
        extractor=extractor,
    )


def _set_aside_code(markup: str) -> str:
    """``markup`` with every script and style element emptied, JSON-LD scripts kept. One pass:
    an element never closed runs to the end of the page, as in a browser."""
    parts: list[str] = []
    position = 0
    while (opening := _CODE_OPEN_RE.search(markup, position)) is not None:
        name = opening[1].lower()
        closing = _CODE_CLOSE_RE[name].search(markup, opening.end())
        end = closing.end() if closing is not None else len(markup)
        parts.append(markup[position:opening.start()])
        if name == "script" and "ld+json" in opening[2].lower():
            parts.append(markup[opening.start():end])
        else:  # the element stays, empty: a page of scripts is a sign of a page built by them
            parts.append(f"<{opening[1]}{opening[2]}></{opening[1]}>")
        position = end
    parts.append(markup[position:])
    return "".join(parts)


# -- trafilatura ---------------------------------------------------------------------------

def _trafilatura(markup: str, url: str | None, fast: bool = False):
    """trafilatura's ``Document`` of the page, or ``None`` when it found no article."""
    from trafilatura import bare_extraction  # imported on first need: a quarter of a second

    _quiet()
    try:
        return bare_extraction(
            markup, url=url, favor_precision=True, include_comments=False, with_metadata=True, fast=fast,
            # The date of first publication, not of the last update: which text came first is
            # what the date is evidence of. Extensive search reads dates in the text and URL too.
            date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": STAMP_FORMAT},
        )
    except (RecursionError, MemoryError):
        raise PageError("page is nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input: report, never crash
        raise PageError(f"cannot read the page ({type(exc).__name__}: {str(exc)[:80]})") from None


def _baseline(markup: str) -> str:
    from trafilatura import baseline

    try:
        return _tidy(baseline(markup)[1]) or ""
    except (RecursionError, MemoryError):
        raise PageError("page is nested too deeply to read") from None
    except Exception:  # noqa: BLE001 - the fallback finding nothing is "no text", not a crash
        return ""


def _quiet() -> None:
    """trafilatura and htmldate log every page they find too short or undated; the command line
    prints one line per problem, so their chatter stays out of it."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _asks_for_javascript(markup: str, text: str) -> bool:
    """Whether the page is a shell its scripts fill: it has scripts, next to no text of its own,
    and says (in ``<noscript>`` or its text) that JavaScript is needed."""
    if len(text.split()) >= JS_PAGE_MAX_WORDS or not _SCRIPT_RE.search(markup):
        return False
    return bool(_NOSCRIPT_JS_RE.search(markup) or _JS_REQUEST_RE.search(text) or not text.strip())


def _tidy(text: str | None) -> str:
    """One paragraph a line (as trafilatura writes them), separated by one blank line as in every
    other Reader document, so a pane shows them apart; no blank or trailing spaces."""
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
