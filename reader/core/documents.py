"""Documents: a file (or pasted text) read into one immutable ``Document``.

Contract
- ``load_document(path) -> Document`` reads ``.txt``/``.text``, ``.md``/``.markdown``,
  ``.html``/``.htm``, ``.docx`` and ``.pdf`` (the keys of ``FORMATS``, which every list of
  supported files should read). Every character offset anywhere in Reader indexes
  ``Document.text``. For plain text and Markdown that is the file's decoded text with newlines
  untouched, so offsets match the file; for HTML it is the article text trafilatura reads, its
  headline first (``reader.core.html_article``), with the byline, site, canonical URL and date it
  finds and the path it took (``extractor``); for .docx and .pdf the extracted text
  (``reader.core.office_extract``). ``document_from_html(raw, name)`` does the same for the bytes
  of a page fetched from the web (``reader.core.web_pages``).
- Decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then, for HTML,
  the charset the page declares; then ``charset-normalizer``, accepted only when it is confident
  (low "chaos"). Windows-1252 is preferred whenever it reads the bytes about as cleanly as the
  detector's best guess, since it is by far the commonest legacy encoding of Western web text.
  The encoding used is recorded in ``Document.encoding``; nothing is decoded with replacement
  characters.
- Bad input never crashes: it raises ``DocumentError`` (a ``ValueError``) whose message is one
  line naming the file and the problem: missing, a folder, unreadable, unsupported type, larger
  than ``MAX_FILE_BYTES``, empty or whitespace-only, binary, unknown encoding; for .docx/.pdf also
  damaged, password-protected, or without text (a scanned PDF); for HTML also too large, built by
  JavaScript, or without article text.
- ``document_from_text(text, title=None, source="clipboard")`` makes a Document of pasted text.
Must not import Qt.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.inputfiles import InputError, one_line, read_input

# ``reader.core.html_article`` and ``reader.core.office_extract`` are imported by the functions
# that read those formats: with their regular expressions, dataclasses, logging and zipfile they
# took some 18 ms of the start-up of ``reader compare`` on two plain-text files, which never use them.

#: Files larger than this are refused before being read: a news article is a few hundred KB at
#: most, and the engine and the window both keep whole texts in memory.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Pasted or typed text longer than this (characters) is refused, like a file over MAX_FILE_BYTES.
MAX_TEXT_CHARS = MAX_FILE_BYTES
#: What to do with a format that has a supported sibling.
_SAVE_AS = {".doc": "an old Word file: save it as .docx (Word: File ▸ Save As) and open that"}

#: File suffix → ``Document.format``.
FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".docx": "docx", ".pdf": "pdf"}
#: The supported files for people to read (help texts, messages): one suffix per format.
FORMATS_LABEL = ", ".join(next(suffix for suffix, f in FORMATS.items() if f == fmt)
                          for fmt in dict.fromkeys(FORMATS.values()))

#: A text decoded from UTF-8 may still hold NUL characters; more than this share of them means the
#: file is not text (UTF-16 without a byte-order mark, or binary data). Real scraped text carries a
#: few stray NULs (the PAN corpus: at most 0.7%), so one NUL alone does not make a file binary.
MAX_NUL_SHARE = 0.05
#: charset-normalizer's "chaos" (0 = clean .. 1 = garbage) above which a guess is not trusted.
MAX_CHAOS = 0.1
#: Headline heuristic for plain text: a title has this many words at least / at most.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 25
TITLE_MAX_CHARS = 200
#: How many non-empty lines the headline heuristic looks at before giving up.
TITLE_SCAN_LINES = 12

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WESTERN = "cp1252"
#: Lines that open scraped pages without being their headline.
_BOILERPLATE_RE = re.compile(
    r"^(skip to (main )?content|navigation|menu|search|sign in|log in|subscribe|advertisement|"
    r"share( this)?( article)?|cookies?|accept( all)? cookies|home|main menu|close|toggle navigation)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
#: C0 and C1 control characters and the bidirectional embedding, override and isolate marks.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MD_HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*\r?$", re.MULTILINE)
_HTML_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class DocumentError(ValueError):
    """A file (or pasted text) that cannot become a Document; the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class Document:
    """A text to compare, with where it came from. Offsets elsewhere index ``text``."""

    text: str
    title: str
    #: Absolute path of the file read, or ``None`` for pasted text.
    path: str | None
    #: A short human label: the file name, "clipboard", or later an outlet name.
    source: str
    #: sha256 hex digest of ``text`` encoded as UTF-8.
    content_hash: str
    #: "txt", "md", "html", "docx", "pdf" for files; "text" for pasted text.
    format: str
    #: The codec the bytes were decoded with ("utf-8", "utf-8-sig", "utf-16-le", "cp1252", …);
    #: ``None`` for .docx and .pdf, whose text Reader does not decode from the bytes itself.
    encoding: str | None
    url: str | None = None
    #: Publication date, ISO ``YYYY-MM-DD``, when the file states one.
    published: str | None = None
    #: The byline (several authors joined by "; "), when the page names one.
    author: str | None = None
    #: The site's name ("CNN", "The Guardian"), when the page states it.
    site: str | None = None
    #: How the text was read from a page (``html_article.EXTRACTORS``); ``None`` for other files.
    extractor: str | None = None
    #: When a page fetched from the web arrived (UTC, ISO 8601); ``None`` for files.
    captured: str | None = None
    #: The fetched page itself (``page_fetch.FetchedPage``), kept so the library can store it as
    #: evidence; ``None`` for files and for documents read back from the library.
    page: object | None = field(default=None, repr=False, compare=False)


