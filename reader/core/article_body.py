"""Which words of a text belong to its article body, as opposed to page furniture.

A scraped page carries menus, a headline, photo captions, a byline and a footer around the
article (seed 002 has about 170 words of them). Questions about the *article* — how much of it
lies in shared passages, how many of its sentences restate another text — must not count them,
or the original looks like the copy and a rewrite looks half new. Body lines are those that end
like a sentence; a text with no such line is all body.

Pure functions; must not import Qt, storage or the alignment engine.
"""

from __future__ import annotations

import re

from reader.core.text import Token, tokenize

#: A line is article text (not page furniture) when it ends like a sentence.
SENTENCE_END_RE = re.compile(r"[.!?…:;][\"”’')\]]*\s*$")


def body_tokens(text: str, tokens: list[Token] | None = None) -> list[Token]:
    """The tokens of ``text`` (``tokenize(text)`` unless given) that belong to its article body."""
    if tokens is None:
        tokens = tokenize(text)
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if SENTENCE_END_RE.search(line):
            spans.append((pos, end))
        pos = end + 1
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
