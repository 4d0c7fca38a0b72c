"""The facts of one text: numbers, money, percentages, dates, times, names and quotations.

Contract
- ``extract_facts(text) -> tuple[Fact, ...]`` finds, in text order, every fact a fact-checker
  would compare between a source and its rewrite, each with its span in ``text`` (half-open
  character offsets, as everywhere in Reader) and a normalised ``key``:
  ``date``     "October 7", "7 October", "7th of October 2023", "October 2023", "2023-10-07",
               a year on its own ("in 2021"), a month on its own ("in November"), a weekday;
               key ``(year, month, day, weekday)`` with ``None`` for what is not said;
  ``time``     "10:30", "3 p.m.", key minutes after midnight;
  ``money``    "$5 million", "£3.2bn", "40 euros", key ``(currency, value)``;
  ``percent``  "80%", "80 percent", "80 per cent", key the value;
  ``number``   "1,200", "5 million" (= "5,000,000"), "5.2bn", "twelve", key the value;
  ``name``     a run of capitalised words ("Ayatollah Ali Khamenei", "US State Department",
               "Dangerous Organizations & Individuals", "Article 19"), key the tuple of its
               words' matching forms (``reader.core.text.normalize_word``: "U.S." = "US",
               "Organisations" = "Organizations", "Houthis" = "Houthi");
  ``quote``    the words inside double quotation marks (``reader.core.text.quoted_spans``), key
               the tuple of their matching forms.
- The kinds other than ``quote`` never overlap: a number inside a date, a sum of money or a
  percentage belongs to that fact, and a number right after a name ("Article 19") to the name.
  A quotation may hold other facts.
- ``same_fact(f, g)`` says whether two facts of one kind are the same fact written differently;
  ``shares_word`` whether two names have a word in common. Pairing facts across a passage is
  ``reader.core.facts``.
Pure functions and frozen dataclasses; must not import Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.core import rarity
from reader.core.text import STOPWORDS, normalize_word, quoted_spans

DATE, TIME, MONEY, PERCENT, NUMBER, NAME, QUOTE = "date", "time", "money", "percent", "number", "name", "quote"
#: Every kind of fact, in the order a reader weighs them.
FACT_KINDS = (NUMBER, MONEY, PERCENT, DATE, TIME, NAME, QUOTE)

#: A capitalised word that opens a sentence is taken for a name only when it is rarer than
#: this in English at large (Zipf, ``reader.core.rarity``): "Meanwhile" (4.5), "Despite" (5.0)
#: and "Although" (5.3) are ordinary words; "Tehran" (3.6), "Meta" (3.8) and "CNN" (4.3) are
#: names. A word the text also capitalises inside a sentence is a name whatever its rarity
#: ("Iran", 4.65).
COMMON_WORD_ZIPF = 4.4
#: Years a bare four-digit number is read as: the span of dates news reports talk about.
YEAR_RANGE = (1900, 2099)
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

_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
_WEEKDAYS = {d: n for n, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday"))}
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "tn": 1e12}
# "one" is left out: "one of them", "no one", "one day" are rarely a count a rewrite changes.
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()) if n >= 2}
_NUMBER_WORDS.update({w: 10 * n for n, w in enumerate(
    "thirty forty fifty sixty seventy eighty ninety".split(), 3)})
_NUMBER_WORDS.update({"dozen": 12, "hundred": 100})
_CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "dollars": "USD", "dollar": "USD",
               "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP", "gbp": "GBP",
               "yen": "JPY"}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_AMOUNT = rf"(?P<amount>{_DIGITS}|{_WORDNUM})(?:\s*(?P<mag>thousand|million|billion|trillion|bn|tn)\b)?"

# What can start at an anchor (``_anchors``): each pattern is tried only at its own.
_DIGIT, _SIGN, _MONTH_WORD, _WEEKDAY, _NUMBER_WORD = "digit", "sign", "month", "weekday", "number word"
_AMOUNT_START = frozenset({_DIGIT, _NUMBER_WORD})

# Tried in this order; a later pattern never takes text an earlier one took.
_PATTERNS = (
    (DATE, re.compile(r"\b(?P<iy>\d{4})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"), {_DIGIT}),
    (DATE, re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE), {_MONTH_WORD}),
    (DATE, re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE), {_DIGIT}),
    (DATE, re.compile(rf"\b{_MONTH}\b,?\s+{_YEAR}\b", re.IGNORECASE), {_MONTH_WORD}),
    (TIME, re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap])\.?m\b\.?", re.IGNORECASE),
     {_DIGIT}),
    (TIME, re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b"), {_DIGIT}),
    (MONEY, re.compile(rf"(?P<cur>US\$|[$£€¥])\s?{_AMOUNT}", re.IGNORECASE), {_SIGN}),
    (MONEY, re.compile(rf"\b{_AMOUNT}\s+(?P<cur>dollars?|euros?|pounds|yen|USD|EUR|GBP)\b", re.IGNORECASE),
     _AMOUNT_START),
    (PERCENT, re.compile(rf"\b{_AMOUNT}\s*(?:%|per\s?cent\b|percentage points?\b)", re.IGNORECASE), _AMOUNT_START),
    # Full month names alone; "May" alone is a verb far more often than a month.
    (DATE, re.compile(r"\b(?P<month>January|February|March|April|June|July|August|September|October|"
                      r"November|December)\b"), {_MONTH_WORD}),
    (DATE, re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"), {_WEEKDAY}),
    (DATE, re.compile(rf"(?<![\d,.$£€¥])\b{_YEAR}\b(?![,.]?\d|%)"), {_DIGIT}),
    (NUMBER, re.compile(rf"(?<![\d,.])\b{_AMOUNT}\b(?![,.]?\d)", re.IGNORECASE), _AMOUNT_START),
)

_DIGITS_START_RE = re.compile(r"(?<!\w)\d")
_ANCHOR_WORDS = {**dict.fromkeys(_MONTHS, _MONTH_WORD), **dict.fromkeys(_WEEKDAYS, _WEEKDAY),
                 **dict.fromkeys(_NUMBER_WORDS, _NUMBER_WORD)}
_CURRENCY_SIGN_RE = re.compile(r"[$£€¥]")
_WORD_FORM_RE = re.compile(r"\w+(?:[’']\w+)*")

# The words of a name as written ("U.S.", "Ayatollah", "19"), for ``TextFacts``.
_NAME_SURFACE_RE = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[A-Z]\w*|\d+)")

_LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
# A capitalised word inside a sentence: after a lower-case word, a digit, a comma or a semicolon,
# and perhaps an opening quotation mark or bracket.
_INNER_CAPITAL_RE = re.compile(r"(?:(?<=[a-z0-9,;%] )|(?<=[a-z0-9,;%] [“\"‘(\[]))((?:[A-Z]\.){2,}|[A-Z]\w*)")

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
_QUOTE_TRIM = " ,.;:\n"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str
    start: int
    end: int
    #: The fact as the text writes it ("5 million", "October 7", "US State Department").
    text: str
    #: The normalised fact: two writings of one fact have the same key (dates and names are
    #: also compared by ``same_fact``, which allows a missing year or a shorter name).
    key: tuple


def extract_facts(text: str, names_within=None) -> tuple[Fact, ...]:
    """Every fact of ``text`` in text order (see the module docstring).

    With ``names_within`` (``(start, end)`` spans), names are looked for only in and around
    those spans (``SPAN_MARGIN``): names cost two thirds of the time (half a second a megabyte),
    and a caller comparing passages needs no others; ``TextFacts`` tells whether the rest of the
    text names someone.
    """
    n = len(text)
    ranges = [(0, n)] if names_within is None else _merged(names_within, n)
    taken = bytearray(n)  # 1: a character already inside a fact (quotations aside)
    facts: list[Fact] = []
    anchors = _anchors(text)
    for kind, pattern, classes in _PATTERNS:
        for position, anchor_class in anchors:
            if taken[position] or anchor_class not in classes:
                continue
            m = pattern.match(text, position)
            if m is None:
                continue
            start, end = m.span()
            if any(taken[start:end]):
                continue
            key = _key(kind, m)
            if key is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            facts.append(Fact(kind, start, end, text[start:end], key))
    facts.extend(_names(text, taken, facts, ranges))
    for q in quoted_spans(text):
        raw = text[q.start + 1:q.end - 1]
        inner = raw.strip(_QUOTE_TRIM)
        words = _word_forms(inner)
        if words:  # the words without the marks and the comma or stop before the closing mark
            start = q.start + 1 + len(raw) - len(raw.lstrip(_QUOTE_TRIM))
            facts.append(Fact(QUOTE, start, start + len(inner), inner, words))
    facts.sort(key=lambda f: (f.start, f.end))
    return tuple(facts)


class TextFacts:
    """Whether a text states a fact anywhere (``states``), given its facts (``extract_facts``,
    names perhaps only in places): for names, the beginnings of its capitalised words are
    collected on the first question."""

    def __init__(self, text: str, facts: tuple[Fact, ...]) -> None:
        self.text = text
        self.facts = facts
        self._exact = {(f.kind, f.key) for f in facts if f.kind != NAME}
        self._by_kind: dict[str, list[Fact]] = {}
        for f in facts:
            self._by_kind.setdefault(f.kind, []).append(f)
        self._heads: set[str] | None = None

    def facts_of(self, kind: str) -> list[Fact]:
        return self._by_kind.get(kind, [])

    def states(self, fact: Fact) -> bool:
        """Whether the text states ``fact``: for a name, whether it capitalises each of its
        words somewhere ("Israeli" for "Israel" too, ``NAME_PREFIX``); else whether it has a
        fact ``same_fact`` says is the same (a quotation: ``similar`` says alike)."""
        if fact.kind == NAME:
            return all(self._capitalised(word) for word in _NAME_SURFACE_RE.findall(fact.text))
        if (fact.kind, fact.key) in self._exact:
            return True
        return fact.kind == DATE and any(same_fact(fact, f) for f in self.facts_of(DATE))

    def _capitalised(self, word: str) -> bool:
        """Whether the text has a capitalised word (or number) beginning like ``word``: its
        first ``NAME_PREFIX`` characters, dots left out ("U.S." is "US")."""
        if self._heads is None:
            self._heads = {w.replace(".", "")[:NAME_PREFIX] for w in set(_NAME_SURFACE_RE.findall(self.text))}
        return word.replace(".", "")[:NAME_PREFIX] in self._heads


def _anchors(text: str) -> list[tuple[int, str]]:
    """Where a number, date, time or sum may start, and what starts there (``_DIGIT``, ``_SIGN``,
    ``_MONTH_WORD``, ``_WEEKDAY``, ``_NUMBER_WORD``): digits, a month, a weekday or a number word
    at a word's start, or a currency sign. Each pattern is tried only where it can start: a dozen
    passes of the facts' patterns over the whole text took ten times as long."""
    out = [(m.start(), _DIGIT) for m in _DIGITS_START_RE.finditer(text)]
    out.extend((m.start() - 2 if text[max(0, m.start() - 2):m.start()] == "US" else m.start(), _SIGN)
               for m in _CURRENCY_SIGN_RE.finditer(text))
    low = text.lower()
    for word, anchor_class in _ANCHOR_WORDS.items():
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                out.append((i, anchor_class))
            i = low.find(word, i + len(word))
    return sorted(set(out))


