"""``find_seeds`` gives exactly the seeds of counting every posting (its first, plain version).

On long texts ``find_seeds`` finds candidates with bit sets and length masks instead of counting
each posting; the plain count below is the oracle: same pairs, same cosine and Dice floats, same
order, whichever way ``find_seeds`` goes.
"""

import math
import random
from collections import Counter
from itertools import chain

import pytest

from reader.core.seeding import FREQUENT_MIN, FREQUENT_SHARE, cosine, find_seeds, prepare, weigh
from tests.conftest import seed_path


def counted_seeds(pa, pb, vectors, threshold, dice_threshold=None):
    """``find_seeds`` as it was first written: every posting of every unit of B counted."""
    if dice_threshold is None:
        dice_threshold = threshold
    postings = {}
    for i, u in enumerate(pa.units):
        for t in u.terms:
            postings.setdefault(t, []).append(i)
    frequent = max(FREQUENT_MIN, len(pa.units) // FREQUENT_SHARE)
    seeds = []
    for j, u in enumerate(pb.units):
        terms = u.terms
        need = max(1, math.ceil(dice_threshold * len(terms) / (2.0 - dice_threshold) - 1e-9))
        walked, skipped = [], 0
        for t in terms:
            post = postings.get(t)
            if post is None:
                continue
            if len(post) > frequent:
                skipped += 1
                continue
            walked.append(post)
        counts = Counter(chain.from_iterable(walked))
        least = max(1, need - skipped)
        for i, k in counts.items():
            if k < least:
                continue
            x = pa.units[i].terms
            d = 2.0 * (k if not skipped else len(x.keys() & terms.keys())) / (len(x) + len(terms))
            if d < dice_threshold:
                continue
            c = cosine(vectors.a[i], vectors.b[j])
            if c >= threshold:
                seeds.append((i, j, c, d))
    seeds.sort()
    return seeds


THRESHOLDS = [(0.2475, None), (0.33, None), (0.45, None), (0.1125, None), (0.33, 0.2), (0.2, 0.5),
              (0.0, None), (1.0, None)]


def assert_same_seeds(text_a, text_b, thresholds=THRESHOLDS):
    pa, pb = prepare(text_a), prepare(text_b)
    vectors = weigh(pa, pb)
    for threshold, dice_threshold in thresholds:
        expected = counted_seeds(pa, pb, vectors, threshold, dice_threshold)
        for bit_sets in (None, True, False):  # as chosen by the texts' size, and either way
            found = find_seeds(pa, pb, vectors, threshold, dice_threshold, bit_sets=bit_sets)
            assert found == expected, (threshold, dice_threshold, bit_sets)


def sentences(rng, vocabulary, n, longest=14):
    return " ".join(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, longest))) + "."
                    for _ in range(n))


@pytest.mark.parametrize("a,b", [(a, b) for a in range(5) for b in range(5)])
def test_seed_pairs_give_the_counted_seeds(a, b):
    assert_same_seeds(seed_path(a).read_text(encoding="utf-8"), seed_path(b).read_text(encoding="utf-8"))


def test_frequent_words_give_the_counted_seeds():
    # Half the words from a few common ones (each in more than FREQUENT_MIN units: units of B
    # skip them), half from many rare ones.
    rng = random.Random(5)
    vocabulary = [f"w{k}" for k in range(30)] * 50 + [f"r{k}" for k in range(1500)]
    a, b = sentences(rng, vocabulary, 2000), sentences(rng, vocabulary, 300)
    pa = prepare(a)
    frequent = max(FREQUENT_MIN, len(pa.units) // FREQUENT_SHARE)
    assert sum(1 for u in pa.units if "w1" in u.terms) > frequent
    assert_same_seeds(a, b + " " + a[:3000], [(0.2475, None), (0.33, None), (0.1125, None)])


def test_long_texts_over_several_blocks_give_the_counted_seeds():
    # More than 8,192 units in A: its units are taken in blocks.
    rng = random.Random(7)
    vocabulary = [f"v{k}" for k in range(2500)]
    a = sentences(rng, vocabulary, 17000, longest=8)
    b = sentences(rng, vocabulary, 600, longest=8) + " " + a[:20000]
    assert_same_seeds(a, b, [(0.2475, None)])


@pytest.mark.parametrize("bit_sets", [True, False])
def test_progress_ticks_as_before(bit_sets):
    pa = prepare(seed_path(2).read_text(encoding="utf-8") * 40)
    pb = prepare(seed_path(3).read_text(encoding="utf-8") * 40)
    ticks = []
    find_seeds(pa, pb, weigh(pa, pb), 0.25, tick=lambda done, total: ticks.append((done, total)), bit_sets=bit_sets)
    assert ticks == [(j, len(pb.units)) for j in range(0, len(pb.units), 256)]
