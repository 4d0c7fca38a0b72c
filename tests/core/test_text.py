"""Tokens and normalisation: offsets, spelling folding, and stemming from several threads."""

import unicodedata
from concurrent.futures import ThreadPoolExecutor

from reader.core.text import _normalize_folded, normalize_word, quoted_spans, split_sentences, tokenize, word_count


def test_tokens_keep_offsets_and_fold_spelling():
    text = "Organisations and organizations’ colour"
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == ["Organisations", "and", "organizations", "colour"]
    assert tokens[0].norm == tokens[2].norm
    assert tokens[3].norm == normalize_word("color")


def test_stemming_is_safe_from_several_threads():
    words = [f"{stem}{suffix}" for stem in ("organis", "connect", "generat", "report", "publish")
             for suffix in ("ation", "ing", "ed", "ers", "ations", "ingly")]
    uncached = _normalize_folded.__wrapped__  # bypass the cache so every call really stems
    expected = [uncached(w) for w in words]

    def run(_):
        return [uncached(w) for w in words * 50]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for result in pool.map(run, range(16)):
            assert result == expected * 50


def _lf_offset(crlf_text: str):
    """Maps an offset in CRLF text to the same place in its LF version."""
    return lambda k: k - crlf_text.count("\r", 0, k)


def test_crlf_blank_line_ends_a_sentence_as_in_lf_text():
    lf = "Meta removes the accounts of Iran's leader\n\nThe company said on Thursday that he broke rules.\n"
    crlf = lf.replace("\n", "\r\n")
    to_lf = _lf_offset(crlf)
    sentences_lf = split_sentences(lf, tokenize(lf))
    sentences_crlf = split_sentences(crlf, tokenize(crlf))
    assert len(sentences_lf) == 2
    assert [(to_lf(s.start), to_lf(s.end)) for s in sentences_crlf] == [(s.start, s.end) for s in sentences_lf]
    assert crlf[sentences_crlf[0].start:sentences_crlf[0].end] == "Meta removes the accounts of Iran's leader"


def test_a_stray_quote_mark_stops_at_a_crlf_blank_line():
    lf = 'He said “we will look into it.\n\nLater a “full statement” followed.'
    crlf = lf.replace("\n", "\r\n")
    to_lf = _lf_offset(crlf)
    spans_lf = quoted_spans(lf)
    assert [lf[q.start:q.end] for q in spans_lf] == ["“full statement”"]
    assert [(to_lf(q.start), to_lf(q.end)) for q in quoted_spans(crlf)] == [(q.start, q.end) for q in spans_lf]


def test_decomposed_accents_stay_inside_their_word_and_match_composed_ones():
    composed = "La Société Générale a publié un rapport"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    tokens_c, tokens_d = tokenize(composed), tokenize(decomposed)
    assert [decomposed[t.start:t.end] for t in tokens_d] == decomposed.split()
    assert [t.norm for t in tokens_d] == [t.norm for t in tokens_c]


def test_astral_characters_keep_offsets():
    text = "😀 The 𝔘 leader’s accounts 👍🏽 were removed"
    assert [text[t.start:t.end] for t in tokenize(text)] == ["The", "𝔘", "leader’s", "accounts", "were", "removed"]


def test_text_without_sentence_ends_is_cut_into_even_pieces():
    from reader.core.text import MAX_SENTENCE_WORDS

    text = " ".join(f"word{k}" for k in range(2 * MAX_SENTENCE_WORDS + 1)) + ". Short one."
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    assert [s.last - s.first for s in sentences] == [40, 40, 41, 2]  # 121 words in three even pieces
    assert [(s.first, s.last) for s in sentences] == [(0, 40), (40, 80), (80, 121), (121, 123)]
    assert all(text[s.start:s.end] == text[tokens[s.first].start:tokens[s.last - 1].end] for s in sentences)


def test_word_count_agrees_with_the_engine():
    from reader.core.align import align
    from tests.conftest import seed_path

    a, b = (seed_path(n).read_text(encoding="utf-8") for n in (2, 3))
    summary = align(a, b).summary
    assert (word_count(a), word_count(b)) == (summary.words_a, summary.words_b)


def test_a_blank_line_before_a_lowercase_word_does_not_end_a_sentence():
    text = "Iranian-aligned hackers\n\ninterrupted some services in the\n\nUK.\n\nLater a statement followed.\n\nit was short."
    sentences = split_sentences(text, tokenize(text))
    assert [text[s.start:s.end] for s in sentences] == [
        "Iranian-aligned hackers\n\ninterrupted some services in the", "UK", "Later a statement followed",
        "it was short"]


def test_sentences_end_after_any_closing_quote_mark():
    for closing in ('"', "”", "»", "’"):
        text = f"He said {closing}stop.{closing} Then he left."
        assert len(split_sentences(text, tokenize(text))) == 2, closing


def test_apostrophes_of_every_style_give_one_word():
    forms = ["Iran's", "Iran’s", "Iran‘s", "Iranʼs"]
    tokens = [tokenize(f"the {w} leader") for w in forms]
    assert all(len(t) == 3 for t in tokens)
    assert len({t[1].norm for t in tokens}) == 1


def test_stray_straight_quote_marks_do_not_pair_far_apart():
    text = 'The 5" screen is bright. ' + "Nothing is quoted here. " * 10 + 'He called it "good" and "fast".'
    assert [text[q.start:q.end] for q in quoted_spans(text)] == ['"good"', '"fast"']
    text = 'A stray " mark, then "a real quote" ends.'
    assert [text[q.start:q.end] for q in quoted_spans(text)] == ['"a real quote"']


def test_a_curly_quote_reopened_before_it_closes_is_stray():
    text = "He said “we will look into it. Later a “full statement” followed."
    assert [text[q.start:q.end] for q in quoted_spans(text)] == ["“full statement”"]


def test_a_quotation_is_never_longer_than_the_bound():
    from reader.core.text import MAX_QUOTE_CHARS

    long_quote = "“" + "word " * (MAX_QUOTE_CHARS // 5) + "”"
    short_quote = "“" + "word " * 20 + "”"
    assert quoted_spans(long_quote) == []
    assert [(q.start, q.end) for q in quoted_spans(short_quote)] == [(0, len(short_quote))]


def test_an_initial_ends_a_sentence_only_before_a_capitalised_function_word():
    def cut(text):
        return [text[s.start:s.end] for s in split_sentences(text, tokenize(text))]

    # From the MSRP embedded set: the quotation was glued to a filler line and its 14 identical
    # words went unreported.
    assert cut("Training Unit - Captain Darryl A. In response, Medina issued a statement.") == [
        "Training Unit - Captain Darryl A", "In response, Medina issued a statement"]
    assert cut("He drew up Plan B. The board approved it.") == ["He drew up Plan B", "The board approved it"]
    assert cut("John F. Kennedy spoke. J. A. Smith and E. E. Cummings came.") == [
        "John F. Kennedy spoke", "J. A. Smith and E. E. Cummings came"]
