"""The verdict on a pair: hand-made texts and hand-built alignments with exact expected verdicts;
and the independent seed reports (000, 001) are never called rewrites, whatever the engine finds."""

import pytest

from reader.core.align import align
from reader.core.corpus import pair_verdict
from reader.core.coverage import percent, share_figure
from reader.core.documents import load_document
from reader.core.matches import PARAPHRASE, QUOTE, VERBATIM, Alignment, Match, Summary
from reader.core.text import tokenize
from reader.core.verdict import COPIES, NONE, QUOTATION, REWRITE, SHARED, SentenceCounts, judge, sentence_counts
from tests.conftest import seed_path

SOURCE = ("The council approved the new budget on Monday. Spending on schools rises by a tenth. "
          "Roads get less money than last year. The mayor called the vote historic. "
          "Critics said the plan ignores housing. A final vote is due in March.")
S = [s if s.endswith(".") else s + "." for s in SOURCE.split(". ")]  # the six sentences of SOURCE


def sentences(*parts: str) -> str:
    return " ".join(parts)


def match(a_text, b_text, a_part, b_part, kind=PARAPHRASE, occurrence_b=0):
    a0 = a_text.index(a_part)
    b0 = b_text.index(b_part) if not occurrence_b else b_text.index(b_part, occurrence_b)
    return Match(a0, a0 + len(a_part), b0, b0 + len(b_part), kind, 0.8, shared_words=5)


def alignment(matches, share_a=0.5, share_b=0.6):
    matches = tuple(sorted(matches, key=lambda m: (m.a_start, m.b_start)))
    return Alignment(matches, Summary(share_a, share_b, len(matches), 0))


# B restates four of A's sentences in A's order (reworded) and adds one of its own.
B_REWRITE = sentences("On Monday the council passed its new budget.", "School spending goes up by ten percent.",
                      "Roads will receive less money than a year ago.", "The mayor said the vote was historic.",
                      "Residents can comment online until Friday.")
B_PARTS = B_REWRITE.split("Residents")[0].replace(". ", ".|").strip().split("|")


def rewrite_matches(a=SOURCE, b=B_REWRITE, order=(0, 1, 2, 3)):
    return [match(a, b, S[i], B_PARTS[k]) for k, i in enumerate(order)]


def test_a_rewrite_with_known_direction():
    v = judge(alignment(rewrite_matches(), 0.6, 0.8), SOURCE, B_REWRITE, relation="derived", source="a",
              basis="dates")
    assert (v.relation, v.later, v.source, v.evidence) == (REWRITE, "b", "a", "dates")
    assert v.sentences_b == SentenceCounts(total=5, restating=4, in_order=4, quoting=0)
    assert (v.sentences_total, v.sentences_restating, v.sentences_in_order, v.sentences_new) == (5, 4, 4, 1)
    assert v.sentences_a == SentenceCounts(total=6, restating=4, in_order=4, quoting=0)
    assert v.passages == 4 and v.share == 0.8 and v.direction_known
    assert v.describe() == "B is a rewrite of A: 4 of its 5 sentences restate A, in A's order; 1 is new."
    assert v.explain_direction() == "A was published first."
    assert v.describe(("the CNN report", "the blog post")).startswith("the blog post is a rewrite of the CNN report")


def test_sentences_out_of_order_are_counted_by_the_longest_run_in_order():
    # B's four restating sentences follow A's sentences 0, 2, 1, 3: three of them keep A's order.
    b = sentences("On Monday the council passed its new budget.", "Roads will receive less money than a year ago.",
                  "School spending goes up by ten percent.", "The mayor said the vote was historic.",
                  "Residents can comment online until Friday.")
    parts = b.split("Residents")[0].replace(". ", ".|").strip().split("|")
    matches = [match(SOURCE, b, S[i], parts[k]) for k, i in enumerate((0, 2, 1, 3))]
    v = judge(alignment(matches), SOURCE, b, relation="derived", source="a", basis="quotations")
    assert (v.sentences_restating, v.sentences_in_order) == (4, 3)
    assert v.describe() == "B is a rewrite of A: 4 of its 5 sentences restate A, 3 of them in A's order; 1 is new."
    assert v.explain_direction() == ("A came first: it quotes word for word what B reports without "
                                     "quotation marks.")


