"""Rewrites: short hand-made pairs with exact expected spans, and the verdicts on the seeds."""

from __future__ import annotations

from reader.core.align import align
from reader.core.corpus import pair_verdict
from reader.core.matches import VERBATIM
from tests.conftest import seed_path

KAY_A = ("Kay was sent to Iraq to co-ordinate efforts to find the weapons that US intelligence reported "
         "before the invasion that ousted Iraqi president Saddam Hussein had.")
KAY_B = ("Kay was sent to Iraq this summer to coordinate efforts to find the weapons that U.S. intelligence "
         "reported before the war that Saddam Hussein had.")


def test_two_single_sentences_restating_each_other_are_one_whole_passage():
    result = align(KAY_A, KAY_B)
    assert [(m.a_start, m.a_end, m.b_start, m.b_end) for m in result.matches] == \
        [(0, len(KAY_A) - 1, 0, len(KAY_B) - 1)]  # the whole sentences, full stops aside
    assert 0.5 < result.matches[0].score < 1.0


def test_a_lone_restated_sentence_between_unrelated_ones_is_found():
    # Both next sentences open with "The": the passage may grow over it, but the restatement
    # is judged on its own sentences, not on the unrelated ones that word belongs to.
    a = ("Officials in the northern province counted the ballots twice on Sunday. Several relatives of the "
         "victims were in court to witness the proceedings, but few local residents attended the trial. "
         "The weather turned cold across the region by evening, and roads were closed.")
    b = ("Markets in Asia rallied after a quiet week of trading in Tokyo. Several relatives of the victims "
         "sat in the front row of the court, but few local residents attended the trial. The museum "
         "reopened its east wing after two years of repairs.")
    matches = align(a, b).matches
    assert len(matches) == 1
    m = matches[0]
    assert a[m.a_start:].startswith("Several relatives") and b[m.b_start:].startswith("Several relatives")
    assert "trial" in a[m.a_start:m.a_end] and "trial" in b[m.b_start:m.b_end]
    assert "weather" not in a[m.a_start:m.a_end] and "museum" not in b[m.b_start:m.b_end]


def test_an_unrelated_sentence_is_not_linked():
    other = "The central bank left interest rates unchanged on Thursday, citing slowing inflation in the region."
    assert align(KAY_A, other).matches == ()


SOURCE = [
    "The city council approved a new budget for public libraries on Monday evening.",
    "The plan adds two million dollars for longer opening hours and new computers.",
    "Critics said the money should have gone to repairing roads in the northern districts.",
    "The mayor promised a separate vote on road repairs before the end of the year.",
]
REWRITE = [
    "On Monday evening, councillors approved fresh funding for the city's public libraries.",
    "Longer opening hours and new computers will be paid for with an extra two million dollars.",
    "Some critics argued the money was needed to repair roads in northern districts instead.",
    "A separate vote on repairing the roads was promised by the mayor before the year ends.",
]


def _spans(sentences: list[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for s in sentences:
        out.append((at, at + len(s)))
        at += len(s) + 1
    return out


def test_a_sentence_by_sentence_rewrite_links_every_sentence_to_its_source():
    a, b = " ".join(SOURCE), " ".join(REWRITE)
    result = align(a, b)
    linked = set()
    for m in result.matches:
        for k, (bs, be) in enumerate(_spans(REWRITE)):
            if m.b_start < be and bs < m.b_end:
                as_, ae = _spans(SOURCE)[k]
                assert m.a_start < ae and as_ < m.a_end, (k, m)  # linked to its own source sentence
                linked.add(k)
    assert linked == {0, 1, 2, 3}
    verdict = pair_verdict(result, a, b)
    assert verdict.relation == "rewrite"


def test_a_copy_that_differs_only_in_whitespace_and_case_is_verbatim():
    a = "Officials confirmed that the bridge will close for repairs next month, and traffic will be diverted."
    b = a.replace(" ", "\n").upper()
    result = align(a, b)
    assert [(m.a_start, m.a_end, m.b_start, m.b_end, m.kind) for m in result.matches] == \
        [(0, len(a) - 1, 0, len(b) - 1, VERBATIM)]
    assert result.matches[0].score == 1.0


def test_the_seed_rewrites_are_called_rewrites_and_the_independent_reports_are_not():
    text = {k: seed_path(k).read_text(encoding="utf-8") for k in range(5)}
    for a, b in ((2, 3), (3, 4)):
        assert pair_verdict(align(text[a], text[b]), text[a], text[b]).relation == "rewrite", (a, b)
    for a, b in ((0, 1), (0, 2), (1, 2)):
        assert pair_verdict(align(text[a], text[b]), text[a], text[b]).relation != "rewrite", (a, b)


def _whole(sentences: list[str], k: int, last: int | None = None) -> tuple[int, int]:
    """Character span of sentences ``k..last`` of ``" ".join(sentences)``, final full stop aside."""
    spans = _spans(sentences)
    return spans[k][0], spans[k if last is None else last][1] - 1


def test_a_sentence_split_in_two_links_both_halves_to_its_source():
    split = [
        REWRITE[0],
        "Longer opening hours will be paid for with part of an extra two million dollars.",
        "The rest of the two million dollars goes to new computers for the libraries.",
        REWRITE[2],
        REWRITE[3],
    ]
    result = align(" ".join(SOURCE), " ".join(split))
    assert [(m.a_start, m.a_end, m.b_start, m.b_end) for m in result.matches] == [
        (*_whole(SOURCE, 0), *_whole(split, 0)),
        (*_whole(SOURCE, 1), *_whole(split, 1, 2)),  # one to two
        (*_whole(SOURCE, 2), *_whole(split, 3)),
        (*_whole(SOURCE, 3), *_whole(split, 4)),
    ]


def test_sentences_reordered_within_a_rewrite_keep_their_own_sources():
    reordered = [REWRITE[0], REWRITE[2], REWRITE[1], REWRITE[3]]
    result = align(" ".join(SOURCE), " ".join(reordered))
    assert sorted((m.b_start, m.b_end, m.a_start, m.a_end) for m in result.matches) == [
        (*_whole(reordered, 0), *_whole(SOURCE, 0)),
        (*_whole(reordered, 1), *_whole(SOURCE, 2)),
        (*_whole(reordered, 2), *_whole(SOURCE, 1)),
        (*_whole(reordered, 3), *_whole(SOURCE, 3)),
    ]


def test_reworded_passages_start_and_end_at_sentence_bounds_and_keep_brackets():
    # 002 ends a sentence with "told CNN." where 003 does too: the next, reworded sentence's
    # passage must not open with that stray "CNN."; and "(CNN)", "(FTO)" keep both brackets.
    a = seed_path(2).read_text(encoding="utf-8")
    b = seed_path(3).read_text(encoding="utf-8")
    texts_a = [a[m.a_start:m.a_end] for m in align(a, b).matches]
    assert any(t.startswith("The policy does not allow") for t in texts_a)
    assert not any(t.startswith("CNN.") for t in texts_a)
    assert any(t.startswith("(CNN) — Meta has removed") for t in texts_a)
    assert any(t.endswith("Foreign Terrorist Organization (FTO)") for t in texts_a)
