"""Words and sentences with character offsets, and the normalisation used for matching.

Contract: every ``Token``/``Sentence`` carries half-open character offsets into the exact string it
was made from, so spans found on normalised words map back to the original text. Normalisation
folds case, composed/decomposed accents (NFC), curly/straight apostrophes, possessives,
British/American spelling variants (organisation/organization, colour/color, analyse/analyze,
centre/center) and then stems (Snowball English), so "Organisations" and "organizations" compare
equal. snowballstemmer runs PyStemmer's C build of the same stemmer when it is installed (a
dependency): same stems, 3x faster.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, repeat
from typing import NamedTuple

import snowballstemmer

# Combining marks (accents typed or stored decomposed, "e" + U+0301) are not \w in Python's re:
# without them a decomposed "Société" would split into "Socie" and "te" and never meet "Société".
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Apostrophes as typed or typeset: straight, right single quote, left single quote (a common
# mis-typed one), modifier letter apostrophe. ``normalize_word`` folds them all to "'".
_APOSTROPHES = "'’‘ʼ"
# A word: letters/digits (and their combining marks), with inner apostrophes, dots or commas kept
# inside ("Iran’s", "1,200", "U.S"). Hyphens and dashes of any kind split words, so
# "government-aligned" still meets "aligned with the government" and "a—b" meets "a - b".
WORD_RE = re.compile(rf"\w[\w{_MARKS}]*(?:[{_APOSTROPHES}.,]\w[\w{_MARKS}]*)*", re.UNICODE)
_APOSTROPHE_FOLD = str.maketrans({c: "'" for c in _APOSTROPHES[1:]})

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves may might must shall us said says say one two
    upon within without s t""".split()
)

# Snowball stemmer objects keep state between calls, so one shared object breaks when two threads
# stem at once (the window aligns in a worker thread): each thread gets its own.
_local = threading.local()


def _stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
        if hasattr(stemmer, "maxCacheSize"):  # PyStemmer's C build
            # Each word reaches the stemmer once (``_normalize_folded`` is cached): PyStemmer's
            # own cache of 10,000 words was only churned by a text's 20,000 (30 ms -> 11 ms).
            stemmer.maxCacheSize = 0
    return stemmer.stemWord(word)


# British → American endings, applied to both texts alike, so folding a word that was never a
# spelling variant ("exercise" → "exercize") is harmless: both sides fold it the same way.
_SPELLING = (
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
    ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("ours", "ors"), ("our", "or"), ("tres", "ters"), ("tre", "ter"), ("ogue", "og"),
    ("elled", "eled"), ("elling", "eling"), ("ence", "ense"),
)
_BRITISH_ENDINGS = tuple(british for british, _ in _SPELLING)


class Token(NamedTuple):
    """One word. A named tuple, not a dataclass: a megabyte of text makes ~200,000 of them."""

    start: int
    end: int
    norm: str  # normalised form used for matching
    stop: bool  # a function word (ignored by similarity, kept by word diffs)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # character offsets into the text
    end: int
    first: int  # token indices [first, last) into the token list
    last: int


def normalize_word(word: str) -> str:
    """The matching form of one word: case- and spelling-folded, possessive removed, stemmed.

    Composed and decomposed accents ("é" and "e" + U+0301) give the same form (NFC), and so do
    all apostrophe styles ("Iran’s", "Iran's", "Iranʼs").
    """
    return _normalize_folded(fold_word(word))


def fold_word(word: str) -> str:
    """``word`` as typed, up to case, apostrophe style and accent encoding: what a copy keeps.

    Two tokens with the same fold are the same word in a verbatim copy (``align._surface``).
    """
    w = word.lower()
    if w.isascii():
        return w
    return unicodedata.normalize("NFC", w.translate(_APOSTROPHE_FOLD))  # "é" is "e" + U+0301


@lru_cache(maxsize=200_000)
def _normalize_folded(w: str) -> str:
    # Cached on the case-folded form: "The" and "the" are stemmed once.
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "").replace(",", "")
    # One C-level test first: most words end in none of the suffixes (17 Python-level tests per
    # word cost a tenth of a second a megabyte).
    if len(w) > 4 and w.endswith(_BRITISH_ENDINGS) and w.isalpha():
        for british, american in _SPELLING:
            if w.endswith(british):
                w = w[: -len(british)] + american
                break
    return _stem(w) if w.isalpha() else w


def word_count(text: str) -> int:
    """How many words ``text`` has, counted as the engine counts them (``Summary.words_a``)."""
    return len(WORD_RE.findall(text))


#: Words ``tokenize`` takes from the regular expression at a time: enough that each chunk's
#: steps run as C loops (map, zip); measured on a megabyte, 512 to 2,048 were quickest (0.165 s),
#: 16,384 and the whole text at once slower (0.18-0.21 s: more match objects alive at once).
TOKENIZE_CHUNK = 1024