def test_passages_in_a_text_mostly_its_own_are_copies():
    b = sentences("On Monday the council passed its new budget.", "School spending goes up by ten percent.",
                  "Residents can comment online until Friday.", "The library will open on Sundays.",
                  "Parking fees stay the same.", "Bus fares rise in April.")
    parts = ["On Monday the council passed its new budget.", "School spending goes up by ten percent."]
    matches = [match(SOURCE, b, S[0], parts[0]), match(SOURCE, b, S[1], parts[1])]
    v = judge(alignment(matches, 0.3, 0.3046), SOURCE, b, relation="derived", source="a", basis="containment")
    assert (v.relation, v.later, v.sentences_restating, v.sentences_total) == (COPIES, "b", 2, 6)
    assert v.describe() == "B copies passages of A (2 passages, 30% of B)."
    assert v.explain_direction() == "A came first: B is largely made of A's text, more than A is of B's."


def test_half_of_the_sentences_is_not_most_and_a_short_text_needs_three():
    b = sentences(*B_PARTS, "Residents can comment online.", "The library opens on Sundays.",
                  "Parking fees stay the same.", "Bus fares rise in April.")
    v = judge(alignment(rewrite_matches(b=b)), SOURCE, b, relation="derived", source="a")
    assert (v.sentences_restating, v.sentences_total, v.relation) == (4, 8, COPIES)
    short = sentences(*B_PARTS[:2])
    v = judge(alignment(rewrite_matches(b=short, order=(0, 1))), SOURCE, short, relation="derived", source="a")
    assert (v.sentences_restating, v.sentences_total, v.relation) == (2, 2, COPIES)


def test_without_a_known_direction_the_text_says_so():
    v = judge(alignment(rewrite_matches()), SOURCE, B_REWRITE, relation="derived")
    assert (v.relation, v.later, v.source, v.evidence, v.direction_known) == (REWRITE, "b", None, None, False)
    assert v.describe() == ("B restates A: 4 of its 5 sentences say what A says, in A's order; 1 is new; "
                            "which came first is not known.")
    assert v.explain_direction() == ""
    assert v.to_json()["direction"] == "unknown"


def test_two_texts_restating_each_other_equally_single_out_neither():
    a = sentences(*S[:4], "Officials will publish the details later.")
    v = judge(alignment(rewrite_matches(a=a), 0.8, 0.8), a, B_REWRITE, relation="derived")
    assert (v.relation, v.later) == (REWRITE, None)
    assert v.describe() == ("A and B restate each other: 4 of B's 5 sentences and 4 of A's 5 say what the "
                            "other says; which came first is not known.")


def test_a_passage_or_two_in_common_is_not_called_copying():
    v = judge(alignment(rewrite_matches(order=(0,)), 0.1, 0.12), SOURCE, B_REWRITE, relation="shared")
    assert (v.relation, v.later, v.source) == (SHARED, None, None)
    assert v.describe() == "A and B share 1 passage (12% of B, 10% of A): too little to say one copied the other."
    assert v.to_json()["direction"] is None


def test_quotation_only_and_nothing_shared():
    a = 'The minister said "we will not raise taxes this year" at the launch. Markets were calm.'
    b = 'Asked about the budget, she repeated: "we will not raise taxes this year". Bonds fell.'
    quote = '"we will not raise taxes this year"'
    v = judge(alignment([match(a, b, quote, quote, QUOTE)], 0.4, 0.4), a, b, relation="quote")
    assert (v.relation, v.quote_passages, v.later) == (QUOTATION, 1, None)
    assert v.describe() == "A and B share a quotation only."
    assert v.sentences_b.quoting == 1 and v.sentences_b.new == 1
    v = judge(Alignment((), Summary(0.0, 0.0, 0, 0)), a, b, relation=None)
    assert (v.relation, v.passages, v.share) == (NONE, 0, 0.0)
    assert v.describe() == "No shared text."