def same_fact(f: Fact, g: Fact) -> bool:
    """Whether ``f`` and ``g`` (of one kind) state the same fact, however written."""
    if f.kind != g.kind:
        return False
    if f.kind == DATE:
        return _same_date(f.key, g.key)
    if f.kind == NAME:
        return same_name(f.key, g.key)
    return f.key == g.key


def same_name(a: tuple, b: tuple) -> bool:
    """Two names are one when their words are, or the shorter's words are all in the longer
    and it has two words or more or is the longer's last word ("Khamenei", "Ayatollah Ali
    Khamenei"). "US" is not "US State Department": the State Department is one body of it."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return False
    if not all(any(_same_word(w, v) for v in large) for w in small):
        return False
    return len(small) >= 2 or len(large) == 1 or _same_word(small[0], large[-1])


def shares_word(a: tuple, b: tuple) -> bool:
    """Whether two names have a word in common (a changed name keeps some of it)."""
    return any(_same_word(w, v) for w in a for v in b)


def _same_word(w: str, v: str) -> bool:
    # "iran" / "iranian", "israel" / "isra" (a stem): a prefix of NAME_PREFIX letters or more.
    if w == v:
        return True
    short, long_ = (w, v) if len(w) <= len(v) else (v, w)
    return len(short) >= NAME_PREFIX and long_.startswith(short)


def _same_date(a: tuple, b: tuple) -> bool:
    year_a, month_a, day_a, weekday_a = a
    year_b, month_b, day_b, weekday_b = b
    if weekday_a is not None or weekday_b is not None:
        return weekday_a == weekday_b and (month_a, day_a) == (month_b, day_b)
    if month_a is None or month_b is None:  # a year alone is the same as any date in it
        if year_a is None or year_b is None:
            return False
        return year_a == year_b
    return (month_a, day_a) == (month_b, day_b) and (year_a is None or year_b is None or year_a == year_b)


# -- keys ----------------------------------------------------------------------------------

def _key(kind: str, m: re.Match) -> tuple | None:
    groups = m.groupdict()
    if kind == DATE:
        if groups.get("iy"):
            return (int(groups["iy"]), int(groups["im"]), int(groups["id"]), None)
        if groups.get("weekday"):
            return (None, None, None, _WEEKDAYS[groups["weekday"].lower()])
        month = _MONTHS[groups["month"].lower()] if groups.get("month") else None
        year = int(groups["year"]) if groups.get("year") else None
        if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            return None
        if month is not None and groups["month"][0].islower():
            return None  # "may", "march", "sept." as words
        return (year, month, int(groups["day"]) if groups.get("day") else None, None)
    if kind == TIME:
        hour = int(groups["h"]) % 12 if groups.get("ampm") else int(groups["h"])
        if groups.get("ampm") and groups["ampm"].lower() == "p":
            hour += 12
        return (hour * 60 + int(groups.get("min") or 0),)
    value = _amount(groups["amount"], groups.get("mag"))
    if kind == MONEY:
        return (_CURRENCIES[groups["cur"].lower()], value)
    return (value,)


def _amount(amount: str, magnitude: str | None) -> float:
    word = amount.lower()
    value = float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(amount.replace(",", ""))
    if magnitude:
        value *= _MAGNITUDES[magnitude.lower()]
    return round(value, 6)


def _word_forms(text: str) -> tuple[str, ...]:
    return tuple(normalize_word(w) for w in _WORD_FORM_RE.findall(text))


# -- names ---------------------------------------------------------------------------------

def _names(text: str, taken: bytearray, facts: list[Fact], ranges) -> list[Fact]:
    """Runs of capitalised words outside other facts and inside ``ranges``, as ``name`` facts.

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
    lower = _LowerWords(text)
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
    numbers = {f.start: f for f in facts if f.kind == NUMBER}
    absorbed: set[int] = set()
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        following = numbers.get(end + 1)
        if following is not None and text[end] == " ":  # "Article 19", "Boeing 737"
            absorbed.add(following.start)
            end = following.end
        key = _name_key(text[start:end])
        if key:  # a capitalised joining word alone ("Of", "The") names nothing
            out.append(Fact(NAME, start, end, text[start:end], key))
    if absorbed:
        facts[:] = [f for f in facts if not (f.kind == NUMBER and f.start in absorbed)]
    return out


