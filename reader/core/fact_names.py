"""Names in a text: runs of capitalised words, told apart from sentence openers, and compared.

Contract (the ``name`` kind of ``reader.core.fact_extract``):
- ``name_spans(text, taken, numbers, ranges)`` finds the runs of capitalised words ("Ayatollah
  Ali Khamenei", "US State Department", "Dangerous Organizations & Individuals", "Article 19")
  outside the spans other facts took, each with its key ``name_key``: its words' matching forms
  (``reader.core.text.normalize_word``: "U.S." = "US", "Organisations" = "Organizations",
  "Houthis" = "Houthi"), joining words left out. A sentence's first word is taken for a name only
  when it is rare in English (``COMMON_WORD_ZIPF``) and not written in lower case in the text, or
  when the text also capitalises it inside a sentence.
- ``same_name``, ``shares_word``: whether two keys name one thing, or share a word.
- ``TextWords(text)``: what a whole text writes, asked one word at a time (``written``: in lower
  case; ``capitalised_inside``: capitalised inside a sentence; ``has_head``: a capitalised word
  or number beginning with a head of ``name_heads(name)``), for asking cheaply whether a text
  names something anywhere.
- ``merged_spans(spans, length)``: spans widened by ``SPAN_MARGIN`` and merged, where names are
  looked for when only some places of a text matter.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core import rarity
from reader.core.text import STOPWORDS, distinct_words, normalize_word

#: A capitalised word that opens a sentence is taken for a name only when it is rarer than
#: this in English at large (Zipf, ``reader.core.rarity``): "Meanwhile" (4.5), "Despite" (5.0)
#: and "Although" (5.3) are ordinary words; "Tehran" (3.6), "Meta" (3.8) and "CNN" (4.3) are
#: names. A word the text also capitalises inside a sentence is a name whatever its rarity
#: ("Iran", 4.65).
COMMON_WORD_ZIPF = 4.4
#: A name word that begins another is the same word when it has at least this many letters:
#: "Iran" / "Iranian", "Israel" / "Israeli"; "Al" is not "Alimardani".
NAME_PREFIX = 4
#: Ordinary words that open many names of places and bodies: at a sentence's start, followed by
#: another capitalised word, they are the name's first word ("New York"), not an opener.
NAME_OPENERS = frozenset({"new", "united", "north", "south", "east", "west", "great", "saint", "san", "los",
                          "las", "hong", "sri", "saudi", "white", "prime", "supreme", "european", "british"})
#: Characters around a span within which names are looked for (``extract_facts(names_within=)``):
#: a name the span cuts in two ("… the US State | Department") is found whole.
SPAN_MARGIN = 60
#: Acronyms that name a kind of thing, not one organisation or place: not names.
COMMON_ACRONYMS = frozenset({"ngo", "ngos", "ai", "ceo", "ceos", "tv", "pdf", "gdp", "pr", "id", "ok", "faq", "ip"})

_WORD_FORM_RE = re.compile(r"\w+(?:[’']\w+)*")
# The words of a name as written ("U.S.", "Ayatollah", "19"), not right after a word character
# or a dot: dotted initials, a capital and word characters, or digits. Each lookbehind comes
# after the first character, so that re skips to the next capital or digit instead of testing
# it at every character (a whole text's pass in ``TextWords`` is 20% faster). For the same
# reason the pattern opens with one class for both kinds (re skips ahead only to a pattern's
# opening class, not to an alternation's) and a lookbehind then tells which (29 ms -> 23 ms).
_NAME_SURFACE_RE = re.compile(r"[A-Z\d](?:(?<=[A-Z])(?<![\w.][A-Z])(?:\.(?:[A-Z]\.)+|\w*)"
                              r"|(?<=\d)(?<![\w.]\d)\d*)")

_LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
# A capitalised word inside a sentence: after a lower-case word, a digit, a comma or a semicolon,
# and perhaps an opening quotation mark or bracket; the word is group 1. The match starts at the
# space before it so that re can skip from space to space (three times faster than starting
# at the word behind two lookbehinds, and the same words: a match ends where a word does).
_INNER_CAPITAL_RE = re.compile(r" (?:(?<=[a-z0-9,;%] )|[“\"‘(\[](?<=[a-z0-9,;%] [“\"‘(\[]))"
                               r"((?:[A-Z]\.){2,}|[A-Z]\w*)")

# A capitalised word: "U.S." and other dotted initials, or a capital and letters, digits, inner
# apostrophes ("O’Brien"). Possessive "’s" is not part of it.
_CAPITAL_RE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w]*(?:[’'][A-Z]\w*)?")
# What may join two capitalised words of one name. "and" joins only after a name of two words
# or more ("Dangerous Organizations and Individuals"), so "Facebook and Instagram" stay two.
_JOINERS = (" ", "-", " of ", " of the ", " & ", " for ", " de ")
_AND = " and "
_JOINING_WORDS = frozenset({"of", "the", "and", "for", "de"})
_ACRONYM_PLURAL_RE = re.compile(r"\b([A-Z]{2,})s\b")
_SENTENCE_END = ".!?…:"
_OPENERS = " \t\r“\"‘(['—–-"
_CLOSERS = "”’\")]'"

def same_name(a: tuple, b: tuple) -> bool:
    """Two names are one when their words are, or the shorter's words are all in the longer
    and it has two words or more or is the longer's last word ("Khamenei", "Ayatollah Ali
    Khamenei"). "US" is not "US State Department": the State Department is one body of it."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return False
    # Most pairs of names share no word: their word heads tell at once (``_word_heads``).
    if not _word_heads(small) <= _word_heads(large):
        return False
    if not all(any(same_word(w, v) for v in large) for w in small):
        return False
    return len(small) >= 2 or len(large) == 1 or same_word(small[0], large[-1])


