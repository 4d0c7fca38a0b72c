"""Shingles and the candidate index: stable hashes, normalisation, common shingles, candidates."""

import subprocess
import sys

import pytest

from reader.core.shingles import ShingleIndex, content_word_ids, shingles
from tests.conftest import ROOT, seed_path

SENTENCE = "The organisations were accused of arming Hamas and training the Houthis in Yemen."


def test_content_words_drop_stopwords_and_fold_spelling():
    british = content_word_ids("The organisations of the world")
    american = content_word_ids("organization world")
    assert british == american
    assert len(british) == 2  # "the", "of" are stopwords


def test_shingle_hashes_are_stable_across_processes():
    # Worker processes compute shingles; str hashing is salted per process, ours must not be.
    code = ("from reader.core.shingles import shingles\n"
            f"print(sorted(shingles({SENTENCE!r})))\n")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              cwd=ROOT, env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1
    assert outputs.pop().strip() == str(sorted(shingles(SENTENCE)))


def test_shingles_of_short_text():
    assert shingles("Hamas") == set()
    assert len(shingles("accused arming Hamas")) == 1


def test_index_candidates_and_scores():
    index = ShingleIndex()
    index.add("a", "alpha bravo charlie delta echo foxtrot golf hotel india juliet")
    index.add("b", "alpha bravo charlie delta echo kilo lima mike november oscar")
    index.add("c", "papa quebec romeo sierra tango uniform victor whiskey xray yankee")
    assert len(index) == 3 and "b" in index
    # A shingle only the query and one document carry scores 1 for that document.
    assert index.candidates_for("golf hotel india juliet", min_score=1) == [("a", 2.0)]
    # The three shingles of "alpha bravo charlie delta echo" are carried by a, b and the query:
    # each is worth 1/(3-1) to each pair.
    assert index.candidates_for("alpha bravo charlie delta echo zulu", min_score=1) == [("a", 1.5), ("b", 1.5)]
    # Already indexed, the document itself is discounted and left out.
    assert index.candidates_for(hashes=shingles("alpha bravo charlie delta echo"), exclude="a",
                                min_score=1) == [("b", 3.0)]
    assert index.candidate_pairs(min_score=3) == [("a", "b", 3.0)]
    assert index.candidate_pairs(min_score=3.5) == []
    with pytest.raises(KeyError):
        index.add("a", "anything at all here")


def test_material_many_documents_share_weighs_less_than_a_pairs_own_text():
    quote = "we kiss the hands of those who planned the attack on the zionist regime"
    index = ShingleIndex()
    for k in range(6):  # six reports carry the same quotation, each with its own words
        index.add(k, f"{quote} report{k} words{k} own{k} text{k}")
    index.add("copy", "report0 words0 own0 text0 mirror")  # takes report 0's own words
    pairs = {(a, b): v for a, b, v in index.candidate_pairs(min_score=0.1)}
    assert pairs[(0, "copy")] == 2.0  # its two own shingles, carried by nobody else
    assert pairs[(0, 1)] == pytest.approx(4 / 5)  # four quotation shingles, each in six documents
    assert [(a, b) for a, b, _ in index.candidate_pairs(min_score=2)] == [(0, "copy")]


def test_too_common_shingles_are_ignored():
    index = ShingleIndex(max_df=3)
    for k in range(4):
        index.add(k, f"stock phrase market word{k} other{k} more{k}")
    # "stock phrase market" is in four documents (> max_df): it no longer proposes anything.
    assert index.candidates_for("stock phrase market", min_score=0.01) == []
    small = ShingleIndex(max_df=3)
    for k in range(3):
        small.add(k, f"stock phrase market word{k}")
    assert small.candidates_for("stock phrase market", min_score=0.01) == [(0, 0.333333), (1, 0.333333), (2, 0.333333)]


def test_per_doc_cap_keeps_each_documents_best_candidates():
    index = ShingleIndex()
    base = "alpha bravo charlie delta echo foxtrot golf hotel india juliet"
    index.add("hub", base)
    index.add("close", base)  # shares 8 shingles with hub, 6 of them its own
    index.add("far", "alpha bravo charlie delta zulu yankee")  # shares 2, carried by 3 and 4 documents
    index.add("farther", "alpha bravo charlie xray whiskey victor")  # shares 1, carried by 4
    assert index.candidate_pairs(min_score=0.3) == [
        ("hub", "close", 6.833333), ("hub", "far", 0.833333), ("close", "far", 0.833333), ("hub", "farther", 0.333333),
        ("close", "farther", 0.333333), ("far", "farther", 0.333333)]
    capped = [(a, b) for a, b, _ in index.candidate_pairs(min_score=0.3, per_doc=1)]
    # far's best is hub (ties broken by index order), farther's best is hub: close–far goes.
    assert capped == [("hub", "close"), ("hub", "far"), ("hub", "farther")]


def test_seed_rewrites_are_candidates_and_independent_reports_rank_lower():
    index = ShingleIndex()
    for n in range(5):
        index.add(n, seed_path(n).read_text(encoding="utf-8"))
    shared = {(a, b): c for a, b, c in index.candidate_pairs(min_score=0.1)}
    for pair in ((2, 3), (2, 4), (3, 4)):
        assert shared[pair] >= 10, pair
    # Every rewrite pair shares more shingles than any pair involving the independent 000/001.
    weakest_rewrite = min(shared[(2, 3)], shared[(2, 4)], shared[(3, 4)])
    assert max(c for (a, b), c in shared.items() if a in (0, 1)) < weakest_rewrite