@lru_cache(maxsize=20_000)
def _name_key(name: str) -> tuple[str, ...]:
    # "U.S." is "US", "FTOs" is "FTO"; the joining words are not part of what names it.
    if name.isalnum() and not name.endswith("s"):  # one plain word: most of them
        form = normalize_word(name)
        return () if form in _JOINING_WORDS else (form,)
    words = _ACRONYM_PLURAL_RE.sub(r"\1", name.replace(".", ""))
    return tuple(w for w in _word_forms(words) if w not in _JOINING_WORDS)


class _LowerWords:
    """Whether a text writes a word somewhere in lower case (``written``), or capitalised inside
    a sentence (``capitalised_inside``: after a lower-case word, a digit, a comma or a
    semicolon). Each set is collected on its first question, in one pass of a regular
    expression: searching the text word by word cost a second a megabyte."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._inside: set[str] | None = None

    def written(self, word: str) -> bool:
        if self._lower is None:
            self._lower = set(_LOWER_WORD_RE.findall(self.text))
        return word in self._lower

    def capitalised_inside(self, word: str) -> bool:
        if self._inside is None:
            self._inside = set(_INNER_CAPITAL_RE.findall(self.text))
        return word in self._inside


def _merged(spans, length: int) -> list[tuple[int, int]]:
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
