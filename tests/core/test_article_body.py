"""The article body as flags (``text_layout``) is the body ``body_tokens`` gives, and counting
over flags counts what walking the tokens counts."""

import random

import pytest

from reader.core.align import tokens_inside
from reader.core.article_body import (
    SENTENCE_END_RE,
    _ends_like_sentence,
    body_tokens,
    count_all,
    span_flags,
    text_layout,
)
from reader.core.text import split_sentences, tokenize
from reader.core.verdict import _counterpart_position, _Counterparts
from tests.conftest import seed_path

TEXTS = [
    "",
    "menu\nhome\nno sentence ends here",
    "Breaking news\nBy A. Writer\n\nThe minister spoke on Monday. She said “we will act”.\nPhoto: AFP\n",
    "One line ending well.\r\nAnother line ending well;\r\nnav | links\r\n",
    "   \n\n...\n",
]


@pytest.mark.parametrize("text", TEXTS + [seed_path(n).read_text(encoding="utf-8") for n in range(5)])
def test_layout_body_is_body_tokens(text):
    tokens = tokenize(text)
    layout = text_layout(text, tokens)
    body = body_tokens(text, tokens)
    assert [t for t, flag in zip(tokens, layout.body) if flag] == body
    assert layout.body_count == len(body)
    assert layout.sentences == split_sentences(text, tokens)
    assert layout.starts == [t.start for t in tokens]


LINE_ENDS = ["", " ", ".", "a. ", 'a."', 'a. "', '"', "a.)", "x;\r", "x:\t", "a…’ ", "a.\u00a0", "a.\u2028",
             '")', "end ]", "a?!", "a.b", "a. b", "It ended.” ’", "menu |", "(see above)", "Q: "]


@pytest.mark.parametrize("line", LINE_ENDS + seed_path(2).read_text(encoding="utf-8").split("\n"))
def test_a_line_ends_like_a_sentence_as_the_pattern_says(line):
    # The string test is the pattern's meaning, made faster: the two must never disagree.
    assert _ends_like_sentence(line) == bool(SENTENCE_END_RE.search(line))


def test_flags_count_the_tokens_inside_spans():
    text = seed_path(2).read_text(encoding="utf-8")
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    rng = random.Random(3)
    for _ in range(50):
        spans = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randrange(len(text))
            spans.append((s, s + rng.randint(0, 400)))
        quotes = [(s, s + 80) for s in range(0, len(text), 300)]
        inside = span_flags(starts, spans)
        assert [t for t, flag in zip(tokens, inside) if flag] == tokens_inside(tokens, spans)
        assert count_all(inside, span_flags(starts, quotes)) == len(tokens_inside(tokens_inside(tokens, spans), quotes))


def test_counterpart_is_the_passage_overlapping_most():
    rng = random.Random(11)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(1, 12)):
            s = rng.randrange(0, 2000)
            o = rng.randrange(0, 2000)
            spans.append((s, s + rng.randint(0, 300), o, o + rng.randint(0, 300), "paraphrase"))
        counterparts = _Counterparts(spans)
        for _ in range(10):
            start = rng.randrange(0, 2100)
            end = start + rng.randint(1, 200)
            assert counterparts.position(start, end) == _counterpart_position(start, end, spans)