def shares_word(a: tuple, b: tuple) -> bool:
    """Whether two names have a word in common (a changed name keeps some of it)."""
    if _word_heads(a).isdisjoint(_word_heads(b)):
        return False
    return any(same_word(w, v) for w in a for v in b)


@lru_cache(maxsize=20_000)
def _word_heads(key: tuple) -> frozenset[str]:
    """The first ``NAME_PREFIX`` letters of each word of a name's key: two words ``same_word``
    says are one always have the same head (a word is the same as another when equal to it or
    beginning it with ``NAME_PREFIX`` letters or more)."""
    return frozenset(w[:NAME_PREFIX] for w in key)


def same_word(w: str, v: str) -> bool:
    # "iran" / "iranian", "israel" / "isra" (a stem): a prefix of NAME_PREFIX letters or more.
    if w == v:
        return True
    short, long_ = (w, v) if len(w) <= len(v) else (v, w)
    return len(short) >= NAME_PREFIX and long_.startswith(short)




def word_forms(text: str) -> tuple[str, ...]:
    """The matching forms of the words of ``text``."""
    return tuple(normalize_word(w) for w in _WORD_FORM_RE.findall(text))


def name_heads(name: str) -> list[str]:
    """The heads of the words of a name as written: the first ``NAME_PREFIX`` characters of
    each capitalised word (and number), dots left out ("U.S." gives "US")."""
    return [_head(w) for w in _NAME_SURFACE_RE.findall(name)]


def _head(word: str) -> str:
    return word.replace(".", "")[:NAME_PREFIX]


def name_spans(text: str, taken: bytearray, numbers: dict[int, int], ranges) -> tuple[list, set[int]]:
    """Runs of capitalised words outside other facts (``taken``) and inside ``ranges``:
    ``([(start, end, key), ...], absorbed)``, where a number right after a name ("Article 19":
    ``numbers`` maps each number's start to its end) belongs to the name and its start is in
    ``absorbed``.

    A sentence's first word is capitalised anyway: it opens a name only when it is rare in
    English (``COMMON_WORD_ZIPF``) and not written in lower case in this text, or when the text
    also capitalises it inside a sentence (after a lower-case word, a digit or a comma).
    """
    n = len(text)
    words = [m for lo, hi in ranges for m in _CAPITAL_RE.finditer(text, lo, hi)
             if not taken[m.start()] and not taken[m.end() - 1]
             and (m.start() == 0 or not text[m.start() - 1].isalnum())
             and (m.end() == n or not text[m.end()].isalnum())]
    opens = [_opens_sentence(text, m.start()) for m in words]
    lower = TextWords(text)
    runs: list[list[re.Match]] = []
    for k, m in enumerate(words):
        word = m.group()
        if opens[k] and not _opens_name(text, words, k):
            plain = word.lower()
            if plain in STOPWORDS and not word.isupper():  # "The", "In"; not "US"
                continue
            common = rarity.zipf(normalize_word(plain)) >= COMMON_WORD_ZIPF or lower.written(plain)
            if common and not lower.capitalised_inside(word):
                continue
        if word.lower().replace(".", "") in COMMON_ACRONYMS or word == "I":
            continue
        if runs and _joins(text[runs[-1][-1].end():m.start()], len(runs[-1])):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    absorbed: set[int] = set()
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        following = numbers.get(end + 1)
        if following is not None and text[end] == " ":  # "Article 19", "Boeing 737"
            absorbed.add(end + 1)
            end = following
        key = name_key(text[start:end])
        if key:  # a capitalised joining word alone ("Of", "The") names nothing
            out.append((start, end, key))
    return out, absorbed