def tokenize(text: str) -> list[Token]:
    """All words of ``text`` in order, with offsets and normalised forms."""
    return token_columns(text).tokens


class TokenColumns(NamedTuple):
    """``tokenize``'s tokens, and each of their fields the engine reads in bulk as a list."""

    tokens: list[Token]
    starts: list[int]  # tokens[k].start
    norms: list[str]  # tokens[k].norm
    stops: list[bool]  # tokens[k].stop


def token_columns(text: str) -> TokenColumns:
    """``tokenize(text)`` with its tokens' starts, norms and stop flags as lists, made on the way
    (listing them from the tokens afterwards took 8 ms a megabyte each)."""
    # A chunk at a time through map and zip, each distinct word normalised once: a Python-level
    # step per word (group, span, memo lookup, Token) took a fifth longer (0.20 s a megabyte
    # against 0.165 s, warm).
    columns = TokenColumns([], [], [], [])
    found = WORD_RE.finditer(text)
    norms: dict[str, str] = {}
    stops: dict[str, bool] = {}
    group, start, end = re.Match.group, re.Match.start, re.Match.end
    make = tuple.__new__  # make(Token, fields): a Token without the named tuple's Python-level __new__
    while chunk := list(islice(found, TOKENIZE_CHUNK)):
        raws = list(map(group, chunk))
        for raw in set(raws).difference(norms):
            norm = norms[raw] = normalize_word(raw)
            stops[raw] = norm in STOPWORDS or raw.lower() in STOPWORDS
        chunk_starts = list(map(start, chunk))
        chunk_norms = list(map(norms.__getitem__, raws))
        chunk_stops = list(map(stops.__getitem__, raws))
        columns.tokens.extend(map(make, repeat(Token), zip(chunk_starts, map(end, chunk), chunk_norms, chunk_stops)))
        columns.starts.extend(chunk_starts)
        columns.norms.extend(chunk_norms)
        columns.stops.extend(chunk_stops)
    _remember_words(text, frozenset(norms))
    return columns


#: Texts whose distinct words ``distinct_words`` keeps (``tokenize`` leaves them there): the two
#: of the pair just compared, and a few more.
WORDS_CACHE = 8
_words_cache: OrderedDict[str, frozenset[str]] = OrderedDict()
_words_lock = threading.Lock()  # the window tokenizes in worker threads


def distinct_words(text: str) -> frozenset[str]:
    """Every distinct word of ``text`` as written (``WORD_RE``'s matches), each once.

    ``tokenize`` leaves those of the last few texts it cut, so after it this costs nothing.
    """
    with _words_lock:
        words = _words_cache.get(text)
        if words is not None:
            _words_cache.move_to_end(text)
            return words
    words = frozenset(WORD_RE.findall(text))
    _remember_words(text, words)
    return words


def _remember_words(text: str, words: frozenset[str]) -> None:
    with _words_lock:
        _words_cache[text] = words
        _words_cache.move_to_end(text)
        while len(_words_cache) > WORDS_CACHE:
            _words_cache.popitem(last=False)


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc inc ltd co corp gen col lt sgt rep sen gov pres no fig al e.g i.e"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A blank line, in LF or CRLF text (a file saved on Windows keeps its "\r\n": offsets index it).
_BLANK_LINE = r"\n[ \t\xa0\r]*\n"
_BLANK_LINE_RE = re.compile(_BLANK_LINE)
# Sentence ends: . ! ? (possibly followed by closing quotes of any style, or brackets), or a blank
# line. A single line break does not end a sentence: hard-wrapped and re-flowed text breaks lines
# mid-sentence. Written as one character class and then the rest of either end (a lookbehind
# tells which): re skips quickly to a character of a pattern's opening class, but tries every
# position of a text against an alternation of repeats ("[.!?…]+…|\n…": 34 ms a megabyte, 13 ms).
_END_RE = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"”“’'»›)\]]*(?=\s)|(?<=\n)[ \t\xa0\r]*\n)")
# What follows a blank line: a lowercase word goes on with the sentence before it.
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")


