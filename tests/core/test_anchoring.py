"""Anchoring: selectors made on one text find their passage again after the text changed."""

import pytest

from reader.core.anchoring import (
    EXACT,
    FUZZY,
    MOVED,
    ORPHAN,
    Anchor,
    TextPositionSelector,
    TextQuoteSelector,
    anchor,
    content_hash,
    make_selectors,
)

QUOTE = ("“We have removed these accounts for repeatedly violating our Dangerous Organizations "
         "& Individuals policy,” a Meta spokesperson told CNN.")


@pytest.fixture
def text(seeds):
    return seeds(2).read_text(encoding="utf-8")


@pytest.fixture
def selectors(text):
    start = text.index(QUOTE)
    return make_selectors(text, start, start + len(QUOTE))


def found(text, a):
    return text[a.start:a.end]


def test_make_selectors_keeps_quote_context_and_offsets():
    text = "The quick brown fox jumps over the lazy dog."
    quote, position = make_selectors(text, 10, 19, context=6)
    assert quote == TextQuoteSelector("brown fox", "quick ", " jumps")
    assert position == TextPositionSelector(10, 19)
    quote, _ = make_selectors(text, 0, 3)
    assert quote.prefix == "" and quote.suffix == text[3:35]


@pytest.mark.parametrize("start,end", [(5, 5), (-1, 3), (40, 99)])
def test_make_selectors_refuses_empty_or_outside_spans(start, end):
    with pytest.raises(ValueError, match="empty or outside"):
        make_selectors("The quick brown fox jumps over the lazy dog.", start, end)


def test_unchanged_text_with_same_hash_is_exact(text, selectors):
    start = text.index(QUOTE)
    assert anchor(text, selectors, content_hash(text)) == Anchor(start, start + len(QUOTE), EXACT)


def test_text_edited_after_the_quote_keeps_it_exact(text, selectors):
    start = text.index(QUOTE)
    edited = text.replace("Tehran has officially denied", "Tehran has flatly denied")
    a = anchor(edited, selectors, content_hash(text))
    assert a == Anchor(start, start + len(QUOTE), EXACT)


def test_text_edited_before_the_quote_moves_it(text, selectors):
    start = text.index(QUOTE)
    edited = text.replace("By Rosa Rahimi, CNN", "By Rosa Rahimi and a colleague, CNN")
    a = anchor(edited, selectors, content_hash(text))
    assert a == Anchor(start + 16, start + 16 + len(QUOTE), MOVED)
    assert found(edited, a) == QUOTE


def test_text_edited_inside_the_quote_is_found_fuzzily(text, selectors):
    edited = text.replace("repeatedly violating", "violating, again and again,")
    a = anchor(edited, selectors, content_hash(text))
    assert a.status == FUZZY
    assert found(edited, a) == QUOTE.replace("repeatedly violating", "violating, again and again,")


def test_quote_edited_inside_and_moved_far_is_still_found(text, selectors):
    # Further than diff-match-patch's default Match_Distance (1000) from where it was.
    edited = "An editor's note.\n" * 200 + text.replace("a Meta spokesperson", "a spokesperson for Meta")
    a = anchor(edited, selectors, content_hash(text))
    assert a.status == FUZZY
    assert found(edited, a) == QUOTE.replace("a Meta spokesperson", "a spokesperson for Meta")


def test_start_of_quote_rewritten_is_found_from_its_end(text, selectors):
    edited = text.replace("“We have removed these", "“Meta took down these")
    a = anchor(edited, selectors, content_hash(text))
    assert a.status == FUZZY
    assert found(edited, a) == QUOTE.replace("We have removed these", "Meta took down these")


def test_short_quote_with_a_changed_letter_is_fuzzy(text):
    start = text.index("Khamenei")
    selectors = make_selectors(text, start, start + len("Khamenei"))
    edited = text.replace("Khamenei", "Khamenai")
    a = anchor(edited, selectors, content_hash(text))
    assert a == Anchor(start, start + 8, FUZZY)
    assert found(edited, a) == "Khamenai"


