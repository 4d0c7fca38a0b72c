"""Which words of a text belong to its article body, as opposed to page furniture.

A scraped page carries menus, a headline, photo captions, a byline and a footer around the
article (seed 002 has about 170 words of them). Questions about the *article* — how much of it
lies in shared passages, how many of its sentences restate another text — must not count them,
or the original looks like the copy and a rewrite looks half new. Body lines are those that end
like a sentence; a text with no such line is all body.

``TextLayout`` holds the same answer for counting: one flag per token, with the tokens' start
offsets, so "how many body words lie inside these passages" is a few slices and a bit count,
not a walk over every token (the verdict asks it about two 1 MB texts).

Pure functions; must not import Qt, storage or the alignment engine.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from reader.core.text import Sentence, Token, split_sentences, tokenize

#: A line is article text (not page furniture) when it ends like a sentence.
SENTENCE_END_RE = re.compile(r"[.!?…:;][\"”’')\]]*\s*$")
# ``SENTENCE_END_RE`` as string operations: spaces, then closing marks, stripped from the end,
# then a sentence end. (A search of the pattern tried every character of every line: 12 ms a
# megabyte, against 3.)
_SENTENCE_ENDS = ".!?…:;"
_CLOSING_MARKS = "\"”’')]"


def _ends_like_sentence(line: str) -> bool:
    """Whether ``SENTENCE_END_RE`` finds a match in ``line`` (a line: no "\\n" in it)."""
    # str.rstrip() and the pattern's \s strip the same (Unicode) whitespace.
    rest = line.rstrip().rstrip(_CLOSING_MARKS)
    return rest != "" and rest[-1] in _SENTENCE_ENDS


def _body_lines(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the lines of ``text`` that end like a sentence."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if _ends_like_sentence(line):
            spans.append((pos, end))
        pos = end + 1
    return spans


def body_tokens(text: str, tokens: list[Token] | None = None) -> list[Token]:
    """The tokens of ``text`` (``tokenize(text)`` unless given) that belong to its article body."""
    if tokens is None:
        tokens = tokenize(text)
    spans = _body_lines(text)
    if not spans:
        return tokens
    body = []
    k = 0
    for t in tokens:
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k == len(spans):
            break
        if spans[k][0] <= t.start:
            body.append(t)
    return body or tokens


@dataclass(frozen=True, slots=True)
class TextLayout:
    """One text's tokens, body and sentences, in the form counting over spans needs.

    ``body[k]`` is 1 when ``tokens[k]`` belongs to the article body (exactly the tokens
    ``body_tokens`` returns), else 0; ``sentences`` are ``split_sentences(text, tokens)``.
    Make one with ``text_layout``; it is read-only by convention (bytearrays are mutable).
    """

    text: str
    tokens: list[Token]
    #: ``tokens[k].start`` for every k, ascending: tokens inside a span are one bisect away.
    starts: list[int]
    body: bytearray
    body_count: int
    sentences: list[Sentence]

    def inside(self, spans) -> bytearray:
        """One flag per token: 1 when it starts inside the union of the half-open character
        ``spans`` (as ``reader.core.align.tokens_inside`` decides), else 0."""
        return span_flags(self.starts, spans)


def span_flags(starts: list[int], spans) -> bytearray:
    """Flags over the tokens whose (ascending) start offsets are ``starts``: 1 for a token that
    starts inside the union of the half-open character ``spans``."""
    flags = bytearray(len(starts))
    for s, e in spans:
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        if hi > lo:
            flags[lo:hi] = b"\x01" * (hi - lo)
    return flags


def count_all(*flags: bytearray) -> int:
    """How many positions are 1 in every one of ``flags`` (flag arrays of one length)."""
    acc = int.from_bytes(flags[0], "little")
    for f in flags[1:]:
        acc &= int.from_bytes(f, "little")
    return acc.bit_count()


def text_layout(text: str, tokens: list[Token] | None = None, sentences: list[Sentence] | None = None,
                starts: list[int] | None = None) -> TextLayout:
    """The ``TextLayout`` of ``text``: its tokens are ``tokenize(text)`` unless given, and its
    sentences ``split_sentences(text, tokens)``, its tokens' starts listed, unless given (the
    engine has all three already)."""
    if tokens is None:
        tokens = tokenize(text)
    if starts is None:
        starts = [t.start for t in tokens]
    body = span_flags(starts, _body_lines(text))
    count = body.count(1)
    if not count:  # no line ends like a sentence, or none holds a word: all is body
        body = bytearray(b"\x01") * len(tokens)
        count = len(tokens)
    if sentences is None:
        sentences = split_sentences(text, tokens)
    return TextLayout(text, tokens, starts, body, count, sentences)