# The word after a full stop: ``_opens_sentence``.
_NEXT_WORD_RE = re.compile(r"\s*([A-Z][a-z]+)\b")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence although a single letter and a full stop come
    before it: a capitalised function word of two letters or more ("Captain Darryl A. In
    response, …"; "Plan B. The …") follows an initial far more often as a new sentence than as
    a name ("John F. Kennedy"). A single-letter word ("A", "I") may be the next initial."""
    following = _NEXT_WORD_RE.match(text, at)
    return following is not None and following.group(1).lower() in STOPWORDS


#: A "sentence" longer than this (words) is cut into even pieces no longer than this (tuned on
#: PAN: 60 beats 40, 50, 70, 80, 120 and no cut; news sentences rarely reach it).
MAX_SENTENCE_WORDS = 60


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Sentences of ``text`` as spans over ``tokens``.

    A sentence ends at . ! ? or a blank line (LF or CRLF); a single line break does not end one,
    nor does a blank line followed by a lowercase word: text copied with its spaces turned into
    line breaks, or extracted from a page layout, breaks sentences there, and a copy must cut
    into the same sentences as its original whatever its line breaks.
    Sentences without any word are dropped; abbreviations ("Mr.", "U.S.") do not end one. One
    longer than ``MAX_SENTENCE_WORDS`` is cut into even pieces, so the sentences cover every
    token in order either way.
    """
    cuts = []
    for m in _END_RE.finditer(text):
        if not m.group().endswith("\n"):
            before = text[max(0, m.start() - 6): m.start()].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS:
                continue
            if len(word) == 1 and word.isalpha() and not _opens_sentence(text, m.end()):
                continue
        else:
            following = _NEXT_CHAR_RE.match(text, m.end())
            if following is not None and following.group(1).islower():
                continue
        cuts.append(m.end())
    sentences: list[Sentence] = []
    ti = 0
    n = len(tokens)
    for cut in cuts + [len(text)]:
        first = ti
        while ti < n and tokens[ti].start < cut:
            ti += 1
        if ti - first > MAX_SENTENCE_WORDS:
            # Text without sentence ends (a transcript, punctuation lost in extraction) would be
            # one "sentence" matching anything on its topic: cut it into even pieces instead.
            pieces = -(-(ti - first) // MAX_SENTENCE_WORDS)
            bounds = [first + (ti - first) * k // pieces for k in range(pieces + 1)]
            sentences.extend(Sentence(tokens[lo].start, tokens[hi - 1].end, lo, hi)
                             for lo, hi in zip(bounds, bounds[1:]))
        elif ti > first:
            sentences.append(Sentence(tokens[first].start, tokens[ti - 1].end, first, ti))
    return sentences


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int
    end: int


_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_QUOTE_OPEN_RE = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")
#: A quotation longer than this (characters) is a stray mark paired with a far one, not quoted
#: speech: a quotation runs a few sentences (the seed news articles' longest is 185 characters,
#: 99% of the 6,000 in a third of PAN's documents are under 360), and longer ones are set as
#: blocks, without marks.
#: Without a bound, one stray mark in a text with few blank lines (web pages, PAN) made
#: thousands of characters "quoted", and passages there were taken for shared quotations.
MAX_QUOTE_CHARS = 1000


def quoted_spans(text: str) -> list[QuoteSpan]:
    """Spans of text inside double quotation marks (curly, straight, « », „ “), marks included.

    A quotation never runs past a blank line or ``MAX_QUOTE_CHARS``, so one stray mark cannot
    swallow the rest of the text. A curly opening mark whose closing mark comes only after
    another opening mark is stray. A straight mark opens only before a non-space and not right
    after a letter or digit (``5" screen``), and closes only after a non-space: when the next
    straight mark looks like an opening one, the first is stray.
    The last few texts' spans are kept (``QUOTES_CACHE``): the engine, the verdict and the
    facts each ask for those of both texts of a pair.
    """
    return list(_quoted_spans(text))


#: Texts whose quotation spans ``quoted_spans`` keeps: the two of the pair being compared, and
#: a few more for the window's library ranking.
QUOTES_CACHE = 8


@lru_cache(maxsize=QUOTES_CACHE)
def _quoted_spans(text: str) -> tuple[QuoteSpan, ...]:
    spans = []
    i = 0
    n = len(text)
    while True:
        m = _QUOTE_OPEN_RE.search(text, i)
        if m is None:
            break
        i = m.start()
        mark = m.group()
        close = _QUOTE_PAIRS[mark]
        limit = min(n, i + MAX_QUOTE_CHARS)
        j = text.find(close, i + 1, limit)
        if mark == '"':
            if (i + 1 < n and text[i + 1].isspace()) or (i > 0 and text[i - 1].isalnum()):
                i += 1  # cannot open
                continue
            if j != -1 and text[j - 1].isspace():
                j = -1  # the next mark opens a quotation: this one is stray
        elif j != -1 and text.find(mark, i + 1, j) != -1:
            j = -1  # opened again before it closes: this one is stray
        if j == -1 or _BLANK_LINE_RE.search(text, i + 1, j) is not None:
            i += 1
            continue
        spans.append(QuoteSpan(i, j + 1))
        i = j + 1
    return tuple(spans)