def test_removed_quote_is_an_orphan(text, selectors):
    edited = text.replace(QUOTE, "")
    assert anchor(edited, selectors, content_hash(text)) == Anchor(None, None, ORPHAN)
    assert anchor(edited, selectors, content_hash(text)).is_orphan


def test_quote_replaced_by_other_words_is_an_orphan(text, selectors):
    edited = text.replace(QUOTE, "Meta said the accounts broke its rules on dangerous people and groups.")
    assert anchor(edited, selectors, content_hash(text)).status == ORPHAN


def test_repeated_quote_is_told_apart_by_prefix_and_suffix():
    text = "Alpha said no to the plan. Beta said no to the budget. Gamma said no to the date."
    start = text.index("said no", text.index("Beta"))
    quote, _ = make_selectors(text, start, start + 7)
    edited = "Gamma said no to the date. Alpha said no to the plan. Beta said no to the budget."
    # Offsets pointing at Alpha's "said no" lose against the context naming Beta's.
    misleading = TextPositionSelector(edited.index("said no", edited.index("Alpha")), 0)
    misleading = TextPositionSelector(misleading.start, misleading.start + 7)
    beta = edited.index("said no", edited.index("Beta"))
    assert anchor(edited, (quote, misleading), content_hash(text)) == Anchor(beta, beta + 7, MOVED)


def test_equal_context_prefers_the_occurrence_nearest_the_old_offsets():
    text = "no no no no no"
    selectors = (TextQuoteSelector("no"), TextPositionSelector(6, 8))
    assert anchor("no no no no no", selectors) == Anchor(6, 8, EXACT)
    assert anchor("xx no no no no no", selectors) == Anchor(6, 8, EXACT)
    assert anchor("x no no no no no", selectors) == Anchor(5, 7, MOVED)
    assert anchor(text[:3], selectors) == Anchor(0, 2, MOVED)


def test_same_hash_with_offsets_outside_the_text_falls_back_to_the_quote(text, selectors):
    quote, _ = selectors
    a = anchor(text, (quote, TextPositionSelector(10_000_000, 10_000_010)), content_hash(text))
    assert a.status == MOVED and found(text, a) == QUOTE


def test_offsets_alone_anchor_only_on_the_same_text(text):
    position = TextPositionSelector(10, 20)
    assert anchor(text, (position,), content_hash(text)) == Anchor(10, 20, EXACT)
    assert anchor(text + "!", (position,), content_hash(text)).status == ORPHAN


def test_empty_text_or_empty_quote_is_an_orphan(selectors):
    assert anchor("", selectors).status == ORPHAN
    assert anchor("some text", (TextQuoteSelector(""), TextPositionSelector(0, 4))).status == ORPHAN


def test_content_hash_is_sha256_of_utf8():
    assert content_hash("é") == "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"


def test_quote_edited_at_both_ends_is_found_by_its_middle(text, selectors):
    edited = text.replace("“We have removed these", "“We removed these").replace(
        "a Meta spokesperson told CNN.", "a Meta spokesperson said.")
    a = anchor(edited, selectors, content_hash(text))
    assert a.status == FUZZY
    assert found(edited, a) == ("“We removed these accounts for repeatedly violating our Dangerous "
                                "Organizations & Individuals policy,” a Meta spokesperson said.")


def test_tail_replaced_by_shorter_words_ends_where_the_suffix_resumes(text, selectors):
    edited = text.replace("a Meta spokesperson told CNN.", "the company said.")
    a = anchor(edited, selectors, content_hash(text))
    assert a.status == FUZZY
    assert found(edited, a).endswith("policy,” the company said.")


def test_anchoring_hashes_texts_with_the_documents_function():
    """One definition of a text's hash: annotations and documents must never disagree."""
    from reader.core import anchoring, documents

    assert anchoring.content_hash is documents.content_hash
