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
               "Article 19"), key its words' matching forms (``reader.core.fact_names``);
  ``quote``    the words inside double quotation marks (``reader.core.text.quoted_spans``), key
               the tuple of their matching forms.
- The kinds other than ``quote`` never overlap: a number inside a date, a sum of money or a
  percentage belongs to that fact, and a number right after a name ("Article 19") to the name.
  A quotation may hold other facts.
- ``same_fact(f, g)`` says whether two facts of one kind are the same fact written differently;
  ``TextFacts`` whether a text states a fact anywhere. Pairing facts across a passage is
  ``reader.core.facts``.
Pure functions and frozen dataclasses; must not import Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.fact_names import (
    TextWords,
    merged_spans,
    name_heads,
    name_spans,
    same_name,
    word_forms,
)
from reader.core.text import quoted_spans

DATE, TIME, MONEY, PERCENT, NUMBER, NAME, QUOTE = "date", "time", "money", "percent", "number", "name", "quote"
#: Every kind of fact, in the order a reader weighs them.
FACT_KINDS = (NUMBER, MONEY, PERCENT, DATE, TIME, NAME, QUOTE)

#: Years a bare four-digit number is read as: the span of dates news reports talk about.
YEAR_RANGE = (1900, 2099)
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

# A digit not after a word character. The lookbehind comes after the digit so that re can skip
# to the next digit instead of testing the lookbehind at every character (13 ms a megabyte, not 24).
_DIGITS_START_RE = re.compile(r"\d(?<!\w\d)")
_ANCHOR_WORDS = {**dict.fromkeys(_MONTHS, _MONTH_WORD), **dict.fromkeys(_WEEKDAYS, _WEEKDAY),
                 **dict.fromkeys(_NUMBER_WORDS, _NUMBER_WORD)}


def _trie_pattern(words) -> str:
    """One regular expression matching any of ``words``, the longest first, as a trie ("sep" and
    "september" share "sep"): re picks a trie's branch by one character and tries an
    alternation's sixty words one by one (25 ms a megabyte against 60 ms), and the str.find
    loop per word it replaces took 55 ms."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        parts = [re.escape(char) + branch(sub) for char, sub in sorted(node.items()) if char]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


# The anchor words in lowered text; a word that begins another ("sep", "september") is of its class.
_ANCHOR_WORD_RE = re.compile(_trie_pattern(_ANCHOR_WORDS))
_CURRENCY_SIGNS = "$£€¥"
_WORD_FORM_RE = re.compile(r"\w+(?:[’']\w+)*")

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
    ranges = [(0, n)] if names_within is None else merged_spans(names_within, n)
    taken = bytearray(n)  # 1: a character already inside a fact (quotations aside)
    facts: list[Fact] = []
    anchors = _anchors(text)
    positions: dict[frozenset, list[int]] = {}  # each pattern's anchors, in text order
    for kind, pattern, classes in _PATTERNS:
        wanted = frozenset(classes)
        if wanted not in positions:
            positions[wanted] = [p for p, anchor_class in anchors if anchor_class in classes]
        match = pattern.match
        for position in positions[wanted]:
            if taken[position]:
                continue
            m = match(text, position)
            if m is None:
                continue
            start, end = m.span()
            if taken.find(1, start, end) != -1:
                continue
            key = _key(kind, m)
            if key is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            facts.append(Fact(kind, start, end, text[start:end], key))
    numbers = {f.start: f.end for f in facts if f.kind == NUMBER}
    spans, absorbed = name_spans(text, taken, numbers, ranges)
    if absorbed:
        facts = [f for f in facts if not (f.kind == NUMBER and f.start in absorbed)]
    facts.extend(Fact(NAME, start, end, text[start:end], key) for start, end, key in spans)
    for q in quoted_spans(text):
        raw = text[q.start + 1:q.end - 1]
        inner = raw.strip(_QUOTE_TRIM)
        words = word_forms(inner)
        if words:  # the words without the marks and the comma or stop before the closing mark
            start = q.start + 1 + len(raw) - len(raw.lstrip(_QUOTE_TRIM))
            facts.append(Fact(QUOTE, start, start + len(inner), inner, words))
    facts.sort(key=lambda f: (f.start, f.end))
    return tuple(facts)


class TextFacts:
    """Whether a text states a fact anywhere (``states``), given its facts (``extract_facts``,
    names perhaps only in places): for names, whether it writes the beginnings of their words
    capitalised is asked of ``TextWords`` (one pass over the text, on the first question)."""

    def __init__(self, text: str, facts: tuple[Fact, ...]) -> None:
        self.text = text
        self.facts = facts
        self._exact = {(f.kind, f.key) for f in facts if f.kind != NAME}
        self._by_kind: dict[str, list[Fact]] = {}
        for f in facts:
            self._by_kind.setdefault(f.kind, []).append(f)
        self._words = TextWords(text)

    def facts_of(self, kind: str) -> list[Fact]:
        return self._by_kind.get(kind, [])

    def states(self, fact: Fact) -> bool:
        """Whether the text states ``fact``: for a name, whether it capitalises each of its
        words somewhere ("Israeli" for "Israel" too, ``NAME_PREFIX``); else whether it has a
        fact ``same_fact`` says is the same (a quotation: ``similar`` says alike)."""
        if fact.kind == NAME:
            return all(self._words.has_head(head) for head in name_heads(fact.text))
        if (fact.kind, fact.key) in self._exact:
            return True
        return fact.kind == DATE and any(same_fact(fact, f) for f in self.facts_of(DATE))


def _anchors(text: str) -> list[tuple[int, str]]:
    """Where a number, date, time or sum may start, and what starts there (``_DIGIT``, ``_SIGN``,
    ``_MONTH_WORD``, ``_WEEKDAY``, ``_NUMBER_WORD``): digits, a month, a weekday or a number word
    at a word's start, or a currency sign. Each pattern is tried only where it can start: a dozen
    passes of the facts' patterns over the whole text took ten times as long."""
    out = [(m.start(), _DIGIT) for m in _DIGITS_START_RE.finditer(text)]
    out.extend((at - 2 if text[max(0, at - 2):at] == "US" else at, _SIGN) for at in _sign_positions(text))
    low = text.lower()
    # A match never hides an anchor: the letters it takes all follow a letter, and an anchor
    # word starts only after a character that is not a letter or digit.
    out.extend((m.start(), _ANCHOR_WORDS[m.group()]) for m in _ANCHOR_WORD_RE.finditer(low)
               if m.start() == 0 or not low[m.start() - 1].isalnum())
    return sorted(set(out))


def _sign_positions(text: str):
    """Where a currency sign stands in ``text``: ``str.find`` skips to each of the four signs
    (rare in prose) far faster than a regular expression tests every character (0.3 ms a
    megabyte against 5)."""
    for sign in _CURRENCY_SIGNS:
        at = text.find(sign)
        while at != -1:
            yield at
            at = text.find(sign, at + 1)


def same_fact(f: Fact, g: Fact) -> bool:
    """Whether ``f`` and ``g`` (of one kind) state the same fact, however written."""
    if f.kind != g.kind:
        return False
    if f.kind == DATE:
        return _same_date(f.key, g.key)
    if f.kind == NAME:
        return same_name(f.key, g.key)
    return f.key == g.key


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
