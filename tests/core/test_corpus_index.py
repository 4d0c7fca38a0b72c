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


def test_index_candidates_and_shared_counts():
    index = ShingleIndex()
    index.add("a", "alpha bravo charlie delta echo foxtrot golf hotel india juliet")
    index.add("b", "alpha bravo charlie delta echo kilo lima mike november oscar")
    index.add("c", "papa quebec romeo sierra tango uniform victor whiskey xray yankee")
    assert len(index) == 3 and "b" in index
    # a and b share the shingles of "alpha bravo charlie delta echo": three of them.
    assert index.candidates_for("alpha bravo charlie delta echo zulu", min_shared=1) == [("a", 3), ("b", 3)]
    assert index.candidates_for("charlie delta echo foxtrot", min_shared=1) == [("a", 2), ("b", 1)]
    assert index.candidates_for(hashes=shingles("alpha bravo charlie delta echo"), exclude="a") == [("b", 3)]
    assert index.candidate_pairs(min_shared=3) == [("a", "b", 3)]
    assert index.candidate_pairs(min_shared=4) == []
    with pytest.raises(KeyError):
        index.add("a", "anything at all here")


def test_too_common_shingles_are_ignored():
    index = ShingleIndex(max_df=3)
    for k in range(4):
        index.add(k, f"stock phrase market word{k} other{k} more{k}")
    # "stock phrase market" is in four documents (> max_df): it no longer proposes anything.
    assert index.candidates_for("stock phrase market", min_shared=1) == []
    small = ShingleIndex(max_df=3)
    for k in range(3):
        small.add(k, f"stock phrase market word{k}")
    assert [k for k, _ in small.candidates_for("stock phrase market", min_shared=1)] == [0, 1, 2]


def test_per_doc_cap_keeps_each_documents_best_candidates():
    index = ShingleIndex()
    base = "alpha bravo charlie delta echo foxtrot golf hotel india juliet"
    index.add("hub", base)
    index.add("close", base)  # shares 8 shingles with hub
    index.add("far", "alpha bravo charlie delta zulu yankee")  # shares 2
    index.add("farther", "alpha bravo charlie xray whiskey victor")  # shares 1
    assert [(a, b) for a, b, _ in index.candidate_pairs(min_shared=1)] == [
        ("hub", "close"), ("hub", "far"), ("close", "far"), ("hub", "farther"), ("close", "farther"),
        ("far", "farther")]
    capped = [(a, b) for a, b, _ in index.candidate_pairs(min_shared=1, per_doc=1)]
    # far's best is hub (ties broken by index order), farther's best is hub: close–far goes.
    assert capped == [("hub", "close"), ("hub", "far"), ("hub", "farther")]


def test_seed_rewrites_are_candidates_and_independent_reports_rank_lower():
    index = ShingleIndex()
    for n in range(5):
        index.add(n, seed_path(n).read_text(encoding="utf-8"))
    shared = {(a, b): c for a, b, c in index.candidate_pairs(min_shared=1)}
    for pair in ((2, 3), (2, 4), (3, 4)):
        assert shared[pair] >= 10, pair
    # Every rewrite pair shares more shingles than any pair involving the independent 000/001.
    weakest_rewrite = min(shared[(2, 3)], shared[(2, 4)], shared[(3, 4)])
    assert max(c for (a, b), c in shared.items() if a in (0, 1)) < weakest_rewrite
