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

# Tried in this order; a later pattern never takes text an earlier one took.
_PATTERNS = (
    (DATE, re.compile(r"\b(?P<iy>\d{4})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b")),
    (DATE, re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)),
    (DATE, re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)),
    (DATE, re.compile(rf"\b{_MONTH}\b,?\s+{_YEAR}\b", re.IGNORECASE)),
    (TIME, re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap])\.?m\b\.?", re.IGNORECASE)),
    (TIME, re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b")),
    (MONEY, re.compile(rf"(?P<cur>US\$|[$£€¥])\s?{_AMOUNT}", re.IGNORECASE)),
    (MONEY, re.compile(rf"\b{_AMOUNT}\s+(?P<cur>dollars?|euros?|pounds|yen|USD|EUR|GBP)\b", re.IGNORECASE)),
    (PERCENT, re.compile(rf"\b{_AMOUNT}\s*(?:%|per\s?cent\b|percentage points?\b)", re.IGNORECASE)),
    # Full month names alone; "May" alone is a verb far more often than a month.
    (DATE, re.compile(r"\b(?P<month>January|February|March|April|June|July|August|September|October|"
                      r"November|December)\b")),
    (DATE, re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    (DATE, re.compile(rf"(?<![\d,.$£€¥])\b{_YEAR}\b(?![,.]?\d|%)")),
    (NUMBER, re.compile(rf"(?<![\d,.])\b{_AMOUNT}\b(?![,.]?\d)", re.IGNORECASE)),
)

_DIGITS_START_RE = re.compile(r"(?<!\w)\d")
_ANCHOR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset(_NUMBER_WORDS)
_CURRENCY_SIGN_RE = re.compile(r"(?:US)?[$£€¥]")

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


def extract_facts(text: str) -> tuple[Fact, ...]:
    """Every fact of ``text`` in text order (see the module docstring)."""
    taken = bytearray(len(text))  # 1: a character already inside a fact (quotations aside)
    facts: list[Fact] = []
    anchors = _anchors(text)
    for kind, pattern in _PATTERNS:
        for position in anchors:
            if taken[position]:
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
    facts.extend(_names(text, taken, facts))
    for q in quoted_spans(text):
        raw = text[q.start + 1:q.end - 1]
        inner = raw.strip(_QUOTE_TRIM)
        words = _word_forms(inner)
        if words:  # the words without the marks and the comma or stop before the closing mark
            start = q.start + 1 + len(raw) - len(raw.lstrip(_QUOTE_TRIM))
            facts.append(Fact(QUOTE, start, start + len(inner), inner, words))
    facts.sort(key=lambda f: (f.start, f.end))
    return tuple(facts)


def _anchors(text: str) -> list[int]:
    """Where a number, date, time or sum may start: digits, a month, a weekday or a number word
    at a word's start, or a currency sign. The patterns are tried only there: a dozen passes of
    the facts' patterns over the whole text took ten times as long."""
    out = [m.start() for m in _DIGITS_START_RE.finditer(text)]
    out.extend(m.start() for m in _CURRENCY_SIGN_RE.finditer(text))
    low = text.lower()
    for word in _ANCHOR_WORDS:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                out.append(i)
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
    return tuple(normalize_word(w) for w in re.findall(r"\w+(?:[’']\w+)*", text))


# -- names ---------------------------------------------------------------------------------

def _names(text: str, taken: bytearray, facts: list[Fact]) -> list[Fact]:
    """Runs of capitalised words outside other facts, as ``name`` facts.

    A sentence's first word is capitalised anyway: it opens a name only when it is rare in
    English (``COMMON_WORD_ZIPF``) and not written in lower case in this text, or when the text
    also capitalises it inside a sentence.
    """
    n = len(text)
    words = [m for m in _CAPITAL_RE.finditer(text)
             if not taken[m.start()] and not taken[m.end() - 1]
             and (m.start() == 0 or not text[m.start() - 1].isalnum())
             and (m.end() == n or not text[m.end()].isalnum())]
    opens = [_opens_sentence(text, m.start()) for m in words]
    inner = {m.group() for m, first in zip(words, opens) if not first}
    runs: list[list[re.Match]] = []
    for k, m in enumerate(words):
        word = m.group()
        if opens[k] and word not in inner and not _opens_name(text, words, k):
            plain = word.lower()
            if plain in STOPWORDS or rarity.zipf(normalize_word(plain)) >= COMMON_WORD_ZIPF \
                    or _written_lower(text, plain):
                continue
        if word.lower().replace(".", "") in COMMON_ACRONYMS or word == "I":
            continue
        if runs and _joins(text[runs[-1][-1].end():m.start()], len(runs[-1])):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    numbers = {f.start: f for f in facts if f.kind == NUMBER}
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        following = numbers.get(end + 1)
        if following is not None and text[end] == " ":  # "Article 19", "Boeing 737"
            facts.remove(following)
            end = following.end
        out.append(Fact(NAME, start, end, text[start:end], _name_key(text[start:end])))
    return out


@lru_cache(maxsize=20_000)
def _name_key(name: str) -> tuple[str, ...]:
    # "U.S." is "US", "FTOs" is "FTO"; the joining words are not part of what names it.
    words = _ACRONYM_PLURAL_RE.sub(r"\1", name.replace(".", ""))
    return tuple(w for w in _word_forms(words) if w not in _JOINING_WORDS)


def _written_lower(text: str, word: str) -> bool:
    """Whether ``text`` has lower-case ``word`` as a whole word somewhere."""
    i = text.find(word)
    while i != -1:
        end = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        i = text.find(word, end)
    return False


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
