"""Verbatim is never missed: a copy that differs from its original only in whitespace, quote
marks, dashes or case is one verbatim passage covering the copy; and no passage links unrelated
text (quotations must share their words, a passage's two sides stay within ``MAX_SIDE_RATIO``)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import align
from reader.core.classify import MAX_SIDE_RATIO
from reader.core.config import AlignConfig
from reader.core.matches import VERBATIM
from tests.conftest import seed_path
from tests.core.test_align import COPIED, FILLER_A, FILLER_B
from tests.core.test_align_properties import configs, pairs


def read(n):
    return seed_path(n).read_text(encoding="utf-8")


# A paragraph of the CNN report (seed 002) that seed 003 rewrites: a copy of it whose sentences
# are cut differently was partly linked to the rewrite, as a loose paraphrase.
HACKERS = ("In early December 2023, Iranian-aligned hackers interrupted some streaming television services "
           "in the UAE, Canada, and the UK, and replaced them with a deepfake news video featuring an "
           "apparently AI-generated news anchor that claimed to show images of Palestinians injured and "
           "killed from Israeli military operations.")


def _broken(text: str, style: str) -> str:
    """``text`` with its spaces turned into line breaks (every third), blank lines (every seventh), ..."""
    words = text.split(" ")
    seps = {
        "lines-and-blank-lines": lambda k: "\n\n" if k % 7 == 0 else "\n" if k % 3 == 0 else " ",
        "every-space-a-line-break": lambda k: "\n",
        "every-space-a-blank-line": lambda k: "\n\n",
        "crlf-blank-lines": lambda k: "\r\n\r\n" if k % 4 == 0 else " ",
        "tabs-and-no-break-spaces": lambda k: " \t " if k % 2 else "\u00a0",
    }[style]
    return words[0] + "".join(seps(k) + w for k, w in enumerate(words[1:], 1))


def _only_passage_over(result, start, end):
    found = [m for m in result.matches if m.b_start < end and m.b_end > start]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("style", ["lines-and-blank-lines", "every-space-a-line-break", "every-space-a-blank-line",
                                   "crlf-blank-lines", "tabs-and-no-break-spaces"])
def test_copy_whose_spaces_became_line_breaks_is_one_verbatim_passage_covering_it(style):
    a = read(2) + "\n\n" + read(3)  # the original paragraph, and its rewrite further on
    assert a.count(HACKERS) == 1
    copy = _broken(HACKERS, style)
    b = FILLER_B * 3 + "\n\n" + copy + "\n\n" + FILLER_B
    m = _only_passage_over(align(a, b), b.index(copy), b.index(copy) + len(copy))
    assert m.kind == VERBATIM
    assert (m.a_start, m.a_end) == (a.index(HACKERS), a.index(HACKERS) + len(HACKERS) - 1)  # up to the last word
    assert (m.b_start, m.b_end) == (b.index(copy), b.index(copy) + len(copy) - 1)
    assert a[m.a_start:m.a_end].split() == b[m.b_start:m.b_end].split()


def test_copy_cut_into_other_sentences_by_blank_lines_in_the_original_is_one_verbatim_passage():
    original = _broken(HACKERS, "lines-and-blank-lines")
    a = read(2).replace(HACKERS, original) + "\n\n" + read(3)
    b = FILLER_B * 3 + "\n\n" + HACKERS + "\n\n" + FILLER_B
    m = _only_passage_over(align(a, b), b.index(HACKERS), b.index(HACKERS) + len(HACKERS))
    assert m.kind == VERBATIM
    assert (m.a_start, m.a_end) == (a.index(original), a.index(original) + len(original) - 1)
    assert (m.b_start, m.b_end) == (b.index(HACKERS), b.index(HACKERS) + len(HACKERS) - 1)


TYPESET = ("The minister called the new line “a turning point for the whole region” on Monday. "
           "The tunnel — dug over six long years — opens to passengers in May, and the region’s "
           "councils expect the first trains to run full from the start.")


@pytest.mark.parametrize("variant", [
    TYPESET.replace("“", '"').replace("”", '"').replace("—", "-").replace("’", "'"),  # straight quotes, hyphens
    TYPESET.replace("“", "« ").replace("”", " »").replace("—", "–"),  # guillemets, en dashes
    TYPESET.replace("’", "ʼ").replace(" — ", "--"),  # modifier-letter apostrophe, double hyphens
    TYPESET.upper(),
    TYPESET.replace(". ", ".\n\n").replace(", ", ",\n"),
])
def test_copy_with_other_quote_marks_dashes_case_or_spacing_is_verbatim(variant):
    a = FILLER_A + COPIED + " " + TYPESET + " " + FILLER_A
    b = FILLER_B + COPIED + " " + variant + " " + FILLER_B
    (m,) = align(a, b).matches
    assert m.kind == VERBATIM
    assert (m.a_start, m.a_end) == (len(FILLER_A), len(FILLER_A) + len(COPIED) + 1 + len(TYPESET) - 1)
    assert (m.b_start, m.b_end) == (len(FILLER_B), len(FILLER_B) + len(COPIED) + 1 + len(variant) - 1)


def test_copy_between_stray_straight_quote_marks_is_verbatim_not_a_quote():
    # '5"' (inches) and '"good"' once paired into one quotation spanning the whole of B, so the
    # copy became a "quote" whose B side was all of that, sharing nothing with the A side.
    a = FILLER_A + "The report said: “" + COPIED + "” " + FILLER_A
    b = 'He measured the 5" screen first. ' + FILLER_B * 3 + COPIED + " " + FILLER_B * 3 + 'He called it "good" too.'
    (m,) = align(a, b).matches
    assert m.kind == VERBATIM
    assert a[m.a_start:m.a_end] == b[m.b_start:m.b_end] == COPIED[:-1]


def _with_stray_quote_marks(text: str, every: int) -> str:
    words = text.split(" ")
    return " ".join(w + '"' if k % every == every - 1 else w for k, w in enumerate(words))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs(), configs, st.sampled_from([0, 7, 40]), st.sampled_from([0, 11, 60]))
def test_every_passage_has_sides_of_comparable_length(pair, config, stray_a, stray_b):
    a, b = pair
    if stray_a:
        a = _with_stray_quote_marks(a, stray_a)
    if stray_b:
        b = _with_stray_quote_marks(b, stray_b)
    for m in align(a, b, config).matches:
        long, short = sorted((m.a_end - m.a_start, m.b_end - m.b_start), reverse=True)
        assert long <= MAX_SIDE_RATIO * short, m


def test_every_passage_of_a_seed_rewrite_has_sides_of_comparable_length():
    for pair in ((2, 3), (2, 4), (0, 1), (3, 4)):
        for config in (AlignConfig(), AlignConfig(looseness=1.0)):
            for m in align(read(pair[0]), read(pair[1]), config).matches:
                long, short = sorted((m.a_end - m.a_start, m.b_end - m.b_start), reverse=True)
                assert long <= MAX_SIDE_RATIO * short


PAN = seed_path(0).parents[1] / ".." / "shared" / "pan13-train"


@pytest.mark.skipif(not PAN.is_dir(), reason="shared/pan13-train is absent")
@pytest.mark.parametrize("pair", [
    # (source, suspicious, copy in the source, copy in the suspicious document)
    ("source-document01592.txt", "suspicious-document00749.txt", (3652, 4143), (19219, 19710)),
    ("source-document03216.txt", "suspicious-document00682.txt", (2795, 3255), (355, 815)),
    ("source-document03067.txt", "suspicious-document00111.txt", (334, 1099), (11046, 11811)),
])
def test_pan_copies_are_not_traded_for_a_loose_summary_elsewhere(pair):
    """These copies were missed: a wide "summary" cluster glued from echoes overlapped them on one
    side and replaced them, reporting a loose match elsewhere instead."""
    src, susp, (a0, a1), (b0, b1) = pair
    a = (PAN / "src" / src).read_text(encoding="utf-8")
    b = (PAN / "susp" / susp).read_text(encoding="utf-8")
    found = [m for m in align(a, b).matches if m.a_start < a1 and m.a_end > a0 and m.b_start < b1 and m.b_end > b0]
    assert all(m.kind == VERBATIM for m in found)
    covered_a = sum(min(m.a_end, a1) - max(m.a_start, a0) for m in found)
    covered_b = sum(min(m.b_end, b1) - max(m.b_start, b0) for m in found)
    assert covered_a >= 0.95 * (a1 - a0) and covered_b >= 0.95 * (b1 - b0)