def content_hash(text: str) -> str:
    """sha256 hex digest of the UTF-8 text: what ``Document.content_hash`` and annotations carry."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(path: str | os.PathLike) -> Document:
    """Read the file at ``path`` into a Document, or raise ``DocumentError`` saying why not.

    Nothing else escapes: a parser library failing in a way nobody foresaw (a zip entry needing
    an unsupported zip version, a PDF naming an unknown filter, markup nested too deeply)
    becomes the same one-line error, so a folder scan skips the file and goes on.
    """
    name = os.fspath(path)
    try:
        document = _load(Path(name), name)
        return replace(document, title=printable(document.title) or printable(document.source))
    except DocumentError as exc:
        raise DocumentError(one_line(exc)) from None
    except (RecursionError, MemoryError):
        raise DocumentError(one_line(f"{name}: too deeply nested or too large to read")) from None
    except Exception as exc:  # noqa: BLE001 - the promise is one line naming the file, never a traceback
        raise DocumentError(one_line(f"{name}: cannot read ({type(exc).__name__}: {exc})")) from None


def _load(p: Path, name: str) -> Document:
    raw = _read_bytes(p, name)
    fmt = FORMATS[p.suffix.lower()]
    if fmt in ("docx", "pdf"):
        from reader.core.office_extract import ExtractError, extract_docx, extract_pdf

        try:
            extracted = (extract_docx if fmt == "docx" else extract_pdf)(raw)
        except ExtractError as exc:
            raise DocumentError(f"{name}: {exc}") from None
        _check_length(extracted.text, name)
        title = _title(extracted.title) or _headline(extracted.text) or _first_words(extracted.text)
        return Document(extracted.text, title, str(p.resolve()), p.name, content_hash(extracted.text),
                        fmt, None, None, extracted.published)
    if fmt == "html":
        return document_from_html(raw, name, path=str(p.resolve()), source=p.name, fallback_title=p.stem)
    text, encoding = _decode(raw, name)
    if not text.strip():
        raise DocumentError(f"{name}: file is empty" + (" (only whitespace)" if text else ""))
    if fmt == "md":
        heading = _MD_HEADING_RE.search(text)
        title = _title(heading[1] if heading else None) or _title(p.stem)
    else:
        title = _headline(text) or _first_words(text)  # a hash-like file name is no title
    return Document(text, title, str(p.resolve()), p.name, content_hash(text), fmt, encoding)


def document_from_html(raw: bytes, name: str, *, path: str | None = None, source: str | None = None,
                       url: str | None = None, charset: str | None = None, fallback_title: str | None = None,
                       captured: str | None = None, page: object | None = None) -> Document:
    """A Document of the page ``raw`` (the bytes of a file or of an answer from ``url``), or
    ``DocumentError``. ``charset`` is the one an HTTP header declared; the page's own declaration
    comes after it, as in browsers."""
    if not raw.strip():
        raise DocumentError(f"{name}: page is empty")
    from reader.core.html_article import PageError, read_html

    text, encoding = _decode(raw, name, declared=_known_codec(charset) or _declared_charset(raw))
    try:
        article = read_html(text, url)
    except PageError as exc:
        raise DocumentError(f"{name}: {exc}") from None
    _check_length(article.text, name)
    title = _title(article.title) or _headline(article.text) or _title(fallback_title) or _first_words(article.text)
    return Document(article.text, title, path, source or article.site or name, content_hash(article.text), "html",
                    encoding, article.url or url, article.published, article.author, article.site,
                    article.extractor, captured, page)


def _check_length(text: str, name: str) -> None:
    """Refuse extracted text longer than pasted text may be: a small .docx or PDF can hold more."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(f"{name}: its text is too long ({len(text):,} characters; the limit is "
                            f"{MAX_TEXT_CHARS:,})")


def _title(value: str | None) -> str:
    """A title from metadata or markup, on one line and at most ``TITLE_MAX_CHARS`` long."""
    value = " ".join((value or "").split())
    return _first_words(value, TITLE_MAX_CHARS) if value else ""


