"""The whole-text questions changed facts ask, answered by single regular-expression passes:
anchors where a number, date or sum may start, and ``TextWords`` (lower-case words, words
capitalised inside a sentence, heads of capitalised words)."""

from __future__ import annotations

import pytest

from reader.core.fact_extract import _anchors
from reader.core.fact_names import _LOWER_WORD_RE, TextWords, lower_case_words, name_heads
from reader.core.text import WORD_RE, distinct_words, tokenize
from tests.conftest import seed_path


def test_anchors_start_words_and_numbers_not_inside_them():
    text = "In Sept. 2023, often twelve_x _jan 5 x7 US$5 and September"
    anchors = _anchors(text)
    found = {(text[p:p + 4], kind) for p, kind in anchors}
    assert [text[p:p + 4] for p, kind in anchors if kind == "month"] == ["Sept", "jan ", "Sept"]
    assert ("twel", "number word") in found
    assert ("jan ", "month") in found  # after "_", which is not a letter or digit
    assert ("5 x7", "digit") in found and not any(s.startswith("7") for s, _ in found)
    assert ("US$5", "sign") in found
    assert not any(s.startswith("ten") for s, _ in found)  # "often" holds "ten"


def test_words_capitalised_inside_a_sentence_follow_each_other():
    words = TextWords("It was x Ab Cd, then “Ef and (Gh. Ij said. Then Mn said; Kl")
    # "Cd" follows "Ab": its lower-case "b" counts, though it ends the word before
    assert all(words.capitalised_inside(w) for w in ("Ab", "Cd", "Ef", "Gh", "Kl"))
    assert not words.capitalised_inside("It") and not words.capitalised_inside("Then")
    assert not words.capitalised_inside("Ij")  # after a full stop


def test_lower_case_words_are_whole_words():
    words = TextWords("Tehran and café, the_end and Meta")
    assert words.written("and") and words.written("the_end") is False
    assert not words.written("caf") and not words.written("tehran") and not words.written("meta")


WORDY = ("don't café e\u0301te\u0301 abc_def x1y U.S. naïve 1,200 it's “quoted” ÉCOLE école a-b ab.cd "
         "ab,cd A.b _x x_ \u0301ab ab\u0301 Ünter über 3rd o’clock")


@pytest.mark.parametrize("text", ["", WORDY] + [seed_path(n).read_text(encoding="utf-8") for n in range(5)])
def test_lower_case_words_from_distinct_words_are_the_whole_text_pass(text):
    # What ``written`` now asks of the text's distinct words is what one pass over it finds,
    # before and after ``tokenize`` has left its words for ``distinct_words``.
    whole_text = set(_LOWER_WORD_RE.findall(text))
    assert distinct_words(text) == frozenset(WORD_RE.findall(text))
    assert lower_case_words(distinct_words(text)) == whole_text
    tokenize(text)
    assert distinct_words(text) == frozenset(WORD_RE.findall(text))
    assert lower_case_words(distinct_words(text)) == whole_text


def test_heads_of_capitalised_words_and_initials():
    words = TextWords("The U.S. and Israeli forces. Article 19 said.x A.B.C")
    assert name_heads("U.S. State") == ["US", "Stat"]
    assert words.has_head("US") and words.has_head("Isra") and words.has_head("19")
    assert words.has_head("AB")  # "A.B." before a letter that is not an initial
    assert not words.has_head("Stat") and not words.has_head("x")