def test_a_sentence_restates_only_when_half_of_its_words_are_covered():
    a = "The storm closed every school in the county on Tuesday morning."
    b = "Parents were told late at night that every school in the county would stay shut."
    m = match(a, b, "every school in the county", "every school in the county", VERBATIM)
    counts = sentence_counts(b, tokenize(b), [(m.b_start, m.b_end, m.a_start, m.a_end, m.kind)])
    assert counts == SentenceCounts(total=1, restating=0, in_order=0, quoting=0)  # 5 of 16 words


def test_page_furniture_is_not_counted_as_sentences():
    b = "Skip to Content\n\nBy A Reporter, Example News\n\n" + B_REWRITE
    v = judge(alignment(rewrite_matches(b=b)), SOURCE, b, relation="derived", source="a")
    assert (v.sentences_total, v.sentences_restating, v.relation) == (5, 4, REWRITE)


def test_swapping_the_sides_swaps_the_verdict():
    al = alignment(rewrite_matches(), 0.6, 0.8)
    v = judge(al, SOURCE, B_REWRITE, relation="derived", source="a", basis="dates")
    w = judge(al.swapped(), B_REWRITE, SOURCE, relation="derived", source="b", basis="dates")
    assert w == v.swapped() and w.swapped() == v
    assert w.describe() == "A is a rewrite of B: 4 of its 5 sentences restate B, in B's order; 1 is new."


def test_pair_verdict_takes_the_direction_from_publication_dates():
    al = alignment(rewrite_matches(), 0.6, 0.8)
    v = pair_verdict(al, SOURCE, B_REWRITE, "2024-02-09", "2024-02-10")
    assert (v.relation, v.later, v.evidence) == (REWRITE, "b", "dates")
    v = pair_verdict(al, SOURCE, B_REWRITE, "2024-02-11", "2024-02-10")
    assert (v.later, v.source, v.evidence, v.relation) == ("a", "b", "dates", REWRITE)
    assert v.describe() == "A is a rewrite of B: 4 of its 6 sentences restate B, in B's order; 2 are new."


def test_the_json_form_has_every_field():
    v = judge(alignment(rewrite_matches(), 0.6, 0.8), SOURCE, B_REWRITE, relation="derived", source="a",
              basis="dates")
    assert v.to_json() == {
        "relation": "rewrite", "later": "b", "sentences_total": 5, "sentences_restating": 4,
        "sentences_in_order": 4, "sentences_quoting": 0, "sentences_new": 1, "passages": 4,
        "quote_passages": 0, "share": 0.8, "direction": "known", "evidence": "dates",
        "text": "B is a rewrite of A: 4 of its 5 sentences restate A, in A's order; 1 is new.",
        "direction_text": "A was published first."}


def test_one_share_figure_and_one_way_to_print_it():
    assert share_figure(0.41708542713567837) == 0.4171
    assert (percent(0.41708542713567837), percent(0.004), percent(0.0), percent(1.0)) == ("42%", "<1%", "0%", "100%")


@pytest.mark.parametrize("x, y", [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (0, 4), (1, 4)])
def test_independent_reports_are_never_rewrites(x, y):
    """000 and 001 report the event in their own words: whatever passages the engine finds with
    each other or with 002 (and its rewrites 003, 004), neither is a rewrite, in either order."""
    a, b = load_document(seed_path(x)), load_document(seed_path(y))
    for first, second in ((a, b), (b, a)):
        v = pair_verdict(align(first.text, second.text), first.text, second.text)
        assert v.relation != REWRITE, v.describe()
        assert "rewrite" not in v.describe() and "restate" not in v.describe()


def test_the_derivation_graph_draws_the_same_share():
    """The graph's edges (their thickness) use the one share figure, not the body-only measure."""
    from reader.core.corpus import CorpusDoc, scan

    docs = [CorpusDoc(n, load_document(seed_path(n)).text) for n in range(5)]
    result = scan(docs, workers=1)
    records = {frozenset((r.a, r.b)): r for r in result.records}
    graph = result.graph()
    for e in graph.edges:
        assert e.share == records[frozenset((e.source, e.copy))].share_of(e.copy)
    for e in graph.links:
        r = records[frozenset((e.source, e.copy))]
        assert e.share == max(r.share_a, r.share_b)
    for r in result.records:  # each record carries its verdict, with the same shares
        assert (r.verdict.share_a, r.verdict.share_b) == (r.share_a, r.share_b)