@lru_cache(maxsize=20_000)
def name_key(name: str) -> tuple[str, ...]:
    # "U.S." is "US", "FTOs" is "FTO"; the joining words are not part of what names it.
    if name.isalnum() and not name.endswith("s"):  # one plain word: most of them
        form = normalize_word(name)
        return () if form in _JOINING_WORDS else (form,)
    words = _ACRONYM_PLURAL_RE.sub(r"\1", name.replace(".", ""))
    return tuple(w for w in word_forms(words) if w not in _JOINING_WORDS)


class TextWords:
    """What a whole text writes, each set collected on its first question in one pass of a
    regular expression (searching the text word by word cost a second a megabyte, and
    ``str.find`` for each word asked about still more than one pass):

    - ``written(word)``: whether the text writes ``word`` in lower case, as a whole word (from
      its distinct words, ``lower_case_words``: no pass at all once the engine has cut it).
    - ``capitalised_inside(word)``: whether it capitalises ``word`` inside a sentence (after a
      lower-case word, a digit, a comma or a semicolon, and perhaps an opening mark).
    - ``has_head(head)``: whether one of its capitalised words (or numbers) has that head
      (``name_heads``).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._inside: set[str] | None = None
        self._heads: set[str] | None = None

    def written(self, word: str) -> bool:
        if self._lower is None:
            self._lower = lower_case_words(distinct_words(self.text))
        return word in self._lower

    def capitalised_inside(self, word: str) -> bool:
        if self._inside is None:
            self._inside = set(_INNER_CAPITAL_RE.findall(self.text))
        return word in self._inside

    def has_head(self, head: str) -> bool:
        if self._heads is None:
            self._heads = {_head(w) for w in set(_NAME_SURFACE_RE.findall(self.text))}
        return head in self._heads


def lower_case_words(words) -> set[str]:
    """What ``_LOWER_WORD_RE`` finds in a text, from the text's distinct words (``distinct_words``).

    A run of lower-case letters between non-word characters lies inside one word of ``WORD_RE``,
    and is found in that word alone: a word of ``WORD_RE`` takes every word character next to it,
    so it starts and ends next to a non-word character or the text's edge, as its string does.
    Each distinct word is then looked at once, instead of the whole text (40 ms a megabyte).
    """
    out: set[str] = set()
    for word in words:
        if word.isascii() and word.isalpha():  # one run of ASCII letters: all of it, or nothing
            if word.islower():
                out.add(word)
        else:
            out.update(_LOWER_WORD_RE.findall(word))
    return out


def merged_spans(spans, length: int) -> list[tuple[int, int]]:
    """``spans`` widened by ``SPAN_MARGIN`` on each side (a fact the span cuts is found whole),
    sorted, overlaps merged."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start - SPAN_MARGIN), min(length, end + SPAN_MARGIN)
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _opens_name(text: str, words: list[re.Match], k: int) -> bool:
    """Whether common word ``words[k]`` opens a longer name ("New York", "United States")."""
    return (words[k].group().lower() in NAME_OPENERS and k + 1 < len(words)
            and text[words[k].end():words[k + 1].start()] == " ")


def _joins(gap: str, run_length: int) -> bool:
    return gap in _JOINERS or (gap == _AND and run_length >= 2)


def _opens_sentence(text: str, position: int) -> bool:
    """Whether ``position`` starts a sentence: the text's start, a new line, or after a full stop
    (quotation marks and brackets between are skipped)."""
    i = position - 1
    while i >= 0 and (text[i] in _OPENERS or text[i] == "\n"):
        if text[i] == "\n":
            return True
        i -= 1
    if i < 0:
        return True
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END