def document_from_text(text: str, title: str | None = None, source: str = "clipboard") -> Document:
    """A Document of text that came from no file (pasted, typed, or produced by a test)."""
    if not isinstance(text, str):
        raise DocumentError(f"{source}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise DocumentError(f"{source}: text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(f"{source}: text is too long ({len(text):,} characters; the limit is "
                            f"{MAX_TEXT_CHARS:,})")
    if text.count("\x00") > MAX_NUL_SHARE * len(text):
        raise DocumentError(f"{source}: binary data (NUL characters), not text")
    if not title:
        title = _headline(text) or _first_words(text)
    return Document(text, printable(title) or source, None, source, content_hash(text), "text", "utf-8")


def printable(text: str) -> str:
    """``text`` on one line without control characters: what a title may hold.

    A title is printed on terminals and shown in widgets; an escape sequence in it could clear
    a terminal or recolour it, and a bidirectional override could make it read backwards.
    """
    return " ".join(_CONTROL_RE.sub(" ", text).split())


# -- reading and decoding ------------------------------------------------------------------

def _read_bytes(p: Path, name: str) -> bytes:
    suffix = p.suffix.lower()
    if suffix not in FORMATS and _is_regular(p):  # a missing file or a folder says so first
        kind = f"'{p.suffix}'" if p.suffix else "without an extension"
        hint = _SAVE_AS.get(suffix)
        if hint:
            raise DocumentError(f"{name}: unsupported file type {kind}; {hint}")
        raise DocumentError(f"{name}: unsupported file type {kind} (Reader opens {', '.join(FORMATS)})")
    try:
        raw = read_input(p, "a file", MAX_FILE_BYTES)
    except InputError as exc:
        raise DocumentError(str(exc)) from None
    if suffix not in FORMATS:  # became a regular file after the check above
        raise DocumentError(f"{name}: unsupported file type '{p.suffix}'")
    if not raw:
        raise DocumentError(f"{name}: file is empty")
    return raw


def _is_regular(p: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(p).st_mode)
    except (OSError, ValueError):
        return False


def _decode(raw: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """The text of ``raw`` and the codec used. Newlines are left exactly as in the file."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                body = raw[len(bom):].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError:
                raise DocumentError(f"{name}: starts with a {codec.removesuffix('-sig').upper()} "
                                    "byte-order mark but is not valid in that encoding") from None
            return _checked_text(body, name), codec
    try:
        return _checked_text(raw.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        raise DocumentError(f"{name}: binary file (contains NUL bytes), not text")
    if declared:
        try:
            return _checked_text(raw.decode(declared), name), declared
        except UnicodeDecodeError:
            pass  # the page lies about its charset; let the detector look
    encoding = _detect(raw)
    if encoding is None:
        raise DocumentError(f"{name}: unknown text encoding (not UTF-8, and no encoding could be "
                            "detected with confidence); save it as UTF-8")
    try:
        return _checked_text(raw.decode(encoding), name), encoding
    except UnicodeDecodeError:
        raise DocumentError(f"{name}: unknown text encoding (detected {encoding}, but the file "
                            "is not valid in it); save it as UTF-8") from None


def _checked_text(text: str, name: str) -> str:
    if text and text.count("\x00") > MAX_NUL_SHARE * len(text):
        raise DocumentError(f"{name}: binary file (contains NUL bytes), not text")
    return text


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported on first need: it is slow to import

    confident = [m for m in from_bytes(raw) if m.chaos <= MAX_CHAOS]
    if not confident:
        return None
    if any(_WESTERN in m.could_be_from_charset for m in confident):
        return _WESTERN
    best = confident[0]
    # A guess with no recognised language (coherence 0) is a coin toss between code pages.
    return best.encoding if best.coherence >= 0.1 else None


def _declared_charset(raw: bytes) -> str | None:
    """The codec an HTML page declares in its first bytes, if Python knows it."""
    m = _HTML_CHARSET_RE.search(raw[:4096])
    if not m:
        return None
    try:
        return _known_codec(m[1].decode("ascii"))
    except UnicodeDecodeError:
        return None


def _known_codec(label: str | None) -> str | None:
    """The Python codec of a charset label, if it is one that decodes text."""
    if not label:
        return None
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Python also names byte-to-byte codecs ("base64", "rot13") and "undefined", which cannot
    # decode a page at all: a page naming one declares nothing usable.
    codec = info.name
    if not info._is_text_encoding or codec == "undefined":  # noqa: SLF001 - no public flag
        return None
    # As browsers do (WHATWG Encoding): "latin-1" and "ascii" labels mean windows-1252.
    return _WESTERN if codec in ("latin-1", "iso8859-1", "ascii") else codec


# -- titles ----------------------------------------------------------------------------------

def _headline(text: str) -> str | None:
    """The first line near the top that looks like a headline, or ``None``.

    A headline has 3-25 words, at most 200 characters, no sentence-final period, no "!" (scraped
    pages open with ads like "Join our channel!"), no markup, and is not site boilerplate.
    """
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > TITLE_SCAN_LINES:
            break
        words = _WORD_RE.findall(line)
        if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
            continue
        if line.endswith((".", "!", ":", ";", ",")) or "<" in line or _BOILERPLATE_RE.match(line):
            continue
        return line.lstrip("#").strip()
    return None


def _first_words(text: str, limit: int = 60) -> str:
    line = next(line.strip() for line in text.splitlines() if line.strip())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut  # end on a whole word
    return cut.rstrip(" ,;:") + "…"
